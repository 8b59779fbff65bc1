/**
 * The plain-JS alternative a developer would pick instead of DuckDB: arquero over the same Arrow
 * data (categories dictionary-encoded, which favours arquero), computing the same per-EPCI,
 * per-commune and per-label figures as the SQL. Expressions are strings, so that bundling for the
 * Chromium page cannot rename what arquero parses.
 */
import { type ColumnTable, fromArrow } from 'arquero';
import { classedFillColours } from './app-colours.ts';
import {
  BENCH_DATASET,
  BENCH_FILTERS,
  columnFilterOf,
  columnsOf,
  FILTER_COLUMNS,
  PREAGG_SUMS,
  type StockFilter,
} from './bench-sql.ts';

/** Arquero table over Arrow IPC bytes. */
export function loadArquero(ipc: Uint8Array): ColumnTable {
  return fromArrow(ipc);
}

function filterExpression(filter: StockFilter, base: string): string {
  const clauses = [base];
  for (const column of FILTER_COLUMNS) {
    if (filter[column] !== undefined) clauses.push(`op.includes($.${column}, d.${column})`);
  }
  return `(d, $) => ${clauses.join(' && ')}`;
}

const FG = `d.dpe_label === 'F' || d.dpe_label === 'G'`;

/** The additive parts of the indicators, summed from stock rows. */
const STOCK_SUMS = {
  dwellings: 'd => op.sum(d.weight)',
  fg_count: `d => op.sum(${FG} ? d.weight : 0)`,
  labelled: 'd => op.sum(d.dpe_label ? d.weight : 0)',
  ep_w: 'd => op.sum(d.ep_kwh_m2 != null ? d.ep_kwh_m2 * d.weight : 0)',
  w_ep: 'd => op.sum(d.ep_kwh_m2 != null ? d.weight : 0)',
  ef_sw:
    'd => op.sum(d.ef_kwh_m2 != null && d.surface_m2 != null ? d.ef_kwh_m2 * d.surface_m2 * d.weight : 0)',
};

// Labelled rows are tested by truthiness: on a dictionary (ENUM) column, arquero 7.2 evaluates
// `d.dpe_label != null` to false for every row, which made every F/G share null here.

/** Same derived columns as `epciAggregatesSql`, from summed parts. */
function deriveIndicators(table: ColumnTable): ColumnTable {
  return table.derive({
    fg_share: 'd => d.labelled > 0 ? d.fg_count / d.labelled : null',
    mean_ep: 'd => d.w_ep > 0 ? d.ep_w / d.w_ep : null',
    total_ef_gwh: 'd => d.ef_sw / 1e6',
  });
}

/** Per-EPCI indicators: the rows of `table` kept by `filter` and `base`, summed, then derived. */
function epciIndicators(
  table: ColumnTable,
  filter: StockFilter,
  base: string,
  sums: Record<string, string>,
): ColumnTable {
  const summed = table
    .params({ dataset: BENCH_DATASET, ...filter })
    .filter(filterExpression(filter, base))
    .groupby('code_epci')
    .rollup(sums);
  return deriveIndicators(summed).orderby('code_epci');
}

/** Per-EPCI indicators of the filtered stock (rows of the stock table). */
export function arqueroEpciAggregates(stock: ColumnTable, filter: StockFilter): ColumnTable {
  return epciIndicators(
    stock,
    filter,
    'd.dataset === $.dataset && d.code_epci != null',
    STOCK_SUMS,
  );
}

/** The sums of the pre-aggregated tables, by the name of the part they give. */
const PREAGG_PARTS = {
  dwellings: 'w',
  fg_count: 'w_fg',
  labelled: 'w_lab',
  ep_w: 'ep_w',
  w_ep: 'w_ep',
  ef_sw: 'ef_sw',
};

/** Per-EPCI indicators from a pre-aggregated table (rows of the cube or of an active table). */
export function arqueroPreaggAggregates(table: ColumnTable, filter: StockFilter): ColumnTable {
  const sums = Object.entries(PREAGG_PARTS).map(([part, column]) => [
    part,
    `d => op.sum(d.${column})`,
  ]);
  return epciIndicators(table, filter, 'd.dataset === $.dataset', Object.fromEntries(sums));
}

/**
 * The active tables of the filters, rolled up from the cube in arquero (untimed, as their SQL
 * twins are built before the filter changes).
 */
export function arqueroActiveTables(cube: ColumnTable): ColumnTable[] {
  const sums = Object.fromEntries(PREAGG_SUMS.map((name) => [name, `d => op.sum(d.${name})`]));
  return BENCH_FILTERS.map((filter) =>
    cube.groupby('dataset', 'code_epci', ...columnsOf(columnFilterOf(filter))).rollup(sums),
  );
}

/** The JS alternative's last step: the same fill colours from arquero's rows. */
export function arqueroFillColours(
  table: ColumnTable,
  featureCodes: readonly string[],
): Uint8Array {
  const rows = table.objects() as { code_epci: string; fg_share: number | null }[];
  return classedFillColours(
    new Map(rows.map((row) => [row.code_epci, row.fg_share])),
    featureCodes,
  );
}

/** Drill-down: per-commune indicators and weighted A–G distribution of one EPCI. */
export function arqueroDrill(
  stock: ColumnTable,
  codeEpci: string,
): { communes: object[]; labels: object[] } {
  const epci = stock
    .params({ dataset: BENCH_DATASET, epci: codeEpci })
    .filter('(d, $) => d.dataset === $.dataset && d.code_epci === $.epci');
  const communes = deriveIndicators(epci.groupby('code_commune').rollup(STOCK_SUMS)).orderby(
    'code_commune',
  );
  const labels = epci
    .groupby('dpe_label')
    .rollup({ dwellings: 'd => op.sum(d.weight)' })
    .orderby('dpe_label');
  return { communes: communes.objects(), labels: labels.objects() };
}
