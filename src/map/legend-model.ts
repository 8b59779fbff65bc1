import { type ClassedScale, NO_DATA_COLOUR } from './colour-scale.ts';
import type { Metric } from './metrics.ts';

/** One class of the legend: its colour and its French-formatted bounds. */
export interface LegendClass {
  colour: string;
  /** Lower bound, included. */
  from: number;
  /** Upper bound, excluded except for the last class. */
  to: number;
  label: string;
}

/** What the legend shows: a title with the unit, the classes low to high, the no-data entry. */
export interface LegendModel {
  title: string;
  classes: LegendClass[];
  noData: { colour: string; label: string };
}

/** Builds the legend of a classed scale for a metric. */
export function buildLegendModel(metric: Metric, scale: ClassedScale): LegendModel {
  const classes: LegendClass[] = [];
  if (scale.extent !== null) {
    const [min, max] = scale.extent;
    const limits = [min, ...scale.breaks, max];
    scale.colours.forEach((colour, index) => {
      const from = limits[index] ?? min;
      const to = limits[index + 1] ?? max;
      const label =
        from === to
          ? metric.formatNumber(from)
          : `${metric.formatNumber(from)} – ${metric.formatNumber(to)}`;
      classes.push({ colour, from, to, label });
    });
  }
  return {
    title: `${metric.label} (${metric.unit})`,
    classes,
    noData: { colour: NO_DATA_COLOUR, label: 'Pas de données' },
  };
}
