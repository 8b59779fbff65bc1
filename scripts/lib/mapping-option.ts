/** The `--map` and `--map-file` options of `npm run import`: a column mapping, checked. */
import {
  type ColumnMapping,
  MAPPING_FIELDS,
  type MappingField,
} from '../../src/ingest/formats/mapped-format.ts';

function checkField(field: string): MappingField {
  if (!(MAPPING_FIELDS as readonly string[]).includes(field)) {
    throw new Error(
      `Champ inconnu dans la correspondance : « ${field} » (champs : ${MAPPING_FIELDS.join(', ')}).`,
    );
  }
  return field as MappingField;
}

/** `label=Etiquette_DPE,lat=lat,…` as a mapping. */
export function parseMappingOption(text: string): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new Error(`--map : « ${pair} » n’est pas de la forme champ=colonne.`);
    mapping[checkField(pair.slice(0, equals).trim())] = pair.slice(equals + 1).trim();
  }
  return mapping;
}

/** A JSON mapping `{ "label": "Etiquette_DPE", … }`, or one saved by the dialog `{ "mapping": … }`. */
export function parseMappingFile(text: string): ColumnMapping {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`--map-file : JSON illisible (${(error as Error).message}).`);
  }
  const object =
    typeof value === 'object' && value !== null && 'mapping' in value
      ? (value as { mapping: unknown }).mapping
      : value;
  if (typeof object !== 'object' || object === null || Array.isArray(object)) {
    throw new Error('--map-file : un objet JSON { "champ": "colonne", … } est attendu.');
  }
  const mapping: ColumnMapping = {};
  for (const [field, column] of Object.entries(object)) {
    if (typeof column !== 'string')
      throw new Error(`--map-file : la colonne de « ${field} » doit être un texte.`);
    mapping[checkField(field)] = column;
  }
  return mapping;
}
