/**
 * Browser entry of the chart snapshot test: draws every Observable Plot chart of src/charts on
 * fixed data and exposes their markup as `window.__chartMarkup`. Bundled by the test with Vite.
 */
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { campaignEffectPlot } from '../../src/charts/campaign-effect-plot.ts';
import { completeLabelDistribution } from '../../src/charts/label-distribution.ts';
import { labelDistributionPlot } from '../../src/charts/label-distribution-plot.ts';
import {
  type DepartementProperties,
  maprimerenovMapPlot,
  maprimerenovSeriesPlot,
} from '../../src/charts/programme-maprimerenov-plot.ts';
import { programmeTimeseriesPlot } from '../../src/charts/programme-timeseries-plot.ts';
import type { ShownGroup, ShownGroupOutcome } from '../../src/domain/campaign-public.ts';
import type { MonthlyPoint } from '../../src/domain/programme-kpis.ts';

declare global {
  interface Window {
    __chartMarkup?: Record<string, string>;
  }
}

const MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];
/** Two years of months, 2023-01 to 2024-12, for the programme series. */
const YEARS = Array.from(
  { length: 24 },
  (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
);

function square(code: string, nom: string, west: number, south: number): Feature<Polygon> {
  // Clockwise, as d3-geo wants an exterior ring (the other way round is the rest of the globe).
  const ring = [
    [west, south],
    [west, south + 1],
    [west + 1.5, south + 1],
    [west + 1.5, south],
    [west, south],
  ];
  return {
    type: 'Feature',
    properties: { code, nom },
    geometry: { type: 'Polygon', coordinates: [ring] },
  };
}

const DEPARTEMENTS = {
  type: 'FeatureCollection',
  features: [
    square('01', 'Ain', 4.5, 45.6),
    square('35', 'Ille-et-Vilaine', -2.3, 47.6),
    square('59', 'Nord', 2.5, 50),
    square('75', 'Paris', 1.8, 48.3),
    square('13', 'Bouches-du-Rhône', 4.3, 43.2),
  ],
} as FeatureCollection<Polygon, DepartementProperties>;

function outcome(monthly: (number | null)[]): ShownGroupOutcome {
  return {
    before: { count: 30, rate: 3 },
    after: { count: 52, rate: 5.2 },
    monthly,
  };
}

function group(fgDwellings: number, carnets: (number | null)[]): ShownGroup {
  return { units: 4, fgDwellings, carnets: outcome(carnets), works: outcome([1, 2, 1, 3, 2, 4]) };
}

const monthly: MonthlyPoint[] = YEARS.map((month, i) => ({
  month,
  date: `${month}-28`,
  territories: 10 + 3 * i,
  carnets: 40 * i * i,
  works: 35 * i,
  target: { territories: 12 + 2 * i, carnets: 900 * i, works: 60 * i },
}));

const distribution = completeLabelDistribution([
  { label: 'A', dwellings: 1_204 },
  { label: 'B', dwellings: 3_877 },
  { label: 'C', dwellings: 25_310 },
  { label: 'D', dwellings: 41_009 },
  { label: 'E', dwellings: 30_118 },
  { label: 'F', dwellings: 12_764 },
  { label: 'G', dwellings: 6_902 },
  { label: null, dwellings: 2_000 },
]);

const charts = {
  'label-distribution': () => labelDistributionPlot(distribution.counts, { width: 320 }),
  'programme-timeseries-carnets': () =>
    programmeTimeseriesPlot(monthly, 'carnets', { width: 480, noun: 'carnets' }),
  'maprimerenov-map': () =>
    maprimerenovMapPlot(
      DEPARTEMENTS,
      new Map([
        ['01', 1_200],
        ['35', 4_800],
        ['59', 9_500],
        ['75', 2_100],
        ['13', null],
      ]),
      { width: 320, selected: '35', month: '2024-06' },
    ),
  'maprimerenov-series': () =>
    maprimerenovSeriesPlot(
      {
        code: '35',
        name: 'Ille-et-Vilaine',
        points: [
          ...YEARS.slice(0, 14).map((month, i) => ({
            month,
            cumulative: 1_000 + 450 * i,
            source: 'barometre' as const,
          })),
          ...YEARS.slice(15).map((month, i) => ({
            month,
            cumulative: 7_500 + 500 * i,
            source: 'ditp' as const,
          })),
        ],
      },
      { width: 480 },
    ),
  'campaign-effect-carnets': () =>
    campaignEffectPlot({
      outcome: 'carnets',
      months: MONTHS,
      target: group(8_000, [20, 22, 19, 41, 45, null]),
      control: group(12_000, [30, 28, 33, 35, 31, 36]),
      start: '2024-04-01',
      end: '2024-05-15',
      width: 480,
    }),
} satisfies Record<string, () => Element>;

/** Names of the charts drawn (and of their snapshot files). */
export type ChartName = keyof typeof charts;

window.__chartMarkup = Object.fromEntries(
  Object.entries(charts).map(([name, draw]) => [name, draw().outerHTML]),
);
