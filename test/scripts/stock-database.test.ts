import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCogTerritory, loadCogInput } from '../../scripts/lib/cog-territory.ts';
import { loadCommuneSuccessors } from '../../scripts/lib/commune-successors.ts';
import { type DemoStock, generateDemoStock } from '../../scripts/lib/demo-stock.ts';
import { loadModelInputs } from '../../scripts/lib/model-inputs.ts';
import { type StockDatabaseInput, writeStockDatabase } from '../../scripts/lib/stock-database.ts';

// The tables and columns promised by docs/data-assets.md, in order.
const EXPECTED_COLUMNS: Record<string, string[]> = {
  commune_successor: ['old_code', 'code_commune'],
  datasets: ['id', 'name', 'kind', 'synthetic', 'caption'],
  model_support: ['dataset', 'code_commune', 'period_source'],
  stock: [
    'dataset',
    'code_commune',
    'code_epci',
    'code_departement',
    'code_region',
    'housing_type',
    'construction_period',
    'surface_m2',
    'heating_energy',
    'occupancy',
    'tenure',
    'dpe_label',
    'label_source',
    'ep_kwh_m2',
    'ef_kwh_m2',
    'ghg_kg_m2',
    'weight',
    'lon',
    'lat',
  ],
  territory_commune: [
    'code_commune',
    'nom_commune',
    'code_epci',
    'nom_epci',
    'type_epci',
    'code_departement',
    'code_region',
    'population',
    'cog_year',
  ],
  territory_epci: [
    'code_epci',
    'nom_epci',
    'type_epci',
    'code_departement',
    'code_region',
    'population',
    'commune_count',
    'has_contour',
  ],
};

let dir: string;
let path: string;
let input: StockDatabaseInput;

/** Dwellings per EPCI computed from the generated columns, independently of DuckDB. */
function weightByEpci(stock: DemoStock): Map<string, number> {
  const sums = new Map<string, number>();
  for (let i = 0; i < stock.rowCount; i++) {
    const code = stock.communes[stock.commune[i] ?? 0]?.code_epci ?? 'aucun';
    sums.set(code, (sums.get(code) ?? 0) + (stock.weight[i] ?? 0));
  }
  return sums;
}

async function queryNative(file: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  try {
    const connection = await instance.connect();
    const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
    connection.closeSync();
    return rows as Record<string, unknown>[];
  } finally {
    instance.closeSync();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stock-db-'));
  path = join(dir, 'stock.duckdb');
  const territory = buildCogTerritory(loadCogInput());
  // Indre and Finistère: rural and urban communes, and Ouessant and Sein, outside any EPCI.
  const communes = territory.communes.filter((c) => ['36', '29'].includes(c.code_departement));
  const codes = new Set(communes.map((c) => c.code_epci));
  const epcis = territory.epcis.filter((e) => codes.has(e.code_epci));
  const stock = generateDemoStock(communes, {
    seed: 11,
    rowsPerCommune: { min: 3, max: 40 },
    inputs: loadModelInputs(communes).communes,
  });
  input = {
    communes,
    epcis: epcis.map((e, i) => ({ ...e, has_contour: i % 2 === 0 })),
    cogYear: 2026,
    successors: loadCommuneSuccessors(),
    datasets: [
      { id: 'demo', name: 'Démo', kind: 'modelled', synthetic: true, caption: "Parc d'essai" },
    ],
    stock,
  };
  await writeStockDatabase(path, input);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('writeStockDatabase (native DuckDB)', () => {
  it('creates exactly the documented tables and columns, leaving no temporary file or WAL', async () => {
    const rows = await queryNative(
      path,
      `SELECT table_name, list(column_name ORDER BY ordinal_position) AS columns
       FROM information_schema.columns WHERE table_catalog = current_database() GROUP BY ALL`,
    );
    const tables = Object.fromEntries(rows.map((r) => [r.table_name, r.columns]));
    expect(tables).toEqual(EXPECTED_COLUMNS);
    expect(readdirSync(dir)).toEqual(['stock.duckdb']);
  });

  it('uses VARCHAR for codes and categories, DOUBLE for numbers and BOOLEAN for flags', async () => {
    const rows = await queryNative(
      path,
      `SELECT table_name || '.' || column_name AS name, data_type FROM information_schema.columns
       WHERE column_name IN ('code_epci', 'dpe_label', 'weight', 'population', 'cog_year', 'has_contour', 'synthetic', 'lon')`,
    );
    const types = Object.fromEntries(rows.map((r) => [r.name, r.data_type]));
    expect(types).toMatchObject({
      'stock.code_epci': 'VARCHAR',
      'stock.dpe_label': 'VARCHAR',
      'stock.weight': 'DOUBLE',
      'stock.lon': 'DOUBLE',
      'territory_commune.population': 'DOUBLE',
      'territory_commune.cog_year': 'DOUBLE',
      'territory_epci.has_contour': 'BOOLEAN',
      'datasets.synthetic': 'BOOLEAN',
    });
  });

  it('keeps every row and decodes its categories', async () => {
    const [row] = await queryNative(
      path,
      `SELECT count(*)::DOUBLE AS n, count(DISTINCT dataset)::DOUBLE AS datasets,
         count(*) FILTER (tenure IS NULL)::DOUBLE AS no_tenure,
         count(*) FILTER (occupancy <> 'residence_principale')::DOUBLE AS not_main,
         count(*) FILTER (label_source <> 'modelled' OR lon IS NOT NULL)::DOUBLE AS odd
       FROM stock`,
    );
    const stock = input.stock;
    expect(row).toEqual({
      n: stock.rowCount,
      datasets: 1,
      no_tenure: stock.occupancy.filter((o) => o !== 0).length,
      not_main: stock.occupancy.filter((o) => o !== 0).length,
      odd: 0,
    });
    const [first] = await queryNative(
      path,
      'SELECT code_commune, housing_type, dpe_label, ep_kwh_m2 FROM stock WHERE code_commune = (SELECT min(code_commune) FROM stock) LIMIT 1',
    );
    expect(first?.housing_type).toMatch(/^(maison|appartement)$/);
    expect(first?.dpe_label).toMatch(/^[A-G]$/);
  });

  it('sorts the stock by code_epci then code_commune', async () => {
    const [row] = await queryNative(
      path,
      `SELECT count(*)::DOUBLE AS disorders FROM (
         SELECT code_epci, code_commune, lag(code_epci) OVER (ORDER BY rowid) AS prev_epci,
           lag(code_commune) OVER (ORDER BY rowid) AS prev_commune FROM stock)
       WHERE prev_epci > code_epci OR (prev_epci = code_epci AND prev_commune > code_commune)
         OR (prev_epci IS NULL AND code_epci IS NOT NULL AND prev_commune IS NOT NULL)`,
    );
    expect(row?.disorders).toBe(0);
  });

  it('joins the EPCI name and type onto communes and keeps the EPCI table as given', async () => {
    const [brest] = await queryNative(
      path,
      "SELECT nom_epci, type_epci, cog_year FROM territory_commune WHERE code_commune = '29019'",
    );
    expect(brest).toEqual({ nom_epci: 'Brest Métropole', type_epci: 'ME', cog_year: 2026 });
    const epcis = await queryNative(
      path,
      'SELECT code_epci, has_contour FROM territory_epci ORDER BY code_epci',
    );
    expect(epcis).toEqual(
      [...input.epcis]
        .sort((a, b) => a.code_epci.localeCompare(b.code_epci))
        .map((e) => ({ code_epci: e.code_epci, has_contour: e.has_contour })),
    );
  });

  it('writes the COG history of merged communes, one row per absorbed code', async () => {
    const rows = await queryNative(
      path,
      `SELECT count(*)::DOUBLE AS n, count(DISTINCT old_code)::DOUBLE AS codes,
         count(*) FILTER (code_commune IN (SELECT old_code FROM commune_successor))::DOUBLE AS chained,
         min(code_commune) FILTER (old_code = '36039') AS chantome
       FROM commune_successor`,
    );
    expect(rows).toEqual([
      { n: input.successors.size, codes: input.successors.size, chained: 0, chantome: '36070' },
    ]);
  });

  it('leaves the previous file untouched and no temporary file when writing fails', async () => {
    const before = readFileSync(path);
    const broken = { ...input.stock, weight: input.stock.weight.subarray(0, 10) };
    await expect(writeStockDatabase(path, { ...input, stock: broken })).rejects.toThrow();
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['stock.duckdb']);
  });

  it('ignores a stale WAL beside the previous file', async () => {
    const other = join(dir, 'second.duckdb');
    writeFileSync(`${other}.wal`, 'not a wal');
    await writeStockDatabase(other, input);
    expect(existsSync(`${other}.wal`)).toBe(false);
    const [row] = await queryNative(other, 'SELECT count(*)::DOUBLE AS n FROM stock');
    expect(row?.n).toBe(input.stock.rowCount);
    rmSync(other);
  });
});

interface WasmConnection {
  query(sql: string): { toArray(): { toJSON(): Record<string, unknown> }[] };
  close(): void;
}
interface WasmDatabase {
  instantiate(): Promise<unknown>;
  open(config: object): void;
  registerFileBuffer(name: string, buffer: Uint8Array): void;
  connect(): WasmConnection;
  getVersion(): string;
}
interface WasmModule {
  createDuckDB(bundles: object, logger: object, runtime: object): Promise<WasmDatabase>;
  VoidLogger: new () => object;
  NODE_RUNTIME: object;
}

describe('stock.duckdb in DuckDB-WASM 1.32 (architecture.md §2)', () => {
  it('attaches read-only and answers the same count and per-EPCI dwellings', async () => {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
    const duckdb = require(entry) as WasmModule;
    const dist = dirname(entry);
    const bundles = {
      mvp: {
        mainModule: join(dist, 'duckdb-mvp.wasm'),
        mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs'),
      },
      eh: {
        mainModule: join(dist, 'duckdb-eh.wasm'),
        mainWorker: join(dist, 'duckdb-node-eh.worker.cjs'),
      },
    };
    const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
    await db.instantiate();
    db.open({});
    db.registerFileBuffer('stock.duckdb', new Uint8Array(readFileSync(path)));
    const connection = db.connect();
    try {
      connection.query('SET autoload_known_extensions = false');
      connection.query("ATTACH 'stock.duckdb' AS stock (READ_ONLY)");
      const rows = (sql: string) =>
        connection
          .query(sql)
          .toArray()
          .map((r) => r.toJSON());
      expect(rows('SELECT count(*)::DOUBLE AS n FROM stock.stock')).toEqual([
        { n: input.stock.rowCount },
      ]);
      const byEpci = rows(
        "SELECT coalesce(code_epci, 'aucun') AS code, sum(weight) AS w FROM stock.stock GROUP BY ALL",
      );
      const expected = weightByEpci(input.stock);
      expect(byEpci).toHaveLength(expected.size);
      for (const { code, w } of byEpci) {
        expect(w as number).toBeCloseTo(expected.get(code as string) ?? Number.NaN, 6);
      }
      expect(rows('SELECT count(*)::DOUBLE AS n FROM stock.territory_commune')).toEqual([
        { n: input.communes.length },
      ]);
      expect(() => connection.query('CREATE TABLE stock.t (x INTEGER)')).toThrow(
        /read-only|read only/i,
      );
    } finally {
      connection.close();
    }
  }, 60_000);
});
