/**
 * What the three programme CSV importers share (schemas in docs/programme-csv.md): the report of
 * one file, the context they check against, and the reading of a file by a schema, every row read
 * accepted or rejected with its line and a French reason (`rows_read = accepted + rejected`).
 */
import type { WorkType } from '../domain/programme-data.ts';
import { parseProgrammeDate } from '../domain/programme-dates.ts';
import type { ColumnSpec } from './header-match.ts';
import { missingColumnsError } from './header-match.ts';
import { ImportError } from './import-error.ts';
import type { ImportRejection, ImportWarning } from './import-report.ts';
import { REPORT_REJECTIONS_LIMIT, WarningTally } from './import-report.ts';
import { createKeyedCsvReader } from './keyed-csv.ts';

/** The three programme files. */
export type ProgrammeFileKind = 'territoires' | 'carnets' | 'travaux';

/** What one programme file import read, accepted and rejected. */
export interface ProgrammeImportReport {
  file: ProgrammeFileKind;
  rows_read: number;
  accepted: number;
  rejected: number;
  /** The first {@link REPORT_REJECTIONS_LIMIT} rejections, with the line as written. */
  rejections: ImportRejection[];
  warnings: ImportWarning[];
}

/** A commune of the territory reference. */
export interface ReferenceCommune {
  nom_commune: string;
  code_epci: string | null;
  code_region: string;
}

/** An EPCI of the territory reference. */
export interface ReferenceEpci {
  nom_epci: string;
  code_region: string;
}

/** The territory reference (e.g. COG 2023) the codes are checked against. */
export interface ProgrammeReference {
  /** Names the reference in messages, e.g. « COG 2023 ». */
  name: string;
  commune(code: string): ReferenceCommune | undefined;
  epci(siren: string): ReferenceEpci | undefined;
  /**
   * Current commune of a code the COG history lists as merged into another commune, or
   * undefined. Consulted only for codes that `commune` does not know.
   */
  successor?(code: string): string | undefined;
}

/** What every programme import needs: the calendar, the partner regions, the reference. */
export interface ProgrammeImportContext {
  calendar: { start: string; end: string };
  partnerRegions: readonly { code: string; name: string }[];
  /** Ids of the kinds of works the programme configuration declares (`work_types`). */
  workTypes: readonly WorkType[];
  /** Without it, codes are checked for their shape only and names stay null. */
  reference?: ProgrammeReference;
}

/** An import being fed: push text chunks, then `end()` for the rows and the report. */
export interface ProgrammeCsvImport<T> {
  push(chunk: string): void;
  end(): { rows: T[]; report: ProgrammeImportReport };
}

/** Title of each file in messages. */
export const FILE_TITLES: Record<ProgrammeFileKind, string> = {
  territoires: 'Fichier des territoires adhérents',
  carnets: 'Fichier des carnets',
  travaux: 'Fichier des travaux',
};

/** Counts one file's rows and keeps its first rejections and its warnings. */
export class ProgrammeReportBuilder {
  readonly #file: ProgrammeFileKind;
  #read = 0;
  #accepted = 0;
  #rejected = 0;
  readonly #rejections: ImportRejection[] = [];
  readonly #warnings = new WarningTally();

  constructor(file: ProgrammeFileKind) {
    this.#file = file;
  }

  read(): void {
    this.#read++;
  }

  accept(): void {
    this.#accepted++;
  }

  reject(line: number, reason: string, raw: string): void {
    this.#rejected++;
    if (this.#rejections.length < REPORT_REJECTIONS_LIMIT) {
      this.#rejections.push({ line, reason, raw });
    }
  }

  warn(code: string, message: string, example?: string, times = 1): void {
    this.#warnings.add(code, message, example, times);
  }

  build(): ProgrammeImportReport {
    if (this.#read !== this.#accepted + this.#rejected) {
      throw new Error(
        `Import accounting broken: ${this.#read} read, ${this.#accepted} accepted, ${this.#rejected} rejected`,
      );
    }
    return {
      file: this.#file,
      rows_read: this.#read,
      accepted: this.#accepted,
      rejected: this.#rejected,
      rejections: [...this.#rejections],
      warnings: this.#warnings.list(),
    };
  }
}

/** Reads one record's fields by column key; `line` is its physical line. */
type RowMapper<K extends string, T> = (
  get: (key: K) => string,
  line: number,
  report: ProgrammeReportBuilder,
) => T | string;

/** How a programme file is read: its columns, the required ones, and the row mapper. */
interface ProgrammeSchema<K extends string, T> {
  kind: ProgrammeFileKind;
  columns: readonly ColumnSpec<K>[];
  required: readonly K[];
  /** Extra header check (throws an ImportError); may warn. */
  checkHeader?: (
    has: (key: K) => boolean,
    header: readonly string[],
    report: ProgrammeReportBuilder,
  ) => void;
  /** Builds the row mapper once the header is known. */
  mapper: () => RowMapper<K, T>;
}

/** Starts the import of one programme file read by `schema`. */
export function createProgrammeImport<K extends string, T>(
  schema: ProgrammeSchema<K, T>,
  file?: string,
): ProgrammeCsvImport<T> {
  const report = new ProgrammeReportBuilder(schema.kind);
  const rows: T[] = [];
  const title = FILE_TITLES[schema.kind];
  const where = file === undefined ? {} : { file };
  let map: RowMapper<K, T> | null = null;
  const reader = createKeyedCsvReader(schema.columns, {
    header(index, header) {
      if (header.error !== null) {
        throw new ImportError(`${title} : ligne d’en-tête illisible : ${header.error}.`, where);
      }
      const missing = schema.required.filter((key) => index[key] === undefined);
      if (missing.length > 0) throw missingColumnsError(title, missing, header.names, file);
      schema.checkHeader?.((key) => index[key] !== undefined, header.names, report);
      map = schema.mapper();
    },
    read: () => report.read(),
    malformed: (line, reason, raw) => report.reject(line, reason, raw),
    record(get, line, raw) {
      if (map === null) throw new Error('CSV record before its header');
      const result = map(get, line, report);
      if (typeof result === 'string') report.reject(line, result, raw);
      else {
        report.accept();
        rows.push(result);
      }
    },
  });
  return {
    push: (chunk) => reader.push(chunk),
    end() {
      reader.end();
      if (reader.header === null) {
        throw new ImportError(`${title} : le fichier est vide, aucune ligne d’en-tête.`, where);
      }
      report.warn(
        'lignes_vides',
        'Lignes vides ignorées : elles ne comptent pas comme des lignes lues.',
        undefined,
        reader.blankLines,
      );
      return { rows, report: report.build() };
    },
  };
}

/** A column `key`, also read under `aliases`. */
export const spec = <K extends string>(key: K, ...aliases: string[]): ColumnSpec<K> => ({
  key,
  names: [key, ...aliases],
});

/** Reads a date in the calendar; returns a rejection reason otherwise. */
export function readDate(
  raw: string,
  column: string,
  calendar: ProgrammeImportContext['calendar'],
): { date: string } | string {
  if (raw === '') return `${column} absente`;
  const date = parseProgrammeDate(raw);
  if (date === null) {
    return `${column} illisible : « ${raw} » (formats acceptés : AAAA-MM-JJ ou JJ/MM/AAAA, date existante)`;
  }
  if (date < calendar.start || date > calendar.end) {
    return `${column} hors du calendrier du programme (${calendar.start} → ${calendar.end}) : ${date}`;
  }
  return { date };
}

/** An optional text cell: null when empty. */
export const optional = (text: string): string | null => (text === '' ? null : text);
