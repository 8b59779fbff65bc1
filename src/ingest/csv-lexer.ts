/**
 * Byte-level CSV validation ahead of DuckDB's `read_csv`. DuckDB splits and stores the fields; this
 * lexer only walks the UTF-8 bytes once (no string per field) to do what `read_csv` cannot:
 *
 * - reject, with its line and a French reason, a record that DuckDB would read differently from
 *   RFC 4180 as documented in the malformed corpus: a stray quote inside an unquoted field of a
 *   column the import reads (DuckDB keeps it as text; elsewhere it is left so, as the column is not
 *   imported), text after a closing quote, an unclosed quote (DuckDB swallows the rest of
 *   the file: here the line alone is rejected and reading resumes at the next line), a wrong
 *   number of fields, a lone carriage return (DuckDB ends the record there);
 * - skip blank lines and lines of separators or spaces only, which are not rows;
 * - give the physical line of every record, which `read_csv` does not expose: the n-th record
 *   handed to DuckDB is on line `n + offset`, the offsets being returned as steps;
 * - check that the bytes are UTF-8 (DuckDB fails the whole query otherwise): invalid sequences are
 *   reported so that the caller replaces them.
 *
 * What it hands over is the well-formed records only, each with its line end, header excluded, so
 * that DuckDB parses exactly `records` rows: the caller checks it.
 */
import {
  byteClasses,
  CR,
  detectByteSeparator,
  EQUALS,
  isBlankRecordBytes,
  isExcelTextBytes,
  joinRanges,
  LF,
  QUOTE,
} from './csv-bytes.ts';
import type { CsvHeader, CsvSeparator } from './csv-header.ts';
import { readCsvHeader } from './csv-reader.ts';

/** Longest record before an open quote is declared unclosed (as the former reader). */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** A record rejected by the lexer. */
export interface LexedRejection {
  /** Physical line (1-based) where the record starts. */
  line: number;
  /** Why, in French. */
  reason: string;
  /** The record as written, without its line end. */
  raw: string;
}

/** What one call of {@link CsvLexer.push} or {@link CsvLexer.end} produced. */
export interface LexedChunk {
  /** The well-formed data records, each with its line end (the last one of a file may lack it). */
  bytes: Uint8Array;
  /** Records in `bytes`. */
  records: number;
  /**
   * Line of each record as steps: pairs (record index in this chunk, line − index), in order; a
   * record's line is its index plus the offset of the last step at or before it.
   */
  lineSteps: number[];
  rejections: LexedRejection[];
  /** Blank lines (or lines of separators and spaces only) skipped. */
  blankLines: number;
  /** Whether a cell may be a spreadsheet's forced text `="…"`. */
  excelText: boolean;
  /** Bytes of the input lexed; the rest is an incomplete record. */
  consumed: number;
}

/** Options of {@link CsvLexer}. */
export interface CsvLexerOptions {
  /** Forces the separator instead of detecting it from the header line. */
  separator?: CsvSeparator;
  maxRecordBytes?: number;
  /**
   * Columns (0-based) the import reads. A stray quote in another column does not reject the row:
   * DuckDB keeps it as text there, and the column is not imported. All columns by default.
   */
  readColumns?: readonly number[];
  /** Called with every well-formed data record (for the raw lines of rows rejected later). */
  onRecord?: (ordinal: number, bytes: Uint8Array, start: number, end: number) => void;
}

const utf8 = new TextDecoder('utf-8');

/** Incremental byte lexer; see the module documentation. */
export class CsvLexer {
  readonly #max: number;
  readonly #onRecord: CsvLexerOptions['onRecord'];
  readonly #readColumns: ReadonlySet<number> | null;
  #separator: CsvSeparator | null;
  #classes: Uint8Array | null = null;
  #buf: Uint8Array = new Uint8Array(0);
  #line = 1;
  #started = false;
  #header: CsvHeader | null = null;
  #headerLine = 0;
  #columns = 0;
  #ordinal = 0;
  #out: LexedChunk = CsvLexer.#empty();

  constructor(options: CsvLexerOptions = {}) {
    this.#separator = options.separator ?? null;
    this.#max = options.maxRecordBytes ?? MAX_RECORD_BYTES;
    this.#onRecord = options.onRecord;
    this.#readColumns = options.readColumns === undefined ? null : new Set(options.readColumns);
  }

  static #empty(): LexedChunk {
    return {
      bytes: new Uint8Array(0),
      records: 0,
      lineSteps: [],
      rejections: [],
      blankLines: 0,
      excelText: false,
      consumed: 0,
    };
  }

  /** The header once read, else null. */
  get header(): CsvHeader | null {
    return this.#header;
  }

  /** Line of the header record. */
  get headerLine(): number {
    return this.#headerLine;
  }

  /** Data records handed over so far. */
  get records(): number {
    return this.#ordinal;
  }

  /**
   * Lexes the complete records at the start of `bytes` (UTF-8; the first call may start with a
   * BOM). `final` says that nothing follows, so that the last record needs no line end. The bytes
   * from `consumed` on form an incomplete record: pass them again, followed by the next bytes.
   * The returned `bytes` may be a view of the input.
   */
  lex(bytes: Uint8Array, final: boolean): LexedChunk {
    let from = 0;
    if (!this.#started) {
      // Too few bytes to tell a BOM: wait for more.
      if (bytes.length < 3 && !final) return CsvLexer.#empty();
      this.#started = true;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) from = 3;
    }
    this.#buf = bytes;
    const out = this.#lex(from, final);
    this.#buf = new Uint8Array(0);
    return out;
  }

  #lex(from: number, final: boolean): LexedChunk {
    const out = CsvLexer.#empty();
    this.#out = out;
    const b = this.#buf;
    const len = b.length;
    if (this.#separator === null) {
      this.#separator = detectByteSeparator(b, from, final || len - from > this.#max);
      if (this.#separator === null) {
        out.consumed = from;
        return out;
      }
    }
    const sep = this.#separator.charCodeAt(0);
    this.#classes ??= byteClasses(sep);
    const cls = this.#classes;
    const max = this.#max;
    const ranges: number[] = [];
    let pos = from;
    let line = this.#line;
    let lastDelta = Number.NaN;

    records: while (pos < len) {
      const start = pos;
      const startLine = line;
      const c0 = b[pos];
      if (c0 === LF || c0 === CR) {
        const lf = c0 === LF ? pos : pos + 1;
        if (lf >= len && !final) break;
        if (lf >= len || b[lf] === LF) {
          pos = lf + 1;
          line++;
          out.blankLines++;
          continue;
        }
      }
      const mayEnd = final || len - start > max;
      let fields = 0;
      let error: string | null = null;
      let unclosedAt = 0;
      let i = pos;
      for (;;) {
        if (i < len && b[i] === QUOTE) {
          const excel = b[i + 1] === EQUALS && b[i + 2] === QUOTE && b[i + 3] === QUOTE;
          let j = i + 1;
          let closed = false;
          while (j < len) {
            const c = b[j] as number;
            if (c !== QUOTE) {
              if (c === LF) line++;
              j++;
              continue;
            }
            if (j + 1 === len && !mayEnd) break;
            if (b[j + 1] !== QUOTE) {
              closed = true;
              break;
            }
            j += 2;
          }
          if (!closed) {
            if (!mayEnd) {
              line = startLine;
              pos = start;
              break records;
            }
            unclosedAt = fields + 1;
            break;
          }
          if (excel) out.excelText = true;
          i = j + 1;
          let c = i < len ? (b[i] as number) : -1;
          if (c === CR) {
            if (i + 1 === len && !mayEnd) {
              line = startLine;
              pos = start;
              break records;
            }
            if (i + 1 === len || b[i + 1] === LF) c = LF;
          }
          if (c !== sep && c !== LF && c !== -1) {
            // A quoted field that ran over line ends and is then followed by text almost always
            // comes from a stray opening quote: that line alone is rejected.
            if (line > startLine) {
              unclosedAt = fields + 1;
              break;
            }
            error ??= `caractère inattendu après un guillemet fermant (colonne ${fields + 1})`;
            let k = i;
            while (k < len && b[k] !== sep && b[k] !== LF) k++;
            if (k === len && !mayEnd) {
              line = startLine;
              pos = start;
              break records;
            }
            let end = k;
            if (k === len || b[k] === LF) {
              if (end > i && b[end - 1] === CR) end--;
              c = k === len ? -1 : LF;
            } else c = sep;
            i = end;
          }
          fields++;
          if (c === sep) {
            i++;
            continue;
          }
          break;
        }
        let j = i;
        let stray = false;
        let loneCr = false;
        while (j < len) {
          const k = cls[b[j] as number];
          if (k === 0) {
            j++;
            continue;
          }
          if (k === 2 || k === 3) break;
          if (k === 1) stray = true;
          else if (k === 4) {
            if (j + 1 === len && !mayEnd) {
              j = len;
              break;
            }
            if (j + 1 < len && b[j + 1] !== LF) loneCr = true;
          }
          j++;
        }
        if (j >= len && !mayEnd) {
          line = startLine;
          pos = start;
          break records;
        }
        const last = j >= len || b[j] === LF;
        let end = Math.min(j, len);
        if (last && end > i && b[end - 1] === CR) end--;
        if (stray) {
          if (isExcelTextBytes(b, i, end)) out.excelText = true;
          else if (this.#readColumns?.has(fields) ?? true) {
            error ??= `guillemet isolé dans un champ sans guillemets (colonne ${fields + 1})`;
          }
        }
        if (loneCr) error ??= `retour chariot isolé dans un champ (colonne ${fields + 1})`;
        fields++;
        if (!last) {
          i = j + 1;
          continue;
        }
        i = end;
        break;
      }

      if (unclosedAt > 0) {
        const lf = b.indexOf(LF, start);
        let rawEnd = lf === -1 ? len : lf;
        if (rawEnd > start && b[rawEnd - 1] === CR) rawEnd--;
        pos = lf === -1 ? len : lf + 1;
        line = startLine + (lf === -1 ? 0 : 1);
        const reason = `guillemet ouvrant jamais refermé (colonne ${unclosedAt}) : ligne ignorée, lecture reprise à la ligne suivante`;
        this.#record(startLine, start, rawEnd, pos, 0, reason, sep, ranges);
        continue;
      }
      const rawEnd = i;
      if (b[i] === CR) i++;
      if (b[i] === LF) {
        i++;
        line++;
      }
      pos = i;
      const kept = this.#record(startLine, start, rawEnd, pos, fields, error, sep, ranges);
      if (kept) {
        const index = out.records - 1;
        const delta = startLine - index;
        if (delta !== lastDelta) {
          out.lineSteps.push(index, delta);
          lastDelta = delta;
        }
      }
    }
    out.consumed = pos;
    this.#line = line;
    out.bytes = joinRanges(b, ranges);
    return out;
  }

  /** Handles one record; returns whether it was handed over as a data record. */
  #record(
    line: number,
    start: number,
    rawEnd: number,
    end: number,
    fields: number,
    error: string | null,
    sep: number,
    ranges: number[],
  ): boolean {
    const b = this.#buf;
    const out = this.#out;
    if (this.#header === null) {
      const text = utf8.decode(b.subarray(start, rawEnd));
      const header = readCsvHeader(`${text}\n`, true) ?? {
        names: [],
        separator: this.#separator ?? ',',
        hadBom: false,
        raw: text,
        error: null,
      };
      this.#header = { ...header, separator: this.#separator ?? header.separator, error };
      this.#headerLine = line;
      this.#columns = fields;
      return false;
    }
    if (error === null && isBlankRecordBytes(b, start, rawEnd, sep)) {
      out.blankLines++;
      return false;
    }
    if (error === null && fields !== this.#columns) {
      error = `nombre de champs incorrect : ${fields} au lieu de ${this.#columns}`;
    }
    if (error !== null) {
      out.rejections.push({ line, reason: error, raw: utf8.decode(b.subarray(start, rawEnd)) });
      return false;
    }
    this.#onRecord?.(this.#ordinal, b, start, rawEnd);
    this.#ordinal++;
    out.records++;
    const lastEnd = ranges.at(-1);
    if (lastEnd === start) ranges[ranges.length - 1] = end;
    else ranges.push(start, end);
    return true;
  }
}
