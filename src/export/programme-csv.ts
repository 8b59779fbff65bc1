/**
 * Writes the programme tables in the import schemas of docs/programme-csv.md (French Excel
 * conventions), so that what is written can be read back by src/ingest/programme-csv.ts: the
 * demo generator uses it, and the views can offer the data for download.
 */
import type {
  ProgrammeCarnet,
  ProgrammeTerritory,
  ProgrammeWork,
} from '../domain/programme-data.ts';
import type { CsvColumn } from './french-csv.ts';
import { formatFrenchCsv } from './french-csv.ts';

const TERRITORY_COLUMNS: readonly CsvColumn<ProgrammeTerritory>[] = [
  { header: 'siren_epci', value: (t) => t.siren_epci },
  { header: 'code_region_partenaire', value: (t) => t.code_region_partenaire },
  { header: 'date_adoption', value: (t) => t.date_adoption },
  { header: 'operateur', value: (t) => t.operateur },
  { header: 'source', value: (t) => t.source },
];

const CARNET_COLUMNS: readonly CsvColumn<ProgrammeCarnet>[] = [
  { header: 'id_carnet', value: (c) => c.id_carnet },
  { header: 'code_commune', value: (c) => c.code_commune },
  { header: 'date_ouverture', value: (c) => c.date_ouverture },
  { header: 'operateur', value: (c) => c.operateur },
  { header: 'source', value: (c) => c.source },
];

const WORK_COLUMNS: readonly CsvColumn<ProgrammeWork>[] = [
  { header: 'id_carnet', value: (w) => w.id_carnet },
  { header: 'date_travaux', value: (w) => w.date_travaux },
  { header: 'type_travaux', value: (w) => w.type_travaux.join('+') },
  { header: 'etiquette_avant', value: (w) => w.etiquette_avant },
  { header: 'etiquette_apres', value: (w) => w.etiquette_apres },
  { header: 'conso_ep_avant', value: (w) => w.conso_ep_avant },
  { header: 'conso_ep_apres', value: (w) => w.conso_ep_apres },
  { header: 'conso_ef_avant', value: (w) => w.conso_ef_avant },
  { header: 'conso_ef_apres', value: (w) => w.conso_ef_apres },
  { header: 'surface_m2', value: (w) => w.surface_m2 },
  { header: 'cout_ttc', value: (w) => w.cout_ttc },
  { header: 'source', value: (w) => w.source },
];

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
