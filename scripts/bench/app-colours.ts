/**
 * The app's last step from a per-territory result to the map: rows as objects (`tableRows`), the
 * metric's classed scale over the territories drawn on the map, and one RGBA fill colour per
 * feature, as the analysis view computes them (the first view computed them so for its per-EPCI
 * aggregates). Here the colours land in one typed array (the deck.gl binary attribute, one colour
 * per feature) rather than in a Map read by an accessor.
 */
import type { Table } from 'apache-arrow';
import { tableRows } from '../../src/db/table-rows.ts';
import { getIndicator, type IndicatorRow, indicatorValue } from '../../src/domain/indicators.ts';
import { createClassedScale, createQuantileScale, type Rgba } from '../../src/map/colour-scale.ts';
import type { EpciAggregateRow } from '../../src/sql/epci-aggregates-sql.ts';

/** RGBA colours, four bytes per value, in the order of the values. */
function paint(
  values: readonly (number | null)[],
  scale: { colourFor(value: number | null): Rgba },
): Uint8Array {
  const colours = new Uint8Array(values.length * 4);
  values.forEach((value, index) => {
    colours.set(scale.colourFor(value), index * 4);
  });
  return colours;
}

/** The metric of the benchmark's choropleth: the app's default, the F/G share. */
const BENCH_METRIC = 'fg_share';

/** RGBA fill colours, 4 bytes per feature in `featureCodes` order, for per-EPCI rows. */
function fillColoursOf(
  rows: readonly EpciAggregateRow[],
  featureCodes: readonly string[],
): Uint8Array {
  const indicator = getIndicator(BENCH_METRIC);
  const byCode = new Map(rows.map((row) => [row.code_epci, row]));
  const values = featureCodes.map((code) => byCode.get(code)?.[BENCH_METRIC] ?? null);
  const scale = createQuantileScale(values, { roundBreak: indicator.roundBreak });
  const colours = new Uint8Array(featureCodes.length * 4);
  values.forEach((value, index) => {
    colours.set(scale.colourFor(value), index * 4);
  });
  return colours;
}

/** The app path's last step: an Arrow result of per-EPCI aggregates to fill colours. */
export function epciFillColours(table: Table, featureCodes: readonly string[]): Uint8Array {
  return fillColoursOf(tableRows<EpciAggregateRow>(table), featureCodes);
}

/** RGBA fill colours per feature from the metric's value per territory code (F/G share). */
export function classedFillColours(
  valueByCode: ReadonlyMap<string, number | null>,
  featureCodes: readonly string[],
): Uint8Array {
  const indicator = getIndicator(BENCH_METRIC);
  const values = featureCodes.map((code) => valueByCode.get(code) ?? null);
  return paint(values, createClassedScale(values, { roundBreak: indicator.roundBreak }));
}

/** The analysis view's last step: rows of `territoryIndicatorsSql` (or its pre-aggregated twin). */
export function territoryFillColours(table: Table, featureCodes: readonly string[]): Uint8Array {
  const rows = tableRows<IndicatorRow & { code: string }>(table);
  const values = new Map(rows.map((row) => [row.code, indicatorValue(row, BENCH_METRIC)]));
  return classedFillColours(values, featureCodes);
}
