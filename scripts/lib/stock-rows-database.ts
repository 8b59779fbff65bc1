/**
 * Fills the `stock` table of a `stock.duckdb` written by `writeStockDatabase` with imported rows,
 * streamed in data chunks (never one JS object kept per row), then sorts it as the demo stock is
 * sorted (`code_epci, code_commune`) and records the datasets.
 */
import {
  BOOLEAN,
  DOUBLE,
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBValue,
  VARCHAR,
} from '@duckdb/node-api';
import { STOCK_COLUMN_KINDS, type StockRow } from '../../src/domain/stock-schema.ts';
import type { StockDatasetInfo } from './stock-database.ts';

/** DuckDB's vector size: the largest data chunk the appender takes. */
const CHUNK_ROWS = 2048;
const TYPES = STOCK_COLUMN_KINDS.map(([, kind]) => (kind === 'string' ? VARCHAR : DOUBLE));

/** An open database receiving stock rows. */
export class StockRowsWriter {
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;
  readonly #appender: DuckDBAppender;
  #buffer: DuckDBValue[][] = STOCK_COLUMN_KINDS.map(() => []);
  #rows = 0;

  private constructor(
    instance: DuckDBInstance,
    connection: DuckDBConnection,
    appender: DuckDBAppender,
  ) {
    this.#instance = instance;
    this.#connection = connection;
    this.#appender = appender;
  }

  /**
   * Opens `path` (which must hold the tables of `writeStockDatabase`) and checks that its `stock`
   * table has the canonical columns in order.
   */
  static async open(path: string): Promise<StockRowsWriter> {
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    const described = await connection.runAndReadAll('DESCRIBE stock');
    const names = described.getRowObjects().map((row) => String(row.column_name));
    const expected = STOCK_COLUMN_KINDS.map(([name]) => name);
    if (names.join(',') !== expected.join(',')) {
      throw new Error(
        `table stock inattendue : colonnes ${names.join(', ')} au lieu de ${expected.join(', ')}`,
      );
    }
    const appender = await connection.createAppender('stock');
    return new StockRowsWriter(instance, connection, appender);
  }

  /** Rows appended so far. */
  get rowCount(): number {
    return this.#rows;
  }

  /** Appends one row (buffered, flushed every 2,048 rows). */
  append(row: StockRow): void {
    STOCK_COLUMN_KINDS.forEach(([name], k) => {
      this.#buffer[k]?.push(row[name]);
    });
    this.#rows++;
    if ((this.#buffer[0]?.length ?? 0) >= CHUNK_ROWS) this.#flush();
  }

  #flush(): void {
    const length = this.#buffer[0]?.length ?? 0;
    if (length === 0) return;
    const chunk = DuckDBDataChunk.create(TYPES, length);
    chunk.setColumns(this.#buffer);
    this.#appender.appendDataChunk(chunk);
    this.#buffer = STOCK_COLUMN_KINDS.map(() => []);
  }

  /**
   * Flushes, sorts the stock table, writes the `datasets` table and marks which EPCI have a
   * contour (when `epciWithContour` is given), then checkpoints and closes.
   */
  async finish(
    datasets: readonly StockDatasetInfo[],
    epciWithContour?: ReadonlySet<string>,
  ): Promise<void> {
    this.#flush();
    this.#appender.closeSync();
    const connection = this.#connection;
    try {
      await connection.run(`CREATE TABLE stock_sorted AS SELECT * FROM stock
        ORDER BY code_epci NULLS LAST, code_commune, rowid`);
      await connection.run('DROP TABLE stock');
      await connection.run('ALTER TABLE stock_sorted RENAME TO stock');
      await connection.run('DELETE FROM datasets');
      const appender = await connection.createAppender('datasets');
      const chunk = DuckDBDataChunk.create(
        [VARCHAR, VARCHAR, VARCHAR, BOOLEAN, VARCHAR],
        datasets.length,
      );
      chunk.setColumns([
        datasets.map((d) => d.id),
        datasets.map((d) => d.name),
        datasets.map((d) => d.kind),
        datasets.map((d) => d.synthetic),
        datasets.map((d) => d.caption),
      ]);
      if (datasets.length > 0) appender.appendDataChunk(chunk);
      appender.closeSync();
      if (epciWithContour !== undefined) {
        const codes = [...epciWithContour].map((code) => `'${code.replaceAll("'", "''")}'`);
        await connection.run(
          `UPDATE territory_epci SET has_contour = ${codes.length === 0 ? 'false' : `code_epci IN (${codes.join(', ')})`}`,
        );
      }
      await connection.run('CHECKPOINT');
    } finally {
      connection.closeSync();
      this.#instance.closeSync();
    }
  }

  /** Closes without finishing (the caller discards the file). */
  abort(): void {
    try {
      this.#appender.closeSync();
    } catch {
      // The appender may already have failed; the file is discarded anyway.
    }
    this.#connection.closeSync();
    this.#instance.closeSync();
  }
}
