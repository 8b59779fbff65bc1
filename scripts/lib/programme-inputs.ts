/**
 * What the programme command-line tools share: the validated configuration, the COG reference
 * used to check communes and EPCI, and the import of the three programme CSV files.
 */

import { existsSync, readFileSync } from 'node:fs';
import { formatRowAccount } from '../../src/domain/format.ts';
import type { ProgrammeConfig } from '../../src/domain/programme-config.ts';
import { parseProgrammeConfig } from '../../src/domain/programme-config.ts';
import { isImportError } from '../../src/ingest/import-error.ts';
import type { ProgrammeFiles } from '../../src/ingest/programme-csv.ts';
import { importProgrammeCsv } from '../../src/ingest/programme-csv.ts';
import {
  type ProgrammeReferenceRows,
  programmeImportContext,
} from '../../src/ingest/programme-reference.ts';
import { COG_YEAR, type CogTerritory } from './cog-territory.ts';
import { loadCommuneSuccessors } from './commune-successors.ts';

/** Name of the territory reference the programme files are checked against. */
export const PROGRAMME_TERRITORY_REFERENCE = `COG ${COG_YEAR}`;

/** An error to report as French lines on stderr, with an exit code (2 = wrong usage). */
export class CliError extends Error {
  readonly lines: string[];
  readonly code: number;

  constructor(lines: string[], code = 1) {
    super(lines.join('\n'));
    this.lines = lines;
    this.code = code;
  }
}

/** French names of the three programme files, for messages. */
export const PROGRAMME_FILE_NAMES = {
  territories: 'Fichier des territoires',
  carnets: 'Fichier des carnets',
  works: 'Fichier des travaux',
} as const;

/** Reads and validates the programme configuration; every problem becomes one French line. */
export function loadProgrammeConfig(path: string): ProgrammeConfig {
  if (!existsSync(path)) throw new CliError([`Configuration introuvable : ${path}`]);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError([`Configuration ${path} : JSON illisible (${(error as Error).message})`]);
  }
  const result = parseProgrammeConfig(json);
  if (!result.ok) {
    throw new CliError(result.errors.map((e) => `Configuration invalide (${path}) : ${e}`));
  }
  for (const warning of result.warnings) console.error(`Avertissement (${path}) : ${warning}`);
  return result.config;
}

/** The COG rows the programme import checks communes and EPCI against. */
export function programmeReferenceRows(
  cog: CogTerritory,
  successors: ReadonlyMap<string, string> = loadCommuneSuccessors(),
): ProgrammeReferenceRows {
  return {
    name: PROGRAMME_TERRITORY_REFERENCE,
    communes: cog.communes,
    epcis: cog.epcis,
    successors,
  };
}

function readProgrammeText(path: string, what: string): string {
  if (!existsSync(path)) throw new CliError([`${what} introuvable : ${path}`]);
  return readFileSync(path, 'utf8');
}

/** Imports the three files with the same validation as the browser; logs each report's counts. */
export function importProgrammeFiles(
  files: ProgrammeFiles<string>,
  config: ProgrammeConfig,
  cog: CogTerritory,
): ReturnType<typeof importProgrammeCsv> {
  let imported: ReturnType<typeof importProgrammeCsv>;
  try {
    imported = importProgrammeCsv(
      {
        territories: readProgrammeText(files.territories, PROGRAMME_FILE_NAMES.territories),
        carnets: readProgrammeText(files.carnets, PROGRAMME_FILE_NAMES.carnets),
        works: readProgrammeText(files.works, PROGRAMME_FILE_NAMES.works),
      },
      programmeImportContext(config, programmeReferenceRows(cog)),
      files,
    );
  } catch (error) {
    if (isImportError(error))
      throw new CliError([`${error.message}${error.file ? ` (${error.file})` : ''}`]);
    throw error;
  }
  for (const report of Object.values(imported.reports)) {
    console.error(
      `Import ${report.file} : ${formatRowAccount(report.rows_read, report.accepted, report.rejected)}.`,
    );
  }
  return imported;
}

/**
 * Runs a command's `main` (synchronous or not), turning a CliError into its French lines and exit
 * code, and any other failure into one line (never a stack trace).
 */
export function runCli(main: (argv: string[]) => number | Promise<number>): void {
  const fail = (error: unknown) => {
    if (error instanceof CliError) {
      for (const line of error.lines) console.error(line);
      process.exitCode = error.code;
      return;
    }
    console.error(`Erreur inattendue : ${(error as Error).message}`);
    process.exitCode = 1;
  };
  try {
    const result = main(process.argv.slice(2));
    if (typeof result === 'number') process.exitCode = result;
    else
      result.then((code) => {
        process.exitCode = code;
      }, fail);
  } catch (error) {
    fail(error);
  }
}
