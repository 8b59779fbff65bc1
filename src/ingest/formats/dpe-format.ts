/**
 * ADEME DPE open data (dwellings, since July 2021), both header styles (before 2025 `N°DPE`,
 * `Etiquette_DPE`, `Code_INSEE_(BAN)`…; since 2025 `numero_dpe`, `etiquette_dpe`,
 * `code_insee_ban`…): one row per DPE, weight 1, label observed and kept as published.
 */
import { NUMBER_FIELDS, type ObservationField } from '../../sql/import/observation-sql.ts';
import type { ColumnSpec } from '../header-match.ts';
import { matchColumns, missingColumnsError } from '../header-match.ts';
import type { ImportReportBuilder } from '../import-report.ts';
import type { TabularFormat } from './format.ts';
import { mapObservations } from './observations.ts';

/** Columns read from a DPE file: the pre-2025 name first, then the 2025 snake_case name. */
const DPE_COLUMNS: readonly ColumnSpec<ObservationField>[] = [
  { key: 'id', names: ['N°DPE', 'numero_dpe'] },
  { key: 'insee', names: ['Code_INSEE_(BAN)', 'code_insee_ban'] },
  { key: 'label', names: ['Etiquette_DPE', 'etiquette_dpe'] },
  { key: 'ep', names: ['Conso_5_usages_par_m²_é_primaire', 'conso_5_usages_par_m2_ep'] },
  { key: 'ef', names: ['Conso_5_usages/m²_é_finale', 'conso_5_usages_par_m2_ef'] },
  { key: 'ghg', names: ['Emission_GES_5_usages_par_m²', 'emission_ges_5_usages_par_m2'] },
  { key: 'surface', names: ['Surface_habitable_logement', 'surface_habitable_logement'] },
  { key: 'housing', names: ['Type_bâtiment', 'type_batiment'] },
  {
    key: 'energy',
    names: ['Type_énergie_principale_chauffage', 'type_energie_principale_chauffage'],
  },
  { key: 'year', names: ['Année_construction', 'annee_construction'] },
  { key: 'period', names: ['Période_construction', 'periode_construction'] },
  { key: 'x', names: ['Coordonnée_cartographique_X_(BAN)', 'coordonnee_cartographique_x_ban'] },
  { key: 'y', names: ['Coordonnée_cartographique_Y_(BAN)', 'coordonnee_cartographique_y_ban'] },
  { key: 'altitude', names: ['Classe_altitude', 'classe_altitude'] },
  { key: 'zone', names: ['Zone_climatique_', 'zone_climatique'] },
  { key: 'date', names: ['Date_établissement_DPE', 'date_etablissement_dpe'] },
  { key: 'geopoint', names: ['_geopoint'] },
];

function namesOf(key: ObservationField): string {
  return DPE_COLUMNS.find((spec) => spec.key === key)?.names.join(' ou ') ?? key;
}

const MARKERS: readonly ObservationField[] = ['insee', 'label', 'id', 'ep', 'ghg'];

function warnHeader(
  report: ImportReportBuilder,
  index: Partial<Record<ObservationField, number>>,
  duplicates: readonly string[],
): void {
  const optional: ObservationField[] = ['id', 'surface', 'housing', 'energy', 'ef'];
  const absent = optional.filter((key) => index[key] === undefined).map(namesOf);
  if (index.year === undefined && index.period === undefined) {
    absent.push(`${namesOf('year')} ou ${namesOf('period')}`);
  }
  if (index.x === undefined && index.geopoint === undefined) {
    absent.push(`${namesOf('x')} ou ${namesOf('geopoint')}`);
  }
  if (absent.length > 0) {
    report.warn(
      'colonnes_facultatives_absentes',
      `Colonnes facultatives absentes (champs laissés vides) : ${absent.join(' ; ')}.`,
    );
  }
  if (index.id === undefined) {
    report.warn(
      'doublons_non_verifies',
      'Pas de numéro de DPE : les doublons ne peuvent pas être détectés.',
    );
  }
  for (const name of duplicates) {
    report.warn('colonne_en_double', 'Colonnes présentes deux fois : la première est lue.', name);
  }
}

/** Which fields a header has, from the DPE column names. */
function presentFields(names: readonly string[]): Partial<Record<ObservationField, number>> {
  return matchColumns(names, DPE_COLUMNS).index;
}

/** The ADEME DPE format. */
export const DPE_FORMAT: TabularFormat = {
  id: 'dpe',
  label: 'DPE ADEME',
  choice: {
    label: 'DPE ADEME',
    hint: 'Export CSV des DPE des logements (en-têtes d’avant ou d’après 2025).',
  },
  multiFile: false,
  score(names) {
    const index = presentFields(names);
    const score = MARKERS.filter((key) => index[key] !== undefined).length;
    return score >= 2 ? score : 0;
  },
  plan(names, report, file) {
    const { index, duplicates } = matchColumns(names, DPE_COLUMNS);
    const hasValues = index.ep !== undefined && index.ghg !== undefined;
    const missing: string[] = [];
    if (index.insee === undefined) missing.push(`code commune (${namesOf('insee')})`);
    if (index.label === undefined && !hasValues) {
      missing.push(
        `étiquette (${namesOf('label')}) ou, à défaut, énergie primaire (${namesOf('ep')}) et GES (${namesOf('ghg')})`,
      );
    }
    if (missing.length > 0) throw missingColumnsError('Fichier DPE', missing, names, file);
    warnHeader(report, index, duplicates);
    return {
      select: DPE_COLUMNS.flatMap((spec) => {
        const column = index[spec.key];
        if (column === undefined) return [];
        return [
          NUMBER_FIELDS.has(spec.key)
            ? { index: column, as: spec.key, type: 'number' as const }
            : { index: column, as: spec.key },
        ];
      }),
    };
  },
  map(input) {
    const names = input.parsed[0]?.names ?? [];
    const index = presentFields(names);
    const present = new Set(Object.keys(index) as ObservationField[]);
    return mapObservations(input, present, { columns: { insee: namesOf('insee') } });
  },
  datasetKind: () => 'observed',
};
