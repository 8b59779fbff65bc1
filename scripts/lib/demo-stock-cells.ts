/**
 * Cells of the synthetic stock before their values: systematic sampling of each commune's
 * typology (see `demo-stock.ts` for the method) and the assignment of target labels by
 * weighted quantiles of the latent score.
 */

import { createPrng, hashSeed } from '../../src/domain/prng.ts';
import { DPE_LABELS } from '../../src/domain/stock-schema.ts';
import { PERIOD_SPLIT } from './census-periods.ts';
import {
  energyWeights,
  SCORE_NOISE,
  SECONDARY_TARGET,
  SURFACE_BANDS,
  scoreCell,
  surfaceWeights,
  VACANT_TARGET,
} from './demo-stock-model.ts';
import type { CommuneProfile } from './demo-stock-profile.ts';
import { ONRE_2023_MAIN_RESIDENCES } from './onre-reference.ts';

/** How many cells a commune is sampled into: round(perSqrtDwelling × √dwellings) within [min, max]. */
export interface RowsPerCommune {
  min: number;
  max: number;
  perSqrtDwelling: number;
}

const MAIN_TARGET = DPE_LABELS.map((label) => ONRE_2023_MAIN_RESIDENCES[label]);

/**
 * Walks down nested distributions with one uniform `u`: each pick takes the index where `u`
 * falls in the cumulated weights, then rescales `u` inside the chosen slot for the next pick.
 */
function createWalker(u: number): (weights: readonly number[]) => number {
  let rest = u;
  return (weights) => {
    const total = weights.reduce((sum, w) => sum + w, 0);
    let target = rest * total;
    const last = weights.length - 1;
    for (let i = 0; i <= last; i++) {
      const w = weights[i] ?? 0;
      if (target < w || i === last) {
        rest = w > 0 ? Math.min(target / w, 1 - 1e-12) : 0;
        return i;
      }
      target -= w;
    }
    return last;
  };
}

/** Sampled cells, in arrays sized for the total number of samples (merges leave a tail unused). */
export interface Cells {
  count: number;
  commune: Uint32Array;
  type: Uint8Array;
  /** Census bin (`CENSUS_BINS`) the cell's period was drawn in. */
  bin: Uint8Array;
  period: Uint8Array;
  energy: Uint8Array;
  status: Uint8Array;
  surface: Float64Array;
  weight: Float64Array;
  score: Float64Array;
  /** Climate term of the cell's commune, in log primary energy (`CommuneProfile.climateLn`). */
  climateLn: Float64Array;
  /** Three uniforms per cell for drawing its values. */
  uniforms: Float64Array;
}

/** Empty cell arrays for at most `capacity` cells. */
export function allocateCells(capacity: number): Cells {
  return {
    count: 0,
    commune: new Uint32Array(capacity),
    type: new Uint8Array(capacity),
    bin: new Uint8Array(capacity),
    period: new Uint8Array(capacity),
    energy: new Uint8Array(capacity),
    status: new Uint8Array(capacity),
    surface: new Float64Array(capacity),
    weight: new Float64Array(capacity),
    score: new Float64Array(capacity),
    climateLn: new Float64Array(capacity),
    uniforms: new Float64Array(3 * capacity),
  };
}

/** Number of samples of a commune: round(perSqrtDwelling × √dwellings) within the bounds. */
export function sampleSize(dwellings: number, rows: RowsPerCommune): number {
  const wanted = Math.round(rows.perSqrtDwelling * Math.sqrt(dwellings));
  const bounded = Math.max(rows.min, Math.min(rows.max, wanted));
  return Math.max(1, Math.min(bounded, Math.ceil(dwellings)));
}

/**
 * Samples `n` cells of one commune into `out`, merging repeated cells; draws each new cell's
 * surface, noisy score and the three uniforms of its values from the commune's own stream.
 */
export function sampleCommune(
  index: number,
  profile: CommuneProfile,
  n: number,
  seed: number,
  code: string,
  out: Cells,
): void {
  const prng = createPrng(hashSeed(seed, code));
  const cellWeight = profile.dwellings / n;
  const start = prng.next();
  const rowByKey = new Map<number, number>();
  // Conditional distributions, computed once per commune and condition.
  const cache = new Map<number, number[]>();
  const weightsFor = (key: number, compute: () => number[]): number[] => {
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const weights = compute();
    cache.set(key, weights);
    return weights;
  };
  for (let i = 0; i < n; i++) {
    const pick = createWalker((start + i) / n);
    const bin = pick(profile.binWeights);
    const period = pick(PERIOD_SPLIT[bin] ?? []);
    const flats = profile.apartmentByBin[bin] ?? 0;
    const type = pick([1 - flats, flats]);
    const status = pick(profile.statusWeights[type] ?? []);
    const band = pick(
      weightsFor(100 + type * 6 + status, () => surfaceWeights(type, status, profile)),
    );
    const energy = pick(
      weightsFor(200 + type * 6 + period, () => energyWeights(type, period, profile)),
    );
    const key = ((((bin * 2 + type) * 6 + status) * 6 + period) * 7 + band) * 8 + energy;
    const existing = rowByKey.get(key);
    if (existing !== undefined) {
      out.weight[existing] = (out.weight[existing] ?? 0) + cellWeight;
      continue;
    }
    const row = out.count++;
    rowByKey.set(key, row);
    const [low, high] = SURFACE_BANDS[band] ?? [60, 80];
    out.commune[row] = index;
    out.type[row] = type;
    out.bin[row] = bin;
    out.period[row] = period;
    out.energy[row] = energy;
    out.status[row] = status;
    out.surface[row] = Math.round((low + (high - low) * (0.15 + 0.7 * prng.next())) * 10) / 10;
    out.weight[row] = cellWeight;
    out.score[row] =
      scoreCell({ type, period, band, energy, status }, profile) + SCORE_NOISE * prng.normal();
    out.climateLn[row] = profile.climateLn;
    for (let k = 0; k < 3; k++) out.uniforms[3 * row + k] = prng.next();
  }
}

/**
 * Standard deviation of log primary energy among main residences implied by the ONRE 2023 label
 * shares (a normal fit of the class bounds 110, 180, 250, 330, 420 kWhEP/m² at the cumulated
 * shares 6 %, 30 %, 63 %, 84 %, 94 %).
 */
const LOG_EP_SPREAD = 0.4;

/** Weighted standard deviation of the scores of main residences. */
function mainScoreSpread(cells: Cells, occupancy: Uint8Array): number {
  let w = 0;
  let mean = 0;
  let square = 0;
  for (let i = 0; i < cells.count; i++) {
    if (occupancy[i] !== 0) continue;
    const weight = cells.weight[i] ?? 0;
    const x = cells.score[i] ?? 0;
    w += weight;
    mean += weight * x;
    square += weight * x * x;
  }
  if (w <= 0) return 1;
  mean /= w;
  return Math.sqrt(Math.max(square / w - mean * mean, 0)) || 1;
}

/**
 * Adds the climate to the scores: the score is read as log primary energy on the scale where its
 * spread among main residences equals `LOG_EP_SPREAD`, and the climate term moves it by
 * 0.7 × ln(Mcgéo) on that scale.
 */
function addClimate(cells: Cells, occupancy: Uint8Array): void {
  const scale = mainScoreSpread(cells, occupancy) / LOG_EP_SPREAD;
  for (let i = 0; i < cells.count; i++) {
    cells.score[i] = (cells.score[i] ?? 0) + (cells.climateLn[i] ?? 0) * scale;
  }
}

/** Target label index of every cell: weighted quantiles of the score within each occupancy. */
export function assignTargets(cells: Cells, occupancy: Uint8Array): Uint8Array {
  addClimate(cells, occupancy);
  const targets = new Uint8Array(cells.count);
  [MAIN_TARGET, SECONDARY_TARGET, VACANT_TARGET].forEach((shares, group) => {
    const rows: number[] = [];
    let total = 0;
    for (let i = 0; i < cells.count; i++) {
      if (occupancy[i] !== group) continue;
      rows.push(i);
      total += cells.weight[i] ?? 0;
    }
    // A plain array sorts far faster than a typed array with a comparator in V8.
    const order = rows.sort((a, b) => (cells.score[a] ?? 0) - (cells.score[b] ?? 0));
    const sum = shares.reduce((acc, share) => acc + share, 0);
    let cumulated = 0;
    const bounds = shares.map((share) => {
      cumulated += share / sum;
      return cumulated * total;
    });
    let label = 0;
    let before = 0;
    for (const row of order) {
      const w = cells.weight[row] ?? 0;
      while (label < 6 && before + w / 2 >= (bounds[label] ?? total)) label += 1;
      targets[row] = label;
      before += w;
    }
  });
  return targets;
}
