/**
 * The app's one cache of pre-aggregated tables, on the shared DuckDB connection (every statement
 * goes through the query queue of `duckdb.ts`).
 */
import type { Table } from 'apache-arrow';
import { onDbStatus, runQuery } from './duckdb.ts';
import { createPreaggregateCache, type PreaggregateCache } from './preaggregate-cache.ts';

let warned = false;

/** Pre-aggregated per-territory indicators of the analysis view (see `preaggregate-cache.ts`). */
export const territoryIndicatorsCache: PreaggregateCache<Table> = createPreaggregateCache(
  runQuery,
  {
    // A table that cannot be built only slows filter changes down: say it once, keep going raw.
    onBuildError: (spec, error) => {
      if (warned) return;
      warned = true;
      console.warn(`Table pré-agrégée non construite (${spec.level}), requêtes directes.`, error);
    },
  },
);

/** Drops the pre-aggregated tables of a dataset whose stock rows changed (e.g. an import). */
export function invalidatePreaggregates(dataset: string): Promise<void> {
  return territoryIndicatorsCache.invalidate(dataset);
}

// A restarted worker has lost every memory table: forget them all, so the next requests rebuild.
let restarts = 0;
onDbStatus((status) => {
  if (status.restarts === restarts) return;
  restarts = status.restarts;
  territoryIndicatorsCache.invalidate().catch(() => undefined);
});
