/**
 * Writes the fixtures of the column-mapping and point-in-polygon tests (`test/fixtures/mapped/`):
 * two files of observed DPE without any INSEE code, whose headers are no known format, and the
 * expected count of rows per commune. Deterministic (seeded).
 *
 *   npx tsx scripts/make-mapped-fixtures.ts
 *
 * Points are drawn inside Indre communes and kept only when turf's `booleanPointInPolygon` (an
 * algorithm independent of the import's spatial index) finds them in that commune and in no other
 * of the commune contours that the command line reads, nor in the browser's file of the Indre
 * (`public/data/communes-36.geojson`, when built).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import proj4 from 'proj4';
import { createPrng } from '../src/domain/prng.ts';
import { LAMBERT_93 } from '../src/ingest/to-wgs84.ts';
import { communeContoursPath } from './lib/commune-contours.ts';

/** Where the fixtures are written. */
export const MAPPED_DIR = 'test/fixtures/mapped';
const SEED = 20260116;
/** The browser's contours of the Indre, as the territory pack writes them (checked when built). */
const BROWSER_INDRE = 'public/data/communes-36.geojson';
const LABELS = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
const HOUSING = ['Maison', 'Appartement'];

type Area = Feature<Polygon | MultiPolygon, { code: string }>;

function load(path: string): Area[] {
  const collection = JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection;
  return collection.features.filter(
    (f): f is Area =>
      typeof f.properties?.code === 'string' &&
      (f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon'),
  );
}

function box(area: Area): [number, number, number, number] {
  const rings =
    area.geometry.type === 'Polygon' ? area.geometry.coordinates : area.geometry.coordinates.flat();
  const xs = rings.flat().map((p) => p[0] ?? 0);
  const ys = rings.flat().map((p) => p[1] ?? 0);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Communes of the set holding the point. */
function holders(point: [number, number], areas: readonly Area[]): string[] {
  return areas.filter((a) => booleanPointInPolygon(point, a)).map((a) => a.properties.code);
}

/** The fixture files and their expected outcome, as written. */
export function mappedFixtures(): Record<string, string> {
  const indre = load(communeContoursPath()).filter((a) => a.properties.code.startsWith('36'));
  const browser = existsSync(BROWSER_INDRE) ? load(BROWSER_INDRE) : indre;
  const prng = createPrng(SEED);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(prng.next() * values.length)] as T;
  const chosen = [...indre].sort((a, b) => a.properties.code.localeCompare(b.properties.code));
  const points: { code: string; lon: number; lat: number }[] = [];
  for (let k = 0; k < 24; k++) {
    const area = pick(chosen);
    const [west, south, east, north] = box(area);
    const wanted = 1 + Math.floor(prng.next() * 9);
    for (let found = 0, tries = 0; found < wanted && tries < 400; tries++) {
      const lon = Number((west + prng.next() * (east - west)).toFixed(6));
      const lat = Number((south + prng.next() * (north - south)).toFixed(6));
      const code = area.properties.code;
      const inIndre = holders([lon, lat], indre);
      const inBrowser = holders([lon, lat], browser);
      if (inIndre.length !== 1 || inIndre[0] !== code) continue;
      if (inBrowser.length !== 1 || inBrowser[0] !== code) continue;
      points.push({ code, lon, lat });
      found++;
    }
  }
  const toLambert = proj4('WGS84', LAMBERT_93);
  const latLon = ['lat,lon,Logement,Surface_habitable_logement,Etiquette_DPE,Année_construction'];
  const xy = ['id;X;Y;classe;surface'];
  points.forEach((p, k) => {
    const label = pick(LABELS);
    const surface = (25 + Math.floor(prng.next() * 120)).toString();
    latLon.push(
      `${p.lat},${p.lon},${pick(HOUSING)},${surface},${label},${1900 + Math.floor(prng.next() * 120)}`,
    );
    const [x = 0, y = 0] = toLambert.forward([p.lon, p.lat]);
    xy.push(
      `L${k};${x.toFixed(1).replace('.', ',')};${y.toFixed(1).replace('.', ',')};${label};${surface}`,
    );
  });
  // Two points in the Atlantic, one row without coordinates: rejected with their line.
  latLon.push(
    '45.5,-3.2,Maison,80,D,1970',
    '46.1,-2.9,Appartement,45,E,1985',
    ',,Maison,60,C,1990',
  );
  xy.push('M1;100000;6600000;D;70');
  const counts: Record<string, number> = {};
  for (const p of points) counts[p.code] = (counts[p.code] ?? 0) + 1;
  const sorted = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
  const expected = {
    description:
      'Rows per commune of each file, from points drawn inside Indre communes and checked with turf booleanPointInPolygon (scripts/make-mapped-fixtures.ts).',
    'dpe-sans-insee.csv': {
      rows_read: points.length + 3,
      accepted: points.length,
      rejected: 3,
      by_commune: sorted,
    },
    'xy-lambert.csv': {
      rows_read: points.length + 1,
      accepted: points.length,
      rejected: 1,
      by_commune: sorted,
    },
  };
  return {
    'dpe-sans-insee.csv': `${latLon.join('\n')}\n`,
    'xy-lambert.csv': `${xy.join('\n')}\n`,
    'expected.json': `${JSON.stringify(expected, null, 2)}\n`,
  };
}

if (process.argv[1]?.endsWith('make-mapped-fixtures.ts') === true) {
  mkdirSync(MAPPED_DIR, { recursive: true });
  for (const [name, text] of Object.entries(mappedFixtures())) {
    writeFileSync(join(MAPPED_DIR, name), text);
  }
  process.stderr.write(`Fixtures écrites dans ${MAPPED_DIR}.\n`);
}
