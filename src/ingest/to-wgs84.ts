/**
 * Projected coordinates of French open data (BAN `x`/`y`, BDNB) to WGS84 longitude / latitude,
 * with the proj4 library. Metropolitan France uses Lambert-93; the overseas départements use the
 * UTM zones of their legal projections (décret n° 2000-1276 modifié), as the BAN does.
 */
import type { Converter } from 'proj4';
import proj4 from 'proj4';

/**
 * EPSG:2154, RGF93 v1 / Lambert-93. Definition as published by the EPSG registry via
 * https://epsg.io/2154.proj4 (RGF93 is treated as identical to WGS84: towgs84 zero).
 */
export const LAMBERT_93 =
  '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';

interface Zone {
  definition: string;
  /** Plausible [west, south, east, north] bounds of the result, to catch a wrong projection. */
  bounds: readonly [number, number, number, number];
}

// Definitions from https://epsg.io/<code>.proj4: 5490 RGAF09 / UTM 20N (Guadeloupe, Martinique),
// 2972 RGFG95 / UTM 22N (Guyane), 2975 RGR92 / UTM 40S (La Réunion), 4471 RGM04 / UTM 38S (Mayotte).
const UTM_20N = '+proj=utm +zone=20 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
const ZONES: Readonly<Record<string, Zone>> = {
  metro: { definition: LAMBERT_93, bounds: [-5.6, 41.2, 9.8, 51.2] },
  '971': { definition: UTM_20N, bounds: [-61.9, 15.8, -60.9, 18.2] },
  '972': { definition: UTM_20N, bounds: [-61.3, 14.3, -60.7, 15] },
  '973': {
    definition: '+proj=utm +zone=22 +ellps=GRS80 +towgs84=2,2,-2,0,0,0,0 +units=m +no_defs',
    bounds: [-54.7, 2, -51.5, 6],
  },
  '974': {
    definition: '+proj=utm +zone=40 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
    bounds: [55.1, -21.5, 55.9, -20.8],
  },
  '976': {
    definition: '+proj=utm +zone=38 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
    bounds: [44.9, -13.1, 45.4, -12.5],
  },
};

const converters = new Map<string, Converter>();

function converterOf(zone: string, definition: string): Converter {
  let converter = converters.get(zone);
  if (converter === undefined) {
    converter = proj4(definition, 'WGS84');
    converters.set(zone, converter);
  }
  return converter;
}

/** Lambert-93 (EPSG:2154) metres to [longitude, latitude] in degrees, without a bounds check. */
export function lambert93ToWgs84(x: number, y: number): [number, number] {
  const [lon, lat] = converterOf('metro', LAMBERT_93).forward([x, y]);
  return [lon ?? Number.NaN, lat ?? Number.NaN];
}

/**
 * Legal-projection coordinates of a commune's département ('69', '2A', '974'…) to
 * [longitude, latitude]. Null when the département has no known projection or the result falls
 * outside the territory (coordinates in another projection, or swapped).
 */
export function projectedToWgs84(
  departement: string,
  x: number,
  y: number,
): [number, number] | null {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
  const key = departement.startsWith('97') ? departement : 'metro';
  const zone = ZONES[key];
  if (zone === undefined) return null;
  const [lon, lat] = converterOf(key, zone.definition).forward([x, y]);
  if (lon === undefined || lat === undefined) return null;
  const [west, south, east, north] = zone.bounds;
  if (!(lon >= west && lon <= east && lat >= south && lat <= north)) return null;
  return [lon, lat];
}
