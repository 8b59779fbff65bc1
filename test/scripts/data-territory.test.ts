import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveTerritory } from '../../scripts/lib/territory-selection.ts';
import { replacedDpe } from '../../src/domain/dpe-records.ts';
import { dpeRecordCodes } from '../../src/opendata/dpe-api.ts';
import {
  type DataFairServer,
  type ServerRecord,
  startDataFairServer,
} from '../opendata/data-fair-server.ts';
import { lyonDpeRecords } from '../opendata/dpe-fixture.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const LYON = '200046977';

interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string>): Promise<RunResult> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/data-territory.ts', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, ...env },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** Label counts of the records of the territory the server holds, replaced DPE left out. */
function expectedLabels(records: readonly ServerRecord[], codes: ReadonlySet<string>) {
  const inside = records.filter((r) => codes.has(String(r.code_insee_ban)));
  const numbers = new Set(inside.map((r) => String(r.numero_dpe)));
  const replaced = new Set([...replacedDpe(inside).keys()].filter((n) => numbers.has(n)));
  const counts: Record<string, number> = { A: 0, B: 0, C: 0, D: 0, E: 0, F: 0, G: 0, unknown: 0 };
  for (const r of inside) {
    if (replaced.has(String(r.numero_dpe))) continue;
    const label = String(r.etiquette_dpe ?? 'unknown');
    counts[label] = (counts[label] ?? 0) + 1;
  }
  return { inside, replaced, counts };
}

describe('npm run data:territory against a local data-fair server', () => {
  let server: DataFairServer;
  let dir: string;
  let records: ServerRecord[];
  const codes = new Set(dpeRecordCodes(resolveTerritory('epci', LYON).communes));

  beforeAll(async () => {
    records = await lyonDpeRecords();
    // One DPE of the sample redone later: the first is replaced, the second kept.
    const first = records.find((r) => codes.has(String(r.code_insee_ban))) as ServerRecord;
    records.push({
      ...first,
      numero_dpe: '2669E9999999Z',
      numero_dpe_remplace: first.numero_dpe,
      etiquette_dpe: 'B',
      date_derniere_modification_dpe: '2026-06-01',
    });
    server = await startDataFairServer(records);
    dir = mkdtempSync(join(tmpdir(), 'casba-territory-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns the label counts of exactly the rows held for the Métropole de Lyon, then refreshes', async () => {
    // A 429, a 500 and a page cut in the middle on the way: retried, counts unchanged.
    server.faults.set(1, 'rate-limit').set(2, 'server-error').set(3, 'cut');
    const env = { ADEME_DPE_API: server.base, CASBA_TERRITORIES_DIR: join(dir, 'territories') };
    const out = join(dir, 'data');
    const first = await run(['--epci', LYON, '--dpe', '--json', '--out', out], env);
    expect(first.stderr).toMatch(/nouvel essai/);
    expect(first.status, first.stderr).toBe(0);
    const result = JSON.parse(first.stdout);
    const { inside, replaced, counts } = expectedLabels(records, codes);
    expect(inside.length).toBeGreaterThan(2800);
    expect(result.communes).toBe(58);
    expect(result.dpe.rows_fetched).toBe(inside.length);
    expect(result.dpe.by_label).toEqual(counts);
    expect(result.dpe.rows_read).toBe(result.dpe.accepted + result.dpe.rejected);
    expect(result.dpe.rows_read).toBe(inside.length);
    expect(result.dpe.replaced_dropped).toBe(replaced.size);
    expect(result.dpe.rejections[0].reason).toBe('DPE remplacé par 2669E9999999Z');
    expect(result.dpe.weak_geocoding).toBeGreaterThan(2000);
    // Ancy (69008) is outside the territory: never asked, never counted.
    expect(server.requests.every((url) => !url.includes('69008'))).toBe(true);
    expect(server.requests[0]).toContain('code_insee_ban_in=');

    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.built_by).toBe('data:territory');
    expect(manifest.sources[0]).toMatchObject({
      id: 'ademe-dpe',
      url: server.base,
      accepted: result.dpe.accepted,
    });
    // The modelled stock of the territory comes first, for the observed-versus-modelled panel.
    expect(manifest.datasets.map((d: { kind: string }) => d.kind)).toEqual([
      'modelled',
      'observed',
    ]);
    expect(manifest.datasets[1].provenance).toMatchObject({
      records: result.dpe.accepted,
      url: server.base,
    });
    const db = await DuckDBInstance.create(join(out, 'stock.duckdb'), { access_mode: 'READ_ONLY' });
    const connection = await db.connect();
    const epcis = await connection.runAndReadAll(
      'SELECT DISTINCT dataset, code_epci FROM stock ORDER BY ALL',
    );
    connection.closeSync();
    db.closeSync();
    // The modelled stock is restricted to the territory, as the observed DPE are.
    expect(epcis.getRowObjectsJS()).toEqual([
      { dataset: 'demo', code_epci: LYON },
      { dataset: 'dpe', code_epci: LYON },
    ]);
    const store = join(dir, 'territories', LYON, 'dpe');
    expect(existsSync(join(store, 'records.ndjson'))).toBe(true);

    // Second run: only DPE modified since the first run; a modified DPE replaces its earlier
    // version and a new DPE replacing an old one makes the old one disappear.
    const target = inside.find(
      (r) => r.etiquette_dpe === 'B' && !replaced.has(String(r.numero_dpe)),
    ) as ServerRecord;
    const victim = inside.find(
      (r) => r !== target && r.etiquette_dpe === 'C' && !replaced.has(String(r.numero_dpe)),
    ) as ServerRecord;
    const today = new Date().toISOString().slice(0, 10);
    Object.assign(target, { etiquette_dpe: 'G', date_derniere_modification_dpe: today });
    records.push({
      ...victim,
      numero_dpe: '2669E8888888Z',
      numero_dpe_remplace: victim.numero_dpe,
      etiquette_dpe: 'A',
      date_derniere_modification_dpe: today,
    });
    const requestsBefore = server.requests.length;
    const second = await run(['--epci', LYON, '--dpe', '--json', '--out', out], env);
    expect(second.status, second.stderr).toBe(0);
    const refreshed = JSON.parse(second.stdout);
    expect(
      server.requests
        .slice(requestsBefore)
        .every((url) => url.includes('date_derniere_modification_dpe_gte=')),
    ).toBe(true);
    expect(refreshed.dpe.rows_fetched).toBeLessThan(10);
    const after = expectedLabels(records, codes);
    expect(refreshed.dpe.by_label).toEqual(after.counts);
    expect(refreshed.dpe.replaced_dropped).toBe(replaced.size + 1);
    expect(refreshed.dpe.rows_read).toBe(refreshed.dpe.accepted + refreshed.dpe.rejected);
  }, 240_000);
});
