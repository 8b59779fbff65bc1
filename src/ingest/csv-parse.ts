/**
 * Parsing of one CSV source into a DuckDB table: windows of UTF-8 bytes (`utf8-windows.ts`) are
 * checked by the byte lexer (`csv-lexer.ts`), and the well-formed records of each window are handed
 * to DuckDB's `read_csv`, which stores the wanted columns. The next window is lexed while DuckDB
 * reads the previous one. Every record is accounted for: rows of the table (in file order, their
 * `rowid` is their ordinal), rejected records with line and reason, blank lines.
 */

import {
  type CsvColumnSelect,
  insertFromCsvSql,
  parsedColumnsSql,
} from '../sql/import/read-csv-sql.ts';
import type { ByteSource } from './byte-source.ts';
import type { CsvHeader } from './csv-header.ts';
import { CsvLexer, type LexedChunk, type LexedRejection, MAX_RECORD_BYTES } from './csv-lexer.ts';
import { readWholeCsv } from './csv-whole-read.ts';
import type { TextEncodingLabel } from './detect-encoding.ts';
import type { ImportEngine } from './import-engine.ts';
import { ImportError } from './import-error.ts';
import { Utf8Windows } from './utf8-windows.ts';

/** Progress of a parse. */
export interface ParseProgress {
  /** Source bytes read so far. */
  bytesRead: number;
  /** Records read so far (rows and rejected records). */
  rowsRead: number;
  /** Whether the lines are all counted and DuckDB is still reading the whole file (fast path). */
  engineReading?: boolean;
}

/** Options of {@link parseCsvSource}. */
export interface CsvParseOptions {
  engine: ImportEngine;
  source: ByteSource;
  encoding: TextEncodingLabel;
  /** Table to create; its columns are the `as` names of `select`, all VARCHAR. */
  table: string;
  /** Which source columns to keep, chosen from the header. */
  select: (header: CsvHeader) => readonly CsvColumnSelect[];
  /** The header found by inspecting the source: allows the fast path (`csv-whole-read.ts`). */
  header?: CsvHeader;
  /** Prefix of the files registered with the engine. */
  prefix: string;
  /** Bytes read per window. */
  chunkBytes: number;
  /** Receives the records rejected by the lexer, window by window. */
  onRejections?: (rejections: readonly LexedRejection[]) => Promise<void>;
  onProgress?: (progress: ParseProgress) => void;
  /** Throws when the import is cancelled; called between windows. */
  checkCancelled?: () => void;
}

/** What a parse found. */
export interface CsvParseResult {
  header: CsvHeader;
  headerLine: number;
  /** Rows stored in the table. */
  rows: number;
  /** Records rejected by the lexer. */
  rejected: number;
  blankLines: number;
  /** Whether a cell may be a spreadsheet's forced text `="…"`. */
  excelText: boolean;
  /** Line of each row: pairs (ordinal, line − ordinal) where the offset changes. */
  lineSteps: number[];
  /** Invalid UTF-8 sequences replaced by U+FFFD. */
  invalidUtf8: number;
  /** Whether every line after the header is one record, in UTF-8 (the fast path read it). */
  linePerRecord: boolean;
}

const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();

function countReplacements(text: string): number {
  let n = 0;
  for (let k = text.indexOf('\ufffd'); k !== -1; k = text.indexOf('\ufffd', k + 1)) n++;
  return n;
}

/**
 * The bytes with invalid UTF-8 sequences replaced by U+FFFD, and how many were replaced. Only
 * run when DuckDB refused a chunk: valid files never pay for it.
 */
function repairUtf8(bytes: Uint8Array): { bytes: Uint8Array; replaced: number } {
  const before = countReplacements(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
  const text = utf8.decode(bytes);
  return { bytes: encoder.encode(text), replaced: countReplacements(text) - before };
}

function isInvalidUnicodeError(error: unknown): boolean {
  return /unicode|utf-?8/i.test(error instanceof Error ? error.message : String(error));
}

/** Parses `source` into `table`; see the module documentation. */
export async function parseCsvSource(options: CsvParseOptions): Promise<CsvParseResult> {
  const { engine, source } = options;
  if (options.header !== undefined && options.header.error === null) {
    const whole = await readWholeCsv(options, options.header);
    if (whole !== null) return whole;
  }
  const windows = new Utf8Windows(source, options.encoding, options.chunkBytes);
  const readColumns = options.header && options.select(options.header).map(({ index }) => index);
  const lexer = new CsvLexer(readColumns === undefined ? {} : { readColumns });
  const result: CsvParseResult = {
    header: { names: [], separator: ',', hadBom: false, raw: '', error: null },
    headerLine: 1,
    rows: 0,
    rejected: 0,
    blankLines: 0,
    excelText: false,
    lineSteps: [],
    invalidUtf8: 0,
    linePerRecord: false,
  };
  let select: readonly CsvColumnSelect[] | null = null;
  let leftover: Uint8Array = new Uint8Array(0);
  let pending: Promise<void> | null = null;
  let chunkIndex = 0;

  const ingest = async (chunk: LexedChunk, base: number): Promise<void> => {
    if (chunk.records === 0 || select === null) return;
    const header = lexer.header as CsvHeader;
    const name = `${options.prefix}chunk${chunkIndex++}.csv`;
    let bytes = chunk.bytes;
    for (let attempt = 0; ; attempt++) {
      const path = await engine.putFile(name, bytes);
      try {
        const [inserted] = await engine.query(
          insertFromCsvSql({
            table: options.table,
            path,
            separator: header.separator,
            columnCount: header.names.length,
            select,
            maxLineBytes: MAX_RECORD_BYTES,
          }),
        );
        const count = Number(Object.values(inserted ?? {})[0] ?? -1);
        if (count !== chunk.records) {
          throw new Error(
            `read_csv a lu ${count} lignes au lieu des ${chunk.records} vérifiées (rangs ${base} et suivants) : défaut du lecteur, signalez-le avec le fichier.`,
          );
        }
        return;
      } catch (error) {
        if (attempt > 0 || !isInvalidUnicodeError(error)) throw error;
        const repaired = repairUtf8(bytes);
        bytes = repaired.bytes;
        result.invalidUtf8 += repaired.replaced;
      } finally {
        await engine.removeFile(name);
      }
    }
  };

  for (;;) {
    options.checkCancelled?.();
    const window = await windows.next(leftover);
    const chunk = lexer.lex(window.bytes, window.final);
    leftover = window.bytes.subarray(chunk.consumed);
    if (select === null && lexer.header !== null) {
      const header = lexer.header;
      if (header.error !== null) {
        throw new ImportError(`Ligne d’en-tête illisible : ${header.error}.`, {
          file: source.name,
        });
      }
      result.header = header;
      result.headerLine = lexer.headerLine;
      select = options.select(header);
      await engine.query(`CREATE TABLE ${options.table} (${parsedColumnsSql(select)})`);
    }
    const base = result.rows;
    for (let k = 0; k < chunk.lineSteps.length; k += 2) {
      const delta = (chunk.lineSteps[k + 1] ?? 0) - base;
      if (delta !== result.lineSteps.at(-1)) {
        result.lineSteps.push(base + (chunk.lineSteps[k] ?? 0), delta);
      }
    }
    result.rows += chunk.records;
    result.rejected += chunk.rejections.length;
    result.blankLines += chunk.blankLines;
    result.excelText ||= chunk.excelText;
    if (chunk.rejections.length > 0) await options.onRejections?.(chunk.rejections);
    if (pending !== null) await pending;
    pending = ingest(chunk, base);
    options.onProgress?.({
      bytesRead: windows.bytesRead,
      rowsRead: result.rows + result.rejected,
    });
    if (window.final) break;
  }
  if (pending !== null) await pending;
  if (lexer.header === null) {
    throw new ImportError('Le fichier est vide : aucune ligne d’en-tête.', { file: source.name });
  }
  return result;
}
