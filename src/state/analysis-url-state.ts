/**
 * Shareable state of the territory analysis, kept in the URL query so that a view can be bookmarked,
 * sent, and navigated with back/forward:
 *
 * `?jeu=demo&niveau=commune&epci=200000172&indicateur=fg_share&etiq=F,G&periode=avant_1948
 *   &classes=fixes&seuils=0.1,0.2&palette=viridis&carte=1.6888,46.8123,8.5&vue=tableau`
 *
 * Parameters at their default are left out. The parameters of the first view (`jeu`, `indicateur`,
 * `epci`, see `url-state.ts`) keep their meaning, so existing links still work. An invalid
 * parameter is ignored and reported by a French notice; parsing never throws.
 */
import {
  arrondissementToCommune,
  isDepartementCode,
  isInseeCommuneCode,
  isMunicipalArrondissement,
  isSiren,
  normaliseInseeCode,
} from '../domain/codes.ts';
import { DEFAULT_INDICATOR_ID, type IndicatorId, isIndicatorId } from '../domain/indicators.ts';
import {
  type ClassificationMethod,
  DEFAULT_CLASSIFICATION_METHOD,
  isClassificationMethod,
} from '../map/class-breaks.ts';
import { DEFAULT_PALETTE_ID, isPaletteId, type PaletteId } from '../map/palettes.ts';
import {
  FILTER_DIMENSIONS,
  FILTER_KEYS,
  type FilterKey,
  type FilterValues,
  type StockFilters,
} from '../sql/filters.ts';
import { TERRITORY_LEVELS, type TerritoryLevel, type TerritoryRef } from '../sql/indicators-sql.ts';

/** Centre and zoom of the map, rounded as written in the URL. */
export interface MapPosition {
  lon: number;
  lat: number;
  zoom: number;
}

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

/** The level shown when nothing else is asked for (the first view's EPCI map). */
export const DEFAULT_LEVEL: TerritoryLevel = 'epci';

/** The state of a URL without parameters. */
export function defaultAnalysisState(): AnalysisState {
  return {
    dataset: null,
    level: DEFAULT_LEVEL,
    selection: null,
    metric: DEFAULT_INDICATOR_ID,
    filters: emptyFilters(),
    method: DEFAULT_CLASSIFICATION_METHOD,
    thresholds: null,
    palette: DEFAULT_PALETTE_ID,
    map: null,
    table: false,
  };
}

/** The filters of a state for the SQL builders. */
export function toStockFilters(filters: AnalysisFilters, dataset: string): StockFilters {
  return { ...filters, dataset };
}

const KEYS = {
  dataset: 'jeu',
  level: 'niveau',
  metric: 'indicateur',
  method: 'classes',
  thresholds: 'seuils',
  palette: 'palette',
  map: 'carte',
  view: 'vue',
} as const;

const METHOD_TOKENS: Readonly<Record<ClassificationMethod, string>> = {
  quantile: 'quantiles',
  jenks: 'naturels',
  fixed: 'fixes',
};

const TABLE_VIEW = 'tableau';
const MAP_VIEW = 'carte';
/**
 * `vue` is shared with the top-level switch (`src/views/programme/use-app-view.ts`):
 * `vue=pilotage` opens the programme steering view and `vue=campagnes` the campaigns, which this
 * module leaves alone; `vue=tableau` is the territory table; no `vue` (or `vue=carte`) is the
 * territory map.
 */
export const STEERING_VIEW = 'pilotage';
/** `vue=campagnes`: the campaigns view (see {@link STEERING_VIEW}). */
export const CAMPAIGNS_VIEW = 'campagnes';
const TOP_VIEWS: readonly string[] = [STEERING_VIEW, CAMPAIGNS_VIEW];
const MAX_DATASET_LENGTH = 200;
const MAX_THRESHOLDS = 8;
const COORDINATE_DIGITS = 4;
const ZOOM_DIGITS = 2;
const MAX_LATITUDE = 85.0511;
const MAX_ZOOM = 24;

/** Selection parameters, finest first: when several are given, the finest wins. */
const SELECTION_LEVELS: readonly TerritoryLevel[] = [...TERRITORY_LEVELS].reverse();

const REGION_CODE = /^\d{2}$/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The code of a territory of `level` in its canonical form, or null when it is not one: région
 * 2 digits; département 01–95 (2A/2B, not 20) or 971–976; EPCI a SIREN; commune an INSEE code
 * (normalised, arrondissements of Paris, Lyon, Marseille mapped to their commune).
 */
export function normaliseTerritoryCode(level: TerritoryLevel, raw: string): string | null {
  const code = raw.trim().toUpperCase();
  switch (level) {
    case 'region':
      return REGION_CODE.test(code) ? code : null;
    case 'departement':
      return isDepartementCode(code) ? code : null;
    case 'epci':
      return isSiren(code) ? code : null;
    case 'commune': {
      const commune = normaliseInseeCode(code);
      return commune === null ? null : arrondissementToCommune(commune);
    }
  }
}

/** Whether a code is the canonical code of a territory of `level` (what the URL writes). */
export function isTerritoryCode(level: TerritoryLevel, code: string): boolean {
  if (level === 'commune') return isInseeCommuneCode(code) && !isMunicipalArrondissement(code);
  return normaliseTerritoryCode(level, code) === code;
}

const CODE_NAMES: Readonly<Record<TerritoryLevel, string>> = {
  region: 'un code de région',
  departement: 'un code de département',
  epci: 'un numéro SIREN',
  commune: 'un code commune INSEE',
};

function quoted(value: string): string {
  const short = value.length > 40 ? `${value.slice(0, 39)}…` : value;
  return `« ${short} »`;
}

function ignored(key: string, reason: string): string {
  return `Paramètre « ${key} » ignoré : ${reason}`;
}

function unknownValue(key: string, value: string): string {
  return ignored(key, `valeur ${quoted(value)} inconnue`);
}

const roundTo = (value: number, digits: number) => {
  const rounded = Math.round(value * 10 ** digits) / 10 ** digits;
  return rounded === 0 ? 0 : rounded;
};

function parseNumber(text: string): number | null {
  if (!NUMBER.test(text)) return null;
  const value = Number(text);
  if (!Number.isFinite(value)) return null;
  return value === 0 ? 0 : value;
}

function parseMapPosition(text: string): MapPosition | null {
  const parts = text.split(',').map(parseNumber);
  if (parts.length !== 3) return null;
  const [lon, lat, zoom] = parts;
  if (lon == null || lat == null || zoom == null) return null;
  if (Math.abs(lon) > 180 || Math.abs(lat) > MAX_LATITUDE || zoom < 0 || zoom > MAX_ZOOM) {
    return null;
  }
  return {
    lon: roundTo(lon, COORDINATE_DIGITS),
    lat: roundTo(lat, COORDINATE_DIGITS),
    zoom: roundTo(zoom, ZOOM_DIGITS),
  };
}

function parseThresholds(text: string): number[] | null {
  const values = text.split(',').map(parseNumber);
  if (values.length === 0 || values.length > MAX_THRESHOLDS) return null;
  const numbers: number[] = [];
  for (const value of values) {
    if (value === null || (numbers.length > 0 && value <= (numbers.at(-1) ?? value))) return null;
    numbers.push(value);
  }
  return numbers;
}

function parseFilter<K extends FilterKey>(
  key: K,
  text: string,
  notices: string[],
): FilterValues[K][] {
  const dimension = FILTER_DIMENSIONS[key];
  const allowed: readonly string[] = dimension.values;
  const tokens = text
    .split(',')
    .map((token) => (key === 'labels' ? token.trim().toUpperCase() : token.trim()))
    .filter((token) => token !== '');
  const unknown = tokens.filter((token) => !allowed.includes(token));
  const values = dimension.values.filter((value) => tokens.includes(value));
  for (const token of unknown) {
    notices.push(
      values.length === 0
        ? unknownValue(dimension.urlKey, token)
        : `Paramètre « ${dimension.urlKey} » : valeur ${quoted(token)} inconnue, ignorée`,
    );
  }
  return values;
}

function parseSelection(params: URLSearchParams, notices: string[]): TerritoryRef | null {
  let selection: TerritoryRef | null = null;
  for (const level of SELECTION_LEVELS) {
    const raw = params.get(level);
    if (raw === null || raw === '') continue;
    const code = normaliseTerritoryCode(level, raw);
    if (code === null) {
      notices.push(ignored(level, `${quoted(raw)} n'est pas ${CODE_NAMES[level]}`));
    } else if (selection !== null) {
      notices.push(ignored(level, `un seul territoire est sélectionné (« ${selection.level} »)`));
    } else {
      selection = { level, code };
    }
  }
  return selection;
}

function parseEnum<T extends string>(
  params: URLSearchParams,
  key: string,
  read: (token: string) => T | null,
  fallback: T,
  notices: string[],
): T {
  const raw = params.get(key);
  if (raw === null || raw === '') return fallback;
  const value = read(raw);
  if (value === null) notices.push(unknownValue(key, raw));
  return value ?? fallback;
}

function parseDataset(raw: string | null, notices: string[]): string | null {
  if (raw === null || raw === '') return null;
  if (raw.length > MAX_DATASET_LENGTH || CONTROL.test(raw) || raw.trim() === '') {
    notices.push(ignored(KEYS.dataset, `identifiant de jeu de données ${quoted(raw)} invalide`));
    return null;
  }
  return raw;
}

/** Reads the state from a query string (with or without `?`); never throws. */
export function parseAnalysisState(search: string): ParsedAnalysisState {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  const state = defaultAnalysisState();
  state.dataset = parseDataset(params.get(KEYS.dataset), notices);
  state.level = parseEnum(
    params,
    KEYS.level,
    (token) => TERRITORY_LEVELS.find((level) => level === token) ?? null,
    DEFAULT_LEVEL,
    notices,
  );
  state.selection = parseSelection(params, notices);
  state.metric = parseEnum(
    params,
    KEYS.metric,
    (token) => (isIndicatorId(token) ? token : null),
    DEFAULT_INDICATOR_ID,
    notices,
  );
  for (const key of FILTER_KEYS) {
    const raw = params.get(FILTER_DIMENSIONS[key].urlKey);
    if (raw !== null) Object.assign(state.filters, { [key]: parseFilter(key, raw, notices) });
  }
  state.method = parseEnum(
    params,
    KEYS.method,
    (token) => {
      const method = Object.entries(METHOD_TOKENS).find(([, value]) => value === token)?.[0];
      return isClassificationMethod(method) ? method : null;
    },
    DEFAULT_CLASSIFICATION_METHOD,
    notices,
  );
  const thresholds = params.get(KEYS.thresholds);
  if (thresholds !== null && thresholds !== '') {
    state.thresholds = parseThresholds(thresholds);
    if (state.thresholds === null) {
      notices.push(
        ignored(
          KEYS.thresholds,
          `seuils ${quoted(thresholds)} invalides (nombres croissants attendus, ${MAX_THRESHOLDS} au plus)`,
        ),
      );
    }
  }
  state.palette = parseEnum(
    params,
    KEYS.palette,
    (token) => (isPaletteId(token) ? token : null),
    DEFAULT_PALETTE_ID,
    notices,
  );
  const map = params.get(KEYS.map);
  if (map !== null && map !== '') {
    state.map = parseMapPosition(map);
    if (state.map === null) {
      notices.push(
        ignored(KEYS.map, `position ${quoted(map)} invalide (attendu : longitude,latitude,zoom)`),
      );
    }
  }
  const view = params.get(KEYS.view);
  const known = [TABLE_VIEW, MAP_VIEW, ...TOP_VIEWS];
  if (view !== null && view !== '' && !known.includes(view)) {
    notices.push(unknownValue(KEYS.view, view));
  }
  state.table = view === TABLE_VIEW;
  return { state, notices };
}

const OWN_KEYS: readonly string[] = [
  ...Object.values(KEYS),
  ...TERRITORY_LEVELS,
  ...FILTER_KEYS.map((key) => FILTER_DIMENSIONS[key].urlKey),
];

function filterToken<K extends FilterKey>(key: K, values: readonly FilterValues[K][]): string {
  return FILTER_DIMENSIONS[key].values.filter((value) => values.includes(value)).join(',');
}

/**
 * Writes the state into a query string (`''` or `?…`), keeping the parameters of `search` that
 * this module does not own; defaults are left out, the map position is rounded (about 10 m, and a
 * hundredth of a zoom level), and lists are written with plain commas for readability.
 */
export function writeAnalysisState(state: AnalysisState, search = ''): string {
  const params = new URLSearchParams(search);
  const view = params.get(KEYS.view);
  const topView = view !== null && TOP_VIEWS.includes(view) ? view : null;
  for (const key of OWN_KEYS) params.delete(key);
  const set = (key: string, value: string | null) => {
    if (value !== null && value !== '') params.append(key, value);
  };
  set(KEYS.dataset, state.dataset);
  set(KEYS.level, state.level === DEFAULT_LEVEL ? null : state.level);
  if (state.selection !== null) set(state.selection.level, state.selection.code);
  set(KEYS.metric, state.metric === DEFAULT_INDICATOR_ID ? null : state.metric);
  for (const key of FILTER_KEYS) {
    set(FILTER_DIMENSIONS[key].urlKey, filterToken(key, state.filters[key]));
  }
  set(
    KEYS.method,
    state.method === DEFAULT_CLASSIFICATION_METHOD ? null : METHOD_TOKENS[state.method],
  );
  set(KEYS.thresholds, state.thresholds === null ? null : state.thresholds.map(String).join(','));
  set(KEYS.palette, state.palette === DEFAULT_PALETTE_ID ? null : state.palette);
  if (state.map !== null) {
    const { lon, lat, zoom } = state.map;
    const position = [
      roundTo(lon, COORDINATE_DIGITS),
      roundTo(lat, COORDINATE_DIGITS),
      roundTo(zoom, ZOOM_DIGITS),
    ];
    set(KEYS.map, position.map(String).join(','));
  }
  set(KEYS.view, state.table ? TABLE_VIEW : topView);
  const text = params.toString().replaceAll('%2C', ',');
  return text === '' ? '' : `?${text}`;
}
