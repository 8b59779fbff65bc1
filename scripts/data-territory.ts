/**
 * `npm run data:territory -- --epci SIREN | --departement CODE | --commune INSEE [--dpe] [--bdnb]
 * [--since YYYY-MM-DD] [--out DOSSIER] [--json]`: fetches the open data of a territory (ADEME DPE
 * through the data-fair API, BDNB archives of its départements), keeps the downloads under
 * `data/territories/<code>/`, validates them through the same import path as `npm run import` and
 * builds the browser data as `data:build` does (manifest `built_by: "data:territory"`, with the
 * sources, their date and counts). Progress goes to stderr; the summary to stdout (French text, or
 * one JSON object with `--json`). Without `--dpe` nor `--bdnb`, both are fetched.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { formatInteger } from '../src/domain/format.ts';
import { ImportError } from '../src/ingest/import-error.ts';
import { DataFairError } from '../src/opendata/data-fair-client.ts';
import { DPE_API_DEFAULT, DPE_API_VARIABLE } from '../src/opendata/dpe-api.ts';
import { buildData } from './data-build.ts';
import { runCommand, UsageError } from './lib/cli-error.ts';
import { cliOptions, parseOptions } from './lib/cli-options.ts';
import { DownloadError } from './lib/download.ts';
import { fetchTerritoryBdnb } from './lib/territory-bdnb.ts';
import { refreshTerritoryDpe } from './lib/territory-dpe-store.ts';
import { resolveTerritory, type TerritoryKind } from './lib/territory-selection.ts';
import {
  describeTerritoryFetch,
  type TerritoryFetchSummary,
  territoryBuildOptions,
} from './lib/territory-summary.ts';

const USAGE =
  'Usage : npm run data:territory -- --epci SIREN | --departement CODE | --commune INSEE [--dpe] [--bdnb] [--since AAAA-MM-JJ] [--out DOSSIER] [--json]';

const OPTIONS = cliOptions(
  ['epci', 'departement', 'commune', 'since', 'out'],
  ['dpe', 'bdnb', 'json'],
);

/** Folder of the raw downloads (`CASBA_TERRITORIES_DIR` to move it). */
export function territoriesDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.CASBA_TERRITORIES_DIR ?? 'data/territories');
}

function parseCommandLine(argv: string[]) {
  const parsed = parseOptions(argv, OPTIONS, (reason) => new UsageError(`${reason}. ${USAGE}`));
  const values = parsed.values;
  const given = (['epci', 'departement', 'commune'] as const).filter(
    (k) => values[k] !== undefined,
  );
  if (values.help !== true && given.length !== 1) {
    throw new UsageError(
      `Donnez un seul territoire (--epci, --departement ou --commune). ${USAGE}`,
    );
  }
  if (values.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.since)) {
    throw new UsageError(`--since attend une date AAAA-MM-JJ, reçu « ${values.since} ». ${USAGE}`);
  }
  const both = values.dpe !== true && values.bdnb !== true;
  return {
    help: values.help === true,
    kind: given[0] as TerritoryKind,
    code: given[0] === undefined ? '' : (values[given[0]] as string),
    dpe: both || values.dpe === true,
    bdnb: both || values.bdnb === true,
    since: values.since,
    out: values.out ?? 'public/data',
    json: values.json === true,
  };
}

function progressLine(text: string): void {
  process.stderr.write(`${text}\n`);
}

async function main(argv: string[]): Promise<number> {
  const args = parseCommandLine(argv);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const out = resolve(args.out);
  if (
    existsSync(out) &&
    readdirSync(out).length > 0 &&
    !readdirSync(out).includes('manifest.json')
  ) {
    throw new UsageError(
      `Le dossier ${args.out} existe, n’est pas vide et ne contient pas de manifest.json : choisissez un dossier vide ou un dossier de données.`,
    );
  }
  const territory = resolveTerritory(args.kind, args.code);
  const root = join(territoriesDir(), territory.code);
  progressLine(
    `Territoire : ${territory.name} (${territory.code}), ${formatInteger(territory.communes.length)} commune(s), département(s) ${territory.departements.join(', ')}.`,
  );
  const summary: TerritoryFetchSummary = { territory, root, out };
  const paths: string[] = [];
  try {
    if (args.dpe) {
      const base = process.env[DPE_API_VARIABLE] ?? DPE_API_DEFAULT;
      const started = Date.now();
      let lastLine = 0;
      const dpe = await refreshTerritoryDpe({
        dir: join(root, 'dpe'),
        base,
        communes: territory.communes,
        ...(args.since === undefined ? {} : { since: args.since }),
        onRetry: (reason, attempt, delay) =>
          progressLine(
            `  nouvel essai dans ${formatInteger(delay / 1000)} s (essai ${attempt}) : ${reason}`,
          ),
        onProgress: (p) => {
          if (Date.now() - lastLine < 1000 && p.requestsDone < p.requests) return;
          lastLine = Date.now();
          const total = p.expected > 0 ? ` sur ≈ ${formatInteger(p.expected)}` : '';
          progressLine(
            `  DPE : requête ${p.requestsDone}/${p.requests}, ${formatInteger(p.pages)} page(s), ${formatInteger(p.rows)} DPE${total}, ${formatInteger(p.bytes / 1e6)} Mo`,
          );
        },
      });
      progressLine(
        `  DPE : ${formatInteger(dpe.run.rows_fetched)} reçus en ${formatInteger((Date.now() - started) / 1000)} s${dpe.run.since === null ? '' : ` (modifiés depuis le ${dpe.run.since})`}${dpe.resumed ? ', reprise d’une récupération interrompue' : ''}.`,
      );
      summary.dpe = { base, result: dpe };
      paths.push(dpe.currentCsv);
    }
    if (args.bdnb) {
      const bdnb = await fetchTerritoryBdnb({
        dir: join(root, 'bdnb'),
        territory,
        log: progressLine,
      });
      summary.bdnb = bdnb;
      paths.push(...bdnb.tables);
    }
  } catch (error) {
    if (error instanceof DataFairError || error instanceof DownloadError) {
      throw new ImportError(
        `récupération impossible : ${error.message}. Les données déjà récupérées sont inchangées ; relancez la même commande pour reprendre.`,
      );
    }
    throw error;
  }
  const built = await buildData(paths, out, progressLine, territoryBuildOptions(summary));
  const { text, ...result } = describeTerritoryFetch(summary, built);
  process.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : `${text}\n`);
  progressLine(
    `Fichiers récupérés gardés dans ${root} ; données construites dans ${basename(out)}.`,
  );
  return 0;
}

if (process.argv[1]?.endsWith('data-territory.ts') === true) {
  runCommand(() => main(process.argv.slice(2)));
}
