/**
 * Keeps the pre-aggregated tables of `src/sql/preaggregate-sql.ts` for the filter dimensions in
 * use (the Mosaic approach). Policy, measured with `npm run bench` (5M rows: a re-aggregation
 * ≈ 200 ms, a table build ≈ 500–600 ms, a query on the table ≈ 10 ms):
 *
 * - a request whose active dimensions a table (built or being built) covers reads that table;
 *   queries run in order on one connection, so a query queued after a build waits for it;
 * - otherwise the request is answered by the raw query at once, and the table of its dimensions is
 *   built right after, so that the next change of values on those dimensions is fast: the first
 *   answer comes in ≈ 200 ms instead of ≈ 600 ms;
 * - no table is built for a request without any active dimension (the raw query is the answer),
 *   nor for communes outside a parent; a commune table holds its parent's communes only (see
 *   `preaggregateSpecFor`);
 * - beyond `limit` tables, the least recently used one is dropped;
 * - importing into a dataset drops its tables ({@link PreaggregateCache.invalidate}).
 */

import type { TerritoryLevel, TerritoryRef } from '../domain/territory.ts';
import type { FilterKey, StockFilters } from '../sql/filters.ts';
import { territoryIndicatorsSql } from '../sql/indicators-sql.ts';
import {
  activeDimensions,
  answersParent,
  createPreaggregateSql,
  dropPreaggregateSql,
  type PreaggregateSpec,
  preaggregatedIndicatorsSql,
  preaggregateSpecFor,
  preaggregateTableName,
} from '../sql/preaggregate-sql.ts';

/** Runs one SQL statement, in order with every other statement of the same connection. */
export type RunSql<Result> = (sql: string) => Promise<Result>;

/** One request of per-territory indicators (the inputs of `territoryIndicatorsSql`). */
export interface TerritoryIndicatorsRequest {
  level: TerritoryLevel;
  filters: StockFilters;
  parent: TerritoryRef | null;
  availableColumns?: readonly string[];
}

/** How a request was answered, for tests and the bench. */
export type AnswerPath = 'table' | 'raw';

/** What {@link PreaggregateCache.query} returns. */
export interface CachedAnswer<Result> {
  result: Result;
  path: AnswerPath;
  /** The SQL that produced the result. */
  sql: string;
}

/** Options of {@link createPreaggregateCache}. */
export interface PreaggregateCacheOptions {
  /** Most tables kept at once. */
  limit?: number;
  /** Told when a table cannot be built (the requests then go raw). */
  onBuildError?: (spec: PreaggregateSpec, error: unknown) => void;
}

/** The cache of pre-aggregated tables of one DuckDB connection. */
export interface PreaggregateCache<Result> {
  /** Per-territory indicators, from a pre-aggregated table when one covers the request. */
  query(request: TerritoryIndicatorsRequest): Promise<CachedAnswer<Result>>;
  /**
   * Builds (or reuses) the table of these dimensions and waits for it; for the bench and for a
   * view that knows which dimensions are about to be used.
   */
  prepare(spec: PreaggregateSpec): Promise<void>;
  /** Drops the tables of `dataset` (every table when omitted): its stock rows changed. */
  invalidate(dataset?: string): Promise<void>;
  /** Qualified names of the tables held, least recently used first. */
  tables(): string[];
}

/** Default number of tables kept: a few dimension sets per level. */
const DEFAULT_PREAGGREGATE_LIMIT = 8;

interface Entry {
  spec: PreaggregateSpec;
  name: string;
  /** The stock columns beyond the canonical model, as a comparable key. */
  columns: string;
  built: Promise<void>;
  lastUsed: number;
}

const columnsKey = (columns: Iterable<string> | undefined) =>
  JSON.stringify([...(columns ?? [])].sort());

/** A cache whose statements go through `run` (in the app, `runQuery` of `duckdb.ts`). */
export function createPreaggregateCache<Result>(
  run: RunSql<Result>,
  options: PreaggregateCacheOptions = {},
): PreaggregateCache<Result> {
  const limit = options.limit ?? DEFAULT_PREAGGREGATE_LIMIT;
  const entries = new Map<string, Entry>();
  const failed = new Set<string>();
  let clock = 0;

  function coveringEntry(request: TerritoryIndicatorsRequest, active: FilterKey[]): Entry | null {
    let best: Entry | null = null;
    for (const entry of entries.values()) {
      const { spec } = entry;
      if (spec.dataset !== request.filters.dataset || spec.level !== request.level) continue;
      if (!answersParent(spec, request.parent)) continue;
      if (entry.columns !== columnsKey(request.availableColumns)) continue;
      if (!active.every((key) => spec.dimensions.includes(key))) continue;
      // The fewest dimensions: the smallest table.
      if (best === null || spec.dimensions.length < best.spec.dimensions.length) best = entry;
    }
    return best;
  }

  function evict(keep: Entry): void {
    while (entries.size > limit) {
      let oldest: Entry | null = null;
      for (const entry of entries.values()) {
        if (entry !== keep && (oldest === null || entry.lastUsed < oldest.lastUsed)) oldest = entry;
      }
      if (oldest === null) return;
      entries.delete(oldest.name);
      // Queued after every query already sent to it, so none of them loses its table.
      void run(dropPreaggregateSql(oldest.spec)).catch(() => undefined);
    }
  }

  function build(spec: PreaggregateSpec): Entry | null {
    const name = preaggregateTableName(spec);
    const known = entries.get(name);
    if (known !== undefined) return known;
    if (failed.has(name)) return null;
    const entry: Entry = {
      spec,
      name,
      columns: columnsKey(spec.availableColumns),
      built: Promise.resolve(),
      lastUsed: ++clock,
    };
    entry.built = run(createPreaggregateSql(spec)).then(
      () => undefined,
      (error: unknown) => {
        if (entries.get(name) === entry) entries.delete(name);
        failed.add(name);
        options.onBuildError?.(spec, error);
        throw error;
      },
    );
    entries.set(name, entry);
    evict(entry);
    return entry;
  }

  async function query(request: TerritoryIndicatorsRequest): Promise<CachedAnswer<Result>> {
    const { level, filters, parent, availableColumns } = request;
    const active = activeDimensions(filters);
    const raw = async (): Promise<CachedAnswer<Result>> => {
      const sql = territoryIndicatorsSql({
        level,
        filters,
        ...(parent === null ? {} : { parent }),
        ...(availableColumns === undefined ? {} : { availableColumns }),
      });
      return { result: await run(sql), path: 'raw', sql };
    };
    const entry = coveringEntry(request, active);
    if (entry !== null) {
      entry.lastUsed = ++clock;
      const sql = preaggregatedIndicatorsSql(entry.spec, filters, parent);
      // Enqueued now, right after the build (if still running): the queue keeps the order.
      const answer = run(sql);
      try {
        await entry.built;
      } catch {
        answer.catch(() => undefined);
        return raw();
      }
      return { result: await answer, path: 'table', sql };
    }
    const answer = raw();
    const spec = preaggregateSpecFor(request);
    if (spec !== null) build(spec)?.built.catch(() => undefined);
    return answer;
  }

  return {
    query,
    async prepare(spec) {
      const entry = build(spec);
      if (entry === null) throw new Error('Table pré-agrégée impossible à construire.');
      entry.lastUsed = ++clock;
      await entry.built;
    },
    async invalidate(dataset) {
      const dropped = [...entries.values()].filter(
        (entry) => dataset === undefined || entry.spec.dataset === dataset,
      );
      for (const entry of dropped) entries.delete(entry.name);
      for (const name of [...failed]) failed.delete(name);
      await Promise.all(
        dropped.map((entry) => run(dropPreaggregateSql(entry.spec)).catch(() => undefined)),
      );
    },
    tables: () =>
      [...entries.values()].sort((a, b) => a.lastUsed - b.lastUsed).map((entry) => entry.name),
  };
}
