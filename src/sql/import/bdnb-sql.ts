/**
 * SQL of the BDNB import: the side tables (`batiment_groupe_ffo_bat`,
 * `batiment_groupe_dpe_representatif_logement`, `batiment_groupe_simulations_dpe`) parsed once per
 * building group, then joined to the main table `batiment_groupe` on `batiment_groupe_id`, with the
 * checks and reasons of the former mapper. A main table that carries the side tables' columns (a
 * joined export) is its own fallback for a building group missing from a side table.
 */
import { decimalSql, trimmedSql } from './decimal-sql.ts';

const FFO_FIELDS = ['nb_log', 'year', 'usage'] as const;
const DPE_FIELDS = [
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
] as const;
const SIMULATION_FIELDS = ['predicted', 'reliability'] as const;

/** Columns of the parsed BDNB tables: the main table's, then each side's. */
export const BDNB_FIELDS = [
  'id',
  'commune',
  'epci',
  'point',
  ...FFO_FIELDS,
  ...DPE_FIELDS,
  ...SIMULATION_FIELDS,
] as const;
/** One of {@link BDNB_FIELDS}. */
export type BdnbField = (typeof BDNB_FIELDS)[number];

/** Side tables, by role. */
export const BDNB_SIDES = ['ffo', 'dpe', 'simulations'] as const;
/** One of {@link BDNB_SIDES}. */
export type BdnbSide = (typeof BDNB_SIDES)[number];

/** The fields of each side. */
export const SIDE_FIELDS: Readonly<Record<BdnbSide, readonly BdnbField[]>> = {
  ffo: FFO_FIELDS,
  dpe: DPE_FIELDS,
  simulations: SIMULATION_FIELDS,
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
