import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/ingest/byte-source.ts';
import { fetchRawLines, fetchRawRecords } from '../../src/ingest/raw-records.ts';

const encoder = new TextEncoder();

/** A file of one record per line, as the fast path of the import reads it. */
function file(lines: readonly string[], lineEnd: string, finalEnd: boolean): Uint8Array {
  const text = ['numero;commune;étiquette', ...lines].join(lineEnd);
  return encoder.encode(finalEnd ? text + lineEnd : text);
}

describe('raw lines of rejected rows', () => {
  it('finds by line ends the records the lexer finds, across windows and line ends', async () => {
    const cell = fc.stringMatching(/^[a-zA-Zéà0-9 ,.-]{0,12}$/);
    // The fast path reads no record of blanks only (it falls back to the lexer): a number first.
    const line = fc
      .tuple(fc.nat(), cell, cell)
      .map(([numero, ...cells]) => [numero, ...cells].join(';'));
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 40 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.integer({ min: 1, max: 64 }),
        fc.array(fc.nat(45), { maxLength: 10 }),
        async (lines, lineEnd, finalEnd, windowBytes, wanted) => {
          const source = bytesSource('f.csv', file(lines, lineEnd, finalEnd));
          const ordinals = new Set(wanted);
          const lexed = await fetchRawRecords(source, 'utf-8', ordinals);
          const split = await fetchRawLines(
            source,
            ordinals,
            Number.POSITIVE_INFINITY,
            windowBytes,
          );
          expect(new Map([...split].sort(([a], [b]) => a - b))).toEqual(
            new Map([...lexed].sort(([a], [b]) => a - b)),
          );
          for (const ordinal of ordinals) {
            expect(split.get(ordinal)).toBe(lines[ordinal]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stops once the characters asked for are reached', async () => {
    const lines = Array.from({ length: 50 }, (_, k) => `${k};69123;F`);
    const source = bytesSource('f.csv', file(lines, '\n', true));
    const wanted = new Set([0, 1, 2, 40]);
    const found = await fetchRawLines(source, wanted, 10, 16);
    // The line that crosses the limit is kept whole (the caller trims), nothing after it: as the
    // lexer's fetch does.
    expect([...found.keys()]).toEqual([0, 1]);
    expect(found.get(1)).toBe('1;69123;F');
    expect(found).toEqual(await fetchRawRecords(source, 'utf-8', wanted, 10));
  });
});
