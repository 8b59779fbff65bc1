import { type Indicator, indicatorHeading, SMALL_COUNT_THRESHOLD } from '../domain/indicators.ts';
import { CLASSIFICATION_METHODS } from './class-breaks.ts';
import { type ClassedScale, NO_DATA_COLOUR } from './colour-scale.ts';

/** One class of the legend: its colour and its French-formatted bounds. */
export interface LegendClass {
  colour: string;
  /** Lower bound, included; -Infinity for the open first class of fixed thresholds. */
  from: number;
  /** Upper bound, excluded except for the last class; +Infinity for the open last fixed class. */
  to: number;
  label: string;
}

/** How the map marks territories whose figures rest on a small count. */
export interface SmallCountEntry {
  /** Outline drawn around such territories (their fill keeps the class colour)… */
  outlineColour: string;
  outlineWidthPixels: number;
  /** …over a wider light halo, so that it shows on the darkest classes too. */
  haloColour: string;
  haloWidthPixels: number;
  label: string;
}

/** What the legend shows: a title with the unit, the classes low to high, the no-data entry. */
export interface LegendModel {
  title: string;
  classes: LegendClass[];
  noData: { colour: string; label: string };
  /** French name of the classification method, when the scale says which. */
  method?: string;
  /** Present when some territory on the map is flagged as resting on a small count. */
  smallCount?: SmallCountEntry;
}

/** What the legend needs of an indicator of the catalogue. */
export type LegendMetric = Pick<Indicator, 'label' | 'unit' | 'formatNumber'>;

/** Options of {@link buildLegendModel}. */
export interface LegendOptions {
  /** Adds the small-count entry (when the map shows at least one flagged territory). */
  smallCount?: boolean;
  /** Threshold quoted in the small-count label. */
  smallCountThreshold?: number;
}

/**
 * The small-count mark: a dark outline over a white halo, readable on light and dark classes alike,
 * while the fill keeps its class colour (fading it would read as a lower class).
 */
export const SMALL_COUNT_OUTLINE = {
  colour: '#1b1f24',
  widthPixels: 1.5,
  haloColour: '#ffffff',
  haloWidthPixels: 3.5,
} as const;

function smallCountEntry(threshold: number): SmallCountEntry {
  return {
    outlineColour: SMALL_COUNT_OUTLINE.colour,
    outlineWidthPixels: SMALL_COUNT_OUTLINE.widthPixels,
    haloColour: SMALL_COUNT_OUTLINE.haloColour,
    haloWidthPixels: SMALL_COUNT_OUTLINE.haloWidthPixels,
    label: `Effectif faible (moins de ${threshold} enregistrements ou logements) : valeur fragile`,
  };
}

function rangeLabel(metric: LegendMetric, from: number, to: number): string {
  if (from === Number.NEGATIVE_INFINITY) return `moins de ${metric.formatNumber(to)}`;
  if (to === Number.POSITIVE_INFINITY) return `${metric.formatNumber(from)} ou plus`;
  return from === to
    ? metric.formatNumber(from)
    : `${metric.formatNumber(from)} – ${metric.formatNumber(to)}`;
}

// Fixed thresholds do not depend on the data: every class is shown, the ends open.
function fixedClasses(metric: LegendMetric, scale: ClassedScale): LegendClass[] {
  const limits = [Number.NEGATIVE_INFINITY, ...scale.breaks, Number.POSITIVE_INFINITY];
  return scale.colours.map((colour, index) => {
    const from = limits[index] ?? Number.NEGATIVE_INFINITY;
    const to = limits[index + 1] ?? Number.POSITIVE_INFINITY;
    return { colour, from, to, label: rangeLabel(metric, from, to) };
  });
}

function dataClasses(metric: LegendMetric, scale: ClassedScale): LegendClass[] {
  if (scale.extent === null) return [];
  const [min, max] = scale.extent;
  const limits = [min, ...scale.breaks, max];
  return scale.colours.map((colour, index) => {
    const from = limits[index] ?? min;
    const to = limits[index + 1] ?? max;
    return { colour, from, to, label: rangeLabel(metric, from, to) };
  });
}

/** Builds the legend of a classed scale for a metric. */
export function buildLegendModel(
  metric: LegendMetric,
  scale: ClassedScale,
  options: LegendOptions = {},
): LegendModel {
  const legend: LegendModel = {
    title: indicatorHeading(metric),
    classes: scale.method === 'fixed' ? fixedClasses(metric, scale) : dataClasses(metric, scale),
    noData: { colour: scale.noDataColour ?? NO_DATA_COLOUR, label: 'Pas de données' },
  };
  const method = CLASSIFICATION_METHODS.find((candidate) => candidate.id === scale.method);
  if (method !== undefined) legend.method = method.label;
  if (options.smallCount === true) {
    legend.smallCount = smallCountEntry(options.smallCountThreshold ?? SMALL_COUNT_THRESHOLD);
  }
  return legend;
}
