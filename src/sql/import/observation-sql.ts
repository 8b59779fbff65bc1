/**
 * SQL of an observation import (ADEME DPE, or a file whose columns the user mapped): one row per
 * observed dwelling, read from the parsed table and the dictionaries of
 * `src/ingest/formats/observation-dictionaries.ts`. The checks and reasons are those of the former
 * row-by-row DPE mapper, in the same order: commune (or the commune of the point), weight, label
 * or values to recompute it, duplicates; then the accepted rows' surface, label, position and
 * categories. One pass over the rows computes everything; the repeated DPE numbers (read from the
 * id column alone) are settled after it, on their few rows.
 */
import { parsedNumberSql } from './decimal-sql.ts';
import { LAMBERT93_LAT_SQL, LAMBERT93_LON_SQL, lambert93AnglesSql } from './lambert93-sql.ts';

/** Fields of an observation file, as named in the parsed table. */
export const OBSERVATION_FIELDS = [
  'id',
  'insee',
  'label',
  'ep',
  'ef',
  'ghg',
  'surface',
  'housing',
  'energy',
  'year',
  'period',
  'x',
  'y',
  'lon',
  'lat',
  'geopoint',
  'altitude',
  'zone',
  'date',
  'weight',
] as const;
/** One of {@link OBSERVATION_FIELDS}. */
export type ObservationField = (typeof OBSERVATION_FIELDS)[number];

/** Fields read as numbers (see `CsvColumnSelect`). */
export const NUMBER_FIELDS: ReadonlySet<ObservationField> = new Set([
  'ep',
  'ef',
  'ghg',
  'surface',
  'x',
  'y',
  'lon',
  'lat',
  'weight',
]);

/** Above this, a consumption per m² is taken for an input error (G+ starts at 450 kWh/m²/an). */
const MAX_ENERGY_KWH_M2 = 10_000;
/** Above this, GHG emissions per m² are taken for an input error (G starts at 100 kg/m²/an). */
const MAX_GHG_KG_M2 = 3_000;
/** Extent of metropolitan France, to catch X/Y that are not Lambert-93 (to-wgs84.ts). */
const METRO = { west: -5.6, south: 41.2, east: 9.8, north: 51.2 };

/** Names of the tables of one observation import. */
export interface ObservationTables {
  staging: string;
  /** Dictionaries are `${prefix}d_commune`, `${prefix}d_label`… */
  prefix: string;
}

/** The keys the dictionaries read (staging columns, NULL when absent). */
export function dictionaryKeys(present: ReadonlySet<ObservationField>) {
  const f = (field: ObservationField) => (present.has(field) ? field : 'NULL::VARCHAR');
  return {
    insee: f('insee'),
    label: f('label'),
    housing: f('housing'),
    energy: f('energy'),
    year: f('year'),
    period: f('period'),
    date: f('date'),
    altitude: f('altitude'),
    zone: f('zone'),
  };
}

const GEOPOINT = String.raw`^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$`;

/** Checked surface: zero, negative or not a number read as missing. */
function checkedSurfaceSql(value: string): string {
  return `CASE WHEN isnan(${value}) OR ${value} <= 0 THEN NULL ELSE ${value} END`;
}

/** Plausible value of a consumption: negative or above `max` read as missing. */
function plausibleSql(value: string, max: number): string {
  return `CASE WHEN isnan(${value}) OR ${value} < 0 OR ${value} > ${max} THEN NULL ELSE ${value} END`;
}

/**
 * The rows with their commune, numbers and position, as common table expressions ending with
 * `positioned` (for the checks and for the points to locate).
 */
function positionedObservationsCte(
  t: ObservationTables,
  present: ReadonlySet<ObservationField>,
): string {
  const col = (field: ObservationField) => (present.has(field) ? `s.${field}` : 'NULL::VARCHAR');
  const number = (field: ObservationField) =>
    present.has(field) ? parsedNumberSql(`s.${field}`) : 'NULL::DOUBLE';
  const d = (name: string) => `${t.prefix}d_${name}`;
  const keys = dictionaryKeys(present);
  const on = (alias: string, ...columns: string[]) =>
    columns
      .map((c, k) => `${alias}.k${k} = coalesce(${c === 'NULL::VARCHAR' ? c : `s.${c}`}, '')`)
      .join(' AND ');
  const inMetro = (lon: string, lat: string) =>
    `${lon} BETWEEN ${METRO.west} AND ${METRO.east} AND ${lat} BETWEEN ${METRO.south} AND ${METRO.north}`;
  return `parsed AS (
  SELECT s.rowid AS ordinal,
    dc.code AS code_commune, dc.dep AS code_departement, dc.reg AS code_region,
    dc.arrondissement, dc.reason AS commune_reason, dc.empty AS commune_empty,
    dl.label AS label_pub, dl.trimmed AS label_raw, trim(coalesce(${col('id')}, '')) AS numero,
    ${number('ep')} AS ep_n, ${number('ghg')} AS ghg_n, ${number('ef')} AS ef_n,
    ${number('surface')} AS surface_n, ${number('weight')} AS weight_n, ${col('weight')} AS weight_raw,
    ${number('x')} AS x_n, ${number('y')} AS y_n, ${number('lon')} AS lon_n, ${number('lat')} AS lat_n,
    ${col('geopoint')} AS gp_raw,
    dh.value AS housing_type, dh.unknown AS housing_unknown,
    de.value AS heating_energy, de.unknown AS energy_unknown,
    dp.value AS construction_period, dp.year_invalid, dp.period_unknown,
    dd.small AS small_bounds, dd.unreadable AS date_unreadable, da.high AS high_altitude
  FROM ${t.staging} AS s
  LEFT JOIN ${d('commune')} AS dc ON ${on('dc', keys.insee)}
  LEFT JOIN ${d('label')} AS dl ON ${on('dl', keys.label)}
  LEFT JOIN ${d('housing')} AS dh ON ${on('dh', keys.housing)}
  LEFT JOIN ${d('energy')} AS de ON ${on('de', keys.energy)}
  LEFT JOIN ${d('period')} AS dp ON ${on('dp', keys.year, keys.period)}
  LEFT JOIN ${d('date')} AS dd ON ${on('dd', keys.date)}
  LEFT JOIN ${d('altitude')} AS da ON ${on('da', keys.altitude, keys.zone)}
),
flagged AS (
  SELECT *,
    (lon_n IS NOT NULL OR lat_n IS NOT NULL) AS ll_present,
    coalesce(lon_n BETWEEN -180 AND 180 AND lat_n BETWEEN -90 AND 90, false) AS ll_ok,
    (x_n IS NOT NULL AND y_n IS NOT NULL) AS xy_present,
    coalesce(gp_raw, '') <> '' AS gp_present
  FROM parsed
),
angles AS (
  SELECT *, ${lambert93AnglesSql('x_n', 'y_n', "NOT ll_ok AND xy_present AND coalesce(code_departement, '') NOT LIKE '97%'")}
  FROM flagged
),
projected AS (
  SELECT a.* EXCLUDE (_l93_theta, _l93_chi),
    CASE WHEN a.code_departement LIKE '97%' THEN o.lon ELSE ${LAMBERT93_LON_SQL} END AS xy_lon,
    CASE WHEN a.code_departement LIKE '97%' THEN o.lat ELSE ${LAMBERT93_LAT_SQL} END AS xy_lat
  FROM angles AS a
  LEFT JOIN ${d('overseas')} AS o
    ON o.dep = a.code_departement AND o.x = a.x_n AND o.y = a.y_n
),
checked_xy AS (
  SELECT *,
    coalesce(xy_present AND CASE WHEN code_departement LIKE '97%' THEN xy_lon IS NOT NULL ELSE ${inMetro('xy_lon', 'xy_lat')} END, false) AS xy_ok
  FROM projected
),
pointed AS (
  SELECT *,
    CASE WHEN NOT ll_ok AND NOT xy_ok AND gp_present THEN TRY_CAST(regexp_extract(gp_raw, '${GEOPOINT}', 1) AS DOUBLE) END AS gp_lat,
    CASE WHEN NOT ll_ok AND NOT xy_ok AND gp_present THEN TRY_CAST(regexp_extract(gp_raw, '${GEOPOINT}', 2) AS DOUBLE) END AS gp_lon
  FROM checked_xy
),
positioned AS (
  SELECT * EXCLUDE (xy_lon, xy_lat, gp_lat, gp_lon),
    coalesce(abs(gp_lat) <= 90 AND abs(gp_lon) <= 180, false) AS gp_ok,
    CASE WHEN ll_ok THEN lon_n WHEN xy_ok THEN xy_lon WHEN abs(gp_lat) <= 90 AND abs(gp_lon) <= 180 THEN gp_lon END AS lon,
    CASE WHEN ll_ok THEN lat_n WHEN xy_ok THEN xy_lat WHEN abs(gp_lat) <= 90 AND abs(gp_lon) <= 180 THEN gp_lat END AS lat
  FROM pointed
)`;
}

/** Distinct points of rows without a commune code, to locate in communes. */
export function pointsToLocateSql(
  t: ObservationTables,
  present: ReadonlySet<ObservationField>,
): string {
  return `WITH ${positionedObservationsCte(t, present)}
SELECT DISTINCT lon, lat FROM positioned WHERE commune_empty AND lon IS NOT NULL`;
}

/** Distinct X/Y of overseas rows, to project with proj4 (`d_overseas`). */
export function overseasPointsSql(
  t: ObservationTables,
  present: ReadonlySet<ObservationField>,
): string {
  if (!present.has('x') || !present.has('y')) {
    return 'SELECT NULL::VARCHAR AS dep, NULL::DOUBLE AS x, NULL::DOUBLE AS y WHERE false';
  }
  const keys = dictionaryKeys(present);
  return `SELECT DISTINCT dc.dep, ${parsedNumberSql('s.x')} AS x, ${parsedNumberSql('s.y')} AS y
FROM ${t.staging} AS s
JOIN ${t.prefix}d_commune AS dc ON dc.k0 = coalesce(${keys.insee === 'insee' ? 's.insee' : 'NULL::VARCHAR'}, '')
WHERE dc.dep LIKE '97%'`;
}

/** Options of {@link observationRowsSql}. */
export interface ObservationChecks {
  /** Whether the file has a weight column (else every row weighs 1). */
  weighted: boolean;
  /** Wraps a relation with the first pass of the label checks (`quickLabelChecksSql`). */
  labelChecks: (from: string) => string;
  /** Whether points without a commune code were located (a locator was given). */
  located: boolean;
}

/** Rows with their commune (or their point's), plausible values and first reason. */
function reasonedCte(t: ObservationTables, weighted: boolean, located: boolean): string {
  const weightReason = weighted
    ? `WHEN weight_n IS NULL THEN 'poids absent (nombre de logements représentés, > 0)'
      WHEN isnan(weight_n) OR weight_n <= 0 THEN 'poids invalide : « ' || trim(weight_raw) || ' » (nombre de logements représentés, > 0)'`
    : '';
  return `located AS (
  SELECT q.* EXCLUDE (code_commune, code_departement, code_region, gp_raw),
    CASE WHEN q.commune_empty THEN l.code ELSE q.code_commune END AS code_commune,
    CASE WHEN q.commune_empty THEN l.dep ELSE q.code_departement END AS code_departement,
    CASE WHEN q.commune_empty THEN l.reg ELSE q.code_region END AS code_region,
    CASE WHEN q.commune_reason IS NULL THEN NULL
      WHEN ${located} AND q.commune_empty AND q.lon IS NOT NULL AND l.code IS NOT NULL THEN NULL
      WHEN ${located} AND q.commune_empty AND q.lon IS NOT NULL THEN 'point hors de toute commune connue : longitude ' || round(q.lon, 6) || ', latitude ' || round(q.lat, 6)
      ELSE q.commune_reason END AS commune_check,
    ${plausibleSql('q.ep_n', MAX_ENERGY_KWH_M2)} AS ep,
    ${plausibleSql('q.ghg_n', MAX_GHG_KG_M2)} AS ghg
  FROM positioned AS q
  LEFT JOIN ${t.prefix}d_points AS l ON l.lon = q.lon AND l.lat = q.lat
),
reasoned AS (
  SELECT * EXCLUDE (weight_raw), CASE WHEN commune_check IS NOT NULL THEN commune_check
    ${weightReason}
    WHEN label_pub IS NULL AND ep IS NULL AND ghg IS NULL THEN
      CASE WHEN label_raw = '' THEN 'ni étiquette DPE ni consommations (énergie primaire et GES) : ligne inutilisable'
        ELSE 'étiquette DPE invalide : « ' || label_raw || ' », et pas de consommations pour la recalculer' END
    WHEN label_pub IS NULL AND (ep IS NULL OR ghg IS NULL) THEN
      'étiquette DPE ' || CASE WHEN label_raw = '' THEN 'absente' ELSE 'invalide (« ' || label_raw || ' »)' END
      || ' et ' || CASE WHEN ep IS NULL THEN 'énergie primaire absente' ELSE 'GES absent' END
      || ' : étiquette impossible à recalculer'
    END AS first_reason
  FROM located
)`;
}

/**
 * Creates `${prefix}repeated`: the DPE numbers found more than once. Only the id column is read;
 * which of their rows is kept is settled after the main pass ({@link duplicateReasonsSql}), so that
 * no row is checked twice and no wide scan of the parsed table is made for them.
 */
export function repeatedNumbersSql(
  t: ObservationTables,
  present: ReadonlySet<ObservationField>,
): string {
  if (!present.has('id')) {
    return `CREATE TABLE ${t.prefix}repeated AS SELECT NULL::VARCHAR AS numero WHERE false`;
  }
  // Grouped by their 64-bit hash first, then only the numbers of repeated hashes by their text:
  // grouping the text of 20 M numbers at once took DuckDB's memory, and the process, 150 MB above
  // the import's bound (peak 1,528 MB in `test:slow`).
  const numbers = `SELECT trim(id) AS numero FROM ${t.staging} WHERE trim(coalesce(id, '')) <> ''`;
  return `CREATE TABLE ${t.prefix}repeated AS
SELECT numero FROM (${numbers})
WHERE hash(numero) IN (SELECT hash(numero) AS h FROM (${numbers}) GROUP BY h HAVING count(*) > 1)
GROUP BY ALL HAVING count(*) > 1`;
}

/**
 * Rejects, in `${prefix}rows_t`, every row of a repeated DPE number after the first one that
 * passes the other checks (the one kept).
 */
export function duplicateReasonsSql(t: ObservationTables): string {
  return `UPDATE ${t.prefix}rows_t AS r
SET reason = 'numéro de DPE en double : « ' || r.repeated_numero || ' » (première occurrence gardée)'
FROM (
  SELECT repeated_numero AS numero, min(ordinal) FILTER (WHERE reason IS NULL) AS first
  FROM ${t.prefix}rows_t WHERE repeated_numero IS NOT NULL GROUP BY ALL
) AS f
WHERE r.repeated_numero = f.numero AND r.reason IS NULL AND r.ordinal > f.first`;
}

/**
 * What the warnings test, as bits of one column `flags` of `${prefix}rows_t` (each false when
 * NULL): a table's cost in DuckDB goes with its number of columns (measured at 4 M rows: 4.8 s
 * for the 50 columns of the former table, 2.6 s for 13), so the row table keeps the few values
 * that are not derived from others, and {@link observationRowsViewSql} gives back the rest.
 */
const FLAGS = [
  'commune_read',
  'date_unreadable',
  'xy_present',
  'xy_ok',
  'll_present',
  'll_ok',
  'gp_present',
  'gp_ok',
  'housing_unknown',
  'energy_unknown',
  'year_invalid',
  'period_unknown',
  'label_recheck',
] as const;

/**
 * Creates `${prefix}rows_t`: every row with `reason` (NULL when accepted, until
 * {@link duplicateReasonsSql} for the repeated DPE numbers) and what the accepted rows and the
 * warnings need; read through {@link observationRowsViewSql}.
 */
export function observationRowsSql(
  t: ObservationTables,
  present: ReadonlySet<ObservationField>,
  checks: ObservationChecks,
): string {
  const valued = `(WITH ${positionedObservationsCte(t, present)},
${reasonedCte(t, checks.weighted, checks.located)}
SELECT r.*, r.first_reason AS reason, commune_check IS NULL AS commune_read,
  CASE WHEN d.numero IS NOT NULL THEN r.numero END AS repeated_numero,
  ${checkedSurfaceSql('r.surface_n')} AS surface,
  CASE WHEN r.weight_n > 0 THEN r.weight_n ELSE 1 END AS weight
FROM reasoned AS r
LEFT JOIN ${t.prefix}repeated AS d ON d.numero = r.numero)`;
  const flags = FLAGS.map((flag, bit) => `CASE WHEN ${flag} THEN ${2 ** bit} ELSE 0 END`);
  return `CREATE TABLE ${t.prefix}rows_t AS
SELECT ordinal, reason, code_commune, code_departement, code_region, housing_type,
  construction_period, heating_energy, coalesce(label_pub, computed_label) AS dpe_label, weight,
  lon, lat, arrondissement, ep_n, ghg_n, ef_n, surface_n, label_pub, label_raw, small_bounds,
  high_altitude, (${flags.join(' + ')})::INTEGER AS flags, repeated_numero
FROM (${checks.labelChecks(valued)})`;
}

/**
 * Creates the view `${prefix}rows` over `${prefix}rows_t`: the canonical stock columns of the
 * rows (the constant ones, the checked values) and what the warnings count.
 */
export function observationRowsViewSql(
  t: ObservationTables,
  /** Dataset id, as a SQL literal. */
  dataset: string,
): string {
  const flags = FLAGS.map((flag, bit) => `(flags & ${2 ** bit}) <> 0 AS ${flag}`);
  return `CREATE VIEW ${t.prefix}rows AS
SELECT ordinal, 0 AS file_index, reason, ${dataset} AS dataset, code_commune,
  NULL::VARCHAR AS code_epci, code_departement, code_region, housing_type, construction_period,
  ${checkedSurfaceSql('surface_n')} AS surface_m2,
  heating_energy, NULL::VARCHAR AS occupancy, NULL::VARCHAR AS tenure, dpe_label,
  'observed' AS label_source, ${plausibleSql('ep_n', MAX_ENERGY_KWH_M2)} AS ep_kwh_m2,
  ${plausibleSql('ef_n', MAX_ENERGY_KWH_M2)} AS ef_kwh_m2,
  ${plausibleSql('ghg_n', MAX_GHG_KG_M2)} AS ghg_kg_m2, weight, lon, lat, arrondissement, ep_n,
  ghg_n, label_pub, label_raw, surface_n, ef_n, small_bounds, high_altitude, repeated_numero,
  ${flags.join(', ')}
FROM ${t.prefix}rows_t`;
}
