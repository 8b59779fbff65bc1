/**
 * Writes the programme tables in the import schemas of docs/programme-csv.md (French Excel
 * conventions), so that what is written can be read back by src/ingest/programme-csv.ts: the
 * demo generator uses it, and the views can offer the data for download.
 */

import { type CsvCell, type CsvColumn, formatFrenchCsv } from '../domain/csv-writer.ts';
import type {
  ProgrammeCarnet,
  ProgrammeTerritory,
  ProgrammeWork,
} from '../domain/programme-data.ts';

/**
 * Columns named after fields of `T` (the import schema names them the same), each written as is
 * unless `write` says otherwise.
 */
function fieldColumns<T>(
  fields: readonly (keyof T & string)[],
  write: { [K in keyof T]?: (row: T) => CsvCell } = {},
): CsvColumn<T>[] {
  return fields.map((field) => ({
    header: field,
    value: write[field] ?? ((row: T) => row[field] as CsvCell),
  }));
}

const TERRITORY_COLUMNS = fieldColumns<ProgrammeTerritory>([
  'siren_epci',
  'code_region_partenaire',
  'date_adoption',
  'operateur',
  'source',
]);

const CARNET_COLUMNS = fieldColumns<ProgrammeCarnet>([
  'id_carnet',
  'code_commune',
  'date_ouverture',
  'operateur',
  'source',
]);

const WORK_COLUMNS = fieldColumns<ProgrammeWork>(
  [
    'id_carnet',
    'date_travaux',
    'type_travaux',
    'etiquette_avant',
    'etiquette_apres',
    'conso_ep_avant',
    'conso_ep_apres',
    'conso_ef_avant',
    'conso_ef_apres',
    'surface_m2',
    'cout_ttc',
    'source',
  ],
  { type_travaux: (w) => w.type_travaux.join('+') },
);

/** The adopting territories in the `territoires` schema. */
export function formatTerritoriesCsv(rows: Iterable<ProgrammeTerritory>): string {
  return formatFrenchCsv(TERRITORY_COLUMNS, rows);
}

/** The carnets in the `carnets` schema. */
export function formatCarnetsCsv(rows: Iterable<ProgrammeCarnet>): string {
  return formatFrenchCsv(CARNET_COLUMNS, rows);
}

/** The works in the `travaux` schema. */
export function formatWorksCsv(rows: Iterable<ProgrammeWork>): string {
  return formatFrenchCsv(WORK_COLUMNS, rows);
}
