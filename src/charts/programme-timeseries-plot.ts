import * as Plot from '@observablehq/plot';
import { formatInteger } from '../domain/format.ts';
import type { MonthlyPoint } from '../domain/programme-kpis.ts';
import { formatMonthLong, formatMonthTick } from './programme-month.ts';

/** A KPI of the monthly series. */
export type TimeseriesKey = 'territories' | 'carnets' | 'works';

/** Colours of the realised line, per KPI; the target trajectory is grey and dashed. */
export const TIMESERIES_COLOURS: Readonly<Record<TimeseriesKey, string>> = {
  territories: '#1d4f91',
  carnets: '#c2410c',
  works: '#6d28d9',
};

/** Colour of the target trajectory. */
export const TRAJECTORY_COLOUR = '#6b7280';

/** Options of {@link programmeTimeseriesPlot}. */
export interface TimeseriesPlotOptions {
  width: number;
  height?: number;
  /** French name of the counted thing, for the tooltip (« carnets »). */
  noun: string;
}

interface Datum {
  date: Date;
  month: string;
  value: number;
  target: number;
}

const utcDate = (iso: string) =>
  new Date(
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))),
  );

/**
 * One KPI's monthly cumulative count (solid line) against the target trajectory (dashed), both
 * taken at the end of each month, with French month ticks and numbers, and a tooltip per month.
 */
export function programmeTimeseriesPlot(
  monthly: readonly MonthlyPoint[],
  key: TimeseriesKey,
  { width, height = 220, noun }: TimeseriesPlotOptions,
): SVGSVGElement | HTMLElement {
  const data: Datum[] = monthly.map((point) => ({
    date: utcDate(point.date),
    month: point.month,
    value: point[key],
    target: point.target[key],
  }));
  // A value withheld by the statistical secret is NaN: a gap in the line.
  const max = Math.max(
    1,
    ...data.map((d) => (Number.isFinite(d.value) ? Math.max(d.value, d.target) : d.target)),
  );
  return Plot.plot({
    width,
    height,
    marginLeft: 56,
    marginRight: 16,
    marginTop: 12,
    marginBottom: 28,
    style: { fontSize: '11px', fontFamily: 'inherit', overflow: 'visible' },
    ariaLabel: `Cumul mensuel des ${noun} et trajectoire cible`,
    x: { type: 'utc', label: null, ticks: '6 months', tickFormat: formatMonthTick },
    y: { domain: [0, max], grid: true, label: null, tickFormat: formatInteger, nice: true },
    marks: [
      Plot.ruleY([0], { stroke: '#9aa5b1' }),
      Plot.lineY(data, {
        x: 'date',
        y: 'target',
        stroke: TRAJECTORY_COLOUR,
        strokeWidth: 1.5,
        strokeDasharray: '5,4',
      }),
      Plot.lineY(data, {
        x: 'date',
        y: 'value',
        stroke: TIMESERIES_COLOURS[key],
        strokeWidth: 2.2,
      }),
      Plot.tip(
        data,
        Plot.pointerX({
          x: 'date',
          y: 'value',
          title: (d: Datum) =>
            `${formatMonthLong(d.month)}\n${Number.isFinite(d.value) ? formatInteger(d.value) : 's (secret statistique)'} ${noun} (cumul)\nTrajectoire cible : ${formatInteger(Math.round(d.target))}`,
        }),
      ),
    ],
  });
}
