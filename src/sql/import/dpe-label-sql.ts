/**
 * The DPE classification of `src/domain/dpe.ts` in SQL: the bounds come from `dpeThresholds()`
 * itself (one owner of the rules), as a small table keyed by the small-dwelling row and the
 * altitude rule; a class is the number of bounds the value reaches.
 */

import { dpeThresholds, SMALL_DWELLING_LIMIT_M2 } from '../../domain/dpe.ts';
import { DPE_LABELS } from '../../domain/stock-schema.ts';

/** Smallest tabulated surface of the small-dwelling bounds (8 m²). */
const SMALL_TABLE_MIN_M2 = 8;
/** Rows of the small-dwelling tables (8 to 39 m²). */
const ORDINARY_ROW = SMALL_DWELLING_LIMIT_M2 - SMALL_TABLE_MIN_M2;

/** One set of upper bounds: energy A..F then climate A..F. */
type BoundSet = readonly number[];

function boundsOf(surfaceM2: number | null, highAltitude: boolean): BoundSet {
  const { energy, climate } = dpeThresholds({ surfaceM2, highAltitude });
  return [...energy, ...climate];
}

const ORDINARY: Readonly<Record<'low' | 'high', BoundSet>> = {
  low: boundsOf(null, false),
  high: boundsOf(null, true),
};

/**
 * `SELECT` of the small-dwelling bounds table: `key` (the surface's row, 0 for 8 m² and less …
 * 31 for 39 m²), then `l1…l12` (energy A..F, climate A..F) and `h1…h12` (the same above 800 m).
 */
export function dpeBoundsValuesSql(): string {
  const rows: string[] = [];
  for (let row = 0; row < ORDINARY_ROW; row++) {
    const surface = row + SMALL_TABLE_MIN_M2;
    rows.push(`(${row}, ${[...boundsOf(surface, false), ...boundsOf(surface, true)].join(', ')})`);
  }
  const names = (prefix: string) => Array.from({ length: 12 }, (_, k) => `${prefix}${k + 1}`);
  return `SELECT * FROM (VALUES ${rows.join(', ')}) AS t(key, ${[...names('l'), ...names('h')].join(', ')})`;
}

/** Row of the small-dwelling bounds for a surface (Open3CL rounds to the m²), NULL otherwise. */
function smallRowSql(surface: string): string {
  return `CASE WHEN ${surface} > 0 AND isfinite(${surface}) AND round(${surface}) < ${SMALL_DWELLING_LIMIT_M2} THEN greatest(round(${surface}), ${SMALL_TABLE_MIN_M2})::INTEGER - ${SMALL_TABLE_MIN_M2} END`;
}

/** Class index 0 (A) … 6 (G) of `value` on six bounds (SQL expressions or literals). */
function indexSql(value: string, bounds: readonly (string | number)[]): string {
  return `(${bounds.map((bound) => `(${value} >= ${bound})::INTEGER`).join(' + ')})`;
}

/** Energy and climate bounds of a set: literals of the ordinary ones, or columns of the join. */
function axes(set: 'low' | 'high', joined: boolean): [(string | number)[], (string | number)[]] {
  const bounds = joined
    ? Array.from({ length: 12 }, (_, k) => `_bs.${set === 'high' ? 'h' : 'l'}${k + 1}`)
    : [...ORDINARY[set]];
  return [bounds.slice(0, 6), bounds.slice(6)];
}

/** Label letter of a class index (0 → 'A'). */
function labelOfIndexSql(index: string): string {
  return `chr(65 + ${index})`;
}

/** Class index of a label letter ('A' → 0), NULL for anything else. */
function indexOfLabelSql(label: string): string {
  return `(CASE ${DPE_LABELS.map((l, k) => `WHEN ${label} = '${l}' THEN ${k}`).join(' ')} END)`;
}

/** Inputs of {@link labelChecksSql}: SQL expressions over the relation `from`. */
export interface LabelCheckColumns {
  /** Relation (table or subquery) checked. */
  from: string;
  /** Table of the small-dwelling bounds, made from {@link dpeBoundsValuesSql}. */
  bounds: string;
  /** Published label letter, or NULL. */
  published: string;
  /** Primary energy and GHG per m², DOUBLE or NULL. */
  ep: string;
  ghg: string;
  surface: string;
  /** Whether the small-dwelling bounds apply (BOOLEAN, NULL when unknown). */
  small: string;
  /** Whether the altitude rule applies (BOOLEAN, NULL when unknown). */
  highAltitude: string;
  /** Half the last published decimal (label-consistency.ts). */
  tolerance: number;
}

/**
 * `SELECT` of `from` plus `computed_label` (the label of the values: small-dwelling bounds unless
 * known not to apply, the altitude rule only when known to apply) and `label_consistent` (whether
 * the published label is one the values can lead to, over the unknown rule inputs and the rounding
 * of the values, as `isLabelConsistent`; NULL without values). Dwellings of 40 m² and more (nearly
 * all) are checked against the ordinary bounds as literals; only small ones read the joined table.
 */
export function labelChecksSql(c: LabelCheckColumns): string {
  return labelChecksBody(c, false);
}

function labelChecksBody(c: LabelCheckColumns, quick: boolean): string {
  const index = (value: string, set: 'low' | 'high', joined: boolean, axis: 0 | 1) =>
    indexSql(value, axes(set, joined)[axis]);
  const exact = (set: 'low' | 'high', joined: boolean) =>
    `greatest(${index('_i.ep_', set, joined, 0)}, ${index('_i.ghg_', set, joined, 1)})`;
  const admissible = (set: 'low' | 'high', joined: boolean) => {
    const e = ['_i.ep_', '_i.ep0_'].map((v) => index(v, set, joined, 0));
    const g = ['_i.ghg_', '_i.ghg0_'].map((v) => index(v, set, joined, 1));
    return `(${e.flatMap((ei) => g.map((gi) => `greatest(${ei}, ${gi}) = _i._L`)).join(' OR ')})`;
  };
  const byAltitude = (
    joined: boolean,
  ) => `CASE WHEN ${c.highAltitude} IS FALSE THEN ${admissible('low', joined)}
      WHEN ${c.highAltitude} IS TRUE THEN ${admissible('high', joined)}
      ELSE ${admissible('low', joined)} OR ${admissible('high', joined)} END`;
  const main = `CASE WHEN _i._row IS NULL OR ${c.small} IS FALSE
      THEN CASE WHEN ${c.highAltitude} IS TRUE THEN ${exact('high', false)} ELSE ${exact('low', false)} END
      ELSE CASE WHEN ${c.highAltitude} IS TRUE THEN ${exact('high', true)} ELSE ${exact('low', true)} END END`;
  const withValues = `_i.ep_ IS NOT NULL AND _i.ghg_ IS NOT NULL`;
  const inner = `SELECT _i.*, CASE WHEN ${withValues} THEN ${main} END AS _m`;
  const rows = `FROM (
    SELECT _f.*, ${smallRowSql(c.surface)} AS _row, ${indexOfLabelSql(c.published)} AS _L,
      ${c.ep} AS ep_, ${c.ep} - ${c.tolerance} AS ep0_, ${c.ghg} AS ghg_, ${c.ghg} - ${c.tolerance} AS ghg0_
    FROM ${c.from} AS _f
  ) AS _i
  LEFT JOIN ${c.bounds} AS _bs ON _bs.key = _i._row`;
  if (quick) {
    return `SELECT * EXCLUDE (_row, _L, _m, ep_, ep0_, ghg_, ghg0_),
  CASE WHEN _m IS NOT NULL THEN ${labelOfIndexSql('_m')} END AS computed_label,
  CASE WHEN _L = _m THEN true END AS label_consistent,
  coalesce(_L <> _m, false) AS label_recheck
FROM (${inner} ${rows})`;
  }
  // The rule inputs of the computed label are the usual case: the other combinations are
  // evaluated only for the rows whose published label differs from it.
  return `SELECT * EXCLUDE (_row, _L, _m, ep_, ep0_, ghg_, ghg0_, label_full_check),
  CASE WHEN _m IS NOT NULL THEN ${labelOfIndexSql('_m')} END AS computed_label,
  label_full_check AS label_consistent
FROM (
  ${inner},
    CASE WHEN _i._L IS NULL OR NOT (${withValues}) THEN NULL
      WHEN _i._L = (${main}) THEN true
      WHEN _i._row IS NULL THEN ${byAltitude(false)}
      WHEN ${c.small} IS TRUE THEN ${byAltitude(true)}
      WHEN ${c.small} IS FALSE THEN ${byAltitude(false)}
      ELSE (${byAltitude(true)}) OR (${byAltitude(false)}) END AS label_full_check
  ${rows}
)`;
}

/**
 * The first pass of {@link labelChecksSql}, for millions of rows: `label_consistent` true where
 * the published label is the computed one (NULL elsewhere), and `label_recheck` for the other rows
 * with a published label and values. The full check is a large expression whose cost in DuckDB
 * goes with the number of row batches it meets more than with the rows it checks (measured: a
 * third of the mapping of a DPE file); the few flagged rows are settled by `isLabelConsistent`
 * (see {@link flaggedLabelsSql}).
 */
export function quickLabelChecksSql(c: LabelCheckColumns): string {
  return labelChecksBody(c, true);
}

/** Columns of the rows {@link flaggedLabelsSql} reads, as columns of its relation. */
export type FlaggedLabelColumns = Pick<
  LabelCheckColumns,
  'published' | 'ep' | 'ghg' | 'surface' | 'small' | 'highAltitude'
>;

/**
 * The rows of `rows` that {@link quickLabelChecksSql} flagged, with what their label is checked
 * against (`label`, then `ep`, `ghg`, `surface` as DOUBLE, `small` and `high` as 1, 0 or NULL).
 * They are few (the published label differs from the computed one), and checking them in SQL
 * meant planning an expression of some 35 kB for each import: a quarter of a 2,000-row import.
 */
export function flaggedLabelsSql(rows: string, c: FlaggedLabelColumns): string {
  return `SELECT ${c.published} AS label, ${c.ep}::DOUBLE AS ep, ${c.ghg}::DOUBLE AS ghg,
  ${c.surface}::DOUBLE AS surface, ${c.small}::INTEGER::DOUBLE AS small,
  ${c.highAltitude}::INTEGER::DOUBLE AS high
FROM ${rows} WHERE label_recheck`;
}
