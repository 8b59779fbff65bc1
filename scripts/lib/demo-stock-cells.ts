/**
 * Cells of the synthetic stock before their values: systematic sampling of each commune's
 * typology (see `demo-stock.ts` for the method) and the assignment of target labels by
 * weighted quantiles of the latent score.
 */

import { createPrng, hashSeed } from '../../src/domain/prng.ts';
import { DPE_LABELS } from '../../src/domain/stock-schema.ts';
import {
  type CommuneProfile,
  energyWeights,
  periodWeights,
  SCORE_NOISE,
  SECONDARY_TARGET,
  SURFACE_BANDS,
  scoreCell,
  surfaceWeights,
  VACANT_TARGET,
} from './demo-stock-model.ts';
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
  period: Uint8Array;
  energy: Uint8Array;
  status: Uint8Array;
  surface: Float64Array;
  weight: Float64Array;
  score: Float64Array;
  /** Three uniforms per cell for drawing its values. */
  uniforms: Float64Array;
}

/** Empty cell arrays for at most `capacity` cells. */
export function allocateCells(capacity: number): Cells {
  return {
    count: 0,
    commune: new Uint32Array(capacity),
    type: new Uint8Array(capacity),
    period: new Uint8Array(capacity),
    energy: new Uint8Array(capacity),
    status: new Uint8Array(capacity),
    surface: new Float64Array(capacity),
    weight: new Float64Array(capacity),
    score: new Float64Array(capacity),
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
  const typeWeights = [1 - profile.apartmentShare, profile.apartmentShare];
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
    const type = pick(typeWeights);
    const status = pick(profile.statusWeights[type] ?? []);
    const period = pick(weightsFor(type, () => periodWeights(type, profile)));
    const band = pick(
      weightsFor(100 + type * 6 + status, () => surfaceWeights(type, status, profile)),
    );
    const energy = pick(
      weightsFor(200 + type * 6 + period, () => energyWeights(type, period, profile)),
    );
    const key = (((type * 6 + status) * 6 + period) * 7 + band) * 8 + energy;
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
    out.period[row] = period;
    out.energy[row] = energy;
    out.status[row] = status;
    out.surface[row] = Math.round((low + (high - low) * (0.15 + 0.7 * prng.next())) * 10) / 10;
    out.weight[row] = cellWeight;
    out.score[row] =
      scoreCell({ type, period, band, energy, status }, profile) + SCORE_NOISE * prng.normal();
    for (let k = 0; k < 3; k++) out.uniforms[3 * row + k] = prng.next();
  }
}

/** Target label index of every cell: weighted quantiles of the score within each occupancy. */
export function assignTargets(cells: Cells, occupancy: Uint8Array): Uint8Array {
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
