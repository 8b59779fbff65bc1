/**
 * `npm run programme -- [options]`: the programme's steering figures from its configuration and
 * its three CSV files (the demo data by default, generated when absent).
 *
 *   --json                      print the figures as JSON (KPIs, budget, calls for funds, savings…)
 *   --config FILE               configuration (default data/programme/casba.json)
 *   --territories F --carnets F --works F   the programme's CSV files (all three, else the demo)
 *   --demo-dir DIR              where the demo files are read or generated (default data/build/programme-demo)
 *   --regenerate-demo           regenerate the demo files even if present
 *   --seed N                    seed of a generated demo
 *   --quarter 2020-Q3 [--out F] that quarter's list of final beneficiaries (CSV; stdout without --out)
 *   --authorities-out F         the list of adopting authorities (CSV)
 *
 * Data goes to stdout, messages to stderr (French). Invalid configuration or files: one line per
 * problem on stderr, exit code 1; wrong usage: exit code 2.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_PROGRAMME_CONFIG } from '../src/domain/programme-config.ts';
import { DEMO_SOURCE, isDemoData } from '../src/domain/programme-data.ts';
import { parseQuarter } from '../src/domain/programme-dates.ts';
import {
  computeProgrammeSummary,
  formatProgrammeSummaryText,
} from '../src/domain/programme-summary.ts';
import { formatAdoptingAuthoritiesCsv } from '../src/export/adopting-authorities.ts';
import {
  formatCeeBeneficiariesCsv,
  listQuarterBeneficiaries,
} from '../src/export/cee-beneficiaries.ts';
import type { ProgrammeFiles } from '../src/ingest/programme-csv.ts';
import { cliOptions, parseOptions } from './lib/cli-options.ts';
import { buildCogTerritory, loadCogInput } from './lib/cog-territory.ts';
import {
  DEMO_PROGRAMME_DIR,
  DEMO_PROGRAMME_FILES,
  DEMO_PROGRAMME_SEED,
  generateDemoProgramme,
  writeDemoProgramme,
} from './lib/demo-programme.ts';
import {
  CliError,
  importProgrammeFiles,
  loadProgrammeConfig,
  PROGRAMME_FILE_NAMES,
  runCli,
} from './lib/programme-inputs.ts';
import { REPO_ROOT } from './lib/sources.ts';

function usage(message: string): CliError {
  return new CliError([`${message} Voir l'aide : npm run programme -- --help`], 2);
}

const HELP = `Usage : npm run programme -- [--json] [--config FICHIER] [--territories F --carnets F --works F]
         [--demo-dir DOSSIER] [--regenerate-demo] [--seed N]
         [--quarter AAAA-Qn [--out FICHIER]] [--authorities-out FICHIER]
Sans fichiers de données, les données de démonstration (fictives) sont utilisées et générées si absentes.
`;

const OPTIONS = cliOptions(
  [
    'config',
    'territories',
    'carnets',
    'works',
    'demo-dir',
    'seed',
    'quarter',
    'out',
    'authorities-out',
  ],
  ['json', 'regenerate-demo'],
);

function readArgs(argv: string[]) {
  return parseOptions(argv, OPTIONS, (reason) => usage(`Option invalide : ${reason}.`)).values;
}

/** Runs the command; returns the exit code. */
export function main(argv: string[]): number {
  const args = readArgs(argv);
  if (args.help === true) {
    process.stdout.write(HELP);
    return 0;
  }
  const configPath = resolve(args.config ?? resolve(REPO_ROOT, DEFAULT_PROGRAMME_CONFIG));
  const config = loadProgrammeConfig(configPath);

  const given = [args.territories, args.carnets, args.works].filter((f) => f !== undefined);
  if (given.length > 0 && given.length < 3) {
    throw usage('Donnez les trois fichiers ensemble : --territories, --carnets et --works.');
  }
  const quarter = args.quarter === undefined ? undefined : parseQuarter(args.quarter);
  if (quarter === null) {
    throw usage(
      `Trimestre illisible : « ${args.quarter} » (attendu : AAAA-Qn, par exemple 2020-Q3).`,
    );
  }
  if (args.out !== undefined && quarter === undefined) throw usage('--out va avec --quarter.');
  const seed = args.seed === undefined ? DEMO_PROGRAMME_SEED : Number(args.seed);
  if (!Number.isSafeInteger(seed))
    throw usage(`Graine invalide : « ${args.seed} » (entier attendu).`);

  const demoDir =
    given.length === 3 ? null : resolve(args['demo-dir'] ?? resolve(REPO_ROOT, DEMO_PROGRAMME_DIR));
  const files: ProgrammeFiles<string> =
    demoDir === null
      ? {
          territories: resolve(args.territories ?? ''),
          carnets: resolve(args.carnets ?? ''),
          works: resolve(args.works ?? ''),
        }
      : {
          territories: resolve(demoDir, DEMO_PROGRAMME_FILES.territories),
          carnets: resolve(demoDir, DEMO_PROGRAMME_FILES.carnets),
          works: resolve(demoDir, DEMO_PROGRAMME_FILES.works),
        };
  const missing = (Object.keys(files) as (keyof typeof PROGRAMME_FILE_NAMES)[]).filter(
    (kind) => !existsSync(files[kind]),
  );
  if (demoDir === null && missing.length > 0) {
    throw new CliError(
      missing.map((kind) => `${PROGRAMME_FILE_NAMES[kind]} introuvable : ${files[kind]}`),
    );
  }

  const cog = buildCogTerritory(loadCogInput());
  if (
    demoDir !== null &&
    (missing.length > 0 || args['regenerate-demo'] === true || args.seed !== undefined)
  ) {
    const demo = generateDemoProgramme(cog, config, { seed });
    writeDemoProgramme(demoDir, demo, config);
    console.error(
      `Données de démonstration FICTIVES générées dans ${demoDir} (graine ${seed}) : ${demo.data.territories.length} territoires, ${demo.data.carnets.length} carnets, ${demo.data.works.length} travaux.`,
    );
  }

  const imported = importProgrammeFiles(files, config, cog);
  const epcis = new Map(cog.epcis.map((e) => [e.code_epci, e]));
  const demo = isDemoData(imported.data);
  const epciName = (siren: string) => epcis.get(siren)?.nom_epci;

  if (quarter !== undefined) {
    const csv = formatCeeBeneficiariesCsv(config, imported.data, quarter, { epciName });
    const count = listQuarterBeneficiaries(config, imported.data, quarter).length;
    if (args.out !== undefined) {
      writeFileSync(resolve(args.out), csv);
      console.error(
        `Bénéficiaires ${quarter.label} : ${count} carnets écrits dans ${resolve(args.out)}.`,
      );
    } else if (args.json !== true) {
      process.stdout.write(csv);
    }
  }
  if (args['authorities-out'] !== undefined) {
    const path = resolve(args['authorities-out']);
    writeFileSync(path, formatAdoptingAuthoritiesCsv(config, imported.data));
    console.error(`Collectivités adhérentes écrites dans ${path}.`);
  }
  if (demo) console.error('Attention : données de démonstration FICTIVES.');

  const summary = computeProgrammeSummary(config, imported.data);
  if (args.json === true) {
    const output = {
      programme: {
        id: config.id,
        name: config.name,
        reference: config.reference,
        calendar: config.calendar,
        config: configPath,
      },
      data: {
        demo,
        ...(demo ? { notice: `Données de démonstration fictives (source = ${DEMO_SOURCE})` } : {}),
        files,
      },
      imports: imported.reports,
      ...summary,
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } else if (quarter === undefined || args.out !== undefined) {
    process.stdout.write(formatProgrammeSummaryText(config, summary));
  }
  return 0;
}

runCli(main);
