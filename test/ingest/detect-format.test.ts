import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectTextEncoding } from '../../src/ingest/detect-encoding.ts';
import { detectFormat } from '../../src/ingest/detect-format.ts';
import { ImportError } from '../../src/ingest/import-error.ts';
import { FIXTURES, fixtureText } from './ingest-helpers.ts';

describe('detectFormat', () => {
  it.each([
    ['dpe/dpe-2025-snake-semicolon.csv', 'dpe', undefined],
    ['dpe/dpe-pre2025-bom-crlf-quoted.csv', 'dpe', undefined],
    ['dpe/dpe-missing-commune.csv', 'dpe', undefined],
    ['malformed/header-only.csv', 'dpe', undefined],
    ['stock/stock-valid.csv', 'stock', undefined],
    ['stock/stock-missing-weight.csv', 'stock', undefined],
    ['bdnb/batiment_groupe.csv', 'bdnb', 'batiment_groupe'],
    ['bdnb/batiment_groupe_ffo_bat.csv', 'bdnb', 'batiment_groupe_ffo_bat'],
    [
      'bdnb/batiment_groupe_dpe_representatif_logement.csv',
      'bdnb',
      'batiment_groupe_dpe_representatif_logement',
    ],
    ['bdnb/batiment_groupe_simulations_dpe.csv', 'bdnb', 'batiment_groupe_simulations_dpe'],
    ['geo/communes-mini.geojson', 'geo', undefined],
    ['geo/epci-mini.topo.json', 'geo', undefined],
  ])('%s is %s', (path, format, table) => {
    const detected = detectFormat(fixtureText(path), true);
    expect(detected.format).toBe(format);
    expect(detected.table).toBe(table);
  });

  it.each([
    ['malformed/empty.csv', /^Le fichier est vide\.$/],
    [
      'malformed/unknown-format.csv',
      /^Format non reconnu\. Formats acceptés : DPE ADEME .*Colonnes trouvées : « nom », « prenom », « ville » \(3 colonnes\)\.$/,
    ],
    ['malformed/plain.json', /^Fichier JSON sans .*FeatureCollection/],
    ['malformed/not-csv.xlsx', /^Fichier binaire/],
  ])('%s gives one clear error', (path, message) => {
    const text = readFileSync(resolve(FIXTURES, path), 'latin1');
    expect(() => detectFormat(text, true, 'f')).toThrow(ImportError);
    expect(() => detectFormat(text, true, 'f')).toThrow(message);
  });
});

describe('detectTextEncoding', () => {
  it('tells UTF-8 (a sequence cut at the end included) from Windows-1252 and UTF-16', () => {
    const utf8 = new TextEncoder().encode('Électricité;Bois – Bûches');
    expect(detectTextEncoding(utf8)).toBe('utf-8');
    expect(detectTextEncoding(utf8.subarray(0, 1))).toBe('utf-8');
    expect(detectTextEncoding(readFileSync(resolve(FIXTURES, 'dpe/dpe-windows-1252.csv')))).toBe(
      'windows-1252',
    );
    expect(detectTextEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0]))).toBe('utf-16le');
    expect(detectTextEncoding(new Uint8Array([0xfe, 0xff, 0, 0x61]))).toBe('utf-16be');
  });

  it('reads a whole file ending in a Windows-1252 letter as Windows-1252, not as a cut sequence', () => {
    const latin = Buffer.from('code;nom\n36044;Cité', 'latin1');
    expect(detectTextEncoding(latin)).toBe('utf-8');
    expect(detectTextEncoding(latin, true)).toBe('windows-1252');
  });

  it('recognises UTF-16 without a BOM by its NUL bytes', () => {
    const le = Buffer.from('code;nom\n36044;Cité\n', 'utf16le');
    const be = Buffer.from(le.map((_, i) => le[i ^ 1] ?? 0));
    expect(detectTextEncoding(le)).toBe('utf-16le');
    expect(detectTextEncoding(be)).toBe('utf-16be');
    expect(detectTextEncoding(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]))).toBe(
      'windows-1252',
    );
  });
});
