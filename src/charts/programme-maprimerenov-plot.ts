import * as Plot from '@observablehq/plot';
import type { FeatureCollection, Geometry } from 'geojson';
import { formatInteger } from '../domain/format.ts';
import type { MaprimerenovSeries, MaprimerenovSource } from '../domain/maprimerenov.ts';
import { formatMonthLong, formatMonthTick, monthDate } from './programme-month.ts';

/** Properties of a département outline (`departements.geojson`). */
export interface DepartementProperties {
  code: string;
  nom: string;
}

/** Names of the two sources in French, for legends. */
export const MAPRIMERENOV_SOURCE_LABELS: Readonly<Record<MaprimerenovSource, string>> = {
  barometre: 'Baromètre Etalab',
  ditp: 'DITP IND-292',
};

/** Line colours of the two sources. */
export const MAPRIMERENOV_SOURCE_COLOURS: Readonly<Record<MaprimerenovSource, string>> = {
  barometre: '#2b6cb0',
  ditp: '#0f766e',
};

/** Options of {@link maprimerenovMapPlot}. */
export interface MaprimerenovMapOptions {
  width: number;
  /** Code of the outlined département. */
  selected: string | null;
  /** French month of the counts (legend title). */
  month: string;
}

/**
 * Metropolitan départements coloured by their cumulative count of validated files (quantile
 * classes, blues), in a conic conformal projection fitted to the outlines, with a French legend
 * and a tooltip per département. Overseas départements are listed beside the map by the view.
 */
export function maprimerenovMapPlot(
  departements: FeatureCollection<Geometry, DepartementProperties>,
  counts: ReadonlyMap<string, number | null>,
  { width, selected, month }: MaprimerenovMapOptions,
): SVGSVGElement | HTMLElement {
  const features = departements.features;
  const value = (code: string) => counts.get(code) ?? null;
  const chosen = features.filter((f) => f.properties.code === selected);
  return Plot.plot({
    width,
    height: Math.round(width * 0.95),
    margin: 4,
    style: { fontSize: '11px', fontFamily: 'inherit' },
    ariaLabel: `Dossiers MaPrimeRénov' validés par département, cumul à ${formatMonthLong(month)}`,
    projection: {
      type: 'conic-conformal',
      parallels: [44, 49],
      rotate: [-3, 0],
      domain: departements,
    },
    color: {
      type: 'quantile',
      n: 5,
      scheme: 'blues',
      legend: true,
      label: `Dossiers validés, cumul à ${formatMonthLong(month)}`,
      tickFormat: (d: number) => formatInteger(d),
      unknown: '#b4b9bf',
    },
    marks: [
      Plot.geo(features, {
        fill: (f: (typeof features)[number]) => value(f.properties.code),
        stroke: '#ffffff',
        strokeWidth: 0.5,
      }),
      Plot.geo(chosen, { stroke: '#111827', strokeWidth: 2.2, fill: 'none' }),
      Plot.tip(
        features,
        Plot.pointer(
          Plot.geoCentroid({
            title: (f: (typeof features)[number]) =>
              `${f.properties.nom} (${f.properties.code})\n${formatInteger(value(f.properties.code))} dossiers validés`,
          }),
        ),
      ),
    ],
  });
}

interface SeriesDatum {
  date: Date;
  month: string;
  value: number;
  source: MaprimerenovSource;
}

/** Options of {@link maprimerenovSeriesPlot}. */
export interface MaprimerenovSeriesOptions {
  width: number;
  height?: number;
}

/**
 * A cumulative monthly series of validated files, one line per source (the two sources are not
 * joined: a missing month and a break separate them), with French ticks and a tooltip.
 */
export function maprimerenovSeriesPlot(
  series: MaprimerenovSeries,
  { width, height = 200 }: MaprimerenovSeriesOptions,
): SVGSVGElement | HTMLElement {
  const data: SeriesDatum[] = series.points.map((p) => ({
    date: monthDate(p.month),
    month: p.month,
    value: p.cumulative,
    source: p.source,
  }));
  return Plot.plot({
    width,
    height,
    marginLeft: 64,
    marginRight: 12,
    marginTop: 12,
    marginBottom: 28,
    style: { fontSize: '11px', fontFamily: 'inherit', overflow: 'visible' },
    ariaLabel: `Dossiers MaPrimeRénov' validés en cumul : ${series.name ?? series.code}`,
    x: { type: 'utc', label: null, ticks: '1 year', tickFormat: formatMonthTick },
    y: { grid: true, label: null, tickFormat: formatInteger, zero: true, nice: true },
    color: {
      domain: Object.keys(MAPRIMERENOV_SOURCE_LABELS),
      range: Object.values(MAPRIMERENOV_SOURCE_COLOURS),
    },
    marks: [
      Plot.ruleY([0], { stroke: '#9aa5b1' }),
      Plot.lineY(data, { x: 'date', y: 'value', z: 'source', stroke: 'source', strokeWidth: 2 }),
      Plot.dot(data, { x: 'date', y: 'value', fill: 'source', r: 1.6 }),
      Plot.tip(
        data,
        Plot.pointerX({
          x: 'date',
          y: 'value',
          title: (d: SeriesDatum) =>
            `${formatMonthLong(d.month)}\n${formatInteger(d.value)} dossiers validés (cumul)\nSource : ${MAPRIMERENOV_SOURCE_LABELS[d.source]}`,
        }),
      ),
    ],
  });
}
