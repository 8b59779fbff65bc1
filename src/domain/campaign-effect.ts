/**
 * Difference-in-differences estimate of a campaign's effect on carnets opened and works done, per
 * 1,000 F/G dwellings, with a bootstrap interval.
 *
 * Two groups of territories (the targets, and comparable untargeted territories) are observed over
 * the same months: L months before the campaign's start and L months from it. For each group g and
 * period p, the rate is r(g, p) = 1,000 × (count of g over p) / (F/G dwellings of g): a pooled
 * rate, each territory weighing by its F/G dwellings. The estimate is
 *
 *   [r(targets, after) − r(targets, before)] − [r(comparison, after) − r(comparison, before)]
 *
 * i.e. the targets' change minus the change that the comparison territories show over the same
 * months, so that a trend shared by both (the programme's ramp-up, a seasonal dip) is not read as
 * the campaign's effect, as the targets' before/after difference alone would read it. It rests on
 * the parallel-trends assumption: without the campaign, the targets' rate would have moved like the
 * comparison's.
 *
 * Interval: bootstrap over territories with Poisson noise on counts. Each of
 * {@link DEFAULT_EFFECT_OPTIONS}.resamples resamples draws, within each group, as many territories
 * as it has, with replacement (between-territory variation), then replaces each drawn territory's
 * before and after counts by Poisson draws of the same mean (chance variation of counts, which
 * the territory resampling alone misses when a group has one territory). The interval is the 2.5th
 * and 97.5th percentiles of the resampled estimates. The seeded generator (mulberry32, fixed seed)
 * makes the interval the same on every run, in the browser and on the command line.
 */
import { createPrng, type Prng } from './prng.ts';

/** Outcomes measured. */
export type EffectOutcome = 'carnets' | 'works';

/** The two outcomes, in display order. */
export const EFFECT_OUTCOMES: readonly EffectOutcome[] = ['carnets', 'works'];

/** Group of a territory. */
export type EffectGroup = 'target' | 'control';

/** One territory's monthly counts over the window. */
export interface EffectUnit {
  code: string;
  group: EffectGroup;
  /** Denominator of its rates: F/G dwellings of the stock. */
  fgDwellings: number;
  /** Counts per month: the `pre` months, then the `post` months. */
  carnets: readonly number[];
  works: readonly number[];
}

/** What the estimator reads. */
export interface EffectInput {
  /** Months (`YYYY-MM`) before the start, oldest first, and from the start: same length. */
  months: { pre: readonly string[]; post: readonly string[] };
  units: readonly EffectUnit[];
}

/** Settings of the bootstrap. */
export interface EffectOptions {
  resamples: number;
  seed: number;
  /** Coverage of the interval. */
  level: number;
}

/** Defaults: 1,000 resamples, 95 % interval, fixed seed. */
export const DEFAULT_EFFECT_OPTIONS: EffectOptions = {
  resamples: 1000,
  seed: 20190311,
  level: 0.95,
};

/** A count over a period and its rate per 1,000 F/G dwellings (null without F/G dwellings). */
export interface PeriodFigure {
  count: number;
  rate: number | null;
}

/** One outcome of one group: before, after, and month by month (before then after). */
export interface GroupOutcome {
  before: PeriodFigure;
  after: PeriodFigure;
  monthly: number[];
}

/** The counts behind a group's rates. */
export interface GroupFigures {
  units: number;
  fgDwellings: number;
  carnets: GroupOutcome;
  works: GroupOutcome;
}

/** The estimate for one outcome, per 1,000 F/G dwellings over L months. */
export interface OutcomeEstimate {
  /** Difference in differences; null when a group has no F/G dwellings. */
  estimate: number | null;
  /** Bootstrap percentile interval; null without estimate. */
  interval: [number, number] | null;
  /** The targets' after − before alone, which a naive reading would take for the effect. */
  beforeAfter: number | null;
  /** The comparison territories' after − before. */
  comparisonChange: number | null;
}

/** The whole estimate. */
export interface EffectEstimate {
  months: { pre: string[]; post: string[] };
  target: GroupFigures;
  control: GroupFigures;
  carnets: OutcomeEstimate;
  works: OutcomeEstimate;
  method: EffectOptions;
}

const PER = 1000;
const rate = (count: number, fg: number) => (fg > 0 ? (PER * count) / fg : null);
const sum = (values: readonly number[], from = 0, to = values.length) => {
  let total = 0;
  for (let i = from; i < to; i++) total += values[i] ?? 0;
  return total;
};

function groupFigures(units: readonly EffectUnit[], length: number): GroupFigures {
  const fgDwellings = sum(units.map((u) => u.fgDwellings));
  const outcome = (key: EffectOutcome): GroupOutcome => {
    const monthly = Array.from({ length: 2 * length }, (_, m) =>
      sum(units.map((u) => u[key][m] ?? 0)),
    );
    const before = sum(monthly, 0, length);
    const after = sum(monthly, length);
    return {
      before: { count: before, rate: rate(before, fgDwellings) },
      after: { count: after, rate: rate(after, fgDwellings) },
      monthly,
    };
  };
  return { units: units.length, fgDwellings, carnets: outcome('carnets'), works: outcome('works') };
}

const change = (o: GroupOutcome) =>
  o.before.rate === null || o.after.rate === null ? null : o.after.rate - o.before.rate;

/** Poisson deviate: Knuth's product method below a mean of 30, a rounded normal above. */
export function drawPoisson(prng: Prng, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean >= 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * prng.normal()));
  const limit = Math.exp(-mean);
  let k = 0;
  let product = prng.next();
  while (product > limit) {
    k++;
    product *= prng.next();
  }
  return k;
}

/** Quantile of sorted values, linear interpolation between order statistics (type 7). */
export function quantile(sorted: readonly number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const low = Math.floor(position);
  const lower = sorted[low] ?? Number.NaN;
  const upper = sorted[Math.min(low + 1, sorted.length - 1)] ?? lower;
  return lower + (upper - lower) * (position - low);
}

interface Totals {
  fg: number;
  before: Record<EffectOutcome, number>;
  after: Record<EffectOutcome, number>;
}

function unitTotals(unit: EffectUnit, length: number): Totals {
  return {
    fg: unit.fgDwellings,
    before: { carnets: sum(unit.carnets, 0, length), works: sum(unit.works, 0, length) },
    after: { carnets: sum(unit.carnets, length), works: sum(unit.works, length) },
  };
}

/** One resampled group: its rate change per outcome, or null without F/G dwellings. */
function resampleChange(
  prng: Prng,
  units: readonly Totals[],
): Record<EffectOutcome, number> | null {
  let fg = 0;
  const before = { carnets: 0, works: 0 };
  const after = { carnets: 0, works: 0 };
  for (let i = 0; i < units.length; i++) {
    const unit = units[Math.floor(prng.next() * units.length)];
    if (unit === undefined) continue;
    fg += unit.fg;
    for (const key of EFFECT_OUTCOMES) {
      before[key] += drawPoisson(prng, unit.before[key]);
      after[key] += drawPoisson(prng, unit.after[key]);
    }
  }
  if (fg <= 0) return null;
  return {
    carnets: (PER * (after.carnets - before.carnets)) / fg,
    works: (PER * (after.works - before.works)) / fg,
  };
}

function bootstrap(
  targets: readonly Totals[],
  controls: readonly Totals[],
  options: EffectOptions,
): Record<EffectOutcome, [number, number] | null> {
  const prng = createPrng(options.seed);
  const draws: Record<EffectOutcome, number[]> = { carnets: [], works: [] };
  for (let b = 0; b < options.resamples; b++) {
    const t = resampleChange(prng, targets);
    const c = resampleChange(prng, controls);
    if (t === null || c === null) continue;
    for (const key of EFFECT_OUTCOMES) draws[key].push(t[key] - c[key]);
  }
  const tail = (1 - options.level) / 2;
  const interval = (values: number[]): [number, number] | null => {
    if (values.length === 0) return null;
    values.sort((a, b) => a - b);
    return [quantile(values, tail), quantile(values, 1 - tail)];
  };
  return { carnets: interval(draws.carnets), works: interval(draws.works) };
}

/**
 * The difference-in-differences estimate of the module documentation. Units are read in code
 * order, so that the interval does not depend on the order they are given in.
 */
export function estimateEffect(
  input: EffectInput,
  options: EffectOptions = DEFAULT_EFFECT_OPTIONS,
): EffectEstimate {
  const length = input.months.pre.length;
  if (input.months.post.length !== length) {
    throw new RangeError('Before and after periods must have the same number of months');
  }
  const units = [...input.units].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const targets = units.filter((u) => u.group === 'target');
  const controls = units.filter((u) => u.group === 'control');
  const target = groupFigures(targets, length);
  const control = groupFigures(controls, length);
  const canEstimate = target.fgDwellings > 0 && control.fgDwellings > 0;
  const intervals = canEstimate
    ? bootstrap(
        targets.map((u) => unitTotals(u, length)),
        controls.map((u) => unitTotals(u, length)),
        options,
      )
    : { carnets: null, works: null };
  const outcome = (key: EffectOutcome): OutcomeEstimate => {
    const targetChange = change(target[key]);
    const comparisonChange = change(control[key]);
    const estimate =
      targetChange === null || comparisonChange === null ? null : targetChange - comparisonChange;
    return {
      estimate,
      interval: estimate === null ? null : intervals[key],
      beforeAfter: targetChange,
      comparisonChange,
    };
  };
  return {
    months: { pre: [...input.months.pre], post: [...input.months.post] },
    target,
    control,
    carnets: outcome('carnets'),
    works: outcome('works'),
    method: { ...options },
  };
}
