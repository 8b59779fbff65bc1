/** A band of values `[min, max)`, a null bound being open (population, surface…). */
export interface Band {
  id: string;
  /** French label, as in the filters and the charts. */
  label: string;
  /** Lower bound included, or null for the first band. */
  min: number | null;
  /** Upper bound excluded, or null for the last band. */
  max: number | null;
}

/** Id of the band of `value` among `bands` (smallest first, covering every value they accept). */
export function bandOf<B extends Band>(bands: readonly B[], value: number): B['id'] | null {
  return bands.find((band) => band.max === null || value < band.max)?.id ?? null;
}

/** Whether `value` is the id of one of `bands` (e.g. read from the URL). */
export function isBandId<B extends Band>(bands: readonly B[], value: unknown): value is B['id'] {
  return bands.some((band) => band.id === value);
}
