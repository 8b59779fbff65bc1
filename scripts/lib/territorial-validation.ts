/**
 * Territorial validation of the modelled stock: construction periods of main residences per
 * EPCI against the census (correlation and mean absolute gap), F+G and E+F+G shares per région
 * against the published figures, and the F+G share of every département.
 */
import { climateZoneOf } from '../../src/domain/climate-zones.ts';
import { DPE_LABELS } from '../../src/domain/stock-schema.ts';
import { PUBLISHED_GROUPS } from './census-periods.ts';
import type { DemoStock } from './demo-stock.ts';
import { REGION_NAMES, REGIONAL_REFERENCES } from './regional-references.ts';

/** Targets of the issue: r ≥ 0.95 and a mean absolute gap ≤ 2 points. */
export const PERIOD_TARGETS = { r: 0.95, mean_abs_gap_points: 2 } as const;

/** Comparison of one period group over the EPCI. */
export interface PeriodGroupCheck {
  group: string;
  label: string;
  r: number;
  mean_abs_gap_points: number;
  census_mean_pct: number;
  model_mean_pct: number;
}

/** The territorial section of the calibration report (snake_case: printed as JSON). */
export interface TerritorialValidation {
  periods: {
    reference: string;
    epci_compared: number;
    /** Pearson correlation over every (EPCI, period group) pair. */
    r: number;
    mean_abs_gap_points: number;
    target: typeof PERIOD_TARGETS;
    meets_target: boolean;
    groups: PeriodGroupCheck[];
    /** EPCI with the largest gap (points, summed over the groups). */
    largest_gaps: { code_epci: string; gap_points: number }[];
  };
  regions: {
    code_region: string;
    name: string;
    model_fg_pct: number;
    model_efg_pct: number;
    published: {
      indicator: 'fg' | 'efg';
      value_pct: number;
      model_pct: number;
      gap_points: number;
      date: string;
      publisher: string;
      url: string;
    }[];
  }[];
  departements: {
    code_departement: string;
    climate_zone: string | null;
    model_fg_pct: number;
    model_built_before_1946_pct: number;
  }[];
}

/** Pearson correlation of two series (0 when either is constant). */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = Math.min(x.length, y.length);
  if (n === 0) return 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] ?? 0;
    my += y[i] ?? 0;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] ?? 0) - mx;
    const dy = (y[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

const F = DPE_LABELS.indexOf('F');
const E = DPE_LABELS.indexOf('E');

/** Main-residence weights of a stock grouped by a key, with F+G, E+F+G and census-bin sums. */
function sumsBy(stock: DemoStock, keyOf: (commune: number) => string | null) {
  const sums = new Map<string, { all: number; fg: number; efg: number; bins: number[] }>();
  for (let i = 0; i < stock.rowCount; i++) {
    if (stock.occupancy[i] !== 0) continue;
    const key = keyOf(stock.commune[i] ?? 0);
    if (key === null) continue;
    const entry = sums.get(key) ?? { all: 0, fg: 0, efg: 0, bins: [0, 0, 0, 0, 0, 0, 0] };
    const w = stock.weight[i] ?? 0;
    const label = stock.dpeLabel[i] ?? 0;
    entry.all += w;
    if (label >= F) entry.fg += w;
    if (label >= E) entry.efg += w;
    const bin = stock.censusBin[i] ?? 0;
    entry.bins[bin] = (entry.bins[bin] ?? 0) + w;
    sums.set(key, entry);
  }
  return sums;
}

/**
 * Validates a generated stock. `census` holds, per EPCI, the published shares (%) of the five
 * census groups (`PUBLISHED_GROUPS`) of main residences; `reference` names it.
 */
export function validateTerritory(
  stock: DemoStock,
  census: ReadonlyMap<string, readonly number[]>,
  reference: string,
): TerritorialValidation {
  const communes = stock.communes;
  const byEpci = sumsBy(stock, (c) => communes[c]?.code_epci ?? null);
  const pairs: { model: number; census: number; group: number; epci: string }[] = [];
  for (const [code, sums] of byEpci) {
    const shares = census.get(code);
    if (shares === undefined || sums.all <= 0) continue;
    PUBLISHED_GROUPS.forEach((group, g) => {
      const model = (100 * group.bins.reduce((a, b) => a + (sums.bins[b] ?? 0), 0)) / sums.all;
      pairs.push({ model, census: shares[g] ?? 0, group: g, epci: code });
    });
  }
  const gap = (list: typeof pairs) =>
    list.length === 0
      ? 0
      : list.reduce((a, p) => a + Math.abs(p.model - p.census), 0) / list.length;
  const mean = (values: readonly number[]) =>
    values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
  const r = pearson(
    pairs.map((p) => p.model),
    pairs.map((p) => p.census),
  );
  const meanGap = gap(pairs);
  const epciGaps = new Map<string, number>();
  for (const p of pairs)
    epciGaps.set(p.epci, (epciGaps.get(p.epci) ?? 0) + Math.abs(p.model - p.census));
  const groups = PUBLISHED_GROUPS.map((group, g) => {
    const list = pairs.filter((p) => p.group === g);
    return {
      group: group.key,
      label: group.label,
      r: pearson(
        list.map((p) => p.model),
        list.map((p) => p.census),
      ),
      mean_abs_gap_points: gap(list),
      census_mean_pct: mean(list.map((p) => p.census)),
      model_mean_pct: mean(list.map((p) => p.model)),
    };
  });
  const byRegion = sumsBy(stock, (c) => communes[c]?.code_region ?? null);
  const regions = [...byRegion]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, sums]) => {
      const fg = (100 * sums.fg) / sums.all;
      const efg = (100 * sums.efg) / sums.all;
      return {
        code_region: code,
        name: REGION_NAMES[code] ?? code,
        model_fg_pct: fg,
        model_efg_pct: efg,
        published: REGIONAL_REFERENCES.filter((ref) => ref.code_region === code).map((ref) => {
          const model = ref.indicator === 'fg' ? fg : efg;
          return {
            indicator: ref.indicator,
            value_pct: ref.value_pct,
            model_pct: model,
            gap_points: model - ref.value_pct,
            date: ref.date,
            publisher: ref.publisher,
            url: ref.url,
          };
        }),
      };
    });
  const byDep = sumsBy(stock, (c) => communes[c]?.code_departement ?? null);
  const departements = [...byDep]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, sums]) => ({
      code_departement: code,
      climate_zone: climateZoneOf(code),
      model_fg_pct: (100 * sums.fg) / sums.all,
      model_built_before_1946_pct: (100 * ((sums.bins[0] ?? 0) + (sums.bins[1] ?? 0))) / sums.all,
    }));
  return {
    periods: {
      reference,
      epci_compared: new Set(pairs.map((p) => p.epci)).size,
      r,
      mean_abs_gap_points: meanGap,
      target: PERIOD_TARGETS,
      meets_target: r >= PERIOD_TARGETS.r && meanGap <= PERIOD_TARGETS.mean_abs_gap_points,
      groups,
      largest_gaps: [...epciGaps]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([code_epci, gapPoints]) => ({ code_epci, gap_points: gapPoints })),
    },
    regions,
    departements,
  };
}
