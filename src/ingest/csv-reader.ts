/**
 * Streaming CSV tokenizer shared by the browser (Web Worker) and the command line: feed it string
 * chunks with {@link CsvReader.push}, then call {@link CsvReader.end}. It keeps only the record
 * being read (never the whole file), so files of hundreds of MB are read chunk by chunk.
 *
 * RFC 4180 quoting (separators, line breaks and doubled quotes inside quoted fields), UTF-8 BOM
 * stripped, CRLF or LF line ends, separator detected among `,` `;` tab `|` from the header line.
 * A spreadsheet's forced-text cell `="0123"` is read as its text `0123` (counted in
 * {@link CsvReader.excelTextCells}); other formulas are left as written.
 * Malformed records (ragged rows, stray or unclosed quotes) are emitted with an `error` in French
 * rather than thrown, so that the caller can reject them with their line number.
 */
import {
  type CsvHeader,
  type CsvSeparator,
  detectSeparator,
  unwrapExcelText,
} from './csv-header.ts';

/** One data record. */
export interface CsvRecord {
  /** Physical line (1-based, the header being line 1) where the record starts. */
  line: number;
  /**
   * Field values. With a projection (see {@link CsvReaderHandlers.header}), `fields[k]` is the
   * value of column `projection[k]` ('' when the record is too short); otherwise every field.
   */
  fields: string[];
  /** Number of fields found in the record. */
  fieldCount: number;
  /** The record as written, without its line end (a record may span several lines). */
  raw: string;
  /** Why the record is malformed, in French, or null. */
  error: string | null;
}

/** What the reader calls back. */
export interface CsvReaderHandlers {
  /**
   * Receives the header line. May return the indices of the columns to materialise: other
   * columns are scanned but never copied, which is what makes wide files fast.
   */
  header(header: CsvHeader): readonly number[] | undefined;
  record(record: CsvRecord): void;
}

/** Options of {@link CsvReader}. */
export interface CsvReaderOptions {
  /** Forces the separator instead of detecting it from the header line. */
  separator?: CsvSeparator;
  /**
   * Longest record, in characters, before an open quote is declared unclosed. Bounds memory and
   * lets reading resume at the next line instead of swallowing the rest of the file.
   */
  maxRecordChars?: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const EQUALS = 61;

const BOM = '\uFEFF';
const DEFAULT_MAX_RECORD_CHARS = 16 * 1024 * 1024;
/** Lines of a chunk stitched one by one to a pending record before falling back to a copy. */
const MAX_STITCHED_LINES = 64;

/** Whether a record holds nothing but separators and spaces (a spreadsheet's empty row). */
function isEmptyRecord(raw: string, sep: number): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c !== sep && c !== SPACE && c !== CR) return false;
  }
  return true;
}

/** Incremental CSV tokenizer; see the module documentation. */
export class CsvReader {
  readonly #handlers: CsvReaderHandlers;
  readonly #maxRecordChars: number;
  #buf = '';
  #pos = 0;
  #line = 1;
  #started = false;
  #ended = false;
  #hadBom = false;
  #separator: CsvSeparator | null;
  #header: CsvHeader | null = null;
  #columnCount = 0;
  /** Column index → slot in `fields`, or -1; null materialises every column. */
  #slots: Int32Array | null = null;
  #slotCount = 0;
  #records = 0;
  #blankLines = 0;
  #excelTextCells = 0;

  constructor(handlers: CsvReaderHandlers, options: CsvReaderOptions = {}) {
    this.#handlers = handlers;
    this.#separator = options.separator ?? null;
    this.#maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  }

  /** The header once read, else null. */
  get header(): CsvHeader | null {
    return this.#header;
  }

  /** Data records emitted so far (malformed ones included, blank lines excluded). */
  get recordCount(): number {
    return this.#records;
  }

  /** Blank lines (or lines of separators only) skipped so far. */
  get blankLines(): number {
    return this.#blankLines;
  }

  /** Cells written `="…"` (a spreadsheet's forced text) read as their text so far. */
  get excelTextCells(): number {
    return this.#excelTextCells;
  }

  /** Feeds the next chunk of text. */
  push(chunk: string): void {
    if (this.#ended) throw new Error('CsvReader.push() after end()');
    if (!this.#started) {
      if (chunk.length === 0) return;
      this.#started = true;
      if (chunk.startsWith(BOM)) {
        this.#hadBom = true;
        chunk = chunk.slice(1);
      }
    }
    // Concatenating the pending record with the whole chunk made V8 copy (or walk a cons string
    // over) every chunk, which cost more than the parsing: the pending record is stitched to the
    // chunk's first lines instead, and the chunk itself is parsed in place.
    let rest = this.#buf.slice(this.#pos);
    let from = 0;
    for (let lines = 0; rest !== '' && lines < MAX_STITCHED_LINES; lines++) {
      const lf = chunk.indexOf('\n', from);
      if (lf === -1) break;
      const head = rest + chunk.slice(from, lf + 1);
      this.#buf = head;
      this.#pos = 0;
      this.#drain(false);
      rest = head.slice(this.#pos);
      from = lf + 1;
    }
    if (rest === '') {
      this.#buf = chunk;
      this.#pos = from;
    } else {
      this.#buf = rest + chunk.slice(from);
      this.#pos = 0;
    }
    this.#drain(false);
  }

  /** Signals the end of the text: the last record needs no line end. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#drain(true);
    this.#buf = '';
    this.#pos = 0;
  }

  #drain(final: boolean): void {
    const buf = this.#buf;
    const len = buf.length;
    let pos = this.#pos;
    if (this.#separator === null) {
      this.#separator = detectSeparator(buf, pos, final || len - pos > this.#maxRecordChars);
      if (this.#separator === null) return;
    }
    const sep = this.#separator.charCodeAt(0);
    const max = this.#maxRecordChars;
    let line = this.#line;

    // A character loop rather than indexOf() per field: wide files have hundreds of mostly
    // short fields per line, and one indexOf() call per field costs more than scanning them.
    records: while (pos < len) {
      const start = pos;
      const startLine = line;
      const c0 = buf.charCodeAt(pos);
      if (c0 === LF || c0 === CR) {
        const lf = c0 === LF ? pos : pos + 1;
        if (lf >= len && !final) break;
        if (lf >= len || buf.charCodeAt(lf) === LF) {
          pos = lf + 1;
          line++;
          this.#blankLines++;
          continue;
        }
      }
      // A record may end only where the text ends if the text is final; otherwise it is
      // incomplete, unless it has grown beyond the limit (then its open quote is unclosed).
      const mayEndHere = final || len - start > max;
      const isHeader = this.#header === null;
      const slots = isHeader ? null : this.#slots;
      const fields: string[] = slots === null ? [] : new Array<string>(this.#slotCount).fill('');
      let fieldCount = 0;
      let error: string | null = null;
      let unclosedAt = 0;
      let i = pos;

      for (;;) {
        const slot =
          slots === null ? fieldCount : fieldCount < slots.length ? (slots[fieldCount] ?? -1) : -1;
        if (i < len && buf.charCodeAt(i) === QUOTE) {
          let value = '';
          let segment = i + 1;
          let j = segment;
          let closed = false;
          for (; j < len; j++) {
            const c = buf.charCodeAt(j);
            if (c === QUOTE) {
              if (j + 1 === len && !mayEndHere) break;
              if (buf.charCodeAt(j + 1) !== QUOTE) {
                closed = true;
                break;
              }
              if (slot >= 0) value += buf.slice(segment, j + 1);
              j++;
              segment = j + 1;
            } else if (c === LF) line++;
          }
          if (!closed) {
            if (!mayEndHere) {
              pos = start;
              line = startLine;
              break records;
            }
            unclosedAt = fieldCount + 1;
            break;
          }
          if (slot >= 0) value += buf.slice(segment, j);
          i = j + 1;
          let c = i < len ? buf.charCodeAt(i) : -1;
          if (c === CR && (i + 1 === len || buf.charCodeAt(i + 1) === LF)) c = LF;
          if (c !== sep && c !== LF && c !== -1) {
            // A quoted field that ran over line ends and is then followed by text almost always
            // comes from a stray opening quote: reject that line alone and resume after it.
            if (line > startLine) {
              unclosedAt = fieldCount + 1;
              break;
            }
            error ??= `caractère inattendu après un guillemet fermant (colonne ${fieldCount + 1})`;
            let k = i;
            while (k < len && buf.charCodeAt(k) !== sep && buf.charCodeAt(k) !== LF) k++;
            let end = k;
            if (k === len && !mayEndHere) {
              pos = start;
              line = startLine;
              break records;
            }
            if (k === len || buf.charCodeAt(k) === LF) {
              if (end > i && buf.charCodeAt(end - 1) === CR) end--;
              c = k === len ? -1 : LF;
            } else c = sep;
            if (slot >= 0) value += buf.slice(i, end);
            i = end;
          }
          if (c === -1 && !mayEndHere) {
            pos = start;
            line = startLine;
            break records;
          }
          if (slot >= 0) {
            if (value.charCodeAt(0) === EQUALS && value.charCodeAt(1) === QUOTE) {
              const text = unwrapExcelText(value);
              if (text !== null) {
                value = text;
                this.#excelTextCells++;
              }
            }
            fields[slot] = value;
          }
          fieldCount++;
          if (c === sep) {
            i++;
            continue;
          }
          break;
        }
        let j = i;
        let strayQuote = false;
        for (; j < len; j++) {
          const c = buf.charCodeAt(j);
          if (c === sep || c === LF) break;
          if (c === QUOTE) strayQuote = true;
        }
        if (j === len && !mayEndHere) {
          pos = start;
          line = startLine;
          break records;
        }
        const last = j === len || buf.charCodeAt(j) === LF;
        let end = j;
        if (last && end > i && buf.charCodeAt(end - 1) === CR) end--;
        if (strayQuote) {
          const text = unwrapExcelText(buf.slice(i, end));
          if (text === null) {
            error ??= `guillemet isolé dans un champ sans guillemets (colonne ${fieldCount + 1})`;
          } else {
            this.#excelTextCells++;
            if (slot >= 0) fields[slot] = text;
          }
        } else if (slot >= 0) fields[slot] = buf.slice(i, end);
        fieldCount++;
        if (!last) {
          i = j + 1;
          continue;
        }
        i = end;
        break;
      }

      if (unclosedAt > 0) {
        const lf = buf.indexOf('\n', start);
        let rawEnd = lf === -1 ? len : lf;
        if (rawEnd > start && buf.charCodeAt(rawEnd - 1) === CR) rawEnd--;
        pos = lf === -1 ? len : lf + 1;
        line = startLine + (lf === -1 ? 0 : 1);
        const reason = `guillemet ouvrant jamais refermé (colonne ${unclosedAt}) : ligne ignorée, lecture reprise à la ligne suivante`;
        this.#emit(isHeader, startLine, [], 0, buf.slice(start, rawEnd), reason, sep);
        continue;
      }

      // i is at the record's line end: CR LF, LF, or the end of the text.
      const rawEnd = i;
      if (buf.charCodeAt(i) === CR) i++;
      if (buf.charCodeAt(i) === LF) {
        i++;
        line++;
      }
      pos = i;
      this.#emit(isHeader, startLine, fields, fieldCount, buf.slice(start, rawEnd), error, sep);
    }
    this.#pos = pos;
    this.#line = line;
  }

  #emit(
    isHeader: boolean,
    line: number,
    fields: string[],
    fieldCount: number,
    raw: string,
    error: string | null,
    sep: number,
  ): void {
    if (isHeader) {
      const header: CsvHeader = {
        names: fields,
        separator: this.#separator ?? ',',
        hadBom: this.#hadBom,
        raw,
        error,
      };
      this.#header = header;
      this.#columnCount = fieldCount;
      const projection = this.#handlers.header(header);
      if (projection !== undefined) {
        const slots = new Int32Array(fieldCount).fill(-1);
        projection.forEach((column, k) => {
          if (column >= 0 && column < fieldCount) slots[column] = k;
        });
        this.#slots = slots;
        this.#slotCount = projection.length;
      }
      return;
    }
    if (error === null && isEmptyRecord(raw, sep)) {
      this.#blankLines++;
      return;
    }
    if (error === null && fieldCount !== this.#columnCount) {
      error = `nombre de champs incorrect : ${fieldCount} au lieu de ${this.#columnCount}`;
    }
    this.#records++;
    this.#handlers.record({ line, fields, fieldCount, raw, error });
  }
}

/**
 * Reads the header of a CSV text (typically the first chunk of a file). `complete` says whether
 * the text is the whole file; otherwise a header line without its line end is not trusted.
 * Returns null when no header line could be read.
 */
export function readCsvHeader(text: string, complete: boolean): CsvHeader | null {
  const reader = new CsvReader({ header: () => [], record: () => {} });
  reader.push(text);
  if (complete) reader.end();
  return reader.header;
}
