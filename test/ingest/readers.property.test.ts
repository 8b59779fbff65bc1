/**
 * Property-based tests of the readers: random tables written as the tools in the wild write them
 * (separator, quoting, line ends, BOM, encoding, chunking at byte level) read back cell for cell;
 * every import accounts for every row; the DPE mapper never throws on arbitrary cells.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, unwrapExcelText } from '../../src/ingest/csv-reader.ts';
import { detectTextEncoding } from '../../src/ingest/detect-encoding.ts';
import { createDpeImport } from '../../src/ingest/dpe-mapper.ts';
import { ImportError } from '../../src/ingest/import-error.ts';
import { createStockImport } from '../../src/ingest/stock-mapper.ts';

type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Characters every encoding can write, chosen to stress the tokenizer. */
const COMMON = [
  'a',
  'Z',
  '0',
  '9',
  ' ',
  'é',
  'È',
  'ç',
  '°',
  '²',
  ',',
  ';',
  '\t',
  '|',
  '"',
  '=',
  '\n',
  '\r',
];
/** Characters only Unicode encodings can write. */
const UNICODE = ['€', 'œ', '’', '😀', '中'];

function encode(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.from(`\uFEFF${text}`, 'utf8');
    case 'utf-16le':
      return Buffer.from(`\uFEFF${text}`, 'utf16le');
    case 'utf-16be': {
      const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
      for (let i = 0; i + 1 < le.length; i += 2) {
        const low = le[i] ?? 0;
        le[i] = le[i + 1] ?? 0;
        le[i + 1] = low;
      }
      return le;
    }
    case 'windows-1252':
      return Buffer.from(text, 'latin1');
  }
}

/** Quotes a cell when needed; `separator` null means "unknown": every candidate is quoted. */
function quote(value: string, separator: string | null, always: boolean): string {
  const needs =
    always ||
    /["\r\n]/.test(value) ||
    (separator === null ? /[,;\t|]/.test(value) : value.includes(separator));
  return needs ? `"${value.replaceAll('"', '""')}"` : value;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Reads bytes as the CLI and the worker do: sniff the encoding, decode in chunks, tokenize. */
function readBytes(
  bytes: Uint8Array,
  cuts: number[],
): { names: string[]; rows: string[][]; separator: string } {
  const rows: string[][] = [];
  const reader = new CsvReader({ header: () => undefined, record: (r) => rows.push(r.fields) });
  const sniff = 64 * 1024;
  const decoder = new TextDecoder(
    detectTextEncoding(bytes.subarray(0, sniff), bytes.length <= sniff),
  );
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let last = 0;
  for (const point of [...points, bytes.length]) {
    reader.push(decoder.decode(bytes.subarray(last, point), { stream: true }));
    last = point;
  }
  reader.push(decoder.decode());
  reader.end();
  return { names: reader.header?.names ?? [], rows, separator: reader.header?.separator ?? '' };
}

describe('CSV reader (properties)', () => {
  it('reads back random tables whatever the separator, quoting, line ends, BOM, encoding and chunks', () => {
    const table = fc
      .record({
        encoding: fc.constantFrom<Encoding>(
          'utf-8',
          'utf-8-bom',
          'utf-16le',
          'utf-16be',
          'windows-1252',
        ),
        separator: fc.constantFrom(',', ';', '\t', '|'),
        alwaysQuote: fc.boolean(),
        lineEnd: fc.constantFrom('\n', '\r\n'),
        finalLineEnd: fc.boolean(),
        width: fc.integer({ min: 1, max: 6 }),
      })
      .chain((shape) => {
        const alphabet = shape.encoding === 'windows-1252' ? COMMON : [...COMMON, ...UNICODE];
        const cell = fc
          .string({ unit: fc.constantFrom(...alphabet), maxLength: 12 })
          // A spreadsheet's forced text ="…" is read as its text by design.
          .filter((value) => unwrapExcelText(value) === null);
        // A row of blanks and separators only is a spreadsheet's empty row, skipped by design.
        const row = fc
          .array(cell, { minLength: shape.width, maxLength: shape.width })
          .filter((cells) => cells.some((value) => /[^ ]/.test(value)));
        return fc.record({
          shape: fc.constant(shape),
          rows: fc.array(row, { minLength: 1, maxLength: 8 }),
          cuts: fc.array(fc.nat(), { maxLength: 8 }),
        });
      });
    fc.assert(
      fc.property(table, ({ shape, rows, cuts }) => {
        const names = Array.from({ length: shape.width }, (_, i) => `colonne_${i}`);
        const text =
          [names, ...rows]
            .map((cells) =>
              cells
                .map((v) =>
                  // A one-column file has no separator to detect: its cells must not look split.
                  quote(v, shape.width > 1 ? shape.separator : null, shape.alwaysQuote),
                )
                .join(shape.separator),
            )
            .join(shape.lineEnd) + (shape.finalLineEnd ? shape.lineEnd : '');
        const bytes = encode(text, shape.encoding);
        // Windows-1252 bytes that happen to form valid UTF-8 (`È²` is C8 B2, that is `Ȳ`) cannot
        // be told apart: they are read as UTF-8, a known limit of sniffing.
        fc.pre(
          shape.encoding !== 'windows-1252' ||
            !isValidUtf8(bytes) ||
            [...text].every((c) => c.charCodeAt(0) < 128),
        );
        const read = readBytes(bytes, cuts);
        if (shape.width > 1) expect(read.separator).toBe(shape.separator);
        expect(read.names).toEqual(names);
        expect(read.rows).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });
});

const DPE_HEADER =
  'numero_dpe;date_etablissement_dpe;etiquette_dpe;conso_5_usages_par_m2_ep;emission_ges_5_usages_par_m2;surface_habitable_logement;type_energie_principale_chauffage;code_insee_ban;classe_altitude;coordonnee_cartographique_x_ban;coordonnee_cartographique_y_ban;_geopoint';

/** Cells that look like what DPE columns hold, and garbage. */
const dpeCell = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.constantFrom(
    '',
    'A',
    'g',
    'H',
    '36044',
    '75101',
    '2A004',
    '1001.0',
    '99999',
    '-5',
    '1e400',
    '12,5',
    '1 234,5',
    '2024-09-10',
    '20240910',
    '31/02/2024',
    'NaN',
    'Infinity',
    '0x1A',
    '45.7,4.8',
    '844363.05',
  ),
  fc.double().map(String),
);

function feed(create: typeof createDpeImport, lines: string[], chunk: number) {
  const csv = create({ file: 'propriete.csv' });
  const text = lines.join('\n');
  for (let i = 0; i < text.length; i += chunk) csv.push(text.slice(i, i + chunk));
  return csv.end();
}

describe('imports (properties)', () => {
  it('the DPE mapper never throws on arbitrary cells, and rows read = accepted + rejected', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(dpeCell, { minLength: 12, maxLength: 12 }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 200 }),
        (rows, chunk) => {
          const lines = [
            DPE_HEADER,
            ...rows.map((row) => row.map((v) => quote(v, ';', false)).join(';')),
          ];
          const report = feed(createDpeImport, lines, chunk);
          expect(report.rows_read).toBe(report.accepted + report.rejected);
          const weights = Object.values(report.by_label).reduce((sum, n) => sum + n, 0);
          expect(weights).toBe(report.accepted);
          for (const value of Object.values(report.by_label))
            expect(Number.isFinite(value)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any text after a valid header is accounted for, or refused with an ImportError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.boolean(), (body, stock) => {
        const header = stock ? 'code_commune;weight;dpe_label;ep_kwh_m2' : DPE_HEADER;
        try {
          const report = feed(stock ? createStockImport : createDpeImport, [header, body], 64);
          expect(report.rows_read).toBe(report.accepted + report.rejected);
          for (const value of Object.values(report.by_label))
            expect(Number.isFinite(value)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(ImportError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
