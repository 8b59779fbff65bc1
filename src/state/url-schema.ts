/**
 * Every parameter of the query string, declared once: its key, its value when absent, how its
 * text is read (an invalid text gives a French notice and the default) and how a value is written
 * (null leaves the parameter out). The analysis state (`analysis-url-state.ts`), the top-level
 * view, the public mode, the selected campaign and the test hooks all read and write through these
 * declarations, so a key has one owner:
 *
 * `jeu niveau region departement epci commune indicateur type periode energie statut surface etiq
 *  classes seuils palette carte vue public campagne test-hooks`
 */

import {
  type ClassificationMethod,
  DEFAULT_CLASSIFICATION_METHOD,
  DEFAULT_PALETTE_ID,
  isClassificationMethod,
  isPaletteId,
  type PaletteId,
} from '../domain/classification.ts';
import { DEFAULT_INDICATOR_ID, type IndicatorId, isIndicatorId } from '../domain/indicators.ts';
import { TERRITORY_LEVELS, type TerritoryLevel } from '../domain/territory.ts';
import { FILTER_DIMENSIONS, type FilterKey, type FilterValues } from '../sql/filters.ts';
import { normaliseTerritoryCode } from './territory-code.ts';

/** One parameter of the query string. */
export interface UrlParam<T> {
  /** Key in the query string. */
  readonly key: string;
  /** Value when the parameter is absent, empty or invalid. */
  readonly fallback: T;
  /** Reads a non-empty text; pushes a French notice for what it ignores. */
  readonly parse: (text: string, notices: string[]) => T;
  /** The text of a value, or null to leave the parameter out. */
  readonly format: (value: T) => string | null;
}

/** A value kept in the query string, for `useUrlParam`: read from and written into a search. */
export interface UrlBinding<T> {
  read: (search: string) => T;
  /** Writes `value` into `search`, keeping the other parameters. */
  write: (value: T, search: string) => string;
}

/** Centre and zoom of the map, rounded as written in the URL. */
export interface MapPosition {
  lon: number;
  lat: number;
  zoom: number;
}

/** Values of `vue`: the territory map (default), its table, the steering and campaign views. */
type ViewToken = 'carte' | 'tableau' | 'pilotage' | 'campagnes';

/** The top-level views: the stock (default, no parameter), the programme steering, the campaigns. */
export type AppViewId = 'parc' | 'pilotage' | 'campagnes';

const MAX_DATASET_LENGTH = 200;
const MAX_THRESHOLDS = 8;
const COORDINATE_DIGITS = 4;
const ZOOM_DIGITS = 2;
const MAX_LATITUDE = 85.0511;
const MAX_ZOOM = 24;
const NUMBER = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** `« value »`, cut at 40 characters. */
function quoted(value: string): string {
  const short = value.length > 40 ? `${value.slice(0, 39)}…` : value;
  return `« ${short} »`;
}

/** The French notice of an ignored parameter. */
export function ignored(key: string, reason: string): string {
  return `Paramètre « ${key} » ignoré : ${reason}`;
}

const unknown = (text: string) => `valeur ${quoted(text)} inconnue`;

/** A parameter whose text is read by `read` (null: invalid, explained by `reason`). */
function param<T>(
  key: string,
  fallback: T,
  read: (text: string) => T | null,
  format: (value: T) => string | null,
  reason: (text: string) => string = unknown,
): UrlParam<T> {
  return {
    key,
    fallback,
    format,
    parse: (text, notices) => {
      const value = read(text);
      if (value !== null) return value;
      notices.push(ignored(key, reason(text)));
      return fallback;
    },
  };
}

/** A parameter among `values`, left out at its default. */
function enumParam<T extends string>(
  key: string,
  fallback: T,
  read: (text: string) => T | null,
  format: (value: T) => string = (value) => value,
): UrlParam<T> {
  return param(key, fallback, read, (value) => (value === fallback ? null : format(value)));
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

function formatMapPosition({ lon, lat, zoom }: MapPosition): string {
  const position = [
    roundTo(lon, COORDINATE_DIGITS),
    roundTo(lat, COORDINATE_DIGITS),
    roundTo(zoom, ZOOM_DIGITS),
  ];
  return position.map(String).join(',');
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

const METHOD_TOKENS: Readonly<Record<ClassificationMethod, string>> = {
  quantile: 'quantiles',
  jenks: 'naturels',
  fixed: 'fixes',
};

const VIEW_TOKENS: readonly ViewToken[] = ['carte', 'tableau', 'pilotage', 'campagnes'];

/** `vue` values that open a top-level view rather than a form of the territory analysis. */
export const TOP_VIEWS: readonly ViewToken[] = ['pilotage', 'campagnes'];

const CODE_NAMES: Readonly<Record<TerritoryLevel, string>> = {
  region: 'un code de région',
  departement: 'un code de département',
  epci: 'un numéro SIREN',
  commune: 'un code commune INSEE',
};

/** The selection parameter of a level: its key is the level, its value the canonical code. */
function selectionParam(level: TerritoryLevel): UrlParam<string | null> {
  return param<string | null>(
    level,
    null,
    (text) => normaliseTerritoryCode(level, text),
    (code) => code,
    (text) => `${quoted(text)} n'est pas ${CODE_NAMES[level]}`,
  );
}

/** A filter dimension: known values in the dimension order, each unknown one reported. */
function filterParam<K extends FilterKey>(key: K): UrlParam<FilterValues[K][]> {
  const dimension = FILTER_DIMENSIONS[key];
  const allowed: readonly string[] = dimension.values;
  return {
    key: dimension.urlKey,
    fallback: [],
    parse: (text, notices) => {
      const tokens = text
        .split(',')
        .map((token) => (key === 'labels' ? token.trim().toUpperCase() : token.trim()))
        .filter((token) => token !== '');
      const values = dimension.values.filter((value) => tokens.includes(value));
      for (const token of tokens.filter((token) => !allowed.includes(token))) {
        notices.push(
          values.length === 0
            ? ignored(dimension.urlKey, unknown(token))
            : `Paramètre « ${dimension.urlKey} » : valeur ${quoted(token)} inconnue, ignorée`,
        );
      }
      return values;
    },
    format: (values) =>
      dimension.values.filter((value) => values.includes(value)).join(',') || null,
  };
}

const FILTER_PARAMS: { readonly [K in FilterKey]: UrlParam<FilterValues[K][]> } = {
  housingTypes: filterParam('housingTypes'),
  periods: filterParam('periods'),
  energies: filterParam('energies'),
  tenures: filterParam('tenures'),
  surfaceBands: filterParam('surfaceBands'),
  labels: filterParam('labels'),
};

const booleanParam = (key: string) =>
  param(
    key,
    false,
    (text) => text === '1',
    (on) => (on ? '1' : null),
  );

/** Every parameter of the query string. */
export const URL_PARAMS = {
  dataset: param<string | null>(
    'jeu',
    null,
    (text) =>
      text.length > MAX_DATASET_LENGTH || CONTROL.test(text) || text.trim() === '' ? null : text,
    (id) => id,
    (text) => `identifiant de jeu de données ${quoted(text)} invalide`,
  ),
  level: enumParam<TerritoryLevel>(
    'niveau',
    'epci',
    (text) => TERRITORY_LEVELS.find((level) => level === text) ?? null,
  ),
  selection: {
    region: selectionParam('region'),
    departement: selectionParam('departement'),
    epci: selectionParam('epci'),
    commune: selectionParam('commune'),
  } satisfies Record<TerritoryLevel, UrlParam<string | null>>,
  metric: enumParam<IndicatorId>('indicateur', DEFAULT_INDICATOR_ID, (text) =>
    isIndicatorId(text) ? text : null,
  ),
  /** One per filter dimension, keyed by its `urlKey`. */
  filters: FILTER_PARAMS,
  method: enumParam<ClassificationMethod>(
    'classes',
    DEFAULT_CLASSIFICATION_METHOD,
    (text) => {
      const method = Object.entries(METHOD_TOKENS).find(([, token]) => token === text)?.[0];
      return isClassificationMethod(method) ? method : null;
    },
    (method) => METHOD_TOKENS[method],
  ),
  /** User-given inner breaks of the fixed method, or null for the metric's defaults. */
  thresholds: param<number[] | null>(
    'seuils',
    null,
    parseThresholds,
    (values) => values?.map(String).join(',') ?? null,
    (text) =>
      `seuils ${quoted(text)} invalides (nombres croissants attendus, ${MAX_THRESHOLDS} au plus)`,
  ),
  palette: enumParam<PaletteId>('palette', DEFAULT_PALETTE_ID, (text) =>
    isPaletteId(text) ? text : null,
  ),
  /** Map position, or null to fit the selection (or France). */
  map: param<MapPosition | null>(
    'carte',
    null,
    parseMapPosition,
    (position) => (position === null ? null : formatMapPosition(position)),
    (text) => `position ${quoted(text)} invalide (attendu : longitude,latitude,zoom)`,
  ),
  /** Shared by the territory analysis (map or table) and the top-level views. */
  view: enumParam<ViewToken>(
    'vue',
    'carte',
    (text) => VIEW_TOKENS.find((token) => token === text) ?? null,
  ),
  /** The public mode (statistical secret applied): `?public=1`. */
  publicMode: booleanParam('public'),
  /** Id of the campaign open in the campaigns view. */
  campaign: param<string | null>(
    'campagne',
    null,
    (text) => text,
    (id) => id,
  ),
  /** Installs the browser tests' hooks (`src/db/test-hooks.ts`). */
  testHooks: booleanParam('test-hooks'),
} as const;

/** The value of `param` in a query string (or its parameters); pushes notices of what it ignores. */
export function readParam<T>(
  search: string | URLSearchParams,
  param: UrlParam<T>,
  notices: string[] = [],
): T {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const text = params.get(param.key);
  return text === null || text === '' ? param.fallback : param.parse(text, notices);
}

/** Appends `value` of `param` unless it is left out. */
export function appendParam<T>(params: URLSearchParams, param: UrlParam<T>, value: T): void {
  const text = param.format(value);
  if (text !== null && text !== '') params.append(param.key, text);
}

/** The query string of `params` (`''` or `?…`), lists written with plain commas for readability. */
export function toSearch(params: URLSearchParams): string {
  const text = params.toString().replaceAll('%2C', ',');
  return text === '' ? '' : `?${text}`;
}

/** Binds one parameter to the query string: absent when left out, in place when already there. */
function bind<T>(param: UrlParam<T>): UrlBinding<T> {
  return {
    read: (search) => readParam(search, param),
    write: (value, search) => {
      const params = new URLSearchParams(search);
      const text = param.format(value);
      if (text === null) params.delete(param.key);
      else params.set(param.key, text);
      return toSearch(params);
    },
  };
}

/** The public mode in the URL. */
export const PUBLIC_MODE = bind(URL_PARAMS.publicMode);

/** The campaign open in the campaigns view. */
export const SELECTED_CAMPAIGN = bind(URL_PARAMS.campaign);

/**
 * The top-level view: `?vue=pilotage` and `?vue=campagnes` open their view, anything else is the
 * stock; going back to the stock keeps `vue=tableau` (the territory analysis owns it).
 */
export const APP_VIEW: UrlBinding<AppViewId> = {
  read: (search) => {
    const view = readParam(search, URL_PARAMS.view);
    return view === 'pilotage' || view === 'campagnes' ? view : 'parc';
  },
  write: (view, search) => {
    const params = new URLSearchParams(search);
    const key = URL_PARAMS.view.key;
    if (view !== 'parc') params.set(key, view);
    else if (TOP_VIEWS.some((token) => token === params.get(key))) params.delete(key);
    return toSearch(params);
  },
};
