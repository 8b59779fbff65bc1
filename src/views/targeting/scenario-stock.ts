import type { PassoireStock } from '../../domain/renovation-scenario.ts';
import type { TargetingCriteriaRow } from '../../sql/targeting-sql.ts';

type Prefix = 'f' | 'g';

/**
 * Mean of a per-territory mean, weighted by the territory's dwellings of the label, over the
 * territories where it is known; null when none is.
 */
function pooledMean(
  rows: readonly TargetingCriteriaRow[],
  prefix: Prefix,
  field: 'surface' | 'ep' | 'ef',
): number | null {
  let weight = 0;
  let sum = 0;
  for (const row of rows) {
    const dwellings = row[`${prefix}_dwellings`];
    const mean = row[`${prefix}_${field}`];
    if (mean === null || dwellings <= 0) continue;
    weight += dwellings;
    sum += mean * dwellings;
  }
  return weight > 0 ? sum / weight : null;
}

/** The F and G dwellings of the chosen territories, as the renovation scenario takes them. */
export function scenarioStock(rows: readonly TargetingCriteriaRow[]): {
  F: PassoireStock;
  G: PassoireStock;
} {
  const stock = (prefix: Prefix): PassoireStock => ({
    dwellings: rows.reduce((s, row) => s + row[`${prefix}_dwellings`], 0),
    meanSurfaceM2: pooledMean(rows, prefix, 'surface'),
    meanPrimaryKwhM2: pooledMean(rows, prefix, 'ep'),
    meanFinalKwhM2: pooledMean(rows, prefix, 'ef'),
  });
  return { F: stock('f'), G: stock('g') };
}
