import { formatDecimal, formatInteger, formatPercent, MISSING_VALUE } from '../domain/format.ts';

/** Indicators of one EPCI that the map can show (the columns of the per-EPCI aggregates). */
export interface EpciIndicators {
  dwellings: number;
  fg_count: number;
  fg_share: number | null;
  mean_ep: number | null;
  total_ef_gwh: number | null;
}

/** Identifiers of the map metrics. */
export type MetricId = 'fg_share' | 'fg_count' | 'dwellings' | 'mean_ep' | 'total_ef_gwh';

/** A quantity the choropleth can show, with its French label, unit and formatting. */
export interface Metric {
  id: MetricId;
  /** French label, as in the metric switch. */
  label: string;
  /** French unit, as in the legend title. */
  unit: string;
  /** Value of the metric for one EPCI; null when it cannot be computed. */
  accessor: (indicators: EpciIndicators) => number | null;
  /** Number only (with '%' for shares), for legend bounds. */
  formatNumber: (value: number | null) => string;
  /** Number with its unit, for tooltips and panels; '–' when missing. */
  format: (value: number | null) => string;
  /** Rounds a class break to the precision shown, so that the legend says exactly what is drawn. */
  roundBreak: (value: number) => number;
}

function withUnit(formatNumber: (value: number | null) => string, unit: string) {
  return (value: number | null): string => {
    const text = formatNumber(value);
    return text === MISSING_VALUE ? text : `${text}\u00a0${unit}`;
  };
}

const roundTo = (step: number) => (value: number) => Math.round(value / step) * step;
const formatTenths = (value: number | null) => formatDecimal(value, 1);

/** The metrics of the territory map, in the order of the metric switch. */
export const METRICS: readonly Metric[] = [
  {
    id: 'fg_share',
    label: 'Part de passoires F/G',
    unit: '%',
    accessor: (row) => row.fg_share,
    formatNumber: (value) => formatPercent(value, 1),
    format: (value) => formatPercent(value, 1),
    // Shares are drawn to a tenth of a percent.
    roundBreak: (value) => Math.round(value * 1000) / 1000,
  },
  {
    id: 'fg_count',
    label: 'Nombre de passoires F/G',
    unit: 'logements',
    accessor: (row) => row.fg_count,
    formatNumber: formatInteger,
    format: withUnit(formatInteger, 'logements'),
    roundBreak: Math.round,
  },
  {
    id: 'dwellings',
    label: 'Logements',
    unit: 'logements',
    accessor: (row) => row.dwellings,
    formatNumber: formatInteger,
    format: withUnit(formatInteger, 'logements'),
    roundBreak: Math.round,
  },
  {
    id: 'mean_ep',
    label: 'Consommation moyenne en énergie primaire',
    unit: 'kWhEP/m²/an',
    accessor: (row) => row.mean_ep,
    formatNumber: formatInteger,
    format: withUnit(formatInteger, 'kWhEP/m²/an'),
    roundBreak: Math.round,
  },
  {
    id: 'total_ef_gwh',
    label: 'Consommation totale en énergie finale',
    unit: 'GWh/an',
    accessor: (row) => row.total_ef_gwh,
    formatNumber: formatTenths,
    format: withUnit(formatTenths, 'GWh/an'),
    roundBreak: roundTo(0.1),
  },
];

/** The metric shown when nothing else is asked for. */
export const DEFAULT_METRIC_ID: MetricId = 'fg_share';

/** True for a known metric id (e.g. one read from the URL). */
export function isMetricId(value: unknown): value is MetricId {
  return METRICS.some((metric) => metric.id === value);
}

/** The metric with this id. */
export function getMetric(id: MetricId): Metric {
  const metric = METRICS.find((candidate) => candidate.id === id);
  if (metric === undefined) throw new Error(`Unknown metric ${id}`);
  return metric;
}
