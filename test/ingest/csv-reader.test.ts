import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvHeader } from '../../src/ingest/csv-header.ts';
import type { CsvReaderOptions, CsvRecord } from '../../src/ingest/csv-reader.ts';
import { CsvReader, readCsvHeader } from '../../src/ingest/csv-reader.ts';

interface Parsed {
  header: CsvHeader | null;
  records: CsvRecord[];
  blankLines: number;
}

/** Parses `text` pushed in the given pieces (one piece by default). */
function parse(
  text: string | string[],
  options: CsvReaderOptions & { projection?: number[] } = {},
): Parsed {
  const records: CsvRecord[] = [];
  const reader = new CsvReader(
    { header: () => options.projection, record: (record) => records.push(record) },
    options,
  );
  for (const piece of typeof text === 'string' ? [text] : text) reader.push(piece);
  reader.end();
  return { header: reader.header, records, blankLines: reader.blankLines };
}

/** Cuts a text at the given offsets. */
function cut(text: string, offsets: number[]): string[] {
  const points = [...new Set(offsets.map((o) => o % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let last = 0;
  for (const point of points) {
    pieces.push(text.slice(last, point));
    last = point;
  }
  pieces.push(text.slice(last));
  return pieces;
}

/** RFC 4180 writer; blank cells are quoted, since a line of blanks only is skipped by design. */
function quoteField(value: string, separator: string): string {
  return /["\r\n]/.test(value) || value.includes(separator) || value.trim() === ''
    ? `"${value.replaceAll('"', '""')}"`
    : value;
}

describe('CsvReader', () => {
  it('reads RFC 4180 quoting: separators, line breaks and doubled quotes inside quotes', () => {
    const { header, records } = parse('a,b,c\n"x, y","line 1\nline 2","say ""hi"""\n1,2,3\n');
    expect(header?.names).toEqual(['a', 'b', 'c']);
    expect(records.map((r) => r.fields)).toEqual([
      ['x, y', 'line 1\nline 2', 'say "hi"'],
      ['1', '2', '3'],
    ]);
    expect(records.map((r) => r.line)).toEqual([2, 4]);
    expect(records.every((r) => r.error === null)).toBe(true);
  });

  it('strips the BOM, reads CRLF line ends and keeps CR inside quoted fields', () => {
    const { header, records } = parse(
      '\uFEFF"N°DPE","Etiquette_DPE"\r\n"1","A\r\nB"\r\n"2","C"\r\n',
    );
    expect(header).toMatchObject({
      names: ['N°DPE', 'Etiquette_DPE'],
      hadBom: true,
      separator: ',',
    });
    expect(records.map((r) => r.fields)).toEqual([
      ['1', 'A\r\nB'],
      ['2', 'C'],
    ]);
    expect(records.map((r) => [r.line, r.raw])).toEqual([
      [2, '"1","A\r\nB"'],
      [4, '"2","C"'],
    ]);
  });

  it.each([
    [',', 'a,b;c\n1,2;3\n', ['a', 'b;c']],
    [';', 'a;b,c;d\n1;2,5;3\n', ['a', 'b,c', 'd']],
    ['\t', 'a\tb\tc,d\n1\t2\t3\n', ['a', 'b', 'c,d']],
    ['|', 'a|b|c\n1|2|3\n', ['a', 'b', 'c']],
    [';', '"a;x,y";b;c,d\n', ['a;x,y', 'b', 'c,d']],
  ])('detects %j from the header line, outside quotes', (separator, text, names) => {
    const { header } = parse(text);
    expect(header?.separator).toBe(separator);
    expect(header?.names).toEqual(names);
  });

  it('reads a header-only file and a file without a final line end', () => {
    expect(parse('a;b\r\n').records).toEqual([]);
    expect(parse('a;b\n1;2').records.map((r) => r.fields)).toEqual([['1', '2']]);
    expect(parse('').header).toBeNull();
  });

  it('reports ragged rows without stopping', () => {
    const { records } = parse('a,b,c\n1,2\n1,2,3,4\n5,6,7\n');
    expect(records.map((r) => r.error)).toEqual([
      'nombre de champs incorrect : 2 au lieu de 3',
      'nombre de champs incorrect : 4 au lieu de 3',
      null,
    ]);
    expect(records[2]?.fields).toEqual(['5', '6', '7']);
  });

  it('rejects stray quotes with a reason and goes on', () => {
    const { records } = parse('a,b\n1,x"y\n"2"z,3\n4,5\n');
    expect(records.map((r) => r.error)).toEqual([
      'guillemet isolé dans un champ sans guillemets (colonne 2)',
      'caractère inattendu après un guillemet fermant (colonne 1)',
      null,
    ]);
    expect(records.map((r) => r.line)).toEqual([2, 3, 4]);
  });

  it('rejects only the line of an unclosed quote and resumes at the next line', () => {
    const { records } = parse('a,b\n1,"open\n2,3\n4,5\n');
    expect(records.map((r) => [r.line, r.error?.slice(0, 32) ?? null, r.fields])).toEqual([
      [2, 'guillemet ouvrant jamais refermé', []],
      [3, null, ['2', '3']],
      [4, null, ['4', '5']],
    ]);
    expect(records[0]?.raw).toBe('1,"open');
  });

  it('recovers from a stray opening quote that pairs with a quote lines below', () => {
    const { records } = parse('a,b\n1,"x\n"2",3\n4,5\n');
    expect(records.map((r) => [r.line, r.error === null])).toEqual([
      [2, false],
      [3, true],
      [4, true],
    ]);
    expect(records[1]?.fields).toEqual(['2', '3']);
  });

  it('declares an open quote unclosed beyond maxRecordChars instead of buffering the file', () => {
    const body = Array.from({ length: 50 }, (_, i) => `${i},${i}`).join('\n');
    const { records } = parse(cut(`a,b\n"never closed,0\n${body}\n`, [7, 30, 60, 90, 200]), {
      maxRecordChars: 40,
    });
    expect(records[0]?.error).toMatch(/^guillemet ouvrant jamais refermé/);
    expect(records.filter((r) => r.error === null)).toHaveLength(50);
  });

  it('skips blank lines and lines of separators only, and counts them', () => {
    const { records, blankLines } = parse('a;b\n\n1;2\r\n\r\n;;\n ; \n3;4\n');
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [3, ['1', '2']],
      [7, ['3', '4']],
    ]);
    expect(blankLines).toBe(4);
  });

  it('materialises only the projected columns, in projection order', () => {
    const { records } = parse('a,b,c,d\n1,"2",3,4\n5,6\n', { projection: [3, 0, 7] });
    expect(records.map((r) => [r.fields, r.fieldCount])).toEqual([
      [['4', '1', ''], 4],
      [['', '5', ''], 2],
    ]);
  });

  it('uses a forced separator', () => {
    expect(parse('a,b;c\n1,2;3\n', { separator: ';' }).records[0]?.fields).toEqual(['1,2', '3']);
  });

  it('gives the same records whatever the chunk boundaries (property)', () => {
    const text =
      '\uFEFF"id";"texte";"n"\r\n1;"a;b";2,5\r\n2;"multi\r\nligne ""citée""";3\r\n\r\n3;x"y;4\r\n4;"z"w;5\r\n5;"ouvert;6\r\n6;ok;7';
    const whole = parse(text);
    fc.assert(
      fc.property(fc.array(fc.nat(text.length), { maxLength: 12 }), (offsets) => {
        expect(parse(cut(text, offsets))).toEqual(whole);
      }),
    );
  });

  it('reads back any table written with RFC 4180 quoting (property)', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'é', ' ', ',', ';', '"', '\n', '\r\n', '1'),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(',', ';', '\t', '|'),
        fc
          .integer({ min: 1, max: 5 })
          .chain((width) =>
            fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 6 }),
          ),
        fc.array(fc.nat(), { maxLength: 6 }),
        (separator, rows, offsets) => {
          const width = rows[0]?.length ?? 2;
          const names = Array.from({ length: width }, (_, i) => `col${i}`);
          const lines = [names, ...rows].map((row) =>
            row.map((value) => quoteField(value, separator)).join(separator),
          );
          const { header, records } = parse(cut(`${lines.join('\r\n')}\r\n`, offsets), {
            separator,
          });
          expect(header?.names).toEqual(names);
          expect(records.map((r) => r.fields)).toEqual(rows);
        },
      ),
    );
  });
});

describe('readCsvHeader', () => {
  it('reads the header of a first chunk, and waits for its line end unless complete', () => {
    expect(readCsvHeader('x;y;z\n1;2;3\n4;', false)?.names).toEqual(['x', 'y', 'z']);
    expect(readCsvHeader('x;y;z', false)).toBeNull();
    expect(readCsvHeader('x;y;z', true)?.names).toEqual(['x', 'y', 'z']);
  });
});
