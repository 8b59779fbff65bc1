import { tableToIPC } from 'apache-arrow';
import {
  insertImportedStockSql,
  type StagingSummaryRow,
  stagingSummarySql,
} from '../sql/imported-stock-sql.ts';
import { sqlString } from '../sql/sql-string.ts';
import { IMPORTED_STOCK_TABLE } from '../sql/tables.ts';
import { type DbSession, keepForRecovery, runInSession } from './duckdb.ts';
import { invalidatePreaggregates } from './preaggregate-queries.ts';
import { tableRows } from './table-rows.ts';

/** What {@link insertArrowDataset} loaded: rows, dwellings, and rows whose commune is not in the COG. */
export interface InsertedDataset {
  rows: number;
  dwellings: number;
  /** Rows kept although their commune is not in the COG: without EPCI, they are not on the map. */
  outsideCogRows: number;
  outsideCogDwellings: number;
  /** Rows without EPCI after the COG lookup (not on the EPCI map). */
  withoutEpciRows: number;
  /** A few commune codes absent from the COG. */
  outsideCogExamples: string[];
  /** Rows whose commune was merged since (COG history), moved to the commune that absorbed it. */
  remappedRows: number;
  /** A few `old → new` pairs. */
  remappedExamples: string[];
}

let staged = 0;

/** Copies staged rows (a table, or a parenthesised `SELECT`) into the imported datasets. */
async function insertStaged(
  session: DbSession,
  datasetId: string,
  staging: string,
): Promise<InsertedDataset> {
  const [summary] = tableRows<StagingSummaryRow>(
    await session.query(stagingSummarySql({ staging })),
  );
  await session.query(insertImportedStockSql({ dataset: datasetId, staging }));
  return {
    rows: summary?.rows ?? 0,
    dwellings: summary?.dwellings ?? 0,
    outsideCogRows: summary?.outside_cog_rows ?? 0,
    outsideCogDwellings: summary?.outside_cog_dwellings ?? 0,
    withoutEpciRows: summary?.without_epci_rows ?? 0,
    outsideCogExamples: summary?.outside_cog_examples?.split(', ') ?? [],
    remappedRows: summary?.remapped_rows ?? 0,
    remappedExamples: summary?.remapped_examples?.split(', ') ?? [],
  };
}

async function insertOn(
  session: DbSession,
  datasetId: string,
  ipcBytes: Uint8Array,
): Promise<InsertedDataset> {
  staged++;
  const name = `import_staging_${staged}`;
  const staging = `memory.main.${name}`;
  await session.insertArrowIpc(name, ipcBytes);
  try {
    return await insertStaged(session, datasetId, staging);
  } finally {
    await session.query(`DROP TABLE IF EXISTS ${staging}`);
  }
}

/**
 * Copies the accepted rows of an import (`acceptedSql`, a `SELECT` on the same connection) into
 * the imported datasets as `datasetId`, in one statement: either all rows are in, or none.
 */
export async function insertImportedRows(
  datasetId: string,
  acceptedSql: string,
): Promise<InsertedDataset> {
  const inserted = await runInSession((session) =>
    insertStaged(session, datasetId, `(${acceptedSql})`),
  );
  await invalidatePreaggregates(datasetId);
  return inserted;
}

/**
 * Keeps an imported dataset's rows (as Arrow IPC, in a Blob the browser may page out) to load it
 * again after a restart of DuckDB's worker, and for the browser's storage.
 */
export async function rememberImportedDataset(datasetId: string): Promise<Blob> {
  const table = await runInSession((session) =>
    session.query(`SELECT * FROM ${IMPORTED_STOCK_TABLE} WHERE dataset = ${sqlString(datasetId)}`),
  );
  const blob = new Blob([tableToIPC(table, 'stream') as Uint8Array<ArrayBuffer>]);
  keepForRecovery(`dataset:${datasetId}`, async (session) => {
    await insertOn(session, datasetId, new Uint8Array(await blob.arrayBuffer()));
  });
  return blob;
}

/**
 * Loads canonical stock rows (an Arrow IPC stream with the columns of `stock.main.stock`) as the
 * dataset `datasetId` of the imported datasets, which the SQL builders read through their view.
 * EPCI, département and région missing from a row are taken from its commune in the COG.
 * The bytes are handed over to DuckDB's worker: do not use them afterwards. A copy (`copy`, or
 * one made here) is kept so that the dataset is loaded again if DuckDB's worker restarts; make it
 * in a worker for large data, as building a Blob of 100 MB blocks the page for seconds.
 */
export async function insertArrowDataset(
  datasetId: string,
  ipcBytes: Uint8Array | Blob,
  copy?: Blob,
): Promise<InsertedDataset> {
  const blob =
    copy ?? (ipcBytes instanceof Blob ? ipcBytes : new Blob([ipcBytes as Uint8Array<ArrayBuffer>]));
  const bytes = ipcBytes instanceof Blob ? new Uint8Array(await blob.arrayBuffer()) : ipcBytes;
  const inserted = await runInSession((session) => insertOn(session, datasetId, bytes));
  // Outside the session: the drops go through the same queue, which the session holds.
  await invalidatePreaggregates(datasetId);
  keepForRecovery(`dataset:${datasetId}`, async (session) => {
    await insertOn(session, datasetId, new Uint8Array(await blob.arrayBuffer()));
  });
  return inserted;
}
