/** The app's start on the bench page: the stock attached by `src/db/duckdb.ts`, then its setup SQL. */
import { loadStockDatabase, runQuery } from '../../../src/db/duckdb.ts';
import { appSetupSql } from '../bench-sql.ts';

/** Attaches the stock at `stockUrl` as the app does and creates the view the builders read. */
export async function startApp(stockUrl: string): Promise<void> {
  await loadStockDatabase(stockUrl);
  for (const sql of appSetupSql()) await runQuery(sql);
}
