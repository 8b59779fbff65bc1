/**
 * Shareable state of the territory analysis, kept in the URL query so that a view can be bookmarked,
 * sent, and navigated with back/forward:
 *
 * `?jeu=demo&niveau=commune&epci=200000172&indicateur=fg_share&etiq=F,G&periode=avant_1948
 *   &classes=fixes&seuils=0.1,0.2&palette=viridis&carte=1.6888,46.8123,8.5&vue=tableau`
 *
 * Parameters at their default are left out. The parameters of the first view (`jeu`, `indicateur`,
 * `epci`) keep their meaning, so existing links still work. An invalid parameter is ignored and
 * reported by a French notice; parsing never throws. Each parameter is declared in
 * `url-schema.ts`; this module composes them.
 */

import type { ClassificationMethod, PaletteId } from '../domain/classification.ts';
import type { IndicatorId } from '../domain/indicators.ts';
import { TERRITORY_LEVELS, type TerritoryLevel, type TerritoryRef } from '../domain/territory.ts';
import {
  FILTER_KEYS,
  type FilterKey,
  type FilterValues,
  type StockFilters,
} from '../sql/filters.ts';
import {
  appendParam,
  ignored,
  type MapPosition,
  readParam,
  TOP_VIEWS,
  toSearch,
  URL_PARAMS,
  type UrlParam,
} from './url-schema.ts';

/** Selected values of every dimension: empty means not filtered; values in the dimension order. */
export type AnalysisFilters = { [K in FilterKey]: FilterValues[K][] };

/** Everything the URL shares. */
export interface AnalysisState {
  /** Dataset id, or null for the first dataset of the manifest. */
  dataset: string | null;
  /** Level of the territories on the map and in the table. */
  level: TerritoryLevel;
  /** Selected territory, or null. */
  selection: TerritoryRef | null;
  metric: IndicatorId;
  filters: AnalysisFilters;
  method: ClassificationMethod;
  /** User-given thresholds of the fixed method (inner breaks), or null for the metric's defaults. */
  thresholds: number[] | null;
  palette: PaletteId;
  /** Map position, or null to fit the selection (or France). */
  map: MapPosition | null;
  /** The table view instead of the map. */
  table: boolean;
}

/** Result of {@link parseAnalysisState}: a valid state and the French notices of what was ignored. */
export interface ParsedAnalysisState {
  state: AnalysisState;
  notices: string[];
}

/** No filter on any dimension. */
export function emptyFilters(): AnalysisFilters {
  return {
    housingTypes: [],
    periods: [],
    energies: [],
    tenures: [],
    surfaceBands: [],
    labels: [],
  };
}

/** The state of a URL without parameters. */
export function defaultAnalysisState(): AnalysisState {
  return {
    dataset: URL_PARAMS.dataset.fallback,
    level: URL_PARAMS.level.fallback,
    selection: null,
    metric: URL_PARAMS.metric.fallback,
    filters: emptyFilters(),
    method: URL_PARAMS.method.fallback,
    thresholds: URL_PARAMS.thresholds.fallback,
    palette: URL_PARAMS.palette.fallback,
    map: URL_PARAMS.map.fallback,
    table: false,
  };
}

/** The filters of a state for the SQL builders. */
export function toStockFilters(filters: AnalysisFilters, dataset: string): StockFilters {
  return { ...filters, dataset };
}

/** Selection parameters, finest first: when several are given, the finest wins. */
const SELECTION_LEVELS: readonly TerritoryLevel[] = [...TERRITORY_LEVELS].reverse();

function parseSelection(params: URLSearchParams, notices: string[]): TerritoryRef | null {
  let selection: TerritoryRef | null = null;
  for (const level of SELECTION_LEVELS) {
    const code = readParam(params, URL_PARAMS.selection[level], notices);
    if (code === null) continue;
    if (selection !== null) {
      notices.push(ignored(level, `un seul territoire est sélectionné (« ${selection.level} »)`));
    } else {
      selection = { level, code };
    }
  }
  return selection;
}

function parseFilters(params: URLSearchParams, notices: string[]): AnalysisFilters {
  const filters = emptyFilters();
  const readFilter = <K extends FilterKey>(key: K) =>
    Object.assign(filters, { [key]: readParam(params, URL_PARAMS.filters[key], notices) });
  for (const key of FILTER_KEYS) readFilter(key);
  return filters;
}

/** Reads the state from a query string (with or without `?`); never throws. */
export function parseAnalysisState(search: string): ParsedAnalysisState {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  const read = <T>(param: UrlParam<T>) => readParam(params, param, notices);
  const state: AnalysisState = {
    dataset: read(URL_PARAMS.dataset),
    level: read(URL_PARAMS.level),
    selection: parseSelection(params, notices),
    metric: read(URL_PARAMS.metric),
    filters: parseFilters(params, notices),
    method: read(URL_PARAMS.method),
    thresholds: read(URL_PARAMS.thresholds),
    palette: read(URL_PARAMS.palette),
    map: read(URL_PARAMS.map),
    table: read(URL_PARAMS.view) === 'tableau',
  };
  return { state, notices };
}

const OWN_PARAMS = [
  URL_PARAMS.dataset,
  URL_PARAMS.level,
  ...Object.values(URL_PARAMS.selection),
  URL_PARAMS.metric,
  ...Object.values(URL_PARAMS.filters),
  URL_PARAMS.method,
  URL_PARAMS.thresholds,
  URL_PARAMS.palette,
  URL_PARAMS.map,
  URL_PARAMS.view,
];

/**
 * Writes the state into a query string (`''` or `?…`), keeping the parameters of `search` that
 * this module does not own (and the top-level view of `vue`); defaults are left out, the map
 * position is rounded (about 10 m, and a hundredth of a zoom level).
 */
export function writeAnalysisState(state: AnalysisState, search = ''): string {
  const params = new URLSearchParams(search);
  const view = readParam(params, URL_PARAMS.view);
  for (const param of OWN_PARAMS) params.delete(param.key);
  appendParam(params, URL_PARAMS.dataset, state.dataset);
  appendParam(params, URL_PARAMS.level, state.level);
  if (state.selection !== null) {
    appendParam(params, URL_PARAMS.selection[state.selection.level], state.selection.code);
  }
  appendParam(params, URL_PARAMS.metric, state.metric);
  const appendFilter = <K extends FilterKey>(key: K) =>
    appendParam(params, URL_PARAMS.filters[key], state.filters[key]);
  for (const key of FILTER_KEYS) appendFilter(key);
  appendParam(params, URL_PARAMS.method, state.method);
  appendParam(params, URL_PARAMS.thresholds, state.thresholds);
  appendParam(params, URL_PARAMS.palette, state.palette);
  appendParam(params, URL_PARAMS.map, state.map);
  const topView = TOP_VIEWS.includes(view) ? view : 'carte';
  appendParam(params, URL_PARAMS.view, state.table ? 'tableau' : topView);
  return toSearch(params);
}
