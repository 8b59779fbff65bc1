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

/**
 * Invented dwellings of a small DPE file: accepted rows (decimal commas, Lambert-93, a municipal
 * arrondissement, a label left to compute, a geopoint) and rejected ones (an unknown commune, a
 * repeated DPE number), so that reading it goes through every step of a DPE import.
 */
const SAMPLE_ROWS: readonly Partial<Record<ObservationField, string>>[] = [
  {
    id: 'ECHANTILLON-1',
    insee: '69123',
    label: 'D',
    ep: '200,5',
    ef: '150',
    ghg: '40,1',
    surface: '64,5',
    housing: 'appartement',
    energy: 'Gaz naturel',
    year: '1965',
    x: '844363,05',
    y: '6516619,71',
    altitude: 'inférieur à 400m',
    zone: 'H1c',
    date: '2024-03-01',
  },
  {
    id: 'ECHANTILLON-2',
    insee: '75101',
    label: 'G',
    ep: '480',
    ef: '400',
    ghg: '100',
    surface: '25',
    housing: 'maison',
    energy: 'Fioul domestique',
    period: 'avant 1948',
    altitude: 'inférieur à 400m',
    zone: 'H1a',
    date: '2023-11-20',
  },
  {
    id: 'ECHANTILLON-3',
    insee: '13055',
    ep: '120',
    ef: '100',
    ghg: '20',
    surface: '55',
    housing: 'appartement',
    energy: 'Électricité',
    period: '1975-1977',
    zone: 'H3',
    geopoint: '43.2965,5.3698',
    date: '20240701',
  },
  { id: 'ECHANTILLON-4', insee: '99999', label: 'C', ep: '90', ghg: '10' },
  { id: 'ECHANTILLON-1', insee: '69123', label: 'D', ep: '200,5', ghg: '40,1' },
];

/** {@link SAMPLE_ROWS} as a CSV file with the 2025 header (`;`-separated, as ADEME's exports). */
export function dpeSampleCsv(): string {
  const header = DPE_COLUMNS.map((spec) => spec.names.at(-1) ?? spec.key);
  const lines = SAMPLE_ROWS.map((row) => DPE_COLUMNS.map((spec) => row[spec.key] ?? '').join(';'));
  return `${[header.join(';'), ...lines].join('\n')}\n`;
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
