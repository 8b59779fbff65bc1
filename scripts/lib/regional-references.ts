/**
 * Published regional shares of energy-inefficient main residences, to hold the model's regional
 * figures against. Only the figures found in public sources are listed, each with its date,
 * indicator and where it was read; the other régions have none here (said in the report).
 */

/** One published regional figure. */
export interface RegionalReference {
  code_region: string;
  /** `fg`: labels F and G; `efg`: labels E, F and G. */
  indicator: 'fg' | 'efg';
  /** Share (%) of main residences. */
  value_pct: number;
  /** Whether the publisher rounded the parts (F and G rounded separately, for instance). */
  rounded: boolean;
  date: string;
  publisher: string;
  url: string;
}

const ONRE_2023 =
  'https://www.statistiques.developpement-durable.gouv.fr/le-parc-de-logements-par-classe-de-performance-energetique-au-1er-janvier-2023';

/** The regional figures found, with their sources. */
export const REGIONAL_REFERENCES: readonly RegionalReference[] = [
  {
    code_region: '11',
    indicator: 'fg',
    value_pct: 21.7,
    rounded: false,
    date: '2023-01-01',
    publisher: 'ONRE / SDES (cité par l’AFP : le-kiosque.org, batirama.com)',
    url: ONRE_2023,
  },
  {
    code_region: '11',
    indicator: 'efg',
    value_pct: 47.5,
    rounded: false,
    date: '2023-01-01',
    publisher: 'ONRE / SDES (cité par l’AFP : le-kiosque.org, batirama.com)',
    url: ONRE_2023,
  },
  {
    code_region: '27',
    indicator: 'fg',
    value_pct: 21,
    rounded: true,
    date: '2023-01-01',
    publisher: 'ONRE / SDES : F 12 % et G 9 % (cité par immomatin.com)',
    url: 'https://immomatin.com/evaluation/services-evaluer/ou-sont-les-passoires-energetiques-en-france.html',
  },
  {
    code_region: '28',
    indicator: 'fg',
    value_pct: 17,
    rounded: true,
    date: '2023-01-01',
    publisher: 'ONRE / SDES : F 10 % et G 7 % (cité par immomatin.com)',
    url: 'https://immomatin.com/evaluation/services-evaluer/ou-sont-les-passoires-energetiques-en-france.html',
  },
  {
    code_region: '32',
    indicator: 'efg',
    value_pct: 42,
    rounded: true,
    date: '2022',
    publisher: 'Insee Analyses Hauts-de-France n° 177 (octobre 2024)',
    url: 'https://www.insee.fr/fr/statistiques/8257196',
  },
  {
    code_region: '24',
    indicator: 'efg',
    value_pct: 40.8,
    rounded: false,
    date: '2022',
    publisher: 'Insee Analyses Centre-Val de Loire n° 127 (juin 2025)',
    url: 'https://www.insee.fr/fr/statistiques/8582330',
  },
];

/** French names of the metropolitan régions (COG). */
export const REGION_NAMES: Readonly<Record<string, string>> = {
  '11': 'Île-de-France',
  '24': 'Centre-Val de Loire',
  '27': 'Bourgogne-Franche-Comté',
  '28': 'Normandie',
  '32': 'Hauts-de-France',
  '44': 'Grand Est',
  '52': 'Pays de la Loire',
  '53': 'Bretagne',
  '75': 'Nouvelle-Aquitaine',
  '76': 'Occitanie',
  '84': 'Auvergne-Rhône-Alpes',
  '93': "Provence-Alpes-Côte d'Azur",
  '94': 'Corse',
};
