/**
 * SQL of an observation import (ADEME DPE, or a file whose columns the user mapped): one row per
 * observed dwelling, read from the parsed VARCHAR table and the dictionaries of
 * `src/ingest/formats/observation-dictionaries.ts`. The steps and reasons are those of the former
 * row-by-row DPE mapper, in the same order: commune, values and label, duplicates, then the
 * accepted rows' surface, label, position and categories.
 */
import { decimalSql, trimmedSql } from './decimal-sql.ts';
import { lambert93ToWgs84Sql } from './lambert93-sql.ts';

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

/** Above this, a consumption per m² is taken for an input error (G+ starts at 450 kWh/m²/an). */
export const MAX_ENERGY_KWH_M2 = 10_000;
/** Above this, GHG emissions per m² are taken for an input error (G starts at 100 kg/m²/an). */
export const MAX_GHG_KG_M2 = 3_000;
/** Extent of metropolitan France, to catch X/Y that are not Lambert-93 (to-wgs84.ts). */
const METRO_BOUNDS = { west: -5.6, south: 41.2, east: 9.8, north: 51.2 };

/** Names of the tables of one observation import. */
export interface ObservationTables {
  staging: string;
  /** Dictionaries are `${prefix}d_commune`, `${prefix}d_label`… */
  prefix: string;
}

/** The staging column of a field, or NULL when the file has none. */
export function fieldSql(present: ReadonlySet<ObservationField>, field: ObservationField): string {
  return present.has(field) ? `s.${field}` : 'NULL::VARCHAR';
}

/** The keys the dictionaries read, for {@link parsedObservationsSql}. */
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

/** Plausible value of a consumption: negative or above `max` read as missing (as NaN). */
function plausibleSql(value: string, max: number): string {
  return `CASE WHEN isnan(${value}) OR ${value} < 0 OR ${value} > ${max} THEN NULL ELSE ${value} END`;
}

/** Creates `${prefix}p`: every row parsed (numbers, dictionaries joined). */
export function parsedObservationsSql(
  t: ObservationTables,
  present: ReadonlySet<ObservationField>,
): string {
  const s = (field: ObservationField) => fieldSql(present, field);
  const d = (name: string) => `${t.prefix}d_${name}`;
  const gp = trimmedSql(s('geopoint'));
  const keys = dictionaryKeys(present);
  const on = (alias: string, ...columns: string[]) =>
    columns
      .map((c, k) => `${alias}.k${k} = coalesce(${c === 'NULL::VARCHAR' ? c : `s.${c}`}, '')`)
      .join(' AND ');
  return `CREATE TEMP TABLE ${t.prefix}p AS
SELECT s.rowid AS ordinal, 0 AS file_index,
  dc.code AS code_commune, dc.dep AS code_departement, dc.reg AS code_region,
  dc.arrondissement, dc.reason AS commune_reason, dc.empty AS commune_empty,
  dl.label AS label_pub, ${trimmedSql(s('label'))} AS label_raw, ${trimmedSql(s('id'))} AS numero,
  ${decimalSql(s('ep'))} AS ep_n, ${decimalSql(s('ghg'))} AS ghg_n, ${decimalSql(s('ef'))} AS ef_n,
  ${decimalSql(s('surface'))} AS surface_n, ${decimalSql(s('weight'))} AS weight_n,
  ${decimalSql(s('x'))} AS x_n, ${decimalSql(s('y'))} AS y_n,
  ${decimalSql(s('lon'))} AS lon_n, ${decimalSql(s('lat'))} AS lat_n,
  CASE WHEN dc.dep LIKE '97%' THEN coalesce(${s('x')}, '') END AS x_overseas,
  CASE WHEN dc.dep LIKE '97%' THEN coalesce(${s('y')}, '') END AS y_overseas,
  ${gp} <> '' AS gp_present,
  TRY_CAST(regexp_extract(${gp}, '${GEOPOINT}', 1) AS DOUBLE) AS gp_lat,
  TRY_CAST(regexp_extract(${gp}, '${GEOPOINT}', 2) AS DOUBLE) AS gp_lon,
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
LEFT JOIN ${d('altitude')} AS da ON ${on('da', keys.altitude, keys.zone)}`;
}

/**
 * Creates `${prefix}q`: rows with their position, from longitude / latitude, else X/Y (Lambert-93
 * in metropolitan France, the UTM zone of an overseas département from `d_overseas`), else a
 * `lat,lon` point. `*_ok` say which were usable.
 */
export function positionedObservationsSql(t: ObservationTables): string {
  const b = METRO_BOUNDS;
  const projected = lambert93ToWgs84Sql(`${t.prefix}p`, 'x_n', 'y_n', {
    lon: 'l93_lon',
    lat: 'l93_lat',
  });
  return `CREATE TEMP TABLE ${t.prefix}q AS
WITH located AS (
  SELECT p.*,
    (p.lon_n IS NOT NULL OR p.lat_n IS NOT NULL) AS ll_present,
    coalesce(p.lon_n BETWEEN -180 AND 180 AND p.lat_n BETWEEN -90 AND 90, false) AS ll_ok,
    (p.x_n IS NOT NULL AND p.y_n IS NOT NULL) AS xy_present,
    CASE WHEN p.code_departement LIKE '97%' THEN o.lon
      WHEN p.l93_lon BETWEEN ${b.west} AND ${b.east} AND p.l93_lat BETWEEN ${b.south} AND ${b.north} THEN p.l93_lon END AS xy_lon,
    CASE WHEN p.code_departement LIKE '97%' THEN o.lat
      WHEN p.l93_lon BETWEEN ${b.west} AND ${b.east} AND p.l93_lat BETWEEN ${b.south} AND ${b.north} THEN p.l93_lat END AS xy_lat,
    coalesce(abs(p.gp_lat) <= 90 AND abs(p.gp_lon) <= 180, false) AS gp_ok
  FROM (${projected}) AS p
  LEFT JOIN ${t.prefix}d_overseas AS o
    ON o.k0 = p.code_departement AND o.k1 = p.x_overseas AND o.k2 = p.y_overseas
)
SELECT * EXCLUDE (l93_lon, l93_lat, x_overseas, y_overseas),
  (xy_present AND xy_lon IS NOT NULL) AS xy_ok,
  CASE WHEN ll_ok THEN lon_n WHEN xy_present AND xy_lon IS NOT NULL THEN xy_lon WHEN gp_ok THEN gp_lon END AS lon,
  CASE WHEN ll_ok THEN lat_n WHEN xy_present AND xy_lon IS NOT NULL THEN xy_lat WHEN gp_ok THEN gp_lat END AS lat
FROM located`;
}

/** Points of rows without a commune code, to locate in communes. */
export function pointsToLocateSql(t: ObservationTables): string {
  return `SELECT DISTINCT lon, lat FROM ${t.prefix}q WHERE commune_empty AND lon IS NOT NULL`;
}

/** Options of {@link checkedObservationsSql}. */
export interface ObservationChecks {
  /** Whether the file has a weight column (else every row weighs 1). */
  weighted: boolean;
}

/**
 * Creates `${prefix}m`: every row with `reason` (NULL when accepted), in the order of the former
 * mapper: commune (or the commune of its point), weight, label or values to recompute it,
 * duplicate DPE number (the first occurrence kept).
 */
export function checkedObservationsSql(t: ObservationTables, checks: ObservationChecks): string {
  const weightReason = checks.weighted
    ? `WHEN weight_n IS NULL THEN 'poids absent (nombre de logements représentés, > 0)'
      WHEN isnan(weight_n) OR weight_n <= 0 THEN 'poids invalide : « ' || trim(weight_raw) || ' » (nombre de logements représentés, > 0)'`
    : '';
  return `CREATE TEMP TABLE ${t.prefix}m AS
WITH base AS (
  SELECT q.* EXCLUDE (code_commune, code_departement, code_region),
    coalesce(q.code_commune, l.code) AS code_commune,
    coalesce(q.code_departement, l.dep) AS code_departement,
    coalesce(q.code_region, l.reg) AS code_region,
    CASE WHEN q.commune_reason IS NULL THEN NULL
      WHEN q.commune_empty AND q.lon IS NOT NULL AND l.code IS NOT NULL THEN NULL
      WHEN q.commune_empty AND q.lon IS NOT NULL THEN 'point hors de toute commune connue : longitude ' || round(q.lon, 6) || ', latitude ' || round(q.lat, 6)
      ELSE q.commune_reason END AS commune_check,
    ${plausibleSql('q.ep_n', MAX_ENERGY_KWH_M2)} AS ep,
    ${plausibleSql('q.ghg_n', MAX_GHG_KG_M2)} AS ghg,
    s.weight_raw
  FROM ${t.prefix}q AS q
  LEFT JOIN ${t.prefix}d_points AS l ON q.commune_empty AND l.lon = q.lon AND l.lat = q.lat
  LEFT JOIN (SELECT rowid AS ordinal, ${checks.weighted ? 'weight' : 'NULL::VARCHAR'} AS weight_raw FROM ${t.staging}) AS s
    ON ${checks.weighted ? 's.ordinal = q.ordinal' : 'false'}
),
staged AS (
  SELECT *, CASE WHEN commune_check IS NOT NULL THEN commune_check
    ${weightReason}
    WHEN label_pub IS NULL AND ep IS NULL AND ghg IS NULL THEN
      CASE WHEN label_raw = '' THEN 'ni étiquette DPE ni consommations (énergie primaire et GES) : ligne inutilisable'
        ELSE 'étiquette DPE invalide : « ' || label_raw || ' », et pas de consommations pour la recalculer' END
    WHEN label_pub IS NULL AND (ep IS NULL OR ghg IS NULL) THEN
      'étiquette DPE ' || CASE WHEN label_raw = '' THEN 'absente' ELSE 'invalide (« ' || label_raw || ' »)' END
      || ' et ' || CASE WHEN ep IS NULL THEN 'énergie primaire absente' ELSE 'GES absent' END
      || ' : étiquette impossible à recalculer'
    END AS first_reason
  FROM base
),
duplicates AS (
  SELECT numero, min(ordinal) AS first FROM staged
  WHERE first_reason IS NULL AND numero <> '' GROUP BY numero HAVING count(*) > 1
)
SELECT st.* EXCLUDE (first_reason, weight_raw),
  coalesce(st.first_reason, CASE WHEN st.ordinal > d.first
    THEN 'numéro de DPE en double : « ' || st.numero || ' » (première occurrence gardée)' END) AS reason
FROM staged AS st
LEFT JOIN duplicates AS d ON st.first_reason IS NULL AND d.numero = st.numero`;
}

/** The surface of an accepted row: numbers ≤ 0 or unreadable read as missing. */
export function acceptedObservationsSourceSql(t: ObservationTables): string {
  return `(SELECT *, CASE WHEN isnan(surface_n) OR surface_n <= 0 THEN NULL ELSE surface_n END AS surface,
    ${plausibleSql('ef_n', MAX_ENERGY_KWH_M2)} AS ef,
    CASE WHEN weight_n > 0 THEN weight_n ELSE 1 END AS weight
  FROM ${t.prefix}m WHERE reason IS NULL)`;
}

/** Creates `${prefix}accepted` from the label checks of the accepted rows. */
export function acceptedObservationsSql(
  t: ObservationTables,
  checked: string,
  dataset: string,
): string {
  return `CREATE TEMP TABLE ${t.prefix}accepted AS
SELECT ordinal, file_index, ${dataset} AS dataset, code_commune, NULL::VARCHAR AS code_epci,
  code_departement, code_region, housing_type, construction_period, surface AS surface_m2,
  heating_energy, NULL::VARCHAR AS occupancy, NULL::VARCHAR AS tenure,
  coalesce(label_pub, computed_label) AS dpe_label, 'observed' AS label_source,
  ep AS ep_kwh_m2, ef AS ef_kwh_m2, ghg AS ghg_kg_m2, weight, lon, lat,
  label_pub, label_raw, label_consistent, surface_n, ef_n, date_unreadable, xy_present, xy_ok,
  ll_present, ll_ok, gp_present, gp_ok, housing_unknown, energy_unknown, year_invalid,
  period_unknown
FROM (${checked})`;
}
