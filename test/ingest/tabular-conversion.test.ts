import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeWasmImportEngine, startNodeWasm } from '../../scripts/lib/node-wasm.ts';
import { bytesSource } from '../../src/ingest/byte-source.ts';
import { ImportError } from '../../src/ingest/import-error.ts';
import { runImport } from '../../src/ingest/run-import.ts';
import { fixtureBytes, importText, testEngine } from './ingest-helpers.ts';
import { dpeWorkbook } from './workbook-fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'tabulaire-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Excel workbooks', () => {
  it('reads the first sheet, with the line of each row as the sheet numbers it', async () => {
    const run = await importText(dpeWorkbook(), { name: 'dpe.xlsx' });
    expect(run.report).toMatchObject({ format: 'dpe', rows_read: 3, accepted: 2, rejected: 1 });
    expect(run.report.rejections.map((r) => [r.line, r.reason])).toEqual([
      [6, 'code commune invalide : « 99999 » (colonne Code_INSEE_(BAN) ou code_insee_ban)'],
    ]);
    expect(run.rows.map((r) => r.code_commune)).toEqual(['36044', '01001']);
    expect(run.report.warnings.find((w) => w.code === 'feuilles_non_lues')?.examples).toEqual([
      'dpe.xlsx : feuille « DPE » lue ; non lues : « Notes »',
    ]);
  });

  it('reads the sheet asked for, and names the sheets when it is absent', async () => {
    const error = await importText(dpeWorkbook(), { name: 'dpe.xlsx', sheet: 'Feuil9' }).catch(
      (e: unknown) => e,
    );
    expect((error as ImportError).message).toBe(
      'Feuille « Feuil9 » absente du classeur (feuilles : « DPE », « Notes »).',
    );
  });

  it('refuses a broken workbook in one French sentence', async () => {
    const error = await importText(fixtureBytes('malformed/not-csv.xlsx'), {
      name: 'not-csv.xlsx',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message).toMatch(/^Classeur Excel illisible/);
  });
});

describe('Parquet files', () => {
  it('gives the same report through native DuckDB and through hyparquet (DuckDB-WASM)', async () => {
    const engine = await testEngine();
    const path = join(dir, 'dpe.parquet');
    await engine.query(`COPY (SELECT * FROM (VALUES
      ('2336E0000001A', '36044', 'D', 220.5::DOUBLE, DATE '2024-03-01'),
      ('2336E0000002B', '01001', 'F', NULL, DATE '2024-03-02'),
      ('2336E0000003C', 'abc', 'B', 90, NULL)) t(numero_dpe, code_insee_ban, etiquette_dpe,
      conso_5_usages_par_m2_ep, date_etablissement_dpe)) TO '${path}' (FORMAT parquet)`);
    const bytes = new Uint8Array(readFileSync(path));
    const native = await importText(bytes, { name: 'dpe.parquet' });
    const wasm = await startNodeWasm();
    const run = await runImport({
      engine: nodeWasmImportEngine(wasm),
      sources: [bytesSource('dpe.parquet', bytes)],
      dataset: 'test',
    });
    expect(native.report).toMatchObject({ rows_read: 3, accepted: 2, rejected: 1 });
    expect(native.report.rejections[0]).toMatchObject({ line: 4 });
    // The raw lines differ in form only: DuckDB writes 90 as 90.0.
    const withoutRaw = (report: typeof run.report) => ({
      ...report,
      rejections: report.rejections.map(({ line, reason }) => ({ line, reason })),
    });
    expect(withoutRaw(run.report)).toEqual(withoutRaw(native.report));
    expect(native.rows[0]).toMatchObject({ ep_kwh_m2: 220.5, code_commune: '36044' });
  });
});
