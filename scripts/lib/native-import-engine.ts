/**
 * The import engine of the scripts: native DuckDB (`@duckdb/node-api`), its chunk files written to
 * a temporary directory. Memory is bounded (`memory_limit`) and DuckDB spills to that directory
 * beyond it, so that a file of several GB is imported on a small machine.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { EngineColumns, ImportEngine, SqlRow } from '../../src/ingest/import-engine.ts';
import { ImportError } from '../../src/ingest/import-error.ts';
import { sqlString } from '../../src/sql/sql-string.ts';
import { pathSource } from './path-source.ts';

/** A native engine, to close when done. */
export interface NativeImportEngine extends ImportEngine {
  readonly connection: DuckDBConnection;
  close(): void;
}

/** Options of {@link openNativeImportEngine}. */
export interface NativeEngineOptions {
  /** Database file to open (data:build writes into it); in memory by default. */
  path?: string;
  /** DuckDB's memory limit, e.g. '1GB' (default: DuckDB's own, 80 % of the machine). */
  memoryLimit?: string;
}

/** In-memory catalog of the import's tables (never written into the database file). */
const SCRATCH = 'import_scratch';

const CONVERSION_CHUNK = 16 * 1024 * 1024;
let conversions = 0;

function plain(value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}

/** Opens native DuckDB for an import; see the module documentation. */
export async function openNativeImportEngine(
  options: NativeEngineOptions = {},
): Promise<NativeImportEngine> {
  const instance = await DuckDBInstance.create(options.path ?? ':memory:');
  const connection = await instance.connect();
  const dir = mkdtempSync(join(tmpdir(), 'casba-import-'));
  await connection.run(`SET temp_directory = ${sqlString(join(dir, 'spill'))}`);
  await connection.run(`ATTACH ':memory:' AS ${SCRATCH}`);
  if (options.memoryLimit !== undefined) {
    await connection.run(`SET memory_limit = ${sqlString(options.memoryLimit)}`);
  }
  return {
    connection,
    readsParquet: true,
    scratch: `${SCRATCH}.main`,
    async query(sql) {
      const reader = await connection.runAndReadAll(sql);
      return reader
        .getRowObjectsJS()
        .map(
          (row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])) as SqlRow,
        );
    },
    async columns(sql) {
      const reader = await connection.runAndReadAll(sql);
      const columns: EngineColumns = {};
      for (const [name, values] of Object.entries(reader.getColumnsObjectJS())) {
        const numeric = values.every((v) => v === null || typeof v === 'number');
        columns[name] = numeric
          ? Float64Array.from(values, (v) => (v === null ? Number.NaN : (v as number)))
          : values.map((v) => (v === null ? null : String(v)));
      }
      return columns;
    },
    async putFile(name, bytes) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    },
    async removeFile(name) {
      rmSync(join(dir, name), { force: true });
    },
    async putSource(name, source) {
      const whole = source.whole;
      if (whole === undefined || 'blob' in whole) return null;
      // A file on disk is read where it is (its name stays the caller's: never removed here).
      if ('path' in whole) return resolve(whole.path);
      const path = join(dir, name);
      writeFileSync(path, whole.bytes);
      return path;
    },
    interrupt: () => connection.interrupt(),
    async parquetToCsv(source) {
      const parquet = join(dir, `parquet-${++conversions}.parquet`);
      const csv = `${parquet}.csv`;
      const handle = await open(parquet, 'w');
      try {
        const buffer = new Uint8Array(CONVERSION_CHUNK);
        for (let start = 0; start < source.size; start += CONVERSION_CHUNK) {
          const read = await source.readInto(buffer, 0, start, start + CONVERSION_CHUNK);
          await handle.write(buffer, 0, read);
        }
      } finally {
        await handle.close();
      }
      try {
        await connection.run(
          `COPY (SELECT * FROM read_parquet(${sqlString(parquet)})) TO ${sqlString(csv)} (FORMAT csv, HEADER, DELIMITER ',')`,
        );
      } catch (error) {
        throw new ImportError(
          `Fichier Parquet illisible (${error instanceof Error ? error.message.split('\n')[0] : String(error)}).`,
          { file: source.name, cause: error },
        );
      } finally {
        rmSync(parquet, { force: true });
      }
      return { ...pathSource(csv), name: source.name };
    },
    close() {
      connection.closeSync();
      instance.closeSync();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
