/**
 * Synthetic demonstration stock: one row per typology cell of each commune (housing type ×
 * construction period × surface band × heating energy × occupancy/tenure), weighted by the
 * dwellings it represents. Pure and deterministic for a seed. Method:
 *
 * 1. Dwellings: 0.451 main residences per inhabitant (0.55 dwellings × 82 %), divided by the
 *    commune's main-residence share, which falls with secondary homes (mountain, island and
 *    coastal départements, small communes) and vacancy (villages, declining rural départements).
 * 2. Cells (`demo-stock-cells.ts`): the commune's joint typology distribution (`demo-stock-model.ts`: apartments with
 *    commune size, gas and heat networks in cities, oil and wood in villages, old flats in big
 *    cities…) is sampled systematically: n points (start, start + 1, …)/n of one seeded
 *    uniform walk down the nested conditional distributions; repeated cells are merged, so a
 *    row's weight is (dwellings / n) × repeats. n ≈ √dwellings, bounded.
 * 3. Labels: each cell gets a latent inefficiency score (period, surface band, heating energy,
 *    tenure, housing type, climate zone, rurality) plus seeded normal noise. Within each
 *    occupancy, cells sorted by score are cut at the weighted quantiles of the target
 *    cumulative shares: ONRE 1 Jan 2023 for main residences, worse distributions for secondary
 *    and vacant dwellings (F+G 30 % and 24 %, as ONRE), so whole-stock F+G lands near 17.8 %.
 * 4. Values: primary energy and GHG are drawn inside the target class's bands
 *    (`dpeThresholds` of the cell's surface) according to the heating energy
 *    (`demo-stock-values.ts`), and the stored label is `classifyDpe` of those values.
 */
import { classifyDpe } from '../../src/domain/dpe.ts';
import type { StockRow } from '../../src/domain/stock-schema.ts';
import { DPE_LABELS } from '../../src/domain/stock-schema.ts';
import type { TerritoryCommune } from '../../src/domain/territory.ts';
import {
  allocateCells,
  assignTargets,
  type RowsPerCommune,
  sampleCommune,
  sampleSize,
} from './demo-stock-cells.ts';
import {
  ENERGY_KEYS,
  HOUSING_TYPE_KEYS,
  NO_TENURE,
  OCCUPANCY_KEYS,
  PERIOD_KEYS,
  STATUS_SECONDARY,
  STATUS_VACANT,
  TENURE_KEYS,
} from './demo-stock-model.ts';
import { profileCommune } from './demo-stock-profile.ts';
import { drawDpeValues } from './demo-stock-values.ts';
import type { CommuneInput, PeriodSource } from './model-inputs.ts';

/** Options of `generateDemoStock`. */
export interface DemoStockOptions {
  seed: number;
  /** Census and density inputs of each commune, in the order of the communes (`loadModelInputs`). */
  inputs: readonly CommuneInput[];
  rowsPerCommune?: Partial<RowsPerCommune>;
}

/**
 * The generated stock, column by column. Categorical columns hold indices into the
 * dictionaries of `DEMO_STOCK_DICTIONARIES`; `commune` indexes `communes`.
 */
export interface DemoStock {
  dataset: 'demo';
  seed: number;
  communes: readonly TerritoryCommune[];
  rowCount: number;
  commune: Uint32Array;
  housingType: Uint8Array;
  constructionPeriod: Uint8Array;
  /** Census bin (`CENSUS_BINS`) of each row: kept for validation, not written to the database. */
  censusBin: Uint8Array;
  /** Where each commune's construction periods come from (census of the commune, of its EPCI…). */
  periodSource: readonly PeriodSource[];
  heatingEnergy: Uint8Array;
  occupancy: Uint8Array;
  /** `NO_TENURE` (255) for secondary and vacant dwellings. */
  tenure: Uint8Array;
  dpeLabel: Uint8Array;
  surfaceM2: Float64Array;
  epKwhM2: Float64Array;
  efKwhM2: Float64Array;
  ghgKgM2: Float64Array;
  weight: Float64Array;
}

/** Dictionaries of the categorical columns of `DemoStock`. */
export const DEMO_STOCK_DICTIONARIES = {
  housingType: HOUSING_TYPE_KEYS,
  constructionPeriod: PERIOD_KEYS,
  heatingEnergy: ENERGY_KEYS,
  occupancy: OCCUPANCY_KEYS,
  tenure: TENURE_KEYS,
  dpeLabel: DPE_LABELS,
} as const;

export { NO_TENURE, type RowsPerCommune };

/** Seed of the shipped demonstration stock (its calibration is reported in the README). */
export const DEMO_SEED = 20230101;

const DEFAULT_ROWS: RowsPerCommune = { min: 6, max: 400, perSqrtDwelling: 1 };

/** Generates the synthetic stock of the given communes (see the module comment for the method). */
export function generateDemoStock(
  communes: readonly TerritoryCommune[],
  options: DemoStockOptions,
): DemoStock {
  const rows: RowsPerCommune = { ...DEFAULT_ROWS, ...options.rowsPerCommune };
  if (options.inputs.length !== communes.length) {
    throw new RangeError(
      `entrées du modèle pour ${options.inputs.length} communes, ${communes.length} attendues`,
    );
  }
  const profiles = communes.map((c, i) => {
    const input = options.inputs[i];
    return c.population > 0 && input !== undefined ? profileCommune(c, input) : null;
  });
  const sizes = profiles.map((p) => (p === null ? 0 : sampleSize(p.dwellings, rows)));
  const cells = allocateCells(sizes.reduce((a, b) => a + b, 0));
  profiles.forEach((profile, index) => {
    const code = communes[index]?.code_commune ?? '';
    if (profile !== null)
      sampleCommune(index, profile, sizes[index] ?? 1, options.seed, code, cells);
  });

  const rowCount = cells.count;
  const status = cells.status.slice(0, rowCount);
  const occupancy = status.map((s) => (s === STATUS_SECONDARY ? 1 : s === STATUS_VACANT ? 2 : 0));
  const targets = assignTargets(cells, occupancy);
  const ep = new Float64Array(rowCount);
  const ef = new Float64Array(rowCount);
  const ghg = new Float64Array(rowCount);
  const label = new Uint8Array(rowCount);
  const u: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < rowCount; i++) {
    u[0] = cells.uniforms[3 * i] ?? 0;
    u[1] = cells.uniforms[3 * i + 1] ?? 0;
    u[2] = cells.uniforms[3 * i + 2] ?? 0;
    const surfaceM2 = cells.surface[i] ?? 0;
    const values = drawDpeValues(targets[i] ?? 0, cells.energy[i] ?? 0, surfaceM2, u);
    ep[i] = values.epKwhM2;
    ef[i] = values.efKwhM2;
    ghg[i] = values.ghgKgM2;
    label[i] = DPE_LABELS.indexOf(classifyDpe({ ...values, surfaceM2 }));
  }
  return {
    dataset: 'demo',
    seed: options.seed,
    communes,
    rowCount,
    commune: cells.commune.slice(0, rowCount),
    housingType: cells.type.slice(0, rowCount),
    constructionPeriod: cells.period.slice(0, rowCount),
    censusBin: cells.bin.slice(0, rowCount),
    periodSource: options.inputs.map((input) => input.periodSource),
    heatingEnergy: cells.energy.slice(0, rowCount),
    occupancy,
    tenure: status.map((s) => (s < STATUS_SECONDARY ? s : NO_TENURE)),
    dpeLabel: label,
    surfaceM2: cells.surface.slice(0, rowCount),
    epKwhM2: ep,
    efKwhM2: ef,
    ghgKgM2: ghg,
    weight: cells.weight.slice(0, rowCount),
  };
}

/** Row `i` of the stock as a canonical `StockRow`. */
export function stockRowAt(stock: DemoStock, i: number): StockRow {
  const commune = stock.communes[stock.commune[i] ?? 0];
  if (commune === undefined || i < 0 || i >= stock.rowCount) {
    throw new RangeError(`ligne ${i} hors du parc de démonstration (${stock.rowCount} lignes)`);
  }
  const tenure = stock.tenure[i] ?? NO_TENURE;
  return {
    dataset: stock.dataset,
    code_commune: commune.code_commune,
    code_epci: commune.code_epci,
    code_departement: commune.code_departement,
    code_region: commune.code_region,
    housing_type: HOUSING_TYPE_KEYS[stock.housingType[i] ?? 0] ?? null,
    construction_period: PERIOD_KEYS[stock.constructionPeriod[i] ?? 0] ?? null,
    surface_m2: stock.surfaceM2[i] ?? null,
    heating_energy: ENERGY_KEYS[stock.heatingEnergy[i] ?? 0] ?? null,
    occupancy: OCCUPANCY_KEYS[stock.occupancy[i] ?? 0] ?? null,
    tenure: tenure === NO_TENURE ? null : (TENURE_KEYS[tenure] ?? null),
    dpe_label: DPE_LABELS[stock.dpeLabel[i] ?? 0] ?? null,
    label_source: 'modelled',
    ep_kwh_m2: stock.epKwhM2[i] ?? null,
    ef_kwh_m2: stock.efKwhM2[i] ?? null,
    ghg_kg_m2: stock.ghgKgM2[i] ?? null,
    weight: stock.weight[i] ?? 0,
    lon: null,
    lat: null,
  };
}
