/**
 * Fills the `stock` table of a `stock.duckdb` written by `writeStockDatabase` with imported rows:
 * the import pipeline runs on native DuckDB opened on that very file, and each import's accepted
 * rows are copied with one `INSERT … SELECT`. At the end the table is sorted as the demo stock is
 * (`code_epci, code_commune`) and the datasets are recorded.
 */
import { STOCK_COLUMN_KINDS } from '../../src/domain/stock-schema.ts';
import type { ImportRun } from '../../src/ingest/run-import.ts';
import { sqlString } from '../../src/sql/sql-string.ts';
import { type NativeImportEngine, openNativeImportEngine } from './native-import-engine.ts';
import type { StockDatasetInfo } from './stock-database.ts';

/**
 * Opens `path` (which must hold the tables of `writeStockDatabase`) as the engine of the imports,
 * after checking that its `stock` table has the canonical columns in order.
 */
export async function openStockRows(
  path: string,
  memoryLimit?: string,
): Promise<NativeImportEngine> {
  const engine = await openNativeImportEngine({
    path,
    ...(memoryLimit === undefined ? {} : { memoryLimit }),
  });
  const described = await engine.query('DESCRIBE stock');
  const names = described.map((row) => String(row.column_name));
  const expected = STOCK_COLUMN_KINDS.map(([name]) => name);
  if (names.join(',') !== expected.join(',')) {
    engine.close();
    throw new Error(
      `table stock inattendue : colonnes ${names.join(', ')} au lieu de ${expected.join(', ')}`,
    );
  }
  return engine;
}

/** Copies the accepted rows of an import into `stock`. */
export async function appendImportedRows(
  engine: NativeImportEngine,
  run: ImportRun,
): Promise<void> {
  await engine.query(`INSERT INTO stock ${run.acceptedInOrderSql}`);
}

/**
 * Sorts the stock table, writes the `datasets` table and marks which EPCI have a contour (when
 * `epciWithContour` is given), then checkpoints and closes.
 */
export async function finishStockRows(
  engine: NativeImportEngine,
  datasets: readonly StockDatasetInfo[],
  epciWithContour?: ReadonlySet<string>,
): Promise<void> {
  try {
    await engine.query(`CREATE TABLE stock_sorted AS SELECT * FROM stock
      ORDER BY code_epci NULLS LAST, code_commune, rowid`);
    await engine.query('DROP TABLE stock');
    await engine.query('ALTER TABLE stock_sorted RENAME TO stock');
    await engine.query('DELETE FROM datasets');
    for (const d of datasets) {
      await engine.query(
        `INSERT INTO datasets VALUES (${[d.id, d.name, d.kind].map(sqlString).join(', ')}, ${d.synthetic}, ${sqlString(d.caption)})`,
      );
    }
    if (epciWithContour !== undefined) {
      const codes = [...epciWithContour].map(sqlString);
      await engine.query(
        `UPDATE territory_epci SET has_contour = ${codes.length === 0 ? 'false' : `code_epci IN (${codes.join(', ')})`}`,
      );
    }
    await engine.query('CHECKPOINT');
  } finally {
    engine.close();
  }
}
