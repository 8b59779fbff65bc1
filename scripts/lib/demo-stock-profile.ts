/**
 * What the stock model knows of one commune: dwellings, density, climate, census periods,
 * occupancy, apartment share and tenure. Census facts come first (`model-inputs.ts`); what the
 * census file does not give is modelled, and each rule says from what.
 */
import { CLIMATE_MODULATION, climateZoneOf } from '../../src/domain/climate-zones.ts';
import type { TerritoryCommune } from '../../src/domain/territory.ts';
import type { CommuneInput } from './model-inputs.ts';

/** Main residences per inhabitant: 0.55 dwellings per inhabitant × 82 % main residences. */
const MAIN_RESIDENCES_PER_INHABITANT = 0.55 * 0.82;

// Share of secondary homes before the commune-size modifier: mountain and island départements,
// then coastal and tourist ones (INSEE census, rounded); Île-de-France has very few.
const SECONDARY_HIGH = new Set('04 05 2A 2B 48 73'.split(' '));
const SECONDARY_TOURIST = new Set('06 09 11 15 17 22 29 34 40 46 56 66 74 83 85'.split(' '));
const ILE_DE_FRANCE = '11';
/** National share of main residences built before 1946 (census): the reference of `oldExcess`. */
const NATIONAL_OLD_SHARE = 0.22;
/** National share of main residences built since 2006 (census, with those built since it). */
const NATIONAL_RECENT_SHARE = 0.125;

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const logit = (p: number): number => Math.log(p / (1 - p));
const clamp = (x: number, low: number, high: number): number => Math.min(high, Math.max(low, x));

/** What the model needs to know about a commune. */
export interface CommuneProfile {
  dwellings: number;
  logPopulation: number;
  /** log10 of inhabitants per km². */
  logDensity: number;
  /** 0 in a village, 1 in a city: access to the gas grid and to heat networks. */
  urbanity: number;
  /** Share of main residences built before 1946 above the national 22 % (0 when below). */
  oldExcess: number;
  /**
   * How little is built (census share of main residences since 2006 below the national 12.5 %,
   * in steps of 5 points, within ±2): a slack market, low prices, fewer renovations of old homes.
   */
  marketSlack: number;
  /** 0.7 × ln(Mcgéo): how the climate zone moves log primary energy (heating ≈ 70 % of it). */
  climateLn: number;
  /** Weights of the census bins (`CENSUS_BINS`). */
  binWeights: readonly number[];
  /** Apartment share of each census bin. */
  apartmentByBin: readonly number[];
  /** Weights of the six statuses (four tenures, secondary, vacant), by housing type. */
  statusWeights: readonly (readonly number[])[];
}

/**
 * How much more often dwellings of a census bin are flats than the commune's average (log-odds):
 * post-war blocks, few flats among pre-1919 and 1991–2005 dwellings (INSEE census, national
 * tables by period); the commune's own apartment share is kept.
 */
const APARTMENT_BY_BIN = [-0.35, -0.1, 0.6, 0.2, -0.35, 0, 0.2];

/** Apartment share of each bin such that the weighted mean is `share` (bisection on an offset). */
function apartmentSharesByBin(share: number, bins: readonly number[]): number[] {
  const target = clamp(share, 0.005, 0.995);
  const at = (offset: number) => APARTMENT_BY_BIN.map((g) => sigmoid(logit(target) + g + offset));
  const mean = (shares: readonly number[]) =>
    shares.reduce((sum, s, k) => sum + s * (bins[k] ?? 0), 0);
  let low = -4;
  let high = 4;
  for (let i = 0; i < 30; i++) {
    const mid = (low + high) / 2;
    if (mean(at(mid)) < target) low = mid;
    else high = mid;
  }
  return at((low + high) / 2);
}

/**
 * Apartment share of all dwellings, modelled from density and size (both count: a dense village
 * has few flats): about 4 % in a village of 50 inhabitants per km², 25 % in a small dense town,
 * 80 % in an inner suburb, 98 % in Paris (INSEE census orders of magnitude).
 */
function modelledApartmentShare(logDensity: number, logPopulation: number): number {
  const z = 0.5 * (logDensity - 3.1) + 0.5 * (logPopulation - 4.1);
  return 0.02 + 0.96 * sigmoid(2.4 * z);
}

/**
 * Builds the profile of a commune from its population, density, département and census inputs.
 * With the commune's own census line, dwellings, occupancy, apartment share and tenure are the
 * census's; otherwise they are modelled as documented beside each rule.
 */
export function profileCommune(commune: TerritoryCommune, input: CommuneInput): CommuneProfile {
  const logPopulation = Math.log10(Math.max(commune.population, 1));
  const logDensity = Math.log10(Math.max(input.density ?? 10 ** (0.55 * logPopulation), 1));
  const dep = commune.code_departement;
  const idf = commune.code_region === ILE_DE_FRANCE;
  const urbanity = sigmoid(2.5 * (0.5 * (logPopulation - 3.4) + 0.5 * (logDensity - 2.4)));
  const old = (input.bins[0] ?? 0) + (input.bins[1] ?? 0);
  const oldExcess = Math.max(0, old - NATIONAL_OLD_SHARE);
  const recent = (input.bins[5] ?? 0) + (input.bins[6] ?? 0);
  const marketSlack = clamp((NATIONAL_RECENT_SHARE - recent) / 0.05, -2, 2);
  const census = input.census;

  const depSecondary = SECONDARY_HIGH.has(dep)
    ? 0.3
    : SECONDARY_TOURIST.has(dep)
      ? 0.2
      : idf
        ? dep === '75'
          ? 0.08
          : 0.025
        : 0.065 + 0.2 * oldExcess;
  let secondary = clamp(depSecondary * clamp(1.6 - 0.45 * (logPopulation - 2.7), 0.5, 1.8), 0, 0.6);
  // Vacancy is higher in villages and where the stock is old (INSEE census).
  let vacant = clamp(0.065 + 0.035 * (1 - urbanity) + 0.15 * oldExcess, 0, 0.2);
  let dwellings: number;
  if (census !== null && census.secondary !== null && census.vacant !== null) {
    const all = census.mainResidences + census.secondary + census.vacant;
    secondary = all > 0 ? census.secondary / all : 0;
    vacant = all > 0 ? census.vacant / all : 0;
    dwellings = all;
  } else {
    const share = 1 - secondary - vacant;
    dwellings =
      census !== null
        ? census.mainResidences / share
        : (commune.population * MAIN_RESIDENCES_PER_INHABITANT) / share;
  }
  const main = 1 - secondary - vacant;
  const houses = census?.houses ?? null;
  const flats = census?.flats ?? null;
  const apartmentShare =
    houses !== null && flats !== null && houses + flats > 0
      ? flats / (houses + flats)
      : modelledApartmentShare(logDensity, logPopulation + (idf ? 0.5 : 0));
  const censusTenure = census?.tenure ?? null;
  const tenures: readonly (readonly number[])[] =
    censusTenure?.some((t) => t > 0) === true
      ? [censusTenure, censusTenure]
      : [
          [0.8, 0.13, 0.045, 0.025],
          [0.3, 0.4, 0.27 * (0.6 + 0.4 * urbanity), 0.03],
        ];
  const statusWeights = tenures.map((shares) => {
    const total = shares.reduce((sum, share) => sum + share, 0);
    return [...shares.map((share) => (share / total) * main), secondary, vacant];
  });
  const zone = climateZoneOf(dep);
  return {
    dwellings,
    logPopulation,
    logDensity,
    urbanity,
    oldExcess,
    marketSlack,
    climateLn: zone === null ? 0 : 0.7 * Math.log(CLIMATE_MODULATION[zone]),
    binWeights: input.bins,
    apartmentByBin: apartmentSharesByBin(apartmentShare, input.bins),
    statusWeights,
  };
}
