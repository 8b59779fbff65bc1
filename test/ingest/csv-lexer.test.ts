import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineOfRecord } from '../../src/ingest/csv-bytes.ts';
import { CsvLexer } from '../../src/ingest/csv-lexer.ts';
import { CsvReader } from '../../src/ingest/csv-reader.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

interface Lexed {
  names: string[];
  records: number[];
  /** The bytes handed over, as text. */
  handed: string;
  rejected: string[];
  blank: number;
}

/** Lexes `text` in windows of `window` bytes, as the import does. */
function lex(text: string, window: number): Lexed {
  const bytes = encoder.encode(text);
  const records: number[] = [];
  let handed = '';
  const rejected: string[] = [];
  let blank = 0;
  let base = 0;
  const lexer = new CsvLexer();
  let pending: Uint8Array = new Uint8Array(0);
  for (let at = 0; ; at += window) {
    const part = bytes.subarray(at, at + window);
    const joined = new Uint8Array(pending.length + part.length);
    joined.set(pending);
    joined.set(part, pending.length);
    const final = at + window >= bytes.length;
    const chunk = lexer.lex(joined, final);
    pending = joined.subarray(chunk.consumed);
    handed += decoder.decode(chunk.bytes);
    for (let k = 0; k < chunk.records; k++) records.push(lineOfRecord(chunk.lineSteps, k));
    base += chunk.records;
    rejected.push(...chunk.rejections.map((r) => `${r.line}:${r.reason}`));
    blank += chunk.blankLines;
    if (final) break;
  }
  expect(lexer.records).toBe(base);
  return { names: lexer.header?.names ?? [], records, handed, rejected, blank };
}

/** What the string tokenizer of `csv-reader.ts` finds in the same text. */
function tokenize(text: string): Omit<Lexed, 'records' | 'handed'> & { lines: number[] } {
  const lines: number[] = [];
  const rejected: string[] = [];
  const reader = new CsvReader({
    header: () => undefined,
    record: (record) => {
      if (record.error === null) lines.push(record.line);
      else rejected.push(`${record.line}:${record.error}`);
    },
  });
  reader.push(text);
  reader.end();
  return { names: reader.header?.names ?? [], lines, rejected, blank: reader.blankLines };
}

describe('CsvLexer', () => {
  it('agrees with the string tokenizer on records, lines, rejections and blank lines', () => {
    const piece = fc.constantFrom(
      'a',
      'é',
      '1',
      ' ',
      ';',
      ',',
      '"',
      '""',
      '\n',
      '\r\n',
      '="1"',
      '€',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }),
        fc.integer({ min: 1, max: 40 }),
        (pieces, window) => {
          const text = `x;y;z\n${pieces.join('')}`;
          // A lone carriage return is content for the tokenizer, a line end for DuckDB: the
          // lexer rejects its record, which the tokenizer does not.
          fc.pre(!/\r(?!\n)/.test(text));
          const lexed = lex(text, window);
          const expected = tokenize(text);
          expect(lexed.names).toEqual(expected.names);
          expect(lexed.records).toEqual(expected.lines);
          expect(lexed.rejected).toEqual(expected.rejected);
          expect(lexed.blank).toBe(expected.blank);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('hands over the well-formed records only, each with its line end, header excluded', () => {
    const text = 'a;b\n1;2\n\n3\n4;"x\ny"\n;;\n5;6';
    const lexed = lex(text, 1000);
    expect(lexed.records).toEqual([2, 5, 8]);
    expect(lexed.handed).toBe('1;2\n4;"x\ny"\n5;6');
    expect(lexed.rejected).toEqual(['4:nombre de champs incorrect : 1 au lieu de 2']);
    expect(lexed.blank).toBe(2);
  });

  it('strips a UTF-8 byte order mark even when it comes byte by byte', () => {
    expect(lex('\uFEFFa;b\n1;2\n', 1).names).toEqual(['a', 'b']);
  });

  it('rejects a record holding a lone carriage return, which DuckDB would split', () => {
    expect(lex('a;b\n1\r2;3\n4;5\n', 7).rejected).toEqual([
      '2:retour chariot isolé dans un champ (colonne 1)',
    ]);
  });
});

describe('lineOfRecord', () => {
  it('adds the offset of the last step at or before the record', () => {
    const steps = [0, 2, 3, 4, 5, 9];
    expect([0, 2, 3, 4, 5, 10].map((k) => lineOfRecord(steps, k))).toEqual([2, 4, 7, 8, 14, 19]);
  });
});
