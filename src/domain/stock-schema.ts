/**
 * Canonical building-stock model shared by the data build, the importers, the SQL builders and
 * the views. Every row carries a weight: the number of dwellings it represents (1 for a DPE
 * record, `nb_log` for a BDNB building, the cell size for a modelled typology row).
 */

export const DPE_LABELS = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;
export type DpeLabel = (typeof DPE_LABELS)[number];

export const HOUSING_TYPES = {
  maison: 'Maison individuelle',
  appartement: 'Appartement',
} as const;
export type HousingType = keyof typeof HOUSING_TYPES;

/** Construction periods aligned on the thermal-regulation breaks used by ADEME and SITERRE. */
export const CONSTRUCTION_PERIODS = {
  avant_1948: 'Avant 1948',
  '1948_1974': '1948–1974',
  '1975_1988': '1975–1988',
  '1989_2000': '1989–2000',
  '2001_2012': '2001–2012',
  apres_2012: 'Après 2012',
} as const;
export type ConstructionPeriod = keyof typeof CONSTRUCTION_PERIODS;

export const HEATING_ENERGIES = {
  electricite: 'Électricité',
  gaz: 'Gaz naturel',
  fioul: 'Fioul',
  bois: 'Bois',
  reseau_chaleur: 'Réseau de chaleur',
  gpl: 'GPL',
  charbon: 'Charbon',
  autre: 'Autre ou inconnue',
} as const;
export type HeatingEnergy = keyof typeof HEATING_ENERGIES;

export const OCCUPANCIES = {
  residence_principale: 'Résidence principale',
  residence_secondaire: 'Résidence secondaire',
  vacant: 'Logement vacant',
} as const;
export type Occupancy = keyof typeof OCCUPANCIES;

/** Tenure of main residences; `null` for secondary and vacant dwellings. */
export const TENURES = {
  proprietaire_occupant: 'Propriétaire occupant',
  locataire_prive: 'Locataire du parc privé',
  locataire_social: 'Locataire HLM',
  loge_gratuitement: 'Logé gratuitement',
} as const;
export type Tenure = keyof typeof TENURES;

/** Whether a row's label was measured (a real DPE), modelled (a stock model) or predicted (BDNB). */
export const LABEL_SOURCES = {
  observed: 'DPE observé',
  modelled: 'Modélisé',
  predicted: 'Prédit (BDNB)',
} as const;
export type LabelSource = keyof typeof LABEL_SOURCES;

/** One canonical stock row, as stored in the `stock` table. */
export interface StockRow {
  dataset: string;
  code_commune: string;
  code_epci: string | null;
  code_departement: string;
  code_region: string;
  housing_type: HousingType | null;
  construction_period: ConstructionPeriod | null;
  surface_m2: number | null;
  heating_energy: HeatingEnergy | null;
  occupancy: Occupancy | null;
  tenure: Tenure | null;
  dpe_label: DpeLabel | null;
  label_source: LabelSource;
  ep_kwh_m2: number | null;
  ef_kwh_m2: number | null;
  ghg_kg_m2: number | null;
  weight: number;
  lon: number | null;
  lat: number | null;
}

/**
 * The columns of the `stock` table, in table order (`docs/data-assets.md`), with their kind: the
 * one list the DuckDB table definitions and the columnar import buffers derive from.
 */
export const STOCK_COLUMN_KINDS = [
  ['dataset', 'string'],
  ['code_commune', 'string'],
  ['code_epci', 'string'],
  ['code_departement', 'string'],
  ['code_region', 'string'],
  ['housing_type', 'string'],
  ['construction_period', 'string'],
  ['surface_m2', 'number'],
  ['heating_energy', 'string'],
  ['occupancy', 'string'],
  ['tenure', 'string'],
  ['dpe_label', 'string'],
  ['label_source', 'string'],
  ['ep_kwh_m2', 'number'],
  ['ef_kwh_m2', 'number'],
  ['ghg_kg_m2', 'number'],
  ['weight', 'number'],
  ['lon', 'number'],
  ['lat', 'number'],
] as const satisfies readonly (readonly [keyof StockRow, 'string' | 'number'])[];

/** Whether a text is one of the labels A–G. */
export function isDpeLabel(text: string): text is DpeLabel {
  return (DPE_LABELS as readonly string[]).includes(text);
}
