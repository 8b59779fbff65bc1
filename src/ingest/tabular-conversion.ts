/**
 * Excel workbooks and Parquet files turned into CSV, so that they go through the same lexer,
 * `read_csv`, formats and accounting as every CSV. A line of the CSV is a row of the sheet (blank
 * rows and the rows above the table kept as blank lines, so that the reported line is the sheet's
 * row number; a line break inside a cell is written as a space; a title above the table, a row
 * much narrower than the table, is skipped) or, for Parquet, the row number plus one, as in the
 * CSV export of the same table.
 *
 * Libraries: SheetJS Community Edition 0.20.3 (`@e965/xlsx`, Apache-2.0: the npm package `xlsx`
 * stops at 0.18.5, which has known vulnerabilities; the fixed versions are published on SheetJS's
 * own site and republished unchanged under this name) and hyparquet (MIT, pure JavaScript: the
 * Parquet extension of DuckDB-WASM is downloaded at run time, which an offline page cannot do).
 * Native DuckDB reads Parquet itself (see `ImportEngine.parquetToCsv`).
 */
import { quoteCsvField } from '../domain/csv-writer.ts';
import type { ByteSource } from './byte-source.ts';
import { readBytes } from './byte-source.ts';
import { ImportError } from './import-error.ts';

/** A source over several chunks of bytes in memory, read as one. */
function chunksSource(name: string, chunks: readonly Uint8Array[]): ByteSource {
  const starts: number[] = [];
  let size = 0;
  for (const chunk of chunks) {
    starts.push(size);
    size += chunk.length;
  }
  return {
    name,
    size,
    async readInto(target, at, start, end) {
      let written = 0;
      for (const [k, chunk] of chunks.entries()) {
        const from = starts[k] ?? 0;
        const to = from + chunk.length;
        if (to <= start || from >= end) continue;
        const part = chunk.subarray(Math.max(0, start - from), Math.min(chunk.length, end - from));
        target.set(part, at + written);
        written += part.length;
      }
      return written;
    },
  };
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? '' : value.toISOString().replace(/T00:00:00\.000Z$/, '');
  }
  if (typeof value === 'object')
    return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? String(v) : v));
  return String(value);
}

/** One CSV line of cells (comma-separated, quoted when needed, line breaks as spaces). */
function csvLine(cells: readonly unknown[]): string {
  return cells
    .map((cell) => quoteCsvField(cellText(cell).replace(/\r\n|\r|\n/g, ' '), ','))
    .join(',');
}

/** Whether bytes end with a zip's end-of-central-directory record (PK 05 06). */
function hasZipEnd(bytes: Uint8Array): boolean {
  const from = Math.max(0, bytes.length - 65_557);
  for (let k = bytes.length - 22; k >= from; k--) {
    if (
      bytes[k] === 0x50 &&
      bytes[k + 1] === 0x4b &&
      bytes[k + 2] === 0x05 &&
      bytes[k + 3] === 0x06
    ) {
      return true;
    }
  }
  return false;
}

/** What a workbook holds besides the sheet read. */
export interface SpreadsheetConversion {
  source: ByteSource;
  sheet: string;
  /** Other sheets, not read. */
  others: string[];
  /** Rows above the table (a title, notes), skipped. */
  skipped: number;
}

/** The sheet `sheet` (else the first) of an `.xlsx` workbook, as CSV. */
export async function spreadsheetToCsv(
  source: ByteSource,
  sheet?: string,
): Promise<SpreadsheetConversion> {
  const bytes = await readBytes(source, 0, source.size);
  // SheetJS loops forever on a truncated archive: one without its end record is refused first.
  if (!hasZipEnd(bytes)) {
    throw new ImportError(
      'Classeur Excel illisible (archive incomplète ou abîmée) : vérifiez le fichier, ou enregistrez la feuille en CSV.',
      { file: source.name },
    );
  }
  const XLSX = await import('@e965/xlsx');
  let workbook: ReturnType<typeof XLSX.read>;
  try {
    workbook = XLSX.read(bytes, { type: 'array', cellDates: true, dense: true });
  } catch (error) {
    throw new ImportError(
      `Classeur Excel illisible (${error instanceof Error ? error.message : String(error)}) : vérifiez le fichier, ou enregistrez la feuille en CSV.`,
      { file: source.name, cause: error },
    );
  }
  const names = workbook.SheetNames;
  const name = sheet ?? names[0];
  const worksheet = name === undefined ? undefined : workbook.Sheets[name];
  if (name === undefined || worksheet === undefined) {
    throw new ImportError(
      sheet === undefined
        ? 'Classeur Excel sans feuille.'
        : `Feuille « ${sheet} » absente du classeur (feuilles : ${names.map((n) => `« ${n} »`).join(', ')}).`,
      { file: source.name },
    );
  }
  const range = XLSX.utils.decode_range(worksheet['!ref'] ?? 'A1:A1');
  const rows = XLSX.utils.sheet_to_json<unknown[]>(worksheet, {
    header: 1,
    raw: true,
    blankrows: true,
    defval: '',
  });
  // A title or notes above the table: the header is the first row about as wide as the table.
  const filled = rows.map((row) => row.filter((cell) => cellText(cell).trim() !== '').length);
  const widest = Math.max(0, ...filled);
  const header = filled.findIndex((n) => n >= Math.max(1, Math.ceil(widest / 2)));
  // Rows above the table become blank lines: a line of the CSV is a row of the sheet.
  const lines = [
    ...Array.from({ length: range.s.r }, () => ''),
    ...rows.map((row, k) => (k < header ? '' : csvLine(row))),
  ];
  const text = `${lines.join('\n')}\n`;
  return {
    source: chunksSource(source.name, [new TextEncoder().encode(text)]),
    sheet: name,
    others: names.filter((n) => n !== name),
    skipped: filled.slice(0, Math.max(0, header)).filter((n) => n > 0).length,
  };
}

/** Rows of a Parquet file converted per batch (bounds the strings alive at once). */
const PARQUET_BATCH_ROWS = 50_000;

/** A Parquet file as CSV, read with hyparquet (row groups fetched from the source as needed). */
export async function parquetToCsv(source: ByteSource): Promise<ByteSource> {
  const { parquetMetadataAsync, parquetReadObjects, parquetSchema } = await import('hyparquet');
  const { compressors } = await import('hyparquet-compressors');
  const file = {
    byteLength: source.size,
    slice: async (start: number, end?: number) => {
      const bytes = await readBytes(source, start, end ?? source.size);
      return bytes.buffer.slice(
        bytes.byteOffset,
        bytes.byteOffset + bytes.byteLength,
      ) as ArrayBuffer;
    },
  };
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw new ImportError(
      `Fichier Parquet illisible (${error instanceof Error ? error.message : String(error)}).`,
      { file: source.name, cause: error },
    );
  }
  const columns = parquetSchema(metadata).children.map((child) => child.element.name);
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [encoder.encode(`${csvLine(columns)}\n`)];
  const total = Number(metadata.num_rows);
  for (let rowStart = 0; rowStart < total; rowStart += PARQUET_BATCH_ROWS) {
    const rows = await parquetReadObjects({
      file,
      metadata,
      compressors,
      rowStart,
      rowEnd: Math.min(total, rowStart + PARQUET_BATCH_ROWS),
    });
    const text = rows.map((row) => csvLine(columns.map((column) => row[column]))).join('\n');
    chunks.push(encoder.encode(`${text}\n`));
  }
  return chunksSource(source.name, chunks);
}
