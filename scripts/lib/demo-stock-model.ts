/**
 * The typology model of the stock: the dictionaries of its columns, the conditional
 * distributions of surface and heating energy, and how much each attribute pushes a dwelling
 * towards a poor DPE label (national gradients of ONRE/SDES: period, surface, heating energy,
 * tenure). Orders of magnitude from the INSEE census, CEREN and ONRE; the commune's own facts
 * are in `demo-stock-profile.ts`.
 */
import type {
  ConstructionPeriod,
  HeatingEnergy,
  HousingType,
  Occupancy,
  Tenure,
} from '../../src/domain/stock-schema.ts';
import type { CommuneProfile } from './demo-stock-profile.ts';

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

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

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
  // Dense cities have small flats (Île-de-France: 43 % of main residences under 60 m², ONRE 2023).
  const dense = type === 1 ? Math.max(0, profile.logDensity - 3.3) : 0;
  return (SURFACES_BY_TYPE[type] ?? []).map((weight, band) => {
    const small = band < 2 ? 1 + 1.2 * dense : band === 2 ? 1 + 0.4 * dense : 1;
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
    if (energy === 2) factor *= (1 + 0.7 * rural) * (1 + 1.5 * profile.oldExcess);
    if (energy === 3) factor *= 1 + 0.9 * rural;
    if (energy === 4) factor *= 0.05 + 1.4 * cityNetworks;
    if (energy === 5) factor *= 1 + rural;
    return weight * factor;
  });
}

// Latent inefficiency effects (arbitrary units; the noise has a standard deviation of NOISE).
const PERIOD_SCORE = [1.05, 0.75, 0.2, -0.4, -1, -2.2];
const SURFACE_SCORE = [1.15, 0.65, 0.3, 0, -0.15, -0.35, -0.35];
const ENERGY_SCORE = [0.3, -0.15, 0.95, 0.05, -0.45, 0.45, 1.3, 0.2];
const STATUS_SCORE = [0, -0.05, -0.6, 0, 0, 0];
const TYPE_SCORE = [0.35, 0];
/**
 * Villages fare worse at equal typology: dispersed old houses, no gas grid, lower prices and
 * fewer renovations (FNAIM–ADEME barometer, INSEE regional studies of the DPE).
 */
const RURAL_SCORE = 0.15;
/**
 * Dwellings built before 1975 are less often renovated where little is built and prices are low
 * (FNAIM–ADEME barometer: more F/G « là où le prix de l’immobilier est faible »; the census share
 * of recent dwellings measures how tight the local market is).
 */
const MARKET_SCORE = 0.2;
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
    RURAL_SCORE * (1 - profile.urbanity) +
    (cell.period <= 1 ? MARKET_SCORE * profile.marketSlack : 0)
  );
}

/**
 * Target label shares (%) of secondary homes and vacant dwellings. ONRE publishes only their
 * F+G shares (30 % and 24 % at 1 January 2023); the rest of each distribution is an assumption
 * of this demo: the main-residence distribution moved towards the worse classes.
 */
export const SECONDARY_TARGET: readonly number[] = [1, 2.5, 15, 27, 24.5, 13.5, 16.5];
export const VACANT_TARGET: readonly number[] = [1.2, 3, 18, 29.8, 24, 12, 12];
