/**
 * SQL of the canonical stock CSV (docs/canonical-stock-csv.md): strict, since the format is ours.
 * A value outside its documented domain rejects the row, naming the column and the value, in the
 * order of the former mapper: commune, weight, EPCI, occupancy, tenure, numbers, coordinates,
 * categories, label.
 */
import { decimalSql, trimmedSql } from './decimal-sql.ts';

/** Columns of the canonical stock CSV, in documentation order. */
export const STOCK_CSV_COLUMNS = [
  'code_commune',
  'code_epci',
  'housing_type',
  'construction_period',
  'surface_m2',
  'heating_energy',
  'occupancy',
  'tenure',
  'dpe_label',
  'label_source',
  'ep_kwh_m2',
  'ef_kwh_m2',
  'ghg_kg_m2',
  'weight',
  'lon',
  'lat',
] as const;
/** One of {@link STOCK_CSV_COLUMNS}. */
export type StockCsvColumn = (typeof STOCK_CSV_COLUMNS)[number];

/** Category columns, checked against their domain by dictionaries `${prefix}d_<column>`. */
export const STOCK_CATEGORY_COLUMNS = [
  'occupancy',
  'tenure',
  'housing_type',
  'construction_period',
  'heating_energy',
  'label_source',
] as const;

const NUMBERS: readonly {
  column: StockCsvColumn;
  positive?: boolean;
  min?: number;
  max?: number;
}[] = [
  { column: 'weight', positive: true },
  { column: 'surface_m2', positive: true },
  { column: 'ep_kwh_m2', min: 0 },
  { column: 'ghg_kg_m2', min: 0 },
  { column: 'lon', min: -180, max: 180 },
  { column: 'lat', min: -90, max: 90 },
  { column: 'ef_kwh_m2', min: 0 },
];

function col(present: ReadonlySet<StockCsvColumn>, column: StockCsvColumn): string {
  return present.has(column) ? `s.${column}` : 'NULL::VARCHAR';
}

/** Creates `${prefix}p`: numbers parsed, dictionaries joined. */
export function parsedStockSql(
  staging: string,
  prefix: string,
  present: ReadonlySet<StockCsvColumn>,
): string {
  const numbers = NUMBERS.map(
    ({ column }) =>
      `${decimalSql(col(present, column))} AS ${column}_n, ${trimmedSql(col(present, column))} AS ${column}_t`,
  );
  const categories = STOCK_CATEGORY_COLUMNS.map(
    (c) => `d_${c}.value AS ${c}, d_${c}.reason AS ${c}_reason`,
  );
  const joins = STOCK_CATEGORY_COLUMNS.map(
    (c) => `LEFT JOIN ${prefix}d_${c} AS d_${c} ON d_${c}.k0 = coalesce(${col(present, c)}, '')`,
  );
  return `CREATE TABLE ${prefix}p AS
SELECT s.rowid AS ordinal, 0 AS file_index,
  dc.code AS code_commune, dc.dep AS code_departement, dc.reg AS code_region, dc.reason AS commune_reason,
  de.code AS code_epci, de.reason AS epci_reason,
  dl.label AS label_pub, ${trimmedSql(col(present, 'dpe_label'))} AS label_raw,
  ${numbers.join(',\n  ')},
  ${categories.join(',\n  ')}
FROM ${staging} AS s
LEFT JOIN ${prefix}d_commune AS dc ON dc.k0 = coalesce(${col(present, 'code_commune')}, '')
LEFT JOIN ${prefix}d_epci AS de ON de.k0 = coalesce(${col(present, 'code_epci')}, '')
LEFT JOIN ${prefix}d_label AS dl ON dl.k0 = coalesce(${col(present, 'dpe_label')}, '')
${joins.join('\n')}`;
}

function numberReason(column: StockCsvColumn): string {
  const rule = NUMBERS.find((n) => n.column === column);
  const v = `${column}_n`;
  const t = `${column}_t`;
  const checks = [`WHEN isnan(${v}) THEN '${column} n’est pas un nombre : « ' || ${t} || ' »'`];
  if (rule?.positive)
    checks.push(`WHEN NOT (${v} > 0) THEN '${column} doit être > 0 : « ' || ${t} || ' »'`);
  if (rule?.min !== undefined) {
    checks.push(
      `WHEN ${v} < ${rule.min} THEN '${column} doit être ≥ ${rule.min} : « ' || ${t} || ' »'`,
    );
  }
  if (rule?.max !== undefined) {
    checks.push(
      `WHEN ${v} > ${rule.max} THEN '${column} doit être ≤ ${rule.max} : « ' || ${t} || ' »'`,
    );
  }
  return `CASE WHEN ${v} IS NULL THEN NULL ${checks.join(' ')} END`;
}

/** Creates `${prefix}m`: every row with `reason` (NULL when accepted). */
export function checkedStockSql(prefix: string): string {
  const reasons = [
    'commune_reason',
    numberReason('weight'),
    `CASE WHEN weight_n IS NULL THEN 'weight absent (nombre de logements représentés, > 0)' END`,
    'epci_reason',
    'occupancy_reason',
    'tenure_reason',
    numberReason('surface_m2'),
    numberReason('ep_kwh_m2'),
    numberReason('ghg_kg_m2'),
    numberReason('lon'),
    numberReason('lat'),
    `CASE WHEN (lon_n IS NULL) <> (lat_n IS NULL) THEN 'lon et lat doivent être renseignés ensemble' END`,
    'housing_type_reason',
    'construction_period_reason',
    'heating_energy_reason',
    'label_source_reason',
    numberReason('ef_kwh_m2'),
    `CASE WHEN label_raw <> '' AND label_pub IS NULL THEN 'dpe_label invalide : « ' || label_raw || ' » (valeurs admises : A à G, ou vide)' END`,
  ];
  return `CREATE TABLE ${prefix}m AS
SELECT *, coalesce(${reasons.map((r) => `(${r})`).join(',\n  ')}) AS reason
FROM ${prefix}p`;
}

/** `SELECT` of the accepted rows before the label checks. */
export function acceptedStockSourceSql(prefix: string): string {
  return `(SELECT * FROM ${prefix}m WHERE reason IS NULL)`;
}

/** Creates `${prefix}accepted` from the label checks of the accepted rows. */
export function acceptedStockSql(prefix: string, checked: string, dataset: string): string {
  return `CREATE TABLE ${prefix}accepted AS
SELECT ordinal, file_index, ${dataset} AS dataset, code_commune, code_epci, code_departement,
  code_region, housing_type, construction_period, surface_m2_n AS surface_m2, heating_energy,
  occupancy,
  CASE WHEN occupancy IS NOT NULL AND occupancy <> 'residence_principale' THEN NULL ELSE tenure END AS tenure,
  coalesce(label_pub, computed_label) AS dpe_label, coalesce(label_source, 'modelled') AS label_source,
  ep_kwh_m2_n AS ep_kwh_m2, ef_kwh_m2_n AS ef_kwh_m2, ghg_kg_m2_n AS ghg_kg_m2,
  weight_n AS weight, lon_n AS lon, lat_n AS lat,
  label_pub, label_consistent, tenure AS tenure_given
FROM (${checked})`;
}
