import { readFileSync, writeFileSync } from 'node:fs';
import { booleanPointInPolygon, centroid, polygon as turfPolygon } from '@turf/turf';
import type { FeatureCollection, Geometry } from 'geojson';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openWatchedPage, SCREENSHOT_DIR, type WatchedPage } from './browser.ts';
import { queryBuiltStock } from './node-stock.ts';

/** Métropole Européenne de Lille (Nord, 95 communes): targeting at commune level (issue 13). */
const EPCI = '200093201';

let browser: Browser;
let watched: WatchedPage;

/** Fractions of the map box clicked as polygon vertices (then Entrée closes the polygon). */
// Kept off the legend (bottom left of the map), where a click would not reach the map.
const VERTICES: [number, number][] = [
  [0.42, 0.18],
  [0.78, 0.22],
  [0.72, 0.55],
  [0.5, 0.5],
];

interface Exported {
  geojson: FeatureCollection<Geometry | null, { code: string; rang: number }> & {
    metadata: {
      polygon: { coordinates: [number, number][][] } | null;
      weights: Record<string, number>;
      selection_methods: string[];
      filters: string;
      polygon_rule: string;
      dataset: { id: string };
    };
  };
  csv: string;
}

let clicked: { x: number; y: number }[] = [];
/** The map box when the vertices were clicked (the panel scrolls afterwards, for the exports). */
let drawBox = { x: 0, y: 0 };
let exported: Exported;

async function mapBox() {
  const box = await watched.page.locator('.targeting-map-frame [data-testid="map"]').boundingBox();
  if (!box) throw new Error('targeting map not found');
  return box;
}

async function waitReady() {
  await watched.page.waitForSelector('[data-testid="targeting-ready"][data-programme="ready"]', {
    timeout: 180_000,
  });
}

function communesInPolygon(ring: [number, number][]): string[] {
  const communes = JSON.parse(
    readFileSync('public/data/communes-59.geojson', 'utf8'),
  ) as FeatureCollection<Geometry, { code: string; code_epci: string | null }>;
  const area = turfPolygon([ring]);
  return communes.features
    .filter((feature) => feature.properties.code_epci === EPCI)
    .filter((feature) => booleanPointInPolygon(centroid(feature), area))
    .map((feature) => feature.properties.code)
    .sort();
}

describe('targeting: weights, polygon, target list exports, map image', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    watched = await openWatchedPage(browser, inject('baseUrl'));
    // Under SwiftShader on a loaded machine, one click over the map can take 15 s (picking).
    watched.page.setDefaultTimeout(120_000);
    await watched.page.goto(`${inject('baseUrl')}?niveau=commune&epci=${EPCI}`);
    await watched.page.waitForSelector('[data-testid="app-ready"]', { timeout: 180_000 });
    await watched.page.locator('[data-testid="show-targeting"]').click();
    await waitReady();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('ranks every commune of the Métropole Européenne de Lille with a score breakdown', async () => {
    const rows = watched.page.locator('[data-testid="ranking-table"] > tbody > tr[data-code]');
    const members = await queryBuiltStock<{ code: string }>(
      `SELECT code_commune AS code FROM territory_commune WHERE code_epci = '${EPCI}' ORDER BY 1`,
    );
    expect(members.length).toBe(95);
    const ranked = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code')));
    expect([...ranked].sort()).toEqual(members.map((member) => member.code));
    await watched.page.screenshot({ path: `${SCREENSHOT_DIR}/targeting-nord-mel.png` });
    const bar = rows.first().locator('.targeting-bar');
    expect(await bar.getAttribute('aria-label')).toMatch(/Passoires F\/G .* points/);
  });

  it('sets weights with the keyboard and re-ranks', async () => {
    const { page } = watched;
    const before = await page
      .locator('[data-testid="ranking-table"] > tbody > tr[data-code]')
      .evaluateAll((rows) => rows.slice(0, 10).map((row) => row.getAttribute('data-code')));
    await page.locator('[data-testid="weight-fg_count"]').focus();
    await page.keyboard.press('End');
    for (const id of ['fg_share', 'g_plus_count', 'owner_occupied_share', 'works_conversion']) {
      await page.locator(`[data-testid="weight-${id}"]`).focus();
      await page.keyboard.press('Home');
    }
    await expect(
      page.locator('[data-testid="weight-fg_count"] + output').textContent(),
    ).resolves.toBe('5');
    await waitReady();
    const after = await page
      .locator('[data-testid="ranking-table"] > tbody > tr[data-code]')
      .evaluateAll((rows) => rows.slice(0, 10).map((row) => row.getAttribute('data-code')));
    expect(after).not.toEqual(before);
  });

  // Each click over the map can take 15 to 40 s under SwiftShader on a loaded machine.
  it('draws a polygon by clicking the map and selects the communes inside', async () => {
    const { page } = watched;
    await page.locator('[data-testid="draw-polygon"]').click();
    const box = await mapBox();
    drawBox = { x: box.x, y: box.y };
    clicked = VERTICES.map(([fx, fy]) => ({
      x: box.x + fx * box.width,
      y: box.y + fy * box.height,
    }));
    for (const point of clicked) {
      await page.mouse.click(point.x, point.y);
    }
    await expect(page.locator('[data-testid="draw-status"]').textContent()).resolves.toMatch(
      /4 sommets/,
    );
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid="target-count"]')?.getAttribute('data-count')) >
        0,
      undefined,
      { timeout: 60_000 },
    );
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/targeting-polygon.png` });
    expect(page.url()).toContain(`epci=${EPCI}`);
  }, 400_000);

  it('exports the list as CSV and GeoJSON with filters, weights and polygon', async () => {
    const { page } = watched;
    const csvDownload = page.waitForEvent('download');
    await page.locator('[data-testid="export-csv"]').click();
    const csvFile = await csvDownload;
    expect(csvFile.suggestedFilename()).toMatch(
      new RegExp(`^cible-communes-${EPCI}-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
    );
    const geoDownload = page.waitForEvent('download');
    await page.locator('[data-testid="export-geojson"]').click();
    const geoFile = await geoDownload;
    exported = {
      csv: readFileSync(await csvFile.path(), 'utf8'),
      geojson: JSON.parse(readFileSync(await geoFile.path(), 'utf8')),
    };
    const { metadata } = exported.geojson;
    expect(metadata.weights.fg_count).toBe(5);
    expect(metadata.weights.fg_share).toBe(0);
    expect(metadata.selection_methods).toEqual(['polygone']);
    expect(metadata.dataset.id).toBe('demo');
    expect(metadata.filters).toBe('Aucun filtre');
    expect(metadata.polygon_rule).toMatch(/centroïde/);
    expect(exported.csv.startsWith('\uFEFFCode;Nom;Rang;Score (0-100);')).toBe(true);
    expect(exported.csv).toContain('Passoires F/G 5, Part de passoires F/G 0');
    // Lille area: longitude 2.8–3.3°, latitude 50.5–50.8°.
    expect(exported.csv).toMatch(/POLYGON\(\([23]\.\d+ 50\.\d+/);
  });

  it('the polygon of the file is the one clicked on the screen', async () => {
    const ring = exported.geojson.metadata.polygon?.coordinates[0] ?? [];
    expect(ring.length).toBe(VERTICES.length + 1);
    const projected = await watched.page.evaluate(
      (points) =>
        points.map((p) => {
          const map = (
            window as unknown as {
              __casba: { map: { project(p: [number, number]): { x: number; y: number } } };
            }
          ).__casba.map;
          return map.project(p);
        }),
      ring.slice(0, -1),
    );
    projected.forEach((point, i) => {
      expect(Math.abs(drawBox.x + point.x - (clicked[i]?.x ?? 0))).toBeLessThan(1.5);
      expect(Math.abs(drawBox.y + point.y - (clicked[i]?.y ?? 0))).toBeLessThan(1.5);
    });
  });

  it('exports exactly the communes whose centroid falls in the polygon (checked with turf)', () => {
    const ring = exported.geojson.metadata.polygon?.coordinates[0] ?? [];
    const expected = communesInPolygon(ring);
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.length).toBeLessThan(95);
    const fromGeojson = exported.geojson.features.map((f) => f.properties.code).sort();
    expect(fromGeojson).toEqual(expected);
    const lines = exported.csv.replace('\uFEFF', '').trim().split('\r\n');
    const fromCsv = lines
      .slice(1)
      .map((line) => line.split(';')[0] ?? '')
      .sort();
    expect(fromCsv).toEqual(expected);
    // Decimal comma in the score column.
    expect(lines.slice(1).some((line) => /^\d{5};[^;]*;\d+;\d+,\d+;/.test(line))).toBe(true);
  });

  it('Escape cancels a polygon being drawn without leaving the EPCI', async () => {
    const { page } = watched;
    const count = await page.locator('[data-testid="target-count"]').getAttribute('data-count');
    await page.locator('[data-testid="draw-polygon"]').click();
    const box = await mapBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.press('Escape');
    await expect(page.locator('[data-testid="draw-polygon"]').isVisible()).resolves.toBe(true);
    expect(await page.locator('[data-testid="target-count"]').getAttribute('data-count')).toBe(
      count,
    );
    expect(page.url()).toContain(`epci=${EPCI}`);
  });

  it('shows the renovation scenario of the list against the programme targets', async () => {
    const { page } = watched;
    const figures = page.locator('[data-testid="scenario-figures"]');
    await expect(figures.locator('[data-figure="carnets"]').textContent()).resolves.toMatch(
      /de l’objectif/,
    );
    await page.locator('[data-testid="scenario-share"]').fill('150');
    await expect(page.locator('#scenario-share-error').textContent()).resolves.toMatch(
      /entre 0 et 100/,
    );
    await page.locator('[data-testid="scenario-share"]').fill('20');
  });

  it('exports the map as a PNG with the map area coloured', async () => {
    const { page } = watched;
    const download = page.waitForEvent('download');
    await page.locator('[data-testid="export-png"]').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.png$/);
    const png = readFileSync(await file.path());
    writeFileSync(`${SCREENSHOT_DIR}/targeting-export.png`, png);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    const box = await mapBox();
    const stats = await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.drawImage(image, 0, 0);
      // Map area: below the 58 px header; sample right of the legend (bottom left), where the
      // territories are fitted.
      const x0 = Math.round(image.width * 0.4);
      const y0 = 58 + 40;
      const data = context.getImageData(x0, y0, Math.round(image.width * 0.5), 300).data;
      let coloured = 0;
      let total = 0;
      for (let i = 0; i < data.length; i += 4) {
        const r = data[i] ?? 0;
        const b = data[i + 2] ?? 0;
        total++;
        // Score classes are YlOrRd: red clearly above blue.
        if (r - b > 60) coloured++;
      }
      return { width: image.width, height: image.height, share: coloured / total };
    }, png.toString('base64'));
    expect(stats.width).toBe(Math.round(box.width));
    expect(stats.height).toBeGreaterThan(box.height + 58);
    expect(stats.share).toBeGreaterThan(0.3);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.externalRequests).toEqual([]);
  });
});
