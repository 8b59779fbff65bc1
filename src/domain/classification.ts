/**
 * The choices that class and colour a choropleth, as the URL shares them: the classification
 * method and the palette. Their French names, the breaks and the colours live in `src/map/`
 * (`class-breaks.ts`, `palettes.ts`).
 */

const CLASSIFICATION_METHOD_IDS = ['quantile', 'jenks', 'fixed'] as const;

/** How values are cut into classes. */
export type ClassificationMethod = (typeof CLASSIFICATION_METHOD_IDS)[number];

/** The method used when nothing else is asked for. */
export const DEFAULT_CLASSIFICATION_METHOD: ClassificationMethod = 'quantile';

/** Whether a value is a classification method id (e.g. read from the URL). */
export function isClassificationMethod(value: unknown): value is ClassificationMethod {
  return CLASSIFICATION_METHOD_IDS.some((id) => id === value);
}

const PALETTE_IDS = ['ylorrd', 'blues', 'viridis', 'cividis'] as const;

/** Identifiers of the palettes. */
export type PaletteId = (typeof PALETTE_IDS)[number];

/** The palette used when nothing else is asked for (the one of the first view). */
export const DEFAULT_PALETTE_ID: PaletteId = 'ylorrd';

/** Whether a value is a palette id (e.g. read from the URL). */
export function isPaletteId(value: unknown): value is PaletteId {
  return PALETTE_IDS.some((id) => id === value);
}
