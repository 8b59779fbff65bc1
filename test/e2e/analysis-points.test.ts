import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { bbox, booleanPointInPolygon, lineString, point, pointToLineDistance } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DPE_COLOURS } from '../../src/domain/dpe.ts';
import { DPE_LABELS, type DpeLabel } from '../../src/domain/stock-schema.ts';
import { LAMBERT_93, lambert93ToWgs84 } from '../../src/ingest/to-wgs84.ts';
import {
  launchBrowser,
  openWatchedPage,
  readScreenPixel,
  SCREENSHOT_DIR,
  type WatchedPage,
} from './browser.ts';

/** Châteauroux, and its neighbour Déols whose dwellings must not be drawn in Châteauroux. */
const CHATEAUROUX = '36044';
const DEOLS = '36063';
const IN_CHATEAUROUX = 300;
const IN_DEOLS = 40;
const FILE = 'test-artifacts/dpe-chateauroux-points.csv';
const HEADER =
  'numero_dpe;date_etablissement_dpe;type_batiment;surface_habitable_logement;etiquette_dpe;etiquette_ges;conso_5_usages_par_m2_ep;conso_5_usages_par_m2_ef;emission_ges_5_usages_par_m2;code_insee_ban;coordonnee_cartographique_x_ban;coordonnee_cartographique_y_ban';
const EP = [50, 90, 150, 220, 300, 380, 480];
const GHG = [3, 8, 20, 40, 60, 85, 120];
/** How far (RGB distance) a point's centre pixel may be from its label colour (alpha 230/255). */
const COLOUR_TOLERANCE = 60;
/** Points closer than this to the commune's edge may sit under its drawn outline. */
const EDGE_MARGIN_M = 250;

type Collection = FeatureCollection<Polygon | MultiPolygon, { code: string }>;

interface Dwelling {
  commune: string;
  label: DpeLabel;
  x: number;
  y: number;
}

let browser: Browser;
let watched: WatchedPage;

function communeFeature(code: string): Feature<Polygon | MultiPolygon> {
  const collection = JSON.parse(
    readFileSync('public/data/communes-36.geojson', 'utf8'),
  ) as Collection;
  const feature = collection.features.find((f) => f.properties.code === code);
  if (!feature) throw new Error(`commune ${code} absente de communes-36.geojson`);
  return feature;
}

/** Seeded uniform numbers in [0, 1) (a linear congruential generator): no clock in tests. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * `count` dwellings at random points inside a commune's contour, as Lambert-93 metres (as the BAN
 * columns of an ADEME export give them), labels cycling over A–G.
 */
function dwellingsIn(code: string, count: number, random: () => number): Dwelling[] {
  const feature = communeFeature(code);
  const [west, south, east, north] = bbox(feature);
  const toLambert = proj4('WGS84', LAMBERT_93);
  const dwellings: Dwelling[] = [];
  while (dwellings.length < count) {
    const lonLat: [number, number] = [
      west + (east - west) * random(),
      south + (north - south) * random(),
    ];
    if (!booleanPointInPolygon(point(lonLat), feature)) continue;
    const [x = 0, y = 0] = toLambert.forward(lonLat);
    const label = DPE_LABELS[dwellings.length % DPE_LABELS.length] as DpeLabel;
    dwellings.push({
      commune: code,
      label,
      x: Math.round(x * 10) / 10,
      y: Math.round(y * 10) / 10,
    });
  }
  return dwellings;
}

function writeDpeCsv(path: string, dwellings: readonly Dwelling[]): void {
  const lines = dwellings.map((d, i) => {
    const k = DPE_LABELS.indexOf(d.label);
    const ep = EP[k] ?? 0;
    return `2336E${String(i).padStart(8, '0')};2024-03-01;maison;${60 + (i % 80)};${d.label};${d.label};${ep};${(ep / 2.3).toFixed(1)};${GHG[k]};${d.commune};${d.x};${d.y}`;
  });
  writeFileSync(path, `${HEADER}\n${lines.join('\n')}\n`, 'utf8');
}

/** Distance in metres from a point to the nearest edge of a commune's contour. */
function distanceToEdge(
  feature: Feature<Polygon | MultiPolygon>,
  lonLat: [number, number],
): number {
  const geometry = feature.geometry;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return Math.min(
    ...polygons
      .flat()
      .map((ring) => pointToLineDistance(point(lonLat), lineString(ring), { units: 'meters' })),
  );
}

async function toScreen(
  page: Page,
  points: [number, number][],
): Promise<{ x: number; y: number }[]> {
  const local = await page.evaluate(
    (lonLats) =>
      lonLats.map((p) =>
        (
          window as unknown as {
            __casba: { map: { project(p: [number, number]): { x: number; y: number } } };
          }
        ).__casba.map.project(p),
      ),
    points,
  );
  const box = await page.locator('[data-testid="map"]').boundingBox();
  if (!box) throw new Error('map container not found');
  return local.map((p) => ({ x: box.x + p.x, y: box.y + p.y }));
}

describe('dwellings as points at commune level', () => {
  beforeAll(async () => {
    mkdirSync('test-artifacts', { recursive: true });
    browser = await launchBrowser();
    watched = await openWatchedPage(browser, inject('baseUrl'));
    await watched.page.goto(inject('baseUrl'));
    await watched.page.waitForSelector('[data-testid="app-ready"]', { timeout: 180_000 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('draws an imported DPE file of Châteauroux as points in the colours of their labels', async () => {
    const random = seededRandom(36044);
    const inChateauroux = dwellingsIn(CHATEAUROUX, IN_CHATEAUROUX, random);
    const dwellings = [...inChateauroux, ...dwellingsIn(DEOLS, IN_DEOLS, random)];
    // The Lambert-93 figures are those of Châteauroux (x ≈ 590–600 km, y ≈ 6 630–6 640 km).
    for (const d of inChateauroux) {
      expect(d.x).toBeGreaterThan(580_000);
      expect(d.x).toBeLessThan(605_000);
      expect(d.y).toBeGreaterThan(6_625_000);
      expect(d.y).toBeLessThan(6_645_000);
    }
    writeDpeCsv(FILE, dwellings);

    const { page } = watched;
    // A DOM click: Playwright's stability check waits for animation frames, which a loaded
    // machine rendering WebGL on the CPU can starve for more than 30 s.
    await page.$eval('[data-testid="import-button"]', (button) =>
      (button as HTMLButtonElement).click(),
    );
    await page.locator('[data-testid="import-dialog"][open]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="import-file-input"]').setInputFiles(FILE);
    const report = page.locator('[data-testid="import-report"]');
    await report.waitFor({ timeout: 120_000 });
    expect(Number(await report.getAttribute('data-rows-read'))).toBe(dwellings.length);
    expect(Number(await report.getAttribute('data-accepted'))).toBe(dwellings.length);
    await page.$eval('[data-testid="import-close"]', (button) =>
      (button as HTMLButtonElement).click(),
    );
    await page.waitForSelector('[data-testid="app-ready"][data-dataset="import-1"]', {
      timeout: 180_000,
    });

    const url = new URL(page.url());
    url.search = `?jeu=import-1&niveau=commune&commune=${CHATEAUROUX}`;
    await page.evaluate((href) => {
      history.pushState(null, '', href);
      dispatchEvent(new PopStateEvent('popstate'));
    }, url.toString());
    const note = page.locator('[data-testid="points-note"][data-status="ready"]');
    await note.waitFor({ timeout: 150_000 });
    await page.waitForSelector(
      '[data-testid="app-ready"][data-level="commune"][data-rows="current"]',
      { timeout: 150_000 },
    );
    expect(Number(await note.getAttribute('data-count'))).toBe(IN_CHATEAUROUX);
    expect(await note.textContent()).toContain('300 logements localisés');
    expect(await note.textContent()).toContain('éclaircie dessous');
    expect(await page.locator('[data-testid="points-legend"] li').allTextContents()).toEqual([
      ...DPE_LABELS,
    ]);
    // Let the fit to the commune finish before projecting points.
    await page.waitForTimeout(1500);

    // The most isolated point on the canvas (no neighbour, no overlay over it) shows its colour.
    const lonLats = inChateauroux.map((d) => lambert93ToWgs84(d.x, d.y));
    const contour = communeFeature(CHATEAUROUX);
    const awayFromEdge = lonLats.map((p) => distanceToEdge(contour, p) > EDGE_MARGIN_M);
    const screen = await toScreen(page, lonLats);
    const onCanvas = await page.evaluate(
      (positions) =>
        positions.map((p) => document.elementFromPoint(p.x, p.y)?.tagName === 'CANVAS'),
      screen,
    );
    let best = -1;
    let bestGap = 0;
    screen.forEach((p, i) => {
      if (!onCanvas[i] || !awayFromEdge[i]) return;
      let gap = Number.POSITIVE_INFINITY;
      screen.forEach((q, j) => {
        if (i !== j) gap = Math.min(gap, Math.hypot(p.x - q.x, p.y - q.y));
      });
      if (gap > bestGap) {
        bestGap = gap;
        best = i;
      }
    });
    const chosen = screen[best];
    const dwelling = inChateauroux[best];
    expect(chosen && dwelling).toBeTruthy();
    if (!chosen || !dwelling) return;
    expect(bestGap).toBeGreaterThan(8);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/analysis-7-points.png` });
    const [r, g, b] = await readScreenPixel(page, chosen.x, chosen.y);
    const [er, eg, eb] = DPE_COLOURS[dwelling.label].rgb;
    expect(Math.hypot(r - er, g - eg, b - eb)).toBeLessThan(COLOUR_TOLERANCE);
    // Four pixels aside, past the 3 px radius and its outline, the point's colour is gone.
    const [ar, ag, ab] = await readScreenPixel(page, chosen.x + 6, chosen.y);
    expect(Math.hypot(ar - er, ag - eg, ab - eb)).toBeGreaterThan(COLOUR_TOLERANCE);

    expect(watched.consoleErrors).toEqual([]);
    expect(watched.externalRequests).toEqual([]);
  }, 600_000);
});
