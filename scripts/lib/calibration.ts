/**
 * Calibration report of the synthetic demonstration stock: generated label shares of main
 * residences against ONRE 1 Jan 2023, F+G shares of each occupancy and of the whole stock, and
 * the F+G shares along the gradients that domain.md §4 documents.
 */
import { isGPlus } from '../../src/domain/dpe.ts';
import type { DpeLabel } from '../../src/domain/stock-schema.ts';
import { DPE_LABELS } from '../../src/domain/stock-schema.ts';
import { DEMO_STOCK_DICTIONARIES, type DemoStock, NO_TENURE } from './demo-stock.ts';
import { ONRE_2023_MAIN_RESIDENCES } from './onre-reference.ts';

/** One label line of the report. */
export interface CalibrationLabel {
  label: DpeLabel;
  generated_pct: number;
  onre_pct: number;
  diff_points: number;
}

/** F+G share (%) of main residences for each value of a dimension. */
export type FgByGroup = Record<string, number>;

/** The calibration report (snake_case: it is printed as JSON). */
export interface Calibration {
  rows: number;
  population: number;
  dwellings: number;
  main_residences: number;
  dwellings_per_inhabitant: number;
  occupancy_pct: Record<string, number>;
  labels: CalibrationLabel[];
  fg_main_pct: number;
  fg_secondary_pct: number;
  fg_vacant_pct: number;
  fg_whole_stock_pct: number;
  /** Main residences above 450 kWh of final energy per m² ("G+"). */
  g_plus_main_pct: number;
  /** F+G share (%) of main residences along each gradient. */
  gradients: {
    surface: FgByGroup;
    heating_energy: FgByGroup;
    construction_period: FgByGroup;
    tenure: FgByGroup;
    housing_type: FgByGroup;
    region: FgByGroup;
    departement: FgByGroup;
  };
}

/** Départements named by domain.md §4: rural ones far above average, the south-west far below. */
const GRADIENT_DEPARTEMENTS = ['15', '23', '58', '33', '40', '64'] as const;

const F = DPE_LABELS.indexOf('F');

/** F+G share (%) of main residences grouped by `keyOf` (null = row left out). */
function fgByGroup(stock: DemoStock, keyOf: (row: number) => string | null): FgByGroup {
  const totals = new Map<string, [number, number]>();
  for (let i = 0; i < stock.rowCount; i++) {
    if (stock.occupancy[i] !== 0) continue;
    const key = keyOf(i);
    if (key === null) continue;
    const sums = totals.get(key) ?? [0, 0];
    const w = stock.weight[i] ?? 0;
    sums[0] += w;
    if ((stock.dpeLabel[i] ?? 0) >= F) sums[1] += w;
    totals.set(key, sums);
  }
  const result: FgByGroup = {};
  for (const [key, [all, fg]] of [...totals].sort(([a], [b]) => a.localeCompare(b))) {
    result[key] = all > 0 ? (100 * fg) / all : 0;
  }
  return result;
}

function surfaceGroup(surface: number): string | null {
  if (surface < 30) return 'moins_de_30_m2';
  if (surface >= 100) return '100_m2_et_plus';
  return null;
}

/** Computes the calibration report of a generated stock. */
export function computeCalibration(stock: DemoStock): Calibration {
  const byOccupancy = [0, 0, 0];
  const fgByOccupancy = [0, 0, 0];
  const mainByLabel = DPE_LABELS.map(() => 0);
  let gPlus = 0;
  for (let i = 0; i < stock.rowCount; i++) {
    const occupancy = stock.occupancy[i] ?? 0;
    const label = stock.dpeLabel[i] ?? 0;
    const w = stock.weight[i] ?? 0;
    byOccupancy[occupancy] = (byOccupancy[occupancy] ?? 0) + w;
    if (label >= F) fgByOccupancy[occupancy] = (fgByOccupancy[occupancy] ?? 0) + w;
    if (occupancy !== 0) continue;
    mainByLabel[label] = (mainByLabel[label] ?? 0) + w;
    if (isGPlus(stock.efKwhM2[i] ?? 0)) gPlus += w;
  }
  const [main = 0, secondary = 0, vacant = 0] = byOccupancy;
  const dwellings = main + secondary + vacant;
  const pct = (part: number, whole: number): number => (whole > 0 ? (100 * part) / whole : 0);
  const population = stock.communes.reduce((sum, c) => sum + c.population, 0);
  const dict = DEMO_STOCK_DICTIONARIES;
  const communeOf = (i: number) => stock.communes[stock.commune[i] ?? 0];
  const wanted = new Set<string>(GRADIENT_DEPARTEMENTS);
  return {
    rows: stock.rowCount,
    population,
    dwellings,
    main_residences: main,
    dwellings_per_inhabitant: population > 0 ? dwellings / population : 0,
    occupancy_pct: Object.fromEntries(
      dict.occupancy.map((key, index) => [key, pct(byOccupancy[index] ?? 0, dwellings)]),
    ),
    labels: DPE_LABELS.map((label, index) => {
      const generated = pct(mainByLabel[index] ?? 0, main);
      const onre = ONRE_2023_MAIN_RESIDENCES[label];
      return { label, generated_pct: generated, onre_pct: onre, diff_points: generated - onre };
    }),
    fg_main_pct: pct(fgByOccupancy[0] ?? 0, main),
    fg_secondary_pct: pct(fgByOccupancy[1] ?? 0, secondary),
    fg_vacant_pct: pct(fgByOccupancy[2] ?? 0, vacant),
    fg_whole_stock_pct: pct(
      fgByOccupancy.reduce((a, b) => a + b, 0),
      dwellings,
    ),
    g_plus_main_pct: pct(gPlus, main),
    gradients: {
      surface: fgByGroup(stock, (i) => surfaceGroup(stock.surfaceM2[i] ?? 0)),
      heating_energy: fgByGroup(
        stock,
        (i) => dict.heatingEnergy[stock.heatingEnergy[i] ?? 0] ?? null,
      ),
      construction_period: fgByGroup(
        stock,
        (i) => dict.constructionPeriod[stock.constructionPeriod[i] ?? 0] ?? null,
      ),
      tenure: fgByGroup(stock, (i) => {
        const tenure = stock.tenure[i] ?? NO_TENURE;
        return tenure === NO_TENURE ? null : (dict.tenure[tenure] ?? null);
      }),
      housing_type: fgByGroup(stock, (i) => dict.housingType[stock.housingType[i] ?? 0] ?? null),
      region: fgByGroup(stock, (i) => communeOf(i)?.code_region ?? null),
      departement: fgByGroup(stock, (i) => {
        const dep = communeOf(i)?.code_departement ?? '';
        return wanted.has(dep) ? dep : null;
      }),
    },
  };
}
