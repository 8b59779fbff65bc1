/**
 * Surface bands of the territory analysis (living area, m²), each half-open `[min, max)`.
 *
 * Why these bounds:
 * - 30 and 100 m²: the bounds of the ONRE/SDES statistics on labels by surface (F/G share 34 %
 *   under 30 m² against 13 % over 100 m², domain reference §4), so that a territory can be set
 *   beside the national figures;
 * - 40 m²: the small-dwelling DPE rule ({@link SMALL_DWELLING_LIMIT_M2}, arrêté du 25 mars 2024):
 *   under it the class bounds are raised, so 30–40 m² dwellings are worth isolating;
 * - 60 and 80 m²: split the bulk of the stock (apartments and small houses) into readable parts;
 * - 150 m²: separates large houses, whose total consumption weighs on the territory.
 */
import { type Band, bandOf, isBandId } from './bands.ts';
import { SMALL_DWELLING_LIMIT_M2 } from './dpe.ts';

/** The surface bands, smallest first; they cover every positive surface exactly once. */
export const SURFACE_BANDS = [
  { id: 'moins_30', label: 'Moins de 30 m²', min: null, max: 30 },
  { id: '30_40', label: '30 à 40 m²', min: 30, max: SMALL_DWELLING_LIMIT_M2 },
  { id: '40_60', label: '40 à 60 m²', min: SMALL_DWELLING_LIMIT_M2, max: 60 },
  { id: '60_80', label: '60 à 80 m²', min: 60, max: 80 },
  { id: '80_100', label: '80 à 100 m²', min: 80, max: 100 },
  { id: '100_150', label: '100 à 150 m²', min: 100, max: 150 },
  { id: '150_plus', label: '150 m² ou plus', min: 150, max: null },
] as const satisfies readonly Band[];

/** Identifier of a surface band. */
export type SurfaceBandId = (typeof SURFACE_BANDS)[number]['id'];

/** The band ids in order. */
export const SURFACE_BAND_IDS: readonly SurfaceBandId[] = SURFACE_BANDS.map((band) => band.id);

/** Whether a value is a surface band id (e.g. read from the URL). */
export function isSurfaceBandId(value: unknown): value is SurfaceBandId {
  return isBandId(SURFACE_BANDS, value);
}

/** The band with this id. */
export function getSurfaceBand(id: SurfaceBandId): Band {
  const band = SURFACE_BANDS.find((candidate) => candidate.id === id);
  if (band === undefined) throw new RangeError(`Unknown surface band ${id}`);
  return band;
}

/** Band of a surface in m²; null for a missing, non-finite or non-positive surface. */
export function surfaceBandOf(surfaceM2: number | null | undefined): SurfaceBandId | null {
  if (surfaceM2 == null || !Number.isFinite(surfaceM2) || surfaceM2 <= 0) return null;
  return bandOf(SURFACE_BANDS, surfaceM2);
}
