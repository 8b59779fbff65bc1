import { describe, expect, it } from 'vitest';
import {
  formatCsvCell,
  formatCsvNumber,
  formatFrenchCsv,
  neutraliseFormula,
} from '../../src/domain/csv-writer.ts';
import { CsvReader } from '../../src/ingest/csv-reader.ts';

describe('formatFrenchCsv', () => {
  it('writes a BOM, `;` separators, CRLF after every line', () => {
    const csv = formatFrenchCsv(
      [
        { header: 'Nom', value: (r: { n: string; x: number }) => r.n },
        { header: 'Valeur', value: (r: { n: string; x: number }) => r.x },
      ],
      [
        { n: 'a', x: 1.5 },
        { n: 'b', x: 2 },
      ],
    );
    expect(csv).toBe('\uFEFFNom;Valeur\r\na;1,5\r\nb;2\r\n');
  });

  it('quotes cells with separators, quotes or line breaks, so that a CSV reader gets them back', () => {
    const values = ['Saint-Lô; Agglo', 'dit "le grand"', 'deux\r\nlignes', "l'Ouest"];
    const csv = formatFrenchCsv(
      [
        { header: 'n', value: (_: string) => 1 },
        { header: 'v', value: (r: string) => r },
      ],
      values,
    );
    const read: string[] = [];
    const reader = new CsvReader({
      header: () => undefined,
      record: (r) => read.push(r.fields[1] ?? ''),
    });
    reader.push(csv);
    reader.end();
    expect(read).toEqual(values);
    expect(reader.header?.separator).toBe(';');
  });
});

describe('cells', () => {
  it.each<[string, string]>([
    ['=SOMME(A1:A2)', "'=SOMME(A1:A2)"],
    ['+33 1 23', "'+33 1 23"],
    ['-1+1', "'-1+1"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['Saint-Lô', 'Saint-Lô'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('neutralises formula text %j → %j', (text, expected) => {
    expect(neutraliseFormula(text)).toBe(expected);
  });

  it.each<[number, string]>([
    [1_499_500, '1499500'],
    [9.8, '9,8'],
    [0.15, '0,15'],
    [-3.25, '-3,25'],
    [1e21, '1000000000000000000000'],
    [1e-7, '0,0000001'],
    [Number.NaN, ''],
  ])('writes number %s as %j (decimal comma, no grouping, never neutralised)', (n, text) => {
    expect(formatCsvNumber(n)).toBe(text);
    expect(formatCsvCell(n)).toBe(text);
  });

  it('writes null and undefined as empty cells', () => {
    expect([formatCsvCell(null), formatCsvCell(undefined)]).toEqual(['', '']);
  });

  it('neutralises a formula that also needs quoting', () => {
    expect(formatCsvCell('=1;2')).toBe('"\'=1;2"');
  });
});
