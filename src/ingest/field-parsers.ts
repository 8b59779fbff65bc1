/**
 * Cell parsers shared by the mappers: commune codes, numbers and coordinates, with the warnings
 * and rejection reasons (French) that go with them.
 */
import {
  arrondissementToCommune,
  departementOfCommune,
  normaliseInseeCode,
} from '../domain/codes.ts';
import type { DpeLabel } from '../domain/stock-schema.ts';
import { DPE_LABELS } from '../domain/stock-schema.ts';
import type { MapContext } from './csv-import.ts';
import { regionOfDepartement } from './departement-region.ts';
import { detachString } from './detach-string.ts';
import { memoize } from './memoize.ts';
import { parseDecimal } from './parse-number.ts';
import { projectedToWgs84 } from './to-wgs84.ts';

/** A commune with its département and région. */
export interface CommuneCodes {
  code_commune: string;
  code_departement: string;
  code_region: string;
}

interface ParsedCommune {
  codes: CommuneCodes;
  /** The arrondissement code when one was mapped to its commune. */
  arrondissement: string | null;
}

function parseCommune(text: string): ParsedCommune | null {
  const code = normaliseInseeCode(text);
  if (code === null) return null;
  const commune = arrondissementToCommune(code);
  const departement = departementOfCommune(commune) ?? '';
  return {
    codes: {
      code_commune: commune,
      code_departement: departement,
      code_region: regionOfDepartement(departement) ?? '',
    },
    arrondissement: commune === code ? null : code,
  };
}

/**
 * Makes a reader of commune codes from `column`: normalised (leading zero restored, `.0`
 * dropped), municipal arrondissements mapped to their commune (warned). The reader returns a
 * rejection reason when the code is missing or invalid, naming the column.
 */
export function communeReader(
  column: string,
): (raw: string, context: MapContext) => CommuneCodes | string {
  const parse = memoize(parseCommune);
  return (raw, context) => {
    const text = raw.trim();
    if (text === '') return `code commune absent (colonne ${column} vide)`;
    const parsed = parse(text);
    if (parsed === null) return `code commune invalide : « ${text} » (colonne ${column})`;
    if (parsed.arrondissement !== null) {
      context.warn(
        'arrondissement_ramene_a_la_commune',
        'Codes d’arrondissement municipal (Paris, Lyon, Marseille) ramenés à leur commune.',
        `${parsed.arrondissement} → ${parsed.codes.code_commune}`,
      );
    }
    return parsed.codes;
  };
}

/**
 * Reads an optional number; text that is not a number is warned about (naming the column) and
 * read as missing.
 */
export function readNumber(raw: string, column: string, context: MapContext): number | null {
  const value = parseDecimal(raw);
  if (value === null || !Number.isNaN(value)) return value;
  context.warn(
    'valeur_non_numerique',
    'Valeurs non numériques lues comme absentes.',
    `${column} : « ${raw.trim()} »`,
  );
  return null;
}

/** Whether a text is one of the labels A–G. */
export function isDpeLabel(text: string): text is DpeLabel {
  return (DPE_LABELS as readonly string[]).includes(text);
}

/** A WGS84 position, or nulls. */
export interface Position {
  lon: number | null;
  lat: number | null;
}

const NO_POSITION: Position = { lon: null, lat: null };

function parseGeopoint(text: string): Position | null {
  const point = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (point?.[1] === undefined || point[2] === undefined) return null;
  const lat = Number(point[1]);
  const lon = Number(point[2]);
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lon, lat } : null;
}

/**
 * Makes a reader of positions: projected X/Y in the legal projection of the commune's
 * département, else a `lat,lon` point (ADEME `_geopoint`). Coordinates that fall outside the
 * territory, or unreadable points, are warned about and dropped.
 */
export function positionReader(): (
  departement: string,
  rawX: string,
  rawY: string,
  geopoint: string,
  context: MapContext,
) => Position {
  // Dwellings of one building come one after the other with the same coordinates: the last
  // projection is kept. A general memo cost more (a key string per row, nearly all misses).
  let lastDepartement = '';
  let lastX = '';
  let lastY = '';
  let lastPosition: Position | null = null;
  const project = (departement: string, x: string, y: string): Position | null => {
    if (departement === lastDepartement && x === lastX && y === lastY) return lastPosition;
    const position = projectedToWgs84(
      departement,
      parseDecimal(x) ?? Number.NaN,
      parseDecimal(y) ?? Number.NaN,
    );
    lastDepartement = departement;
    lastX = detachString(x);
    lastY = detachString(y);
    lastPosition = position === null ? null : { lon: position[0], lat: position[1] };
    return lastPosition;
  };
  return (departement, rawX, rawY, geopoint, context) => {
    if (rawX.trim() !== '' && rawY.trim() !== '') {
      const position = project(departement, rawX, rawY);
      if (position !== null) return position;
      context.warn(
        'coordonnees_hors_territoire',
        'Coordonnées X/Y illisibles ou hors du territoire de la commune (projection inattendue ?) : position ignorée.',
        `${rawX.trim()} ; ${rawY.trim()}`,
      );
    }
    if (geopoint.trim() === '') return NO_POSITION;
    const point = parseGeopoint(geopoint);
    if (point !== null) return point;
    context.warn(
      'geopoint_illisible',
      'Positions « lat,lon » illisibles ignorées.',
      geopoint.trim(),
    );
    return NO_POSITION;
  };
}
