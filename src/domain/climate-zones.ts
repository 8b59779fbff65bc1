/**
 * Winter climate zones of the thermal regulations, by département, and how much each zone
 * modulates the energy a dwelling needs.
 *
 * Sources:
 * - Zones: arrêté du 26 octobre 2010 relatif aux caractéristiques thermiques des bâtiments
 *   nouveaux (RT 2012), annexe I, the same eight zones the DPE method uses (arrêté du
 *   31 mars 2021, `zone_climatique` of the ADEME DPE records). Whole départements: the
 *   regulation assigns each département one zone.
 *   https://www.legifrance.gouv.fr/loda/id/JORFTEXT000022959397
 * - Modulation: coefficient Mcgéo of the RT 2012 energy limit (Cepmax = 50 × Mctype × (Mcgéo +
 *   Mcalt + …), article 11 of the same arrêté, values for dwellings of annexe VIII).
 */

/** The eight winter climate zones. */
export const CLIMATE_ZONES = ['H1a', 'H1b', 'H1c', 'H2a', 'H2b', 'H2c', 'H2d', 'H3'] as const;
export type ClimateZone = (typeof CLIMATE_ZONES)[number];

const DEPARTEMENTS_BY_ZONE: Readonly<Record<ClimateZone, string>> = {
  H1a: '02 14 27 28 59 60 61 62 75 76 77 78 80 91 92 93 94 95',
  H1b: '08 10 45 51 52 54 55 57 58 67 68 70 88 89 90',
  H1c: '01 03 05 15 19 21 23 25 38 39 42 43 63 69 71 73 74 87',
  H2a: '22 29 35 50 56',
  H2b: '16 17 18 36 37 41 44 49 53 72 79 85 86',
  H2c: '09 12 24 31 32 33 40 46 47 64 65 81 82',
  H2d: '04 07 26 48 84',
  H3: '06 11 13 2A 2B 30 34 66 83',
};

/** Mcgéo of the RT 2012 for dwellings: the energy limit of a new dwelling is 50 × Mcgéo kWhEP/m². */
export const CLIMATE_MODULATION: Readonly<Record<ClimateZone, number>> = {
  H1a: 1.2,
  H1b: 1.3,
  H1c: 1.2,
  H2a: 1.1,
  H2b: 1,
  H2c: 0.9,
  H2d: 0.9,
  H3: 0.8,
};

const ZONE_BY_DEPARTEMENT = new Map<string, ClimateZone>(
  (Object.entries(DEPARTEMENTS_BY_ZONE) as [ClimateZone, string][]).flatMap(([zone, list]) =>
    list.split(' ').map((code): [string, ClimateZone] => [code, zone]),
  ),
);

/** Climate zone of a metropolitan département, or null for an unknown code. */
export function climateZoneOf(departement: string): ClimateZone | null {
  return ZONE_BY_DEPARTEMENT.get(departement) ?? null;
}
