/**
 * "Similar territories" of an EPCI: the other EPCI of the same legal form (CA, CC, CU, ME…) and
 * the same population band, whose indicators (median and mean) give a reference that neither
 * the département nor France can give to, say, a rural communauté de communes.
 *
 * Population bands follow the thresholds of the law on EPCI:
 * - 15 000 inhabitants: minimum population of an EPCI à fiscalité propre since the loi NOTRe
 *   (7 août 2015), with exceptions down to 5 000 (mountain, low density);
 * - 50 000: minimum of a communauté d'agglomération (CGCT L5216-1);
 * - 250 000: minimum of a communauté urbaine since the loi MAPTAM (27 janvier 2014, CGCT L5215-1);
 * - 100 000: splits the wide 50 000–250 000 range, where most agglomerations lie.
 */
import { type Band, bandOf, isBandId } from './bands.ts';

/** The population bands, smallest first. */
export const POPULATION_BANDS = [
  { id: 'moins_15k', label: 'moins de 15 000 habitants', min: null, max: 15_000 },
  { id: '15k_50k', label: '15 000 à 50 000 habitants', min: 15_000, max: 50_000 },
  { id: '50k_100k', label: '50 000 à 100 000 habitants', min: 50_000, max: 100_000 },
  { id: '100k_250k', label: '100 000 à 250 000 habitants', min: 100_000, max: 250_000 },
  { id: '250k_plus', label: '250 000 habitants ou plus', min: 250_000, max: null },
] as const satisfies readonly Band[];

/** Identifier of a population band. */
export type PopulationBandId = (typeof POPULATION_BANDS)[number]['id'];

/** Band of a population; null when it is missing or negative. */
export function populationBandOf(population: number | null | undefined): PopulationBandId | null {
  if (population == null || !Number.isFinite(population) || population < 0) return null;
  return bandOf(POPULATION_BANDS, population);
}

/** Whether a value is a population band id. */
export function isPopulationBandId(value: unknown): value is PopulationBandId {
  return isBandId(POPULATION_BANDS, value);
}

/** The EPCI attributes that decide similarity (as in `territory_epci`). */
export interface EpciProfile {
  code_epci: string;
  type_epci: string;
  population: number | null;
}

/** Whether `other` is a peer of `epci`: another EPCI, same legal form, same population band. */
export function isSimilarTerritory(epci: EpciProfile, other: EpciProfile): boolean {
  const band = populationBandOf(epci.population);
  return (
    other.code_epci !== epci.code_epci &&
    other.type_epci === epci.type_epci &&
    band !== null &&
    populationBandOf(other.population) === band
  );
}

const PLURAL_TYPES: Readonly<Record<string, string>> = {
  CA: "Communautés d'agglomération",
  CC: 'Communautés de communes',
  CU: 'Communautés urbaines',
  ME: 'Métropoles',
  METLYON: 'Métropole de Lyon',
};

/**
 * French caption of a peer group: « Communautés de communes de 15 000 à 50 000 habitants ».
 * An unknown legal form is shown as its code.
 */
export function peerGroupLabel(typeEpci: string, band: PopulationBandId): string {
  const type = PLURAL_TYPES[typeEpci] ?? `EPCI de type ${typeEpci}`;
  const bandLabel = POPULATION_BANDS.find((candidate) => candidate.id === band)?.label ?? band;
  return `${type} de ${bandLabel}`;
}
