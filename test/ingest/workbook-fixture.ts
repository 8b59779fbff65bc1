/** Spreadsheet fixtures, written by SheetJS at run time (no binary file committed). */
import * as XLSX from '@e965/xlsx';

const HEADER = [
  'numero_dpe',
  'code_insee_ban',
  'etiquette_dpe',
  'date_etablissement_dpe',
  'adresse_ban',
];

/** A workbook: a title row, a blank row, then the table; a second sheet of notes. */
export function dpeWorkbook(): Uint8Array {
  const rows = [
    ['Export DPE du 1er juin 2024'],
    [],
    HEADER,
    ['2336E0000001A', 36044, 'D', new Date(Date.UTC(2024, 2, 1)), '1 rue X\nChâteauroux'],
    ['2336E0000002B', 1001, 'F', new Date(Date.UTC(2024, 2, 2)), ''],
    ['2336E0000003C', 99999, 'B', '', ''],
  ];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows, { cellDates: true }), 'DPE');
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['notes']]), 'Notes');
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}
