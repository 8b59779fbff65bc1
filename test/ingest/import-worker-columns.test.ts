import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { StockRow } from '../../src/domain/stock-schema.ts';
import { STOCK_ROW_COLUMNS, StockColumns } from '../../src/ingest/stock-columns.ts';
import { STOCK_TABLE_COLUMNS } from '../../src/sql/imported-stock-sql.ts';

function row(overrides: Partial<StockRow> = {}): StockRow {
  return {
    dataset: 'imp',
    code_commune: '69123',
    code_epci: null,
    code_departement: '69',
    code_region: '84',
    housing_type: 'appartement',
    construction_period: null,
    surface_m2: 43.9,
    heating_energy: 'electricite',
    occupancy: null,
    tenure: null,
    dpe_label: 'C',
    label_source: 'observed',
    ep_kwh_m2: 112.6,
    ef_kwh_m2: null,
    ghg_kg_m2: 3.2,
    weight: 1,
    lon: 4.85,
    lat: 45.73,
    ...overrides,
  };
}

interface WasmConnection {
  insertArrowFromIPCStream(buffer: Uint8Array, options: { name: string; create: boolean }): void;
  query(sql: string): { toArray(): { toJSON(): Record<string, unknown> }[] };
  close(): void;
}

async function openWasm(): Promise<WasmConnection> {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const duckdb = require(entry);
  const dist = dirname(entry);
  const db = await duckdb.createDuckDB(
    {
      mvp: {
        mainModule: join(dist, 'duckdb-mvp.wasm'),
        mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs'),
      },
      eh: {
        mainModule: join(dist, 'duckdb-eh.wasm'),
        mainWorker: join(dist, 'duckdb-node-eh.worker.cjs'),
      },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  db.open({});
  return db.connect() as WasmConnection;
}

describe('StockColumns', () => {
  it('has the canonical columns of the stock table, in order', () => {
    expect(STOCK_ROW_COLUMNS.map(([name]) => name)).toEqual(
      STOCK_TABLE_COLUMNS.map(([name]) => name),
    );
    const kinds = STOCK_ROW_COLUMNS.map(([, kind]) => kind);
    expect(kinds).toEqual(
      STOCK_TABLE_COLUMNS.map(([, type]) => (type === 'VARCHAR' ? 'string' : 'number')),
    );
  });

  it('gives back every value and null through Arrow IPC, past its initial capacity', () => {
    const columns = new StockColumns();
    const rows: StockRow[] = [];
    for (let index = 0; index < 3000; index++) {
      const entry = row({
        code_commune: index % 3 === 0 ? '69123' : `36${String(index % 50).padStart(3, '0')}`,
        dpe_label: index % 7 === 0 ? null : ('ABCDEFG'[index % 7] as StockRow['dpe_label']),
        surface_m2: index % 5 === 0 ? null : index / 4,
        weight: index + 1,
      });
      rows.push(entry);
      columns.append(entry);
    }
    expect(columns.length).toBe(3000);
    const table = tableFromIPC(columns.toIpc());
    expect(table.numRows).toBe(3000);
    expect(table.schema.fields.map((field) => field.name)).toEqual(
      STOCK_ROW_COLUMNS.map(([name]) => name),
    );
    for (const index of [0, 1, 7, 1023, 1024, 2999]) {
      expect(table.get(index)?.toJSON()).toEqual(rows[index]);
    }
  });

  it('encodes an empty import', () => {
    const table = tableFromIPC(new StockColumns().toIpc());
    expect(table.numRows).toBe(0);
    expect(table.numCols).toBe(19);
  });

  it('is read by DuckDB-WASM as VARCHAR and DOUBLE columns, nulls kept', async () => {
    const columns = new StockColumns();
    columns.append(row());
    columns.append(
      row({ code_commune: '75056', dpe_label: null, ef_kwh_m2: 80, lon: null, lat: null }),
    );
    const connection = await openWasm();
    try {
      connection.insertArrowFromIPCStream(columns.toIpc(), { name: 'staged', create: true });
      const types = connection
        .query('DESCRIBE staged')
        .toArray()
        .map((entry) => {
          const json = entry.toJSON();
          return [json.column_name, json.column_type];
        });
      expect(types).toEqual(STOCK_TABLE_COLUMNS.map(([name, type]) => [name, type]));
      const rows = connection
        .query('SELECT code_commune, dpe_label, ef_kwh_m2, lon FROM staged ORDER BY code_commune')
        .toArray()
        .map((entry) => entry.toJSON());
      expect(rows).toEqual([
        { code_commune: '69123', dpe_label: 'C', ef_kwh_m2: null, lon: 4.85 },
        { code_commune: '75056', dpe_label: null, ef_kwh_m2: 80, lon: null },
      ]);
    } finally {
      connection.close();
    }
  });
});
