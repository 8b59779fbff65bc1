/**
 * The BDNB tables the importer reads: their names and roles, the column that marks each one, the
 * column of every field, and the checks on a header and on the set of files.
 */
import {
  BDNB_FIELDS,
  type BdnbField,
  type BdnbSide,
  SIDE_FIELDS,
} from '../../sql/import/bdnb-sql.ts';
import type { ColumnSpec } from '../header-match.ts';
import { describeFoundColumns, matchColumns, normaliseHeaderName } from '../header-match.ts';
import { ImportError } from '../import-error.ts';
import type { FormatPlan, TabularFormat } from './format.ts';

/** The BDNB tables this importer joins, with the role of each. */
export const BDNB_TABLES = {
  batiment_groupe: 'main',
  batiment_groupe_ffo_bat: 'ffo',
  batiment_groupe_dpe_representatif_logement: 'dpe',
  batiment_groupe_simulations_dpe: 'simulations',
} as const;
/** A BDNB table name. */
export type BdnbTable = keyof typeof BDNB_TABLES;
type Role = (typeof BDNB_TABLES)[BdnbTable];

/** The table of each side role. */
export const TABLE_OF_SIDE = Object.fromEntries(
  Object.entries(BDNB_TABLES).map(([table, role]) => [role, table]),
) as Record<BdnbSide, BdnbTable>;

/** The column that identifies each table (besides `batiment_groupe_id`), in precedence order. */
const TABLE_MARKERS: readonly [BdnbTable, string][] = [
  ['batiment_groupe', 'code_commune_insee'],
  ['batiment_groupe_ffo_bat', 'nb_log'],
  ['batiment_groupe_dpe_representatif_logement', 'classe_bilan_dpe'],
  ['batiment_groupe_simulations_dpe', 'etiquette_dpe_initial_map'],
];

/** The BDNB column of each field. */
export const BDNB_COLUMN_NAMES: Readonly<Record<BdnbField, string>> = {
  id: 'batiment_groupe_id',
  commune: 'code_commune_insee',
  epci: 'code_epci_insee',
  point: 'geom_groupe_pos_wgs84',
  nb_log: 'nb_log',
  year: 'annee_construction',
  usage: 'usage_niveau_1_txt',
  label: 'classe_bilan_dpe',
  ep: 'conso_5_usages_ep_m2',
  ef: 'conso_5_usages_ef_m2',
  ghg: 'emission_ges_5_usages_m2',
  building_type: 'type_batiment_dpe',
  period: 'periode_construction_dpe',
  year_dpe: 'annee_construction_dpe',
  surface: 'surface_habitable_logement',
  energy: 'type_energie_chauffage',
  date: 'date_etablissement_dpe',
  predicted: 'etiquette_dpe_initial_map',
  reliability: 'etiquette_dpe_initial_inc',
};

/** The field whose presence in the main table means it carries a side's columns itself. */
export const SIDE_MARKER: Readonly<Record<BdnbSide, BdnbField>> = {
  ffo: 'nb_log',
  dpe: 'label',
  simulations: 'predicted',
};

const SPECS: readonly ColumnSpec<BdnbField>[] = BDNB_FIELDS.map((key) => ({
  key,
  names: [BDNB_COLUMN_NAMES[key]],
}));

/**
 * Which BDNB table a header belongs to: `batiment_groupe_id` plus the marker column of the table.
 * A header with `code_commune_insee` is the main table even when it holds the other tables'
 * columns. Null when not a table of {@link BDNB_TABLES}.
 */
export function detectBdnbTable(names: readonly string[]): BdnbTable | null {
  const normal = new Set(names.map(normaliseHeaderName));
  if (!normal.has('batiment_groupe_id')) return null;
  for (const [table, marker] of TABLE_MARKERS) if (normal.has(marker)) return table;
  return null;
}

/** The fields a header has. */
export function presentBdnbFields(names: readonly string[]): Set<BdnbField> {
  const { index } = matchColumns(names, SPECS);
  return new Set(BDNB_FIELDS.filter((f) => index[f] !== undefined));
}

/** Fields a file of `role` is read for. */
function fieldsOf(role: Role): readonly BdnbField[] {
  return role === 'main' ? BDNB_FIELDS : ['id', ...SIDE_FIELDS[role]];
}

/** The columns of one BDNB file to read, and its role (throws when not a BDNB table). */
export function planBdnbFile(names: readonly string[], file: string): FormatPlan {
  const table = detectBdnbTable(names);
  if (table === null) {
    throw new ImportError(
      `BDNB : table non reconnue. Attendu : ${Object.keys(BDNB_TABLES).join(', ')} (colonne batiment_groupe_id et ${TABLE_MARKERS.map(([, m]) => m).join(' / ')}). Colonnes trouvées : ${describeFoundColumns(names)}.`,
      { file },
    );
  }
  const role = BDNB_TABLES[table];
  const { index } = matchColumns(names, SPECS);
  return {
    role,
    select: fieldsOf(role).flatMap((f) => {
      const column = index[f];
      return column === undefined ? [] : [{ index: column, as: f }];
    }),
  };
}

/** Checks that the files make a BDNB import: the main table, and a source of each required side. */
export const checkBdnbFiles: NonNullable<TabularFormat['checkFiles']> = (files) => {
  const main = files.find((f) => f.role === 'main');
  const names = files.map((f) => f.file).join(', ');
  if (main === undefined) {
    throw new ImportError(
      `BDNB : table batiment_groupe manquante (colonnes batiment_groupe_id et code_commune_insee). Fichiers lus : ${names || 'aucun'}.`,
    );
  }
  const has = (field: BdnbField) => main.select?.some((s) => s.as === field) === true;
  const roles = new Set(files.map((f) => f.role));
  const missing: string[] = [];
  if (!roles.has('ffo') && !has('nb_log')) missing.push('batiment_groupe_ffo_bat (nb_log)');
  if (!roles.has('dpe') && !roles.has('simulations') && !has('label') && !has('predicted')) {
    missing.push(
      'batiment_groupe_dpe_representatif_logement (classe_bilan_dpe) ou batiment_groupe_simulations_dpe (etiquette_dpe_initial_map)',
    );
  }
  if (missing.length > 0) {
    const s = missing.length > 1 ? 's' : '';
    throw new ImportError(
      `BDNB : table${s} manquante${s} : ${missing.join(' ; ')}. Fichiers lus : ${names}.`,
      { file: main.file },
    );
  }
};
