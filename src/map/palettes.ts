/**
 * Colour-blind-safe sequential palettes for the choropleth, all ordered light to dark so that a
 * darker colour always means a higher value, whichever palette is chosen. The colours come from
 * d3-scale-chromatic; this module only chooses and orders them.
 *
 * - YlOrRd and Blues: ColorBrewer (Cynthia Brewer, colorbrewer2.org, Apache 2.0), rated colour-blind
 *   safe; ColorBrewer designs each class count separately, so the 3- to 9-class schemes are used
 *   as published (they are not subsets of one another).
 * - Viridis (van der Walt & Smith, matplotlib 1.5, 2015) and cividis (Nuñez, Anderton & Renslow,
 *   PLOS ONE 2018, designed for deuteranopia): continuous maps, sampled at 9 evenly spaced stops
 *   and interpolated linearly in RGB between them (the maps are near-linear at that spacing), so
 *   that a class keeps its colour whatever the class count. Reversed (yellow = low) to be light to
 *   dark.
 *
 * No-data colours are hueless greys, at least 20 CIELAB ΔE units from every colour of their
 * palette and 15 from the map background (checked in the tests): the cool grey of the first view,
 * except for Blues, whose light blues it resembles, which gets a warm grey.
 */
import {
  interpolateCividis,
  interpolateViridis,
  schemeBlues,
  schemeYlOrRd,
} from 'd3-scale-chromatic';

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

/** `#rrggbb` of a d3 colour string (`#rrggbb` or `rgb(r, g, b)`, as d3's interpolators return). */
function hexOf(colour: string): string {
  if (colour.startsWith('#')) return colour;
  return toHex(colour.match(/\d+/g)?.map(Number) ?? [0, 0, 0]);
}

/** 9 evenly spaced stops of a continuous map, reversed so that they run light (low) to dark. */
function stopsOf(interpolate: (t: number) => string): string[] {
  return Array.from({ length: 9 }, (_, i) => hexOf(interpolate(1 - i / 8)));
}

// Hueless greys (see the module comment for why these two).
const COOL_GREY = '#b4b9bf';
const WARM_GREY = '#8a8580';

/** The palettes, in the order of the palette switch; the first is the default. */
export const PALETTES: readonly Palette[] = [
  {
    id: 'ylorrd',
    label: 'Jaune-orange-rouge',
    kind: 'schemes',
    colours: schemeYlOrRd,
    noDataColour: COOL_GREY,
  },
  { id: 'blues', label: 'Bleus', kind: 'schemes', colours: schemeBlues, noDataColour: WARM_GREY },
  {
    id: 'viridis',
    label: 'Viridis',
    kind: 'stops',
    colours: stopsOf(interpolateViridis),
    noDataColour: COOL_GREY,
  },
  {
    id: 'cividis',
    label: 'Cividis',
    kind: 'stops',
    colours: stopsOf(interpolateCividis),
    noDataColour: COOL_GREY,
  },
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
