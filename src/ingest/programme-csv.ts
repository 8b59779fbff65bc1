/**
 * Importer of the programme's three CSV files (schemas in docs/programme-csv.md): adopting
 * territories, carnets, and works recorded in carnets. Like the stock imports, every row read is
 * accepted or rejected with its line and a French reason (`rows_read = accepted + rejected`).
 *
 * The files depend on each other and are read in order: carnets are checked against the accepted
 * territories (warnings only), works must reference an accepted carnet. The shared reading is in
 * `programme-csv-reader.ts`, each file's rules in `programme-places-csv.ts` and
 * `programme-works-csv.ts`.
 */
import type { ProgrammeData } from '../domain/programme-data.ts';
import type {
  ProgrammeCsvImport,
  ProgrammeImportContext,
  ProgrammeImportReport,
} from './programme-csv-reader.ts';
import { createCarnetsImport, createTerritoriesImport } from './programme-places-csv.ts';
import { createWorksImport } from './programme-works-csv.ts';

export type {
  ProgrammeCsvImport,
  ProgrammeImportContext,
  ProgrammeImportReport,
  ProgrammeReference,
  ReferenceCommune,
  ReferenceEpci,
} from './programme-csv-reader.ts';
export { createCarnetsImport, createTerritoriesImport } from './programme-places-csv.ts';
export { createWorksImport } from './programme-works-csv.ts';

/** The three files' texts (or their names, for messages). */
export interface ProgrammeFiles<T> {
  territories: T;
  carnets: T;
  works: T;
}

/** The imported tables and the three reports. */
export interface ProgrammeImport {
  data: ProgrammeData;
  reports: ProgrammeFiles<ProgrammeImportReport>;
}

/**
 * Imports the three programme files from their whole texts, in order (territories, carnets,
 * works). Throws an {@link ImportError} for an empty file or missing required columns.
 */
export function importProgrammeCsv(
  texts: ProgrammeFiles<string>,
  context: ProgrammeImportContext,
  names?: ProgrammeFiles<string>,
): ProgrammeImport {
  const run = <T>(im: ProgrammeCsvImport<T>, text: string) => {
    im.push(text);
    return im.end();
  };
  const territories = run(createTerritoriesImport(context, names?.territories), texts.territories);
  const carnets = run(
    createCarnetsImport(context, territories.rows, names?.carnets),
    texts.carnets,
  );
  const works = run(createWorksImport(context, carnets.rows, names?.works), texts.works);
  return {
    data: { territories: territories.rows, carnets: carnets.rows, works: works.rows },
    reports: { territories: territories.report, carnets: carnets.report, works: works.report },
  };
}
