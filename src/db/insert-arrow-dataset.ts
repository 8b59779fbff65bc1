import {
  insertImportedStockSql,
  type StagingSummaryRow,
  stagingSummarySql,
} from '../sql/imported-stock-sql.ts';
import { createTableFromArrowIpc, runQuery } from './duckdb.ts';
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
}

let staged = 0;

/**
 * Loads canonical stock rows (an Arrow IPC stream with the columns of `stock.main.stock`) as the
 * dataset `datasetId` of the imported datasets, which the SQL builders read through their view.
 * EPCI, département and région missing from a row are taken from its commune in the COG.
 * The bytes are handed over to DuckDB's worker: do not use them afterwards.
 */
export async function insertArrowDataset(
  datasetId: string,
  ipcBytes: Uint8Array,
): Promise<InsertedDataset> {
  staged++;
  const name = `import_staging_${staged}`;
  const staging = `memory.main.${name}`;
  await createTableFromArrowIpc(name, ipcBytes);
  try {
    const [summary] = tableRows<StagingSummaryRow>(await runQuery(stagingSummarySql({ staging })));
    await runQuery(insertImportedStockSql({ dataset: datasetId, staging }));
    await invalidatePreaggregates(datasetId);
    return {
      rows: summary?.rows ?? 0,
      dwellings: summary?.dwellings ?? 0,
      outsideCogRows: summary?.outside_cog_rows ?? 0,
      outsideCogDwellings: summary?.outside_cog_dwellings ?? 0,
      withoutEpciRows: summary?.without_epci_rows ?? 0,
      outsideCogExamples: summary?.outside_cog_examples?.split(', ') ?? [],
    };
  } finally {
    await runQuery(`DROP TABLE IF EXISTS ${staging}`);
  }
}
