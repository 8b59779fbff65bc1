/**
 * `npm run opendata -- --out DIR [options]`: the anonymised open-data export of the programme
 * (carnets and works per commune and per EPCI, statistical secret applied): DIR/communes.csv,
 * DIR/epci.csv and DIR/README.md. The demo programme data by default (generated when absent).
 *
 *   --out DIR                   output directory (created if needed)
 *   --territories F --carnets F --works F   the programme's CSV files (all three, else the demo)
 *   --config FILE               programme configuration (default data/programme/casba.json)
 *   --demo-dir DIR              where the demo files are read or generated (default data/build/programme-demo)
 *
 * The suppression pattern is the one the dashboard shows (communes, EPCI, partner regions, total).
 * The files, and that whole pattern, are audited (recovery check of every suppressed cell from the
 * published totals) before anything is written; nothing is written if either audit fails. Prints a JSON summary on
 * stdout; on failure one French line on stderr and exit code 1 (2 for wrong usage).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_PROGRAMME_CONFIG, type ProgrammeConfig } from '../src/domain/programme-config.ts';
import { buildOpenDataExport, OPEN_DATA_FILES } from '../src/export/open-data.ts';
import type { ProgrammeFiles } from '../src/ingest/programme-csv.ts';
import { cliOptions, parseOptions } from './lib/cli-options.ts';
import { buildCogTerritory, type CogTerritory, loadCogInput } from './lib/cog-territory.ts';
import {
  DEMO_PROGRAMME_DIR,
  DEMO_PROGRAMME_FILES,
  generateDemoProgramme,
  writeDemoProgramme,
} from './lib/demo-programme.ts';
import {
  CliError,
  importProgrammeFiles,
  loadProgrammeConfig,
  PROGRAMME_FILE_NAMES,
  PROGRAMME_TERRITORY_REFERENCE,
  runCli,
} from './lib/programme-inputs.ts';
import { REPO_ROOT } from './lib/sources.ts';

const HELP = `Usage : npm run opendata -- --out DOSSIER [--territories F --carnets F --works F]
         [--config FICHIER] [--demo-dir DOSSIER]
Écrit communes.csv, epci.csv et README.md (secret statistique appliqué et vérifié).
Sans fichiers de données, les données de démonstration (fictives) sont utilisées et générées si absentes.
`;

const usage = (message: string) =>
  new CliError([`${message} Voir l'aide : npm run opendata -- --help`], 2);

const OPTIONS = cliOptions(['out', 'territories', 'carnets', 'works', 'config', 'demo-dir']);

function readArgs(argv: string[]) {
  return parseOptions(argv, OPTIONS, (reason) => usage(`Option invalide : ${reason}.`)).values;
}

/** The three data files given on the command line, or null for the demo; checked to exist. */
function givenFiles(args: ReturnType<typeof readArgs>): ProgrammeFiles<string> | null {
  const given = [args.territories, args.carnets, args.works].filter((f) => f !== undefined);
  if (given.length === 0) return null;
  if (given.length < 3) {
    throw usage('Donnez les trois fichiers ensemble : --territories, --carnets et --works.');
  }
  const files = {
    territories: resolve(args.territories ?? ''),
    carnets: resolve(args.carnets ?? ''),
    works: resolve(args.works ?? ''),
  };
  for (const kind of Object.keys(files) as (keyof typeof files)[]) {
    if (!existsSync(files[kind]))
      throw new CliError([`${PROGRAMME_FILE_NAMES[kind]} introuvable : ${files[kind]}`]);
  }
  return files;
}

/** The demo files, generated (with the default seed) when one is missing. */
function demoFiles(
  dir: string,
  cog: CogTerritory,
  config: ProgrammeConfig,
): ProgrammeFiles<string> {
  const files = {
    territories: join(dir, DEMO_PROGRAMME_FILES.territories),
    carnets: join(dir, DEMO_PROGRAMME_FILES.carnets),
    works: join(dir, DEMO_PROGRAMME_FILES.works),
  };
  if (Object.values(files).some((f) => !existsSync(f))) {
    writeDemoProgramme(dir, generateDemoProgramme(cog, config), config);
    console.error(`Données de démonstration FICTIVES générées dans ${dir}.`);
  }
  return files;
}

/** Runs the command; returns the exit code. */
export function main(argv: string[]): number {
  const args = readArgs(argv);
  if (args.help === true) {
    process.stdout.write(HELP);
    return 0;
  }
  if (args.out === undefined || args.out === '')
    throw usage('Dossier de sortie manquant : --out DOSSIER.');
  const out = resolve(args.out);
  const given = givenFiles(args);
  const config = loadProgrammeConfig(
    resolve(args.config ?? resolve(REPO_ROOT, DEFAULT_PROGRAMME_CONFIG)),
  );
  const cog = buildCogTerritory(loadCogInput());
  const files =
    given ??
    demoFiles(resolve(args['demo-dir'] ?? resolve(REPO_ROOT, DEMO_PROGRAMME_DIR)), cog, config);
  const imported = importProgrammeFiles(files, config, cog);

  const result = buildOpenDataExport({
    data: imported.data,
    membership: cog.communes,
    partnerRegions: config.partner_regions.map((r) => r.code),
    programme: { name: config.name, reference: config.reference },
    territoryReference: PROGRAMME_TERRITORY_REFERENCE,
  });
  const failed = [result.audit, result.patternAudit].find((audit) => !audit.passed);
  if (failed !== undefined) {
    const first = failed.disclosures[0];
    const where = failed === result.audit ? 'fichiers' : 'tableau de bord et fichiers';
    const why = first
      ? `${failed.disclosures.length} case(s) masquée(s) retrouvable(s) (${where}), dont ${first.id} dans [${first.min}, ${first.max}]`
      : `contrôle non concluant (${where} : système non hiérarchique ou non convergé)`;
    throw new CliError([
      `Export refusé, secret statistique non garanti : ${why}. Rien n'a été écrit.`,
    ]);
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, OPEN_DATA_FILES.communes), result.files.communes);
  writeFileSync(join(out, OPEN_DATA_FILES.epci), result.files.epci);
  writeFileSync(join(out, OPEN_DATA_FILES.readme), result.files.readme);
  if (result.summary.demo) console.error('Attention : données de démonstration FICTIVES.');
  console.error(`Données ouvertes écrites dans ${out}.`);
  const summary = {
    out,
    ...result.summary,
    audit: {
      passed: result.audit.passed,
      hidden: result.audit.hidden,
      determined: result.audit.determined,
    },
    patternAudit: {
      passed: result.patternAudit.passed,
      hidden: result.patternAudit.hidden,
      determined: result.patternAudit.determined,
    },
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
}

runCli(main);
