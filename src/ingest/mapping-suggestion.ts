/**
 * A first mapping of a file's columns to the canonical fields, from the names of its columns:
 * known synonyms first (`Etiquette_DPE`, `code_insee`, `latitude`…), then resemblance of the names
 * (bigrams), each column used at most once. The user confirms or edits it in the import dialog.
 */
import type { ColumnMapping, MappingField } from './formats/mapped-format.ts';
import { MAPPING_FIELDS } from './formats/mapped-format.ts';
import { normaliseHeaderName } from './header-match.ts';

/** Usual names of each field (normalised: lower case, no accents, `_` between words). */
const SYNONYMS: Readonly<Record<MappingField, readonly string[]>> = {
  label: [
    'etiquette_dpe',
    'etiquette',
    'classe_dpe',
    'classe_energie',
    'etiquette_energie',
    'dpe',
    'label',
    'classe_bilan_dpe',
  ],
  insee: [
    'code_insee',
    'insee',
    'code_commune',
    'code_commune_insee',
    'codgeo',
    'depcom',
    'code_insee_ban',
    'citycode',
    'com',
  ],
  lon: ['lon', 'lng', 'longitude', 'long', 'x_wgs84'],
  lat: ['lat', 'latitude', 'y_wgs84'],
  x: ['x', 'x_l93', 'x_lambert93', 'coordonnee_x', 'coordonnee_cartographique_x_ban'],
  y: ['y', 'y_l93', 'y_lambert93', 'coordonnee_y', 'coordonnee_cartographique_y_ban'],
  surface: ['surface_habitable_logement', 'surface_habitable', 'surface', 'shab', 'surface_m2'],
  year: ['annee_construction', 'annee_de_construction', 'annee', 'annee_batiment'],
  period: ['periode_construction', 'periode_de_construction', 'periode'],
  energy: [
    'type_energie_principale_chauffage',
    'energie_chauffage',
    'energie',
    'chauffage',
    'type_energie',
  ],
  housing: ['type_batiment', 'type_logement', 'logement', 'type_de_logement', 'typologie'],
  weight: ['poids', 'weight', 'nb_logements', 'nombre_logements', 'nb_log', 'logements'],
  ep: [
    'conso_5_usages_par_m2_ep',
    'energie_primaire',
    'conso_ep',
    'consommation_energie_primaire',
    'ep',
  ],
  ghg: ['emission_ges_5_usages_par_m2', 'emission_ges', 'emissions_ges', 'ges'],
  ef: ['conso_5_usages_par_m2_ef', 'energie_finale', 'conso_ef', 'ef'],
  id: ['numero_dpe', 'n_dpe', 'identifiant', 'id', 'num_dpe'],
  date: ['date_etablissement_dpe', 'date_dpe', 'date'],
};

function bigrams(text: string): string[] {
  const grams: string[] = [];
  for (let k = 0; k + 1 < text.length; k++) grams.push(text.slice(k, k + 2));
  return grams;
}

/** Dice coefficient of the bigrams of two names, 0 to 1. */
function nameSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.length === 0 || y.length === 0) return a === b ? 1 : 0;
  const counts = new Map<string, number>();
  for (const g of x) counts.set(g, (counts.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of y) {
    const n = counts.get(g) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(g, n - 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

/** How well a column name fits a field, 0 to 1. */
function fieldFit(field: MappingField, column: string): number {
  const synonyms = SYNONYMS[field];
  if (synonyms.includes(column)) return 1;
  const tokens = column.split('_');
  if (synonyms.some((s) => s.length > 2 && tokens.includes(s))) return 0.8;
  const best = Math.max(...synonyms.map((s) => nameSimilarity(s, column)));
  return best >= 0.7 ? best * 0.75 : 0;
}

/** The suggested mapping of `names` (the file's header). */
export function suggestMapping(names: readonly string[]): ColumnMapping {
  const normal = names.map(normaliseHeaderName);
  const candidates: { field: MappingField; column: number; score: number }[] = [];
  for (const field of MAPPING_FIELDS) {
    normal.forEach((name, column) => {
      const score = name === '' ? 0 : fieldFit(field, name);
      if (score > 0) candidates.push({ field, column, score });
    });
  }
  candidates.sort((a, b) => b.score - a.score);
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  for (const { field, column } of candidates) {
    if (mapping[field] !== undefined || used.has(column)) continue;
    mapping[field] = names[column] as string;
    used.add(column);
  }
  return mapping;
}
