/**
 * The one import pipeline, for the browser dialog, `npm run import`, `data:build` and
 * `data:territory`: byte sources → container and encoding → header → format of the registry →
 * DuckDB parsing (`csv-parse.ts`) → the format's SQL mapping → EPCI of the territory reference →
 * one report. Every row read is accepted or rejected with its line and reason; the accepted rows
 * stay in a TEMP table of the engine, which the caller copies where it wants (the browser's
 * imported datasets, `stock.duckdb`) before {@link ImportRun.dispose}. A cancelled or failed import
 * drops everything it made.
 */
import type { LabelSource } from '../domain/stock-schema.ts';
import { STOCK_COLUMN_KINDS } from '../domain/stock-schema.ts';
import { sqlString } from '../sql/sql-string.ts';
import type { ByteSource } from './byte-source.ts';
import type { CommuneLocator } from './commune-locator.ts';
import { parseCsvSource } from './csv-parse.ts';
import { createSmallTable } from './engine-tables.ts';
import type { FormatId, MapOutput, ParsedTable } from './formats/format.ts';
import { type ColumnMapping, chooseFormat } from './formats.ts';
import type { GeoFeatureRow } from './geo-reader.ts';
import { readContours } from './import-contours.ts';
import { type ImportEngine, newImportPrefix } from './import-engine.ts';
import { ImportError } from './import-error.ts';
import type { ImportedDatasetKind, RejectedRows } from './import-protocol.ts';
import {
  MAX_RAW_CHARS,
  rawFetcher,
  rejectionsTable,
  unwrapExcelText,
} from './import-rejections.ts';
import { type ImportFormat, type ImportReport, ImportReportBuilder } from './import-report.ts';
import { type InspectedSource, inspectSource, sniffSource } from './inspect-source.ts';
import { parquetToCsv, spreadsheetToCsv } from './tabular-conversion.ts';
import { resolveTerritory, type TerritoryLookup } from './territory-resolution.ts';

/** What the caller says the files are; 'auto' detects it from the header. */
export type ImportKindOption = 'auto' | FormatId;

/** Progress of an import. */
export interface ImportProgress {
  /** `parsing`: the lines are counted and DuckDB is still reading the whole file (fast path). */
  step: 'reading' | 'parsing' | 'mapping' | 'report';
  bytesRead: number;
  totalBytes: number;
  /** Records read so far (accepted and rejected). */
  rowsRead: number;
  file: string;
}

/** Options of {@link runImport}. */
export interface RunImportOptions {
  engine: ImportEngine;
  sources: readonly ByteSource[];
  /** Dataset id written on every accepted row. */
  dataset: string;
  kind?: ImportKindOption;
  /** The user's mapping of columns to canonical fields (for files of no known format). */
  mapping?: ColumnMapping;
  /** Commune → EPCI of the territory reference, and merged communes (CLI, data:build). */
  territory?: TerritoryLookup;
  /** Commune of points, for rows with coordinates and no INSEE code. */
  locator?: CommuneLocator;
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  /** Bytes read per window (default 32 MB). */
  chunkBytes?: number;
  /** Whether GeoJSON / TopoJSON contours are accepted (command line and data:build). */
  contours?: boolean;
  /** Sheet of an Excel workbook to read (the first by default). */
  sheet?: string;
}

/** A finished import, whose tables live in the engine until {@link dispose}. */
export interface ImportRun {
  report: ImportReport;
  format: ImportFormat;
  kind: ImportedDatasetKind;
  /** File names, in reading order. */
  files: string[];
  /** Header line of the (first) file as written, and its separator. */
  headerRaw: string;
  separator: string;
  /**
   * `SELECT` of the accepted rows with the canonical stock columns, in table order, in no
   * particular row order (sorting a million rows costs about a third of the copy).
   */
  acceptedSql: string;
  /** The same rows in file order (the command line and data:build keep it). */
  acceptedInOrderSql: string;
  /** Contours accepted, for a GeoJSON or TopoJSON file (no stock rows then). */
  features?: GeoFeatureRow[];
  /** Every rejected row in file order, with its raw line up to `maxRawChars` characters in all. */
  rejectedRows(maxRawChars?: number): Promise<RejectedRows>;
  dispose(): Promise<void>;
}

/** Raised by {@link runImport} when its signal aborts. */
export class ImportCancelledError extends Error {
  constructor() {
    super('Import annulé.');
    this.name = 'ImportCancelledError';
  }
}

/** Columns of the records the byte lexer rejects, as kept for the report. */
const LEX_REJECTION_COLUMNS = [
  ['file_index', 'INTEGER'],
  ['line', 'INTEGER'],
  ['reason', 'VARCHAR'],
  ['raw', 'VARCHAR'],
] as const;

const DEFAULT_CHUNK_BYTES = 32 * 1024 * 1024;

/** The canonical stock columns, in table order. */
const STOCK_COLUMN_NAMES = STOCK_COLUMN_KINDS.map(([name]) => name);

/** Runs one import; see the module documentation. */
export async function runImport(options: RunImportOptions): Promise<ImportRun> {
  const { engine, signal } = options;
  const name = newImportPrefix();
  const prefix = `${engine.scratch}.${name}`;
  const checkCancelled = () => {
    if (signal?.aborted === true) throw new ImportCancelledError();
  };
  const onAbort = () => engine.interrupt();
  signal?.addEventListener('abort', onAbort);
  const dispose = async () => {
    const [catalog, schema] = engine.scratch.split('.');
    const ours = (column: string) =>
      `database_name = ${sqlString(catalog ?? '')} AND schema_name = ${sqlString(schema ?? '')} AND starts_with(${column}, ${sqlString(name)})`;
    // Views first: they read the tables.
    const objects = await engine.query(
      `SELECT 'VIEW' AS kind, view_name AS object FROM duckdb_views() WHERE ${ours('view_name')}
      UNION ALL
      SELECT 'TABLE', table_name FROM duckdb_tables() WHERE ${ours('table_name')}
      ORDER BY kind DESC`,
    );
    for (const row of objects) {
      await engine.query(
        `DROP ${String(row.kind)} IF EXISTS ${engine.scratch}."${String(row.object)}"`,
      );
    }
  };
  try {
    checkCancelled();
    const run = await importSources(options, prefix, checkCancelled);
    return { ...run, dispose };
  } catch (error) {
    await dispose().catch(() => undefined);
    if (signal?.aborted === true) throw new ImportCancelledError();
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

async function importSources(
  options: RunImportOptions,
  prefix: string,
  checkCancelled: () => void,
): Promise<Omit<ImportRun, 'dispose'>> {
  const { engine, sources } = options;
  if (sources.length === 0) throw new ImportError('Aucun fichier à importer.');
  const only = sources[0] as ByteSource;
  if (
    options.contours === true &&
    sources.length === 1 &&
    (await sniffSource(only)).type === 'contours'
  ) {
    return readContours(only, prefix, engine);
  }
  const inspected: InspectedSource[] = [];
  const conversions: string[] = [];
  const skippedRows: string[] = [];
  for (const source of sources) {
    const content = await sniffSource(source);
    let csv = source;
    if (content.type === 'xlsx') {
      const converted = await spreadsheetToCsv(source, options.sheet);
      csv = converted.source;
      if (converted.skipped > 0) skippedRows.push(`${source.name} : ${converted.skipped}`);
      if (converted.others.length > 0) {
        conversions.push(
          `${source.name} : feuille « ${converted.sheet} » lue ; non lues : ${converted.others.map((n) => `« ${n} »`).join(', ')}`,
        );
      }
    } else if (content.type === 'parquet') {
      csv = await (engine.parquetToCsv?.(source) ?? parquetToCsv(source));
    }
    inspected.push(await inspectSource(csv));
  }
  const format = chooseFormat(inspected, options.kind ?? 'auto', options.mapping);
  const report = new ImportReportBuilder(format.id);
  for (const skipped of skippedRows) {
    report.warn(
      'lignes_avant_le_tableau',
      'Lignes au-dessus du tableau (titre, notes) ignorées dans la feuille.',
      skipped,
    );
  }
  for (const sheets of conversions) {
    report.warn(
      'feuilles_non_lues',
      'Classeur à plusieurs feuilles : seule la première (ou celle choisie) est lue.',
      sheets,
    );
  }
  const plans = inspected.map((input) => ({
    input,
    plan: format.plan(input.header.names, report, input.source.name),
  }));
  format.checkFiles?.(
    plans.map(({ input, plan }) => ({
      file: input.source.name,
      select: plan.select,
      ...(plan.role === undefined ? {} : { role: plan.role }),
    })),
  );
  // Multi-file formats read their side tables first (BDNB: the main table last).
  const ordered = [...plans].sort(
    (a, b) => Number(a.plan.role === 'main') - Number(b.plan.role === 'main'),
  );
  const totalBytes = sources.reduce((sum, source) => sum + source.size, 0);
  let bytesBefore = 0;
  let rowsBefore = 0;
  const parsed: (ParsedTable & {
    input: InspectedSource;
    rejectedByLexer: number;
    linePerRecord: boolean;
    readColumns: readonly number[];
  })[] = [];
  await createSmallTable(engine, `${prefix}lex_rejected`, LEX_REJECTION_COLUMNS, []);
  let blankLines = 0;
  for (const [fileIndex, { input, plan }] of ordered.entries()) {
    const table = `${prefix}s${fileIndex}`;
    const file = input.source.name;
    const result = await parseCsvSource({
      engine,
      source: input.source,
      encoding: input.encoding,
      header: input.header,
      table,
      select: () => plan.select,
      prefix,
      chunkBytes: options.chunkBytes ?? DEFAULT_CHUNK_BYTES,
      checkCancelled,
      onRejections: async (rejections) => {
        const batch = `${prefix}lex_batch`;
        await createSmallTable(
          engine,
          batch,
          LEX_REJECTION_COLUMNS,
          rejections.map((r) => [fileIndex, r.line, r.reason, r.raw]),
        );
        await engine.query(`INSERT INTO ${prefix}lex_rejected SELECT * FROM ${batch}`);
        await engine.query(`DROP TABLE ${batch}`);
      },
      onProgress: (progress) =>
        options.onProgress?.({
          step: progress.engineReading === true ? 'parsing' : 'reading',
          bytesRead: bytesBefore + progress.bytesRead,
          totalBytes,
          rowsRead: rowsBefore + progress.rowsRead,
          file,
        }),
    });
    bytesBefore += input.source.size;
    rowsBefore += result.rows + result.rejected;
    blankLines += result.blankLines;
    if (input.encoding !== 'utf-8') {
      report.warn('encodage', `${file} n’est pas en UTF-8 : lu comme ${input.encoding}.`);
    }
    if (result.invalidUtf8 > 0) {
      report.warn(
        'octets_invalides',
        'Octets qui ne sont pas de l’UTF-8 (fichier en plusieurs encodages ?) remplacés par « � ».',
        file,
        result.invalidUtf8,
      );
    }
    if (result.excelText) await unwrapExcelText(engine, table, plan.select, report);
    const entry = {
      table,
      names: input.header.names,
      file,
      fileIndex,
      steps: result.lineSteps,
      input,
    };
    const withCount = {
      ...entry,
      rejectedByLexer: result.rejected,
      linePerRecord: result.linePerRecord,
      readColumns: plan.select.map(({ index }) => index),
    };
    parsed.push(plan.role === undefined ? withCount : { ...withCount, role: plan.role });
  }
  report.warn(
    'lignes_vides',
    'Lignes vides (ou sans aucune valeur) ignorées : elles ne comptent pas comme des lignes lues.',
    undefined,
    blankLines,
  );
  checkCancelled();
  options.onProgress?.({
    step: 'mapping',
    bytesRead: totalBytes,
    totalBytes,
    rowsRead: rowsBefore,
    file: '',
  });
  const mapped: MapOutput = await format.map({
    engine,
    prefix,
    parsed,
    dataset: options.dataset,
    report,
    lexRejected: `${prefix}lex_rejected`,
    ...(options.locator === undefined ? {} : { locator: options.locator }),
    checkCancelled,
  });
  checkCancelled();
  if (options.territory !== undefined) {
    mapped.accepted = await resolveTerritory(
      engine,
      prefix,
      mapped.accepted,
      options.territory,
      report,
    );
  }
  options.onProgress?.({
    step: 'report',
    bytesRead: totalBytes,
    totalBytes,
    rowsRead: rowsBefore,
    file: '',
  });
  const rejections = await rejectionsTable(engine, prefix, mapped.rejected, parsed);
  // Side tables of a multi-file format are not rows of the dataset: their own counts go to
  // `sources` (BDNB).
  const counted = parsed.filter((p) => p.role === undefined || p.role === 'main');
  const [counts] = await engine.query(`SELECT
    (SELECT count(*) FROM ${mapped.accepted}) AS accepted,
    (SELECT count(*) FROM ${rejections}) AS rejected,
    ${counted.map((p) => `(SELECT count(*) FROM ${p.table})`).join(' + ')} AS parsed`);
  report.addCounts({
    read: Number(counts?.parsed ?? 0) + counted.reduce((sum, p) => sum + p.rejectedByLexer, 0),
    accepted: Number(counts?.accepted ?? 0),
    rejected: Number(counts?.rejected ?? 0),
  });
  const weights = await engine.query(`SELECT coalesce(dpe_label, 'unknown') AS label, code_epci,
    sum(weight)::DOUBLE AS weight FROM ${mapped.accepted} GROUP BY ALL ORDER BY ALL`);
  for (const row of weights) {
    const label = String(row.label) as Parameters<ImportReportBuilder['addWeight']>[0];
    const epci =
      options.territory === undefined || row.code_epci === null ? null : String(row.code_epci);
    report.addWeight(label, epci, Number(row.weight));
  }
  const rawOf = rawFetcher(parsed);
  const first = await engine.query(
    `SELECT file_index, line, reason, raw, ordinal FROM ${rejections} ORDER BY file_index, line, ordinal LIMIT 100`,
  );
  const raws = await rawOf(first);
  report.listRejections(
    first.map((row, k) => {
      const rejection = { line: Number(row.line), reason: String(row.reason), raw: raws[k] ?? '' };
      return parsed.length > 1
        ? { ...rejection, file: parsed[Number(row.file_index)]?.file ?? '' }
        : rejection;
    }),
  );
  const bySource = await engine.query(
    `SELECT label_source, count(*) AS n FROM ${mapped.accepted} GROUP BY ALL`,
  );
  const labelSources: Record<LabelSource, number> = { observed: 0, modelled: 0, predicted: 0 };
  for (const row of bySource) labelSources[String(row.label_source) as LabelSource] = Number(row.n);
  const built = report.build();
  return {
    report: built,
    format: format.id,
    kind: format.datasetKind(labelSources),
    files: parsed.map((p) => p.file),
    headerRaw: parsed[0]?.input.header.raw ?? '',
    separator: parsed[0]?.input.header.separator ?? ';',
    acceptedSql: `SELECT ${STOCK_COLUMN_NAMES.join(', ')} FROM ${mapped.accepted}`,
    acceptedInOrderSql: `SELECT ${STOCK_COLUMN_NAMES.join(', ')} FROM ${mapped.accepted} ORDER BY file_index, ordinal`,
    rejectedRows: async (maxRawChars = MAX_RAW_CHARS) => {
      const rows = await engine.query(
        `SELECT file_index, line, reason, raw, ordinal FROM ${rejections} ORDER BY file_index, line, ordinal`,
      );
      const all = await rawOf(rows, maxRawChars);
      let chars = 0;
      let truncated = false;
      const kept = all.map((raw) => {
        if (chars + raw.length > maxRawChars) {
          truncated = true;
          return '';
        }
        chars += raw.length;
        return raw;
      });
      return {
        lines: Uint32Array.from(rows, (row) => Number(row.line)),
        reasons: rows.map((row) => String(row.reason)),
        raws: kept,
        files:
          parsed.length > 1 ? rows.map((row) => parsed[Number(row.file_index)]?.file ?? '') : null,
        truncated,
      };
    },
  };
}
