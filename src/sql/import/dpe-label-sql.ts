/**
 * The DPE classification of `src/domain/dpe.ts` in SQL: the bounds come from `dpeThresholds()`
 * itself (one owner of the rules), as a small table keyed by the small-dwelling row and the
 * altitude rule; a class is the number of bounds the value reaches.
 */

import { dpeThresholds, SMALL_DWELLING_LIMIT_M2 } from '../../domain/dpe.ts';
import { DPE_LABELS } from '../../domain/stock-schema.ts';

/** Smallest tabulated surface of the small-dwelling bounds (8 m²). */
const SMALL_TABLE_MIN_M2 = 8;
/** Row key of the ordinary bounds (40 m² and more, or no surface). */
const ORDINARY_ROW = SMALL_DWELLING_LIMIT_M2 - SMALL_TABLE_MIN_M2;

/** `VALUES` of the bounds table: (key, e1…e6, c1…c6); key = row × 2 + altitude. */
export function dpeBoundsValuesSql(): string {
  const rows: string[] = [];
  for (let row = 0; row <= ORDINARY_ROW; row++) {
    for (const altitude of [false, true]) {
      const surfaceM2 = row === ORDINARY_ROW ? null : row + SMALL_TABLE_MIN_M2;
      const { energy, climate } = dpeThresholds({ surfaceM2, highAltitude: altitude });
      rows.push(`(${row * 2 + Number(altitude)}, ${[...energy, ...climate].join(', ')})`);
    }
  }
  return `SELECT * FROM (VALUES ${rows.join(', ')}) AS t(key, ${[1, 2, 3, 4, 5, 6].map((k) => `e${k}`).join(', ')}, ${[1, 2, 3, 4, 5, 6].map((k) => `c${k}`).join(', ')})`;
}

/**
 * Key into the bounds table for a surface (DOUBLE, may be NULL) and an altitude rule (BOOLEAN):
 * the surface rounded to the m² as Open3CL does, under 40 m² its row from 8 m².
 */
export function boundsKeySql(surface: string, highAltitude: string): string {
  return `((CASE WHEN ${surface} IS NULL OR NOT isfinite(${surface}) OR ${surface} <= 0 OR round(${surface}) >= ${SMALL_DWELLING_LIMIT_M2} THEN ${ORDINARY_ROW} ELSE greatest(round(${surface}), ${SMALL_TABLE_MIN_M2})::INTEGER - ${SMALL_TABLE_MIN_M2} END) * 2 + CASE WHEN ${highAltitude} THEN 1 ELSE 0 END)`;
}

/** Class index 0 (A) … 6 (G) of `value` on the bounds `${alias}.${axis}1…6`. */
export function classIndexSql(value: string, alias: string, axis: 'e' | 'c'): string {
  return `(${[1, 2, 3, 4, 5, 6].map((k) => `(${value} >= ${alias}.${axis}${k})::INTEGER`).join(' + ')})`;
}

/** Label letter of a class index (0 → 'A'). */
export function labelOfIndexSql(index: string): string {
  return `chr(65 + ${index})`;
}

/** Class index of a label letter ('A' → 0), NULL for anything else. */
export function indexOfLabelSql(label: string): string {
  return `(CASE ${DPE_LABELS.map((l, k) => `WHEN ${label} = '${l}' THEN ${k}`).join(' ')} END)`;
}

/** Inputs of {@link labelChecksSql}: SQL expressions over the relation `from`. */
export interface LabelCheckColumns {
  /** Relation (table or subquery) checked. */
  from: string;
  /** Table of the bounds, made from {@link dpeBoundsValuesSql}. */
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
 * `SELECT *` of `from` plus `computed_label` (the label of the values, for rows without one: the
 * small-dwelling bounds unless known not to apply, the altitude rule only when known to apply) and
 * `label_consistent` (whether the published label is one the values can lead to, over the unknown
 * rule inputs and the rounding of the values, as `isLabelConsistent`; NULL without values).
 */
export function labelChecksSql(c: LabelCheckColumns): string {
  const variants = [
    { alias: '_b1', small: true, altitude: false },
    { alias: '_b2', small: true, altitude: true },
    { alias: '_b3', small: false, altitude: false },
    { alias: '_b4', small: false, altitude: true },
  ];
  const joins = variants
    .map(
      (v) =>
        `LEFT JOIN ${c.bounds} AS ${v.alias} ON ${v.alias}.key = ${boundsKeySql(v.small ? c.surface : 'NULL', v.altitude ? 'true' : 'false')}`,
    )
    .join('\n');
  const published = indexOfLabelSql(c.published);
  const admissible = variants.map((v) => {
    const e = [c.ep, `${c.ep} - ${c.tolerance}`].map((x) => classIndexSql(x, v.alias, 'e'));
    const g = [c.ghg, `${c.ghg} - ${c.tolerance}`].map((x) => classIndexSql(x, v.alias, 'c'));
    const labels = e.flatMap((ei) => g.map((gi) => `greatest(${ei}, ${gi}) = ${published}`));
    return `((${c.small} IS NULL OR ${c.small} = ${v.small}) AND (${c.highAltitude} IS NULL OR ${c.highAltitude} = ${v.altitude}) AND (${labels.join(' OR ')}))`;
  });
  const computed = labelOfIndexSql(
    `greatest(${classIndexSql(c.ep, '_bc', 'e')}, ${classIndexSql(c.ghg, '_bc', 'c')})`,
  );
  return `SELECT _f.*,
  CASE WHEN ${c.ep} IS NOT NULL AND ${c.ghg} IS NOT NULL THEN ${computed} END AS computed_label,
  CASE WHEN ${c.published} IS NOT NULL AND ${c.ep} IS NOT NULL AND ${c.ghg} IS NOT NULL THEN (${admissible.join(' OR ')}) END AS label_consistent
FROM ${c.from} AS _f
${joins}
LEFT JOIN ${c.bounds} AS _bc ON _bc.key = ${boundsKeySql(`CASE WHEN ${c.small} = false THEN NULL ELSE ${c.surface} END`, `coalesce(${c.highAltitude}, false)`)}`;
}
