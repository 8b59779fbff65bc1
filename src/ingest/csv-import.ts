/**
 * Drives one CSV import: the streaming reader, a format's record mapper and the report, so that
 * every record read is either accepted or rejected with its line and reason.
 */
import { departementOfCommune } from '../domain/codes.ts';
import type { StockRow } from '../domain/stock-schema.ts';
import type { CsvHeader, CsvSeparator } from './csv-reader.ts';
import { CsvReader } from './csv-reader.ts';
import { regionOfDepartement } from './departement-region.ts';
import { ImportError } from './import-error.ts';
import type { ImportFormat, ImportReport } from './import-report.ts';
import { ImportReportBuilder } from './import-report.ts';

/** What a mapper can record besides accepting or rejecting a row. */
export interface MapContext {
  /** Counts a soft problem (see {@link ImportReportBuilder.warn}). */
  warn(code: string, message: string, example?: string): void;
  /** Counts a row kept with a label that its own values contradict. */
  countInconsistentLabel(): void;
}

/** Maps the projected fields of one record to a stock row, or to a rejection reason (French). */
export interface RecordMapper {
  /** Columns the mapper reads, in the order of the `fields` it receives. */
  readonly columns: readonly number[];
  map(fields: readonly string[], context: MapContext): StockRow | string;
}

/**
 * Builds a record mapper from the header. Throws an {@link ImportError} when required columns are
 * missing.
 */
export type MapperFactory = (header: CsvHeader, context: MapContext) => RecordMapper;

/** Commune code → EPCI SIREN in the caller's territory reference, or undefined when absent. */
export type EpciLookup = (codeCommune: string) => string | undefined;

/** Options shared by the imports. */
export interface ImportOptions {
  /** Receives each accepted row with its line. */
  onRow?: (row: StockRow, line: number) => void;
  /** Fills `code_epci` of rows that lack it; unknown communes are counted in a warning. */
  epciOf?: EpciLookup;
  /** Names the territory reference in warnings, e.g. 'COG 2023'. */
  epciReference?: string;
  /**
   * Current commune of a code that the COG history lists as merged into another commune, or
   * undefined. Consulted only for communes that `epciOf` does not know.
   */
  successorOf?: (codeCommune: string) => string | undefined;
  /** File name, for messages. */
  file?: string;
  /** Forces the separator instead of detecting it. */
  separator?: CsvSeparator;
}

/** An import being fed: push text chunks, then `end()` for the report. */
export interface CsvImport {
  push(chunk: string): void;
  end(): ImportReport;
  /** The report under construction (also holds the rejected rows for download). */
  readonly report: ImportReportBuilder;
}

/** Starts a CSV import of `format` with the mapper made by `factory`. */
export function createCsvImport(
  format: ImportFormat,
  factory: MapperFactory,
  options: ImportOptions = {},
): CsvImport {
  const report = new ImportReportBuilder(format);
  const context: MapContext = {
    warn: (code, message, example) => report.warn(code, message, example),
    countInconsistentLabel: () => report.countInconsistentLabel(),
  };
  const fileOption = options.file === undefined ? {} : { file: options.file };
  const resolveEpci = epciResolver(report, options);
  let mapper: RecordMapper | null = null;
  const reader = new CsvReader(
    {
      header(header) {
        if (header.error !== null) {
          throw new ImportError(`Ligne d’en-tête illisible : ${header.error}.`, fileOption);
        }
        report.setHeader(header.raw, header.separator);
        mapper = factory(header, context);
        return mapper.columns;
      },
      record(record) {
        report.read();
        if (record.error !== null) {
          report.reject(record.line, record.error, record.raw);
          return;
        }
        if (mapper === null) throw new Error('CSV record before its header');
        const result = mapper.map(record.fields, context);
        if (typeof result === 'string') {
          report.reject(record.line, result, record.raw);
          return;
        }
        resolveEpci(result);
        report.accept(result);
        options.onRow?.(result, record.line);
      },
    },
    options.separator === undefined ? {} : { separator: options.separator },
  );
  return {
    report,
    push: (chunk) => reader.push(chunk),
    end() {
      reader.end();
      if (reader.header === null) {
        throw new ImportError('Le fichier est vide : aucune ligne d’en-tête.', fileOption);
      }
      warnBlankLines(report, reader.blankLines);
      warnExcelText(report, reader.excelTextCells);
      return report.build();
    },
  };
}

/** Fills `code_epci` from the lookup and counts the communes it does not know. */
export function epciResolver(
  report: ImportReportBuilder,
  options: ImportOptions,
): (row: StockRow) => void {
  const lookup = options.epciOf;
  if (lookup === undefined) return () => {};
  report.trackEpci();
  const reference = options.epciReference ?? 'référentiel des EPCI';
  const successorOf = options.successorOf;
  return (row) => {
    if (row.code_epci !== null) return;
    let epci = lookup(row.code_commune);
    const successor = epci === undefined ? successorOf?.(row.code_commune) : undefined;
    if (successor !== undefined) {
      report.warn(
        'commune_fusionnee',
        `Communes fusionnées (historique du ${reference}) : lignes rattachées à la commune nouvelle.`,
        `${row.code_commune} → ${successor}`,
      );
      row.code_commune = successor;
      const departement = departementOfCommune(successor);
      if (departement !== null && departement !== row.code_departement) {
        row.code_departement = departement;
        row.code_region = regionOfDepartement(departement) ?? row.code_region;
      }
      epci = lookup(successor);
    }
    if (epci !== undefined) row.code_epci = epci;
    else {
      report.warn(
        'commune_hors_referentiel',
        `Communes absentes du ${reference} : lignes gardées, mais sans EPCI (absentes de by_epci).`,
        row.code_commune,
      );
    }
  };
}

/** Warns once about blank lines, which are skipped and are not rows. */
export function warnBlankLines(report: ImportReportBuilder, blankLines: number): void {
  report.warn(
    'lignes_vides',
    'Lignes vides (ou sans aucune valeur) ignorées : elles ne comptent pas comme des lignes lues.',
    undefined,
    blankLines,
  );
}

/** Warns once about forced-text cells `="0123"`, read as their text. */
export function warnExcelText(report: ImportReportBuilder, cells: number): void {
  report.warn(
    'texte_force_tableur',
    'Cellules de tableur écrites ="…" (texte forcé) lues comme leur texte ; les autres formules ne sont pas calculées.',
    undefined,
    cells,
  );
}
