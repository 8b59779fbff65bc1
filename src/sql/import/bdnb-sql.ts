/**
 * SQL of the BDNB import: the side tables (`batiment_groupe_ffo_bat`,
 * `batiment_groupe_dpe_representatif_logement`, `batiment_groupe_simulations_dpe`) parsed once per
 * building group, then joined to the main table `batiment_groupe` on `batiment_groupe_id`, with the
 * checks and reasons of the former mapper. A main table that carries the side tables' columns (a
 * joined export) is its own fallback for a building group missing from a side table.
 */
import { decimalSql, trimmedSql } from './decimal-sql.ts';

/** Columns of the parsed BDNB tables. */
export const BDNB_FIELDS = [
  'id',
  'commune',
  'epci',
  'point',
  'nb_log',
  'year',
  'usage',
  'label',
  'ep',
  'ef',
  'ghg',
  'building_type',
  'period',
  'year_dpe',
  'surface',
  'energy',
  'date',
  'predicted',
  'reliability',
] as const;
/** One of {@link BDNB_FIELDS}. */
export type BdnbField = (typeof BDNB_FIELDS)[number];

/** Side tables, by role. */
export const BDNB_SIDES = ['ffo', 'dpe', 'simulations'] as const;
/** One of {@link BDNB_SIDES}. */
export type BdnbSide = (typeof BDNB_SIDES)[number];

/** The fields of each side. */
export const SIDE_FIELDS: Readonly<Record<BdnbSide, readonly BdnbField[]>> = {
  ffo: ['nb_log', 'year', 'usage'],
  dpe: [
    'label',
    'ep',
    'ef',
    'ghg',
    'building_type',
    'period',
    'year_dpe',
    'surface',
    'energy',
    'date',
  ],
  simulations: ['predicted', 'reliability'],
};

/** A relation with `ordinal`, `id` and the fields (absent ones NULL). */
export function bdnbRowsSql(
  table: string,
  present: ReadonlySet<BdnbField>,
  fields: readonly BdnbField[],
): string {
  const columns = fields.map((f) => (present.has(f) ? `${f}` : `NULL::VARCHAR AS ${f}`));
  return `(SELECT rowid AS ordinal, ${trimmedSql(present.has('id') ? 'id' : 'NULL')} AS id, ${columns.join(', ')} FROM ${table})`;
}

/** Side rows with `problem` (NULL for a usable row: an id, its first occurrence). */
export function sideRowsSql(table: string, rows: string): string {
  return `CREATE TABLE ${table} AS
SELECT *, CASE WHEN id = '' THEN 'batiment_groupe_id absent'
  WHEN row_number() OVER (PARTITION BY id ORDER BY ordinal) > 1 THEN 'batiment_groupe_id en double : « ' || id || ' »' END AS problem
FROM ${rows}`;
}

/**
 * Parsed entries of a side (or of the main table's own side columns), over `rows`: the raw columns
 * of `rows` and the parsed values, named `p_…`.
 */
export function sideEntriesSql(side: BdnbSide, rows: string, prefix: string): string {
  const d = (name: string) => `${prefix}d_${name}`;
  const k = (c: string) => `coalesce(r.${c}, '')`;
  if (side === 'ffo') {
    return `(SELECT r.*, ${trimmedSql('r.nb_log')} AS p_nb_log_t, dy.period AS p_period,
  dy.invalid AS p_year_invalid, du.housing AS p_housing, du.unknown AS p_housing_unknown
FROM ${rows} AS r
LEFT JOIN ${d('year')} AS dy ON dy.k0 = ${k('year')}
LEFT JOIN ${d('usage')} AS du ON du.k0 = ${k('usage')})`;
  }
  if (side === 'dpe') {
    return `(SELECT r.*, dl.label AS p_label, dl.invalid AS p_label_invalid, dl.published AS p_published,
  ${decimalSql('r.ep')} AS p_ep, ${decimalSql('r.ef')} AS p_ef, ${decimalSql('r.ghg')} AS p_ghg,
  ${decimalSql('r.surface')} AS p_surface, dh.value AS p_housing, dh.unknown AS p_housing_unknown,
  dp.value AS p_period, dp.year_invalid AS p_year_invalid, dp.period_unknown AS p_period_unknown,
  de.value AS p_energy, de.unknown AS p_energy_unknown, dd.small AS p_small
FROM ${rows} AS r
LEFT JOIN ${d('label')} AS dl ON dl.k0 = ${k('label')}
LEFT JOIN ${d('housing')} AS dh ON dh.k0 = ${k('building_type')}
LEFT JOIN ${d('period')} AS dp ON dp.k0 = ${k('year_dpe')} AND dp.k1 = ${k('period')}
LEFT JOIN ${d('energy')} AS de ON de.k0 = ${k('energy')}
LEFT JOIN ${d('date')} AS dd ON dd.k0 = ${k('date')})`;
  }
  return `(SELECT r.*, dl.label AS p_label, dl.invalid AS p_label_invalid, dl.published AS p_published,
  ${decimalSql('r.reliability')} AS p_reliability, ${trimmedSql('r.reliability')} AS p_reliability_t
FROM ${rows} AS r
LEFT JOIN ${d('predicted')} AS dl ON dl.k0 = ${k('predicted')})`;
}

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
