/**
 * What a campaign's effect shows in public mode. A campaign's counts (a group of territories over
 * a period, or over one month) are cells of their own, absent from the programme's single pattern
 * (public-programme-counts.ts), so each group gets its own suppressed tree, by the same rules
 * (statistical-secret.ts): months → before / after → both periods, carnets and works (works
 * describing the carnets' households). A rate of a withheld count is withheld (its F/G
 * denominator is public), and so is an estimate or an interval that uses one.
 */
import type {
  EffectEstimate,
  EffectOutcome,
  GroupFigures,
  OutcomeEstimate,
} from './campaign-effect.ts';
import type { ShownFigure } from './public-figures.ts';
import { type CountTree, type SuppressedCell, suppressTree } from './statistical-secret.ts';

/** A period's count and rate as shown. */
export interface ShownPeriod {
  count: ShownFigure;
  rate: ShownFigure;
}

/** One outcome of a group as shown; a withheld month is null (a gap in the chart). */
export interface ShownGroupOutcome {
  before: ShownPeriod;
  after: ShownPeriod;
  monthly: (number | null)[];
}

/** A group as shown. */
export interface ShownGroup {
  units: number;
  fgDwellings: number;
  carnets: ShownGroupOutcome;
  works: ShownGroupOutcome;
}

/** An outcome's estimate as shown. */
export interface ShownEstimate {
  estimate: ShownFigure;
  interval: [number, number] | 'secret' | null;
  beforeAfter: ShownFigure;
  comparisonChange: ShownFigure;
}

/** The estimate as shown, and whether the secret withheld anything. */
export interface ShownEffect {
  target: ShownGroup;
  control: ShownGroup;
  carnets: ShownEstimate;
  works: ShownEstimate;
  withheld: boolean;
}

const COLUMNS = [{ id: 'carnets' }, { id: 'travaux', population: 'carnets' }];
const PERIOD = 'periode';

function suppressGroup(group: GroupFigures, months: readonly string[], length: number) {
  const tree: CountTree = {
    columns: COLUMNS,
    nodes: [
      { level: PERIOD, code: 'avant', parent: null, values: null },
      { level: PERIOD, code: 'apres', parent: null, values: null },
      ...months.map((month, i) => ({
        level: 'mois',
        code: month,
        parent: { level: PERIOD, code: i < length ? 'avant' : 'apres' },
        values: [group.carnets.monthly[i] ?? 0, group.works.monthly[i] ?? 0],
      })),
    ],
  };
  return suppressTree(tree).nodes;
}

function showGroup(group: GroupFigures, cells: ((column: number) => SuppressedCell[]) | null) {
  const outcome = (key: EffectOutcome, column: number): ShownGroupOutcome => {
    const source = group[key];
    const row = cells?.(column);
    const hidden = (i: number) => row?.[i]?.suppressed != null;
    const period = (figure: typeof source.before, i: number): ShownPeriod =>
      hidden(i) ? { count: 'secret', rate: 'secret' } : figure;
    return {
      before: period(source.before, 0),
      after: period(source.after, 1),
      monthly: source.monthly.map((count, m) => (hidden(m + 2) ? null : count)),
    };
  };
  return {
    units: group.units,
    fgDwellings: group.fgDwellings,
    carnets: outcome('carnets', 0),
    works: outcome('works', 1),
  };
}

const isHidden = (period: ShownPeriod) => period.count === 'secret';

function showEstimate(
  source: OutcomeEstimate,
  target: ShownGroupOutcome,
  control: ShownGroupOutcome,
): ShownEstimate {
  const targetHidden = isHidden(target.before) || isHidden(target.after);
  const controlHidden = isHidden(control.before) || isHidden(control.after);
  const any = targetHidden || controlHidden;
  return {
    estimate: any ? 'secret' : source.estimate,
    interval: any && source.interval !== null ? 'secret' : source.interval,
    beforeAfter: targetHidden ? 'secret' : source.beforeAfter,
    comparisonChange: controlHidden ? 'secret' : source.comparisonChange,
  };
}

/**
 * The estimate as shown: everything outside public mode, else with the
 * suppression of the module documentation.
 */
export function shownEffect(estimate: EffectEstimate, publicMode: boolean): ShownEffect {
  const months = [...estimate.months.pre, ...estimate.months.post];
  const length = estimate.months.pre.length;
  const cellsOf = (group: GroupFigures) => {
    if (!publicMode) return null;
    const nodes = suppressGroup(group, months, length);
    return (column: number) => nodes.map((node) => node.cells[column] as SuppressedCell);
  };
  const target = showGroup(estimate.target, cellsOf(estimate.target));
  const control = showGroup(estimate.control, cellsOf(estimate.control));
  const carnets = showEstimate(estimate.carnets, target.carnets, control.carnets);
  const works = showEstimate(estimate.works, target.works, control.works);
  const withheld = [target, control].some((g) =>
    [g.carnets, g.works].some(
      (o) => isHidden(o.before) || isHidden(o.after) || o.monthly.some((m) => m === null),
    ),
  );
  return { target, control, carnets, works, withheld };
}
