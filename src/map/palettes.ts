/**
 * Colour-blind-safe sequential palettes for the choropleth, all ordered light to dark so that a
 * darker colour always means a higher value, whichever palette is chosen.
 *
 * - YlOrRd and Blues: ColorBrewer (Cynthia Brewer, colorbrewer2.org, Apache 2.0), rated colour-blind
 *   safe; ColorBrewer designs each class count separately, so the 3- to 9-class schemes are kept
 *   as published (they are not subsets of one another).
 * - Viridis (van der Walt & Smith, matplotlib 1.5, 2015) and cividis (Nuñez, Anderton & Renslow,
 *   PLOS ONE 2018, designed for deuteranopia): continuous maps, given by 9 evenly spaced stops and
 *   interpolated linearly in RGB between them (the maps are near-linear at that spacing). Viridis
 *   stops are samples of the matplotlib table; cividis stops are samples of the fit of the
 *   published table used by d3-scale-chromatic. Reversed here (yellow = low) to be light to dark.
 *
 * No-data colours are hueless greys, at least 20 CIELAB ΔE units from every colour of their
 * palette and 15 from the map background (checked in the tests): the cool grey of the first view,
 * except for Blues, whose light blues it resembles, which gets a warm grey.
 */

import type { PaletteId } from '../domain/classification.ts';

/** One palette: its French name and how it yields colours. */
export interface Palette {
  id: PaletteId;
  /** French name, as in the palette switch. */
  label: string;
  /** ColorBrewer: the published scheme per class count (3..9). Continuous: 9 stops, low to high. */
  kind: 'schemes' | 'stops';
  colours: Readonly<Record<number, readonly string[]>> | readonly string[];
  /** Colour of territories without a value: a grey far from every colour of the palette. */
  noDataColour: string;
}

/** Fewest and most classes a palette can colour. */
const MIN_CLASSES = 1;
export const MAX_CLASSES = 9;

const YLORRD: Readonly<Record<number, readonly string[]>> = {
  3: ['#ffeda0', '#feb24c', '#f03b20'],
  4: ['#ffffb2', '#fecc5c', '#fd8d3c', '#e31a1c'],
  5: ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'],
  6: ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#f03b20', '#bd0026'],
  7: ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026'],
  8: ['#ffffcc', '#ffeda0', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026'],
  9: [
    '#ffffcc',
    '#ffeda0',
    '#fed976',
    '#feb24c',
    '#fd8d3c',
    '#fc4e2a',
    '#e31a1c',
    '#bd0026',
    '#800026',
  ],
};

const BLUES: Readonly<Record<number, readonly string[]>> = {
  3: ['#deebf7', '#9ecae1', '#3182bd'],
  4: ['#eff3ff', '#bdd7e7', '#6baed6', '#2171b5'],
  5: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'],
  6: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'],
  7: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594'],
  8: ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594'],
  9: [
    '#f7fbff',
    '#deebf7',
    '#c6dbef',
    '#9ecae1',
    '#6baed6',
    '#4292c6',
    '#2171b5',
    '#08519c',
    '#08306b',
  ],
};

const VIRIDIS = [
  '#fde725',
  '#addc30',
  '#5ec962',
  '#28ae80',
  '#21918c',
  '#2c728e',
  '#3b528b',
  '#472d7b',
  '#440154',
];

const CIVIDIS = [
  '#fdea45',
  '#e2cb5c',
  '#bbaf71',
  '#9a9478',
  '#7f7c75',
  '#62646f',
  '#3c4d6e',
  '#11366c',
  '#002051',
];

const COOL_GREY = '#b4b9bf';
const WARM_GREY = '#8a8580';

/** The palettes, in the order of the palette switch; the first is the default. */
export const PALETTES: readonly Palette[] = [
  {
    id: 'ylorrd',
    label: 'Jaune-orange-rouge',
    kind: 'schemes',
    colours: YLORRD,
    noDataColour: COOL_GREY,
  },
  { id: 'blues', label: 'Bleus', kind: 'schemes', colours: BLUES, noDataColour: WARM_GREY },
  { id: 'viridis', label: 'Viridis', kind: 'stops', colours: VIRIDIS, noDataColour: COOL_GREY },
  { id: 'cividis', label: 'Cividis', kind: 'stops', colours: CIVIDIS, noDataColour: COOL_GREY },
];

/** The palette with this id. */
export function getPalette(id: PaletteId): Palette {
  const palette = PALETTES.find((candidate) => candidate.id === id);
  if (palette === undefined) throw new RangeError(`Unknown palette ${id}`);
  return palette;
}

function channels(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

function toHex(rgb: readonly number[]): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** Colour at `t` (0–1) along stops, interpolated linearly in RGB. */
function sampleStops(stops: readonly string[], t: number): string {
  const position = t * (stops.length - 1);
  const index = Math.min(Math.floor(position), stops.length - 2);
  const from = channels(stops[index] ?? '#000000');
  const to = channels(stops[index + 1] ?? '#000000');
  const f = position - index;
  return toHex(from.map((c, i) => c + f * ((to[i] ?? c) - c)));
}

/**
 * `count` colours of a palette, light (low) to dark (high). ColorBrewer schemes give their published
 * scheme for 3..9 classes (the ends of the 3-class scheme for 2, its middle for 1); continuous
 * palettes are sampled evenly, one class taking the middle.
 */
export function paletteColours(id: PaletteId, count: number): string[] {
  if (!Number.isInteger(count) || count < MIN_CLASSES || count > MAX_CLASSES) {
    throw new RangeError(
      `Une palette compte de ${MIN_CLASSES} à ${MAX_CLASSES} classes, pas ${count}.`,
    );
  }
  const palette = getPalette(id);
  if (palette.kind === 'schemes') {
    const schemes = palette.colours as Readonly<Record<number, readonly string[]>>;
    const three = schemes[3] ?? [];
    if (count === 1) return [three[1] ?? ''];
    if (count === 2) return [three[0] ?? '', three[2] ?? ''];
    return [...(schemes[count] ?? [])];
  }
  const stops = palette.colours as readonly string[];
  if (count === 1) return [sampleStops(stops, 0.5)];
  return Array.from({ length: count }, (_, i) => sampleStops(stops, i / (count - 1)));
}
