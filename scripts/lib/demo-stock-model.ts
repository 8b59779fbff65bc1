/**
 * The typology model behind the synthetic demonstration stock: which dwellings a commune has
 * (type, period, surface, heating energy, occupancy and tenure), and how much each attribute
 * pushes a dwelling towards a poor DPE label. Plausible orders of magnitude (INSEE census,
 * CEREN, ONRE/SDES), deliberately coarse: the demo must look like France, not describe it.
 */
import type {
  ConstructionPeriod,
  HeatingEnergy,
  HousingType,
  Occupancy,
  Tenure,
} from '../../src/domain/stock-schema.ts';
import type { TerritoryCommune } from '../../src/domain/territory.ts';

/** Dictionaries of the categorical columns: a row stores the index into these arrays. */
export const HOUSING_TYPE_KEYS: readonly HousingType[] = ['maison', 'appartement'];
export const PERIOD_KEYS: readonly ConstructionPeriod[] = [
  'avant_1948',
  '1948_1974',
  '1975_1988',
  '1989_2000',
  '2001_2012',
  'apres_2012',
];
export const ENERGY_KEYS: readonly HeatingEnergy[] = [
  'electricite',
  'gaz',
  'fioul',
  'bois',
  'reseau_chaleur',
  'gpl',
  'charbon',
  'autre',
];
export const OCCUPANCY_KEYS: readonly Occupancy[] = [
  'residence_principale',
  'residence_secondaire',
  'vacant',
];
export const TENURE_KEYS: readonly Tenure[] = [
  'proprietaire_occupant',
  'locataire_prive',
  'locataire_social',
  'loge_gratuitement',
];
/** Tenure index of rows that have none (secondary and vacant dwellings). */
export const NO_TENURE = 255;

/**
 * Occupancy statuses sampled as one dimension: the four tenures of main residences, then
 * secondary homes, then vacant dwellings.
 */
export const STATUS_COUNT = 6;
export const STATUS_SECONDARY = 4;
export const STATUS_VACANT = 5;

/** Surface bands (m²) of the typology; a cell's mean surface is drawn inside its band. */
export const SURFACE_BANDS: readonly (readonly [number, number])[] = [
  [12, 30],
  [30, 40],
  [40, 60],
  [60, 80],
  [80, 100],
  [100, 150],
  [150, 230],
];

/** Main residences per inhabitant: 0.55 dwellings per inhabitant × 82 % main residences. */
const MAIN_RESIDENCES_PER_INHABITANT = 0.55 * 0.82;

type ClimateZone = 'H1a' | 'H1b' | 'H1c' | 'H2a' | 'H2b' | 'H2c' | 'H2d' | 'H3';

// Winter climate zones of the thermal regulations (RT 2012 / DPE), by département, rounded to
// whole départements (the official map splits a few of them).
const CLIMATE_ZONES: Record<ClimateZone, string> = {
  H1a: '02 14 27 28 59 60 61 62 75 76 77 78 80 91 92 93 94 95',
  H1b: '08 10 25 45 51 52 54 55 57 58 67 68 70 88 89 90',
  H1c: '01 03 05 15 19 21 23 38 39 42 43 63 69 71 73 74 87',
  H2a: '22 29 35 50 56',
  H2b: '16 17 18 36 37 41 44 49 53 72 79 85 86',
  H2c: '09 12 24 31 32 33 40 46 47 64 65 81 82',
  H2d: '04 07 26 48 84',
  H3: '06 11 13 2A 2B 30 34 66 83',
};

const CLIMATE_SCORE: Record<ClimateZone, number> = {
  H1a: 0.25,
  H1b: 0.3,
  H1c: 0.35,
  H2a: 0,
  H2b: 0.05,
  H2c: -0.45,
  H2d: 0.1,
  H3: -0.3,
};

const CLIMATE_BY_DEPARTEMENT = new Map<string, ClimateZone>(
  (Object.entries(CLIMATE_ZONES) as [ClimateZone, string][]).flatMap(([zone, list]) =>
    list.split(' ').map((code): [string, ClimateZone] => [code, zone]),
  ),
);

// Share of secondary homes before the commune-size modifier: mountain and island départements,
// then coastal and tourist ones (INSEE census, rounded); Île-de-France has very few.
const SECONDARY_HIGH = new Set('04 05 2A 2B 48 73'.split(' '));
const SECONDARY_TOURIST = new Set('06 09 11 15 17 22 29 34 40 46 56 66 74 83 85'.split(' '));
const ILE_DE_FRANCE = '11';
// Rural départements with an old, shrinking stock: more vacancy, older dwellings, more oil.
const DECLINING_RURAL = new Set('03 08 12 15 18 19 23 36 43 46 52 55 58 61 70 87 89'.split(' '));

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const clamp = (x: number, low: number, high: number): number => Math.min(high, Math.max(low, x));

/** What the model needs to know about a commune. */
export interface CommuneProfile {
  dwellings: number;
  logPopulation: number;
  /** 0 in a village, 1 in a city: access to the gas grid and to heat networks. */
  urbanity: number;
  declining: boolean;
  ileDeFrance: boolean;
  climateScore: number;
  apartmentShare: number;
  /** Weights of the six statuses (four tenures, secondary, vacant), by housing type. */
  statusWeights: readonly (readonly number[])[];
}

/** Builds the profile of a commune from its population and département. */
export function profileCommune(commune: TerritoryCommune): CommuneProfile {
  const logPopulation = Math.log10(Math.max(commune.population, 1));
  const dep = commune.code_departement;
  const idf = commune.code_region === ILE_DE_FRANCE;
  const declining = DECLINING_RURAL.has(dep);
  const urbanity = sigmoid(2.5 * (logPopulation - 3.4));
  const apartmentShare = 0.02 + 0.96 * sigmoid(2.2 * (logPopulation + (idf ? 0.5 : 0) - 4.2));

  const depSecondary = SECONDARY_HIGH.has(dep)
    ? 0.3
    : SECONDARY_TOURIST.has(dep)
      ? 0.2
      : idf
        ? dep === '75'
          ? 0.08
          : 0.025
        : declining
          ? 0.12
          : 0.065;
  const secondary = clamp(
    depSecondary * clamp(1.6 - 0.45 * (logPopulation - 2.7), 0.5, 1.8),
    0,
    0.6,
  );
  const vacant = clamp(0.07 + 0.035 * (1 - urbanity) + (declining ? 0.04 : 0), 0, 0.2);
  const main = 1 - secondary - vacant;
  const dwellings = (commune.population * MAIN_RESIDENCES_PER_INHABITANT) / main;
  const tenures: readonly (readonly number[])[] = [
    [0.8, 0.13, 0.045, 0.025],
    [0.3, 0.4, 0.27 * (0.6 + 0.4 * urbanity), 0.03],
  ];
  const statusWeights = tenures.map((shares) => {
    const total = shares.reduce((sum, share) => sum + share, 0);
    return [...shares.map((share) => (share / total) * main), secondary, vacant];
  });
  return {
    dwellings,
    logPopulation,
    urbanity,
    declining,
    ileDeFrance: idf,
    climateScore: CLIMATE_SCORE[CLIMATE_BY_DEPARTEMENT.get(dep) ?? 'H2b'],
    apartmentShare,
    statusWeights,
  };
}

const PERIODS_BY_TYPE: readonly (readonly number[])[] = [
  [24, 18, 21, 13, 15, 9],
  [22, 30, 17, 12, 11, 8],
];

/** Weights of the six construction periods. */
export function periodWeights(type: number, profile: CommuneProfile): number[] {
  const weights = [...(PERIODS_BY_TYPE[type] ?? [])];
  const old = weights[0] ?? 0;
  const bigCity = Math.max(0, profile.logPopulation - 5);
  if (type === 1) weights[0] = old * (1 + 1.3 * bigCity);
  else weights[0] = old * (1 + 0.25 * (1 - profile.urbanity));
  if (profile.declining) {
    weights[0] = (weights[0] ?? 0) * 1.35;
    weights[5] = (weights[5] ?? 0) * 0.6;
    weights[4] = (weights[4] ?? 0) * 0.8;
  }
  if (profile.climateScore < -0.2) {
    weights[4] = (weights[4] ?? 0) * 1.25;
    weights[5] = (weights[5] ?? 0) * 1.35;
  }
  return weights;
}

const SURFACES_BY_TYPE: readonly (readonly number[])[] = [
  [0.5, 1, 6, 16, 24, 38, 14.5],
  [12, 12, 27, 27, 13, 8, 1],
];
const SURFACE_BY_STATUS: readonly (readonly number[])[] = [
  [0.5, 0.6, 0.8, 1, 1.1, 1.3, 1.5],
  [1.8, 1.5, 1.2, 1, 0.7, 0.5, 0.4],
  [0.6, 0.8, 1.1, 1.3, 1, 0.5, 0.2],
  [1.2, 1.2, 1.1, 1, 0.9, 0.8, 0.8],
  [1.6, 1.4, 1.2, 1, 0.9, 0.8, 0.8],
  [1.5, 1.3, 1.2, 1, 0.9, 0.8, 0.8],
];

/** Weights of the surface bands. */
export function surfaceWeights(type: number, status: number, profile: CommuneProfile): number[] {
  const factors = SURFACE_BY_STATUS[status] ?? [];
  const bigCity = type === 1 ? Math.max(0, profile.logPopulation - 5) : 0;
  return (SURFACES_BY_TYPE[type] ?? []).map((weight, band) => {
    const small = band < 2 ? 1 + 0.6 * bigCity : 1;
    return weight * (factors[band] ?? 1) * small;
  });
}

// electricite, gaz, fioul, bois, reseau_chaleur, gpl, charbon, autre
const ENERGIES_BY_TYPE: readonly (readonly number[])[] = [
  [33, 32, 13, 11, 0.3, 4, 0.3, 3],
  [34, 46, 6, 0.7, 12, 0.7, 0.1, 3.5],
];
const ENERGY_BY_PERIOD: readonly (readonly number[])[] = [
  [0.9, 1, 1.5, 1.2, 0.8, 1.2, 2.5, 1],
  [0.9, 1.05, 1.4, 1, 1.1, 1.1, 1.5, 1],
  [1.2, 1, 0.9, 0.9, 1, 1, 0.5, 1],
  [1.35, 1, 0.5, 0.8, 1, 0.8, 0.2, 1],
  [1.4, 1, 0.15, 0.8, 1, 0.6, 0, 1],
  [1.6, 0.7, 0.02, 0.7, 1.2, 0.3, 0, 1],
];

/** Weights of the heating energies. */
export function energyWeights(type: number, period: number, profile: CommuneProfile): number[] {
  const rural = 1 - profile.urbanity;
  const cityNetworks = sigmoid(2.5 * (profile.logPopulation - 4.6));
  const byPeriod = ENERGY_BY_PERIOD[period] ?? [];
  return (ENERGIES_BY_TYPE[type] ?? []).map((weight, energy) => {
    let factor = byPeriod[energy] ?? 1;
    if (energy === 1) factor *= 0.1 + 0.9 * profile.urbanity;
    if (energy === 2) factor *= (1 + 0.7 * rural) * (profile.declining ? 1.3 : 1);
    if (energy === 3) factor *= 1 + 0.9 * rural;
    if (energy === 4) factor *= 0.05 + 1.4 * cityNetworks;
    if (energy === 5) factor *= 1 + rural;
    return weight * factor;
  });
}

// Latent inefficiency effects (arbitrary units; the noise has a standard deviation of NOISE).
const PERIOD_SCORE = [1.05, 0.75, 0.2, -0.4, -1, -2.2];
const SURFACE_SCORE = [0.95, 0.55, 0.25, 0, -0.15, -0.3, -0.25];
const ENERGY_SCORE = [0.3, -0.15, 0.95, 0.05, -0.45, 0.45, 1.3, 0.2];
const STATUS_SCORE = [0, -0.05, -0.6, 0, 0, 0];
const TYPE_SCORE = [0.1, 0];
// Île-de-France is the worst region in ONRE 2023 (21.7 % F+G): small old flats, electric
// heating; the typology alone does not carry all of it.
const ILE_DE_FRANCE_SCORE = 0.25;
/** Standard deviation of the seeded noise added to the latent score of a cell. */
export const SCORE_NOISE = 0.9;

/** Deterministic part of a cell's latent inefficiency score (higher = worse label). */
export function scoreCell(
  cell: { type: number; period: number; band: number; energy: number; status: number },
  profile: CommuneProfile,
): number {
  return (
    (PERIOD_SCORE[cell.period] ?? 0) +
    (SURFACE_SCORE[cell.band] ?? 0) +
    (ENERGY_SCORE[cell.energy] ?? 0) +
    (STATUS_SCORE[cell.status] ?? 0) +
    (TYPE_SCORE[cell.type] ?? 0) +
    profile.climateScore +
    (profile.ileDeFrance ? ILE_DE_FRANCE_SCORE : 0) +
    0.15 * (1 - profile.urbanity)
  );
}

/**
 * Target label shares (%) of secondary homes and vacant dwellings. ONRE publishes only their
 * F+G shares (30 % and 24 % at 1 January 2023); the rest of each distribution is an assumption
 * of this demo: the main-residence distribution moved towards the worse classes.
 */
export const SECONDARY_TARGET: readonly number[] = [1, 2.5, 15, 27, 24.5, 13.5, 16.5];
export const VACANT_TARGET: readonly number[] = [1.2, 3, 18, 29.8, 24, 12, 12];
