import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData, type DataBuildSummary } from '../../scripts/data-build.ts';
import { createPrng } from '../../src/domain/prng.ts';
import { DPE_LABELS } from '../../src/domain/stock-schema.ts';

const HEADER =
  'numero_dpe;etiquette_dpe;conso_5_usages_par_m2_ep;emission_ges_5_usages_par_m2;code_insee_ban;surface_habitable_logement';
const COMMUNES = ['36044', '36088', '69381', '01340', '75101', '99999', ''];

/** A seeded DPE file with valid rows, rejected rows (bad commune, duplicates) and a merged commune. */
function writeDpe(path: string, rows: number, seed: number): void {
  const prng = createPrng(seed);
  const random = () => prng.next();
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const label = DPE_LABELS[Math.floor(random() * 7)] ?? 'D';
    const commune = COMMUNES[Math.floor(random() * COMMUNES.length)];
    const id = random() < 0.05 && i > 0 ? 'DUP' : `2336E${String(i).padStart(7, '0')}`;
    lines.push(
      `${id};${label};${Math.round(random() * 400)};${Math.round(random() * 90)};${commune};${30 + (i % 70)}`,
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

function writeStock(path: string, rows: number, seed: number): void {
  const prng = createPrng(seed);
  const random = () => prng.next();
  const lines = ['code_commune;weight;dpe_label;label_source'];
  for (let i = 0; i < rows; i++) {
    const label = random() < 0.1 ? '' : (DPE_LABELS[Math.floor(random() * 7)] ?? 'D');
    const weight = random() < 0.05 ? '0' : (random() * 50).toFixed(2).replace('.', ',');
    lines.push(`${random() < 0.5 ? '36044' : '36088'};${weight};${label};modelled`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

async function weightedByLabel(database: string): Promise<Map<string, Record<string, number>>> {
  const instance = await DuckDBInstance.create(database, { access_mode: 'READ_ONLY' });
  try {
    const connection = await instance.connect();
    const result = await connection.runAndReadAll(
      "SELECT dataset, coalesce(dpe_label, 'unknown') AS label, sum(weight) AS w FROM stock GROUP BY ALL",
    );
    const byDataset = new Map<string, Record<string, number>>();
    for (const row of result.getRowObjects()) {
      const counts = byDataset.get(String(row.dataset)) ?? {};
      counts[String(row.label)] = Number(row.w);
      byDataset.set(String(row.dataset), counts);
    }
    connection.closeSync();
    return byDataset;
  } finally {
    instance.closeSync();
  }
}

describe('npm run data:build', () => {
  let dir: string;
  let summary: DataBuildSummary;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'data-build-'));
    writeDpe(join(dir, 'dpe-indre.csv'), 3000, 7);
    writeStock(join(dir, 'parc.csv'), 500, 11);
    summary = await buildData(
      [
        join(dir, 'dpe-indre.csv'),
        join(dir, 'parc.csv'),
        'test/fixtures/ingest/geo/communes-mini.geojson',
      ],
      join(dir, 'out'),
      () => {},
    );
  }, 300_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes weighted counts per label equal to each import report’s by_label', async () => {
    const counts = await weightedByLabel(join(dir, 'out', 'stock.duckdb'));
    expect(summary.datasets.map((d) => d.id)).toEqual(['dpe-indre', 'parc']);
    for (const input of summary.inputs.filter((i) => i.dataset !== null)) {
      const report = input.report;
      expect(report.rows_read).toBe(report.accepted + report.rejected);
      expect(report.rejected).toBeGreaterThan(0);
      const stored = counts.get(input.dataset ?? '') ?? {};
      for (const [label, weight] of Object.entries(report.by_label)) {
        expect(stored[label] ?? 0).toBeCloseTo(weight, 6);
      }
    }
    const dpe = summary.inputs[0]?.report;
    expect(dpe?.rows_read).toBe(3000);
    expect(dpe?.warnings.find((w) => w.code === 'commune_fusionnee')?.examples).toContain(
      '01340 → 01015',
    );
  });

  it('writes a manifest the app can load, marked as built from the user’s files', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8'));
    expect(manifest.built_by).toBe('data:build');
    expect(manifest.datasets.map((d: { kind: string }) => d.kind)).toEqual([
      'observed',
      'modelled',
    ]);
    for (const file of [manifest.files.stock, manifest.files.epci, manifest.files.communes['36']]) {
      expect(existsSync(join(dir, 'out', file))).toBe(true);
    }
    const communes = JSON.parse(
      readFileSync(join(dir, 'out', manifest.files.communes['36']), 'utf8'),
    );
    const codes = communes.features.map((f: { properties: { code: string } }) => f.properties.code);
    expect(codes).toContain('36001');
    expect(codes.length).toBeGreaterThan(200);
    expect(manifest.inputs[0]).toMatchObject({ rows_read: 3000 });
  });

  it('refuses to build when an input cannot be read: one French line, exit 1, nothing written', () => {
    const out = join(dir, 'refused');
    const run = spawnSync(
      'npx',
      [
        'tsx',
        'scripts/data-build.ts',
        join(dir, 'parc.csv'),
        'test/fixtures/ingest/malformed/not-csv.xlsx',
        '--out',
        out,
      ],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^Erreur \(not-csv\.xlsx\) : Fichier binaire/);
    expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(existsSync(out)).toBe(false);
  });
});
