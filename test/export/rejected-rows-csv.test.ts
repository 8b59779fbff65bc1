import { describe, expect, it } from 'vitest';
import { rejectedRowsCsv, rejectedRowsOf } from '../../src/export/rejected-rows-csv.ts';
import { CsvReader } from '../../src/ingest/csv-reader.ts';

function readBack(csv: string): string[][] {
  const rows: string[][] = [];
  const reader = new CsvReader({ header: () => undefined, record: (r) => rows.push(r.fields) });
  reader.push(csv);
  reader.end();
  return rows;
}

describe('rejectedRowsCsv', () => {
  it('writes BOM, `;`, CRLF, then line, reason and raw line', () => {
    const csv = rejectedRowsCsv([{ line: 3, reason: 'étiquette invalide', raw: 'a,b,c' }]);
    expect(csv).toBe(
      '\uFEFFLigne;Motif du rejet;Ligne telle que lue\r\n3;étiquette invalide;a,b,c\r\n',
    );
  });

  it('neutralises cells a spreadsheet would run, and quotes separators, quotes and line breaks', () => {
    const rows = [
      { line: 2, reason: '=HYPERLINK("x")', raw: '=1+1;"q"' },
      { line: 4, reason: 'motif', raw: '+33;@SUM(A1)' },
      { line: 5, reason: '-1', raw: 'deux\nlignes' },
    ];
    const fields = readBack(rejectedRowsCsv(rows));
    expect(fields).toEqual([
      ['2', '\'=HYPERLINK("x")', '\'=1+1;"q"'],
      ['4', 'motif', "'+33;@SUM(A1)"],
      ['5', "'-1", 'deux\nlignes'],
    ]);
  });

  it('puts the file first when several files were read', () => {
    const csv = rejectedRowsCsv([{ line: 7, reason: 'r', raw: 'x', file: 'ffo.csv' }], {
      withFile: true,
    });
    expect(csv.split('\r\n').slice(0, 2)).toEqual([
      '\uFEFFFichier;Ligne;Motif du rejet;Ligne telle que lue',
      'ffo.csv;7;r;x',
    ]);
  });

  it('iterates the worker’s parallel arrays as rows', () => {
    const rows = [
      ...rejectedRowsOf({
        lines: new Uint32Array([2, 9]),
        reasons: ['a', 'b'],
        raws: ['r1', 'r2'],
        files: null,
      }),
    ];
    expect(rows).toEqual([
      { line: 2, reason: 'a', raw: 'r1' },
      { line: 9, reason: 'b', raw: 'r2' },
    ]);
  });
});
