/**
 * A table of observed dwellings whose headers are not a known format, read through the user's
 * mapping of its columns to the canonical fields (chosen in the import dialog, or given to
 * `npm run import -- --map`). Same rules as the ADEME DPE once mapped; rows without an INSEE code
 * are attached to their commune by their coordinates.
 */
import { NUMBER_FIELDS, type ObservationField } from '../../sql/import/observation-sql.ts';
import { describeFoundColumns, normaliseHeaderName } from '../header-match.ts';
import { ImportError } from '../import-error.ts';
import type { TabularFormat } from './format.ts';
import { mapObservations } from './observations.ts';

/** Canonical fields a column can be mapped to, in the order the dialog shows them. */
export const MAPPING_FIELDS = [
  'label',
  'insee',
  'lon',
  'lat',
  'x',
  'y',
  'surface',
  'year',
  'period',
  'energy',
  'housing',
  'weight',
  'ep',
  'ghg',
  'ef',
  'id',
  'date',
] as const satisfies readonly ObservationField[];
/** One of {@link MAPPING_FIELDS}. */
export type MappingField = (typeof MAPPING_FIELDS)[number];

/** The user's mapping: canonical field → column name of the file. */
export type ColumnMapping = Partial<Record<MappingField, string>>;

/** French name of each field, for the dialog and messages. */
export const MAPPING_FIELD_LABELS: Readonly<Record<MappingField, string>> = {
  label: 'Étiquette DPE (A à G)',
  insee: 'Code commune INSEE',
  lon: 'Longitude (WGS84)',
  lat: 'Latitude (WGS84)',
  x: 'X Lambert-93 (m)',
  y: 'Y Lambert-93 (m)',
  surface: 'Surface habitable (m²)',
  year: 'Année de construction',
  period: 'Période de construction',
  energy: 'Énergie de chauffage',
  housing: 'Type de logement',
  weight: 'Nombre de logements représentés (poids)',
  ep: 'Énergie primaire (kWh/m²/an)',
  ghg: 'Émissions de GES (kgCO2e/m²/an)',
  ef: 'Énergie finale (kWh/m²/an)',
  id: 'Identifiant (numéro de DPE)',
  date: 'Date du DPE',
};

/** Column index of each mapped field; throws when a mapped column is not in the header. */
function mappingIndex(
  mapping: ColumnMapping,
  names: readonly string[],
  file?: string,
): Partial<Record<MappingField, number>> {
  const index: Partial<Record<MappingField, number>> = {};
  const missing: string[] = [];
  for (const field of MAPPING_FIELDS) {
    const column = mapping[field];
    if (column === undefined || column === '') continue;
    let k = names.indexOf(column);
    if (k < 0) k = names.findIndex((n) => normaliseHeaderName(n) === normaliseHeaderName(column));
    if (k < 0) missing.push(`${field}=${column}`);
    else index[field] = k;
  }
  if (missing.length > 0) {
    throw new ImportError(
      `Correspondance de colonnes : colonne${missing.length > 1 ? 's' : ''} absente${missing.length > 1 ? 's' : ''} du fichier : ${missing.join(', ')}. Colonnes trouvées : ${describeFoundColumns(names)}.`,
      file === undefined ? {} : { file },
    );
  }
  return index;
}

/** What a mapping lacks to be usable, in French, or null. */
export function mappingProblem(mapping: ColumnMapping): string | null {
  const has = (field: MappingField) => (mapping[field] ?? '') !== '';
  const problems: string[] = [];
  if (!has('insee') && !(has('lon') && has('lat')) && !(has('x') && has('y'))) {
    problems.push(
      'un code commune INSEE, ou des coordonnées (longitude et latitude, ou X et Y Lambert-93)',
    );
  }
  if (!has('label') && !(has('ep') && has('ghg'))) {
    problems.push('une étiquette DPE, ou l’énergie primaire et les GES pour la calculer');
  }
  return problems.length === 0 ? null : `Il faut au moins ${problems.join(' et ')}.`;
}

/** The format of a file read through `mapping`. */
export function mappedFormat(mapping: ColumnMapping): TabularFormat {
  return {
    id: 'mapped',
    label: 'tableau à colonnes associées',
    multiFile: false,
    score: () => 0,
    plan(names, _report, file) {
      const problem = mappingProblem(mapping);
      if (problem !== null) {
        throw new ImportError(
          `Correspondance de colonnes incomplète : ${problem}`,
          file === undefined ? {} : { file },
        );
      }
      const index = mappingIndex(mapping, names, file);
      return {
        select: MAPPING_FIELDS.flatMap((field) => {
          const column = index[field];
          if (column === undefined) return [];
          return [
            NUMBER_FIELDS.has(field)
              ? { index: column, as: field, type: 'number' as const }
              : { index: column, as: field },
          ];
        }),
      };
    },
    map(input) {
      const names = input.parsed[0]?.names ?? [];
      const index = mappingIndex(mapping, names);
      const present = new Set(Object.keys(index) as ObservationField[]);
      const insee = mapping.insee;
      return mapObservations(input, present, {
        columns: insee === undefined || insee === '' ? {} : { insee },
      });
    },
    datasetKind: () => 'observed',
  };
}
