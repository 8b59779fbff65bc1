/**
 * Fixture records for the DPE API tests, made at test time from the REAL ADEME sample of the data
 * mirror (2,851 DPE of new dwellings in Lyon 8e, pre-2025 column names) mapped to the 2025 field
 * names of `dpe03existant`. The sample has no `date_derniere_modification_dpe`: the reception
 * date stands for it. To exercise the arrondissement rule, every 7th record is filed under Lyon
 * 1er (69381) and every 11th under Lyon 3e (69383); the sample's 16 records of Ancy (69008, outside
 * the Métropole de Lyon) are kept, as records the server holds outside the territory.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { resolveSource } from '../../scripts/lib/sources.ts';
import type { ServerRecord } from './data-fair-server.ts';

/** 2025 field name ← column of the pre-2025 official export. */
const FIELD_MAP: Readonly<Record<string, string>> = {
  numero_dpe: 'N°DPE',
  numero_dpe_remplace: 'N°_DPE_remplacé',
  date_etablissement_dpe: 'Date_établissement_DPE',
  date_reception_dpe: 'Date_réception_DPE',
  date_derniere_modification_dpe: 'Date_réception_DPE',
  etiquette_dpe: 'Etiquette_DPE',
  etiquette_ges: 'Etiquette_GES',
  conso_5_usages_par_m2_ep: 'Conso_5_usages_par_m²_é_primaire',
  conso_5_usages_par_m2_ef: 'Conso_5_usages/m²_é_finale',
  emission_ges_5_usages_par_m2: 'Emission_GES_5_usages_par_m²',
  type_batiment: 'Type_bâtiment',
  surface_habitable_logement: 'Surface_habitable_logement',
  type_energie_principale_chauffage: 'Type_énergie_principale_chauffage',
  zone_climatique: 'Zone_climatique_',
  classe_altitude: 'Classe_altitude',
  code_insee_ban: 'Code_INSEE_(BAN)',
  code_postal_ban: 'Code_postal_(BAN)',
  code_departement_ban: 'N°_département_(BAN)',
  coordonnee_cartographique_x_ban: 'Coordonnée_cartographique_X_(BAN)',
  coordonnee_cartographique_y_ban: 'Coordonnée_cartographique_Y_(BAN)',
  statut_geocodage: 'Statut_géocodage',
  score_ban: 'Score_BAN',
  version_dpe: 'Version_DPE',
};

const NUMERIC = new Set([
  'conso_5_usages_par_m2_ep',
  'conso_5_usages_par_m2_ef',
  'emission_ges_5_usages_par_m2',
  'surface_habitable_logement',
  'coordonnee_cartographique_x_ban',
  'coordonnee_cartographique_y_ban',
  'score_ban',
]);

let cached: ServerRecord[] | undefined;

/** The Lyon sample as API records (2025 names); read once per test file. */
export async function lyonDpeRecords(): Promise<ServerRecord[]> {
  if (cached !== undefined) return cached.map((record) => ({ ...record }));
  const path = resolveSource('dpe-neufs-lyon8-sample');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const columns = Object.entries(FIELD_MAP)
      .map(([to, from]) => `"${from.replaceAll('"', '""')}" AS "${to}"`)
      .join(', ');
    const reader = await connection.runAndReadAll(
      `SELECT ${columns} FROM read_csv('${path.replaceAll("'", "''")}', all_varchar = true, header = true)`,
    );
    const rows = reader.getRowObjectsJS() as Record<string, string | null>[];
    cached = rows.map((row, index) => {
      const record: ServerRecord = {};
      for (const [key, value] of Object.entries(row)) {
        if (value === null || value === '') continue;
        record[key] = NUMERIC.has(key) ? Number(value) : value;
      }
      if (record.code_insee_ban === '69388') {
        if (index % 7 === 0) record.code_insee_ban = '69381';
        else if (index % 11 === 0) record.code_insee_ban = '69383';
      }
      return record;
    });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return cached.map((record) => ({ ...record }));
}
