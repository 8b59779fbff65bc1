/**
 * The pure join of the BDNB import: main rows joined to their side entries (or to their own side
 * columns), checked with the reasons of the former mapper, then the accepted and rejected rows.
 */

import type { BdnbSide } from './bdnb-sql.ts';
import { decimalSql, trimmedSql } from './decimal-sql.ts';
import { labelChecksSql } from './dpe-label-sql.ts';

/** Types of the parsed side columns that are not text, for a side that is absent. */
const PARSED_TYPES: Readonly<Record<string, string>> = {
  p_ep: 'DOUBLE',
  p_ef: 'DOUBLE',
  p_ghg: 'DOUBLE',
  p_surface: 'DOUBLE',
  p_small: 'BOOLEAN',
  p_reliability: 'DOUBLE',
};

const POINT = String.raw`(?i)^(?:SRID=4326;)?\s*POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)$`;

/** Which sources feed the main rows. */
export interface BdnbMainSources {
  /** Side tables present (their entries tables `${prefix}e_<side>`). */
  sides: ReadonlySet<BdnbSide>;
  /** Sides whose columns the main table carries itself (entries `${prefix}o_<side>`). */
  own: ReadonlySet<BdnbSide>;
}

/** Creates `${prefix}bm`: main rows joined, with `reason` (NULL when accepted). */
export function bdnbMainSql(prefix: string, main: string, sources: BdnbMainSources): string {
  const join = (side: BdnbSide, alias: string) => {
    const parts: string[] = [];
    if (sources.sides.has(side)) {
      parts.push(`LEFT JOIN ${prefix}e_${side} AS ${alias}s ON ${alias}s.id = m.id`);
    }
    if (sources.own.has(side)) {
      parts.push(`LEFT JOIN ${prefix}o_${side} AS ${alias}o ON ${alias}o.ordinal = m.ordinal`);
    }
    return parts.join('\n');
  };
  // The side entry when there is one, else the main row's own columns when it has them.
  const pick = (side: BdnbSide, alias: string, column: string) => {
    const s = sources.sides.has(side) ? `${alias}s.${column}` : null;
    const o = sources.own.has(side) ? `${alias}o.${column}` : null;
    if (s !== null && o !== null)
      return `CASE WHEN ${alias}s.id IS NOT NULL THEN ${s} ELSE ${o} END`;
    return s ?? o ?? `NULL::${PARSED_TYPES[column] ?? 'VARCHAR'}`;
  };
  const found = (side: BdnbSide, alias: string) => {
    const parts: string[] = [];
    if (sources.sides.has(side)) parts.push(`${alias}s.id IS NOT NULL`);
    if (sources.own.has(side)) parts.push('true');
    return parts.length === 0 ? 'false' : parts.join(' OR ');
  };
  const own = (side: BdnbSide, alias: string) =>
    sources.own.has(side) ? (sources.sides.has(side) ? `${alias}s.id IS NULL` : 'true') : 'false';
  const f = (column: string) => pick('ffo', 'f', column);
  const o = (column: string) => pick('dpe', 'o', column);
  const p = (column: string) => pick('simulations', 'p', column);
  return `CREATE TABLE ${prefix}bm AS
WITH joined AS (
  SELECT m.ordinal, m.id, dc.code AS code_commune, dc.dep AS code_departement, dc.reg AS code_region,
    dc.reason AS commune_reason, dx.code AS code_epci, dx.invalid AS epci_invalid, ${trimmedSql('m.epci')} AS epci_t,
    ${trimmedSql('m.point')} AS point_t,
    ${found('ffo', 'f')} AS has_building, ${own('ffo', 'f')} AS ffo_own,
    ${f('p_nb_log_t')} AS nb_log_t, ${f('p_period')} AS b_period, ${f('p_housing')} AS b_housing,
    ${found('dpe', 'o')} AS has_dpe, ${own('dpe', 'o')} AS dpe_own,
    ${o('p_label')} AS o_label, ${o('p_ep')} AS ep_n, ${o('p_ef')} AS ef_n, ${o('p_ghg')} AS ghg_n,
    ${o('p_surface')} AS surface_n, ${o('p_housing')} AS o_housing, ${o('p_period')} AS o_period,
    ${o('p_energy')} AS energy, ${o('p_small')} AS small_bounds,
    ${found('simulations', 'p')} AS has_simulation, ${own('simulations', 'p')} AS simulation_own,
    ${p('p_label')} AS p_label, ${p('p_reliability')} AS reliability_n
  FROM ${main} AS m
  LEFT JOIN ${prefix}d_commune AS dc ON dc.k0 = coalesce(m.commune, '')
  LEFT JOIN ${prefix}d_epci AS dx ON dx.k0 = coalesce(m.epci, '')
  ${join('ffo', 'f')}
  ${join('dpe', 'o')}
  ${join('simulations', 'p')}
),
checked AS (
  SELECT *, ${decimalSql('nb_log_t')} AS nb_log_n FROM joined
),
staged AS (
  SELECT *, CASE
    WHEN commune_reason IS NOT NULL THEN commune_reason
    WHEN NOT has_building THEN 'nb_log inconnu : aucune ligne de batiment_groupe_ffo_bat pour « ' || id || ' »'
    WHEN nb_log_n IS NULL THEN 'nb_log absent pour « ' || id || ' » : nombre de logements inconnu'
    WHEN isnan(nb_log_n) OR nb_log_n < 0 OR nb_log_n <> floor(nb_log_n) THEN 'nb_log invalide : « ' || nb_log_t || ' »'
    WHEN nb_log_n = 0 THEN 'nb_log = 0 : aucun logement dans ce bâtiment'
  END AS step_reason
  FROM checked
),
firsts AS (
  SELECT id, min(ordinal) AS first FROM staged WHERE id <> '' AND step_reason IS NULL GROUP BY id
)
SELECT st.*, CASE
    WHEN st.id = '' THEN 'batiment_groupe_id absent'
    WHEN fi.first < st.ordinal THEN 'batiment_groupe_id en double : « ' || st.id || ' » (première occurrence gardée)'
    ELSE st.step_reason END AS reason,
  st.id <> '' AND coalesce(fi.first >= st.ordinal, true) AND st.commune_reason IS NULL AS reached_building,
  TRY_CAST(regexp_extract(st.point_t, '${POINT}', 1) AS DOUBLE) AS point_lon,
  TRY_CAST(regexp_extract(st.point_t, '${POINT}', 2) AS DOUBLE) AS point_lat
FROM staged AS st
LEFT JOIN firsts AS fi ON fi.id = st.id`;
}

/** The accepted rows of `${prefix}bm`, as canonical stock columns (with `ordinal`, `file_index`). */
export function bdnbAcceptedSql(
  prefix: string,
  options: { fileIndex: number; dataset: string; tolerance: number },
): string {
  const checked = labelChecksSql({
    from: `(SELECT *, CASE WHEN isnan(surface_n) OR surface_n <= 0 THEN NULL ELSE surface_n END AS surface,
      CASE WHEN isnan(ep_n) THEN NULL ELSE ep_n END AS ep, CASE WHEN isnan(ghg_n) THEN NULL ELSE ghg_n END AS ghg
      FROM ${prefix}bm WHERE reason IS NULL)`,
    bounds: `${prefix}bounds`,
    published: 'o_label',
    ep: 'ep',
    ghg: 'ghg',
    surface: 'surface',
    small: 'small_bounds',
    highAltitude: 'NULL::BOOLEAN',
    tolerance: options.tolerance,
  });
  const reliability = `CASE WHEN reliability_n BETWEEN 1 AND 5 AND reliability_n = floor(reliability_n) THEN reliability_n::INTEGER END`;
  const observedLabel = 'CASE WHEN has_dpe THEN coalesce(o_label, computed_label) END';
  return `CREATE TABLE ${prefix}accepted AS
SELECT ordinal, ${options.fileIndex} AS file_index, ${options.dataset} AS dataset, code_commune,
  code_epci, code_departement, code_region, coalesce(o_housing, b_housing) AS housing_type,
  coalesce(b_period, o_period) AS construction_period, surface AS surface_m2, energy AS heating_energy,
  NULL::VARCHAR AS occupancy, NULL::VARCHAR AS tenure,
  coalesce(${observedLabel}, p_label) AS dpe_label,
  CASE WHEN ${observedLabel} IS NULL AND p_label IS NOT NULL THEN 'predicted' ELSE 'observed' END AS label_source,
  ep AS ep_kwh_m2, CASE WHEN isnan(ef_n) THEN NULL ELSE ef_n END AS ef_kwh_m2, ghg AS ghg_kg_m2,
  nb_log_n AS weight,
  CASE WHEN abs(point_lon) <= 180 AND abs(point_lat) <= 90 THEN point_lon END AS lon,
  CASE WHEN abs(point_lon) <= 180 AND abs(point_lat) <= 90 THEN point_lat END AS lat,
  has_dpe AND o_label IS NULL AND computed_label IS NOT NULL AS label_computed, label_consistent,
  ${reliability} AS reliability, epci_invalid, epci_t, point_t
FROM (${checked})`;
}

/** The rejected rows of `${prefix}bm`. */
export function bdnbRejectedSql(prefix: string, fileIndex: number): string {
  return `CREATE TABLE ${prefix}rejected AS SELECT ordinal, ${fileIndex} AS file_index, reason FROM ${prefix}bm WHERE reason IS NOT NULL`;
}
