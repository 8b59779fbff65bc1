import { readFileSync } from 'node:fs';
import { pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  launchBrowser,
  openWatchedPage,
  projectToScreen,
  readScreenPixel,
  SCREENSHOT_DIR,
  type WatchedPage,
} from './browser.ts';
import { queryBuiltStock } from './node-stock.ts';

/** CA Châteauroux Métropole (Indre), a mid-sized EPCI well inside metropolitan France. */
const KNOWN_EPCI = '243600327';
const BACKGROUND_TOLERANCE = 12;

let browser: Browser;
let watched: WatchedPage;

function knownEpciPoint(): [number, number] {
  const collection = JSON.parse(
    readFileSync('public/data/epci.geojson', 'utf8'),
  ) as FeatureCollection<Polygon | MultiPolygon, { code: string }>;
  const feature = collection.features.find((f) => f.properties.code === KNOWN_EPCI) as Feature<
    Polygon | MultiPolygon
  >;
  const [lon = 0, lat = 0] = pointOnFeature(feature).geometry.coordinates;
  return [lon, lat];
}

describe('first view: F/G share per EPCI', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    watched = await openWatchedPage(browser, inject('baseUrl'));
    await watched.page.goto(inject('baseUrl'));
    await watched.page.waitForSelector('[data-testid="app-ready"]', { timeout: 120_000 });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('loads with no console error and no request outside the local server', async () => {
    // Generous: the first frame under SwiftShader on a loaded 2-core machine can take a while.
    await watched.page.screenshot({
      path: `${SCREENSHOT_DIR}/01-france-fg-share.png`,
      timeout: 120_000,
    });
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.externalRequests).toEqual([]);
  });

  it('labels the data as synthetic demonstration data', async () => {
    const badge = watched.page.locator('[data-testid="synthetic-badge"]').first();
    await expect(badge.isVisible()).resolves.toBe(true);
    expect(await badge.textContent()).toMatch(/synthétiques de démonstration/i);
  });

  it('draws the known EPCI in a coloured class of the legend', async () => {
    const { x, y } = await projectToScreen(watched.page, knownEpciPoint());
    const [r, g, b] = await readScreenPixel(watched.page, x, y);
    // A point in the Bay of Biscay shows the map background, whatever its colour.
    const sea = await projectToScreen(watched.page, [-5.5, 46.0]);
    const background = await readScreenPixel(watched.page, sea.x, sea.y);
    const distance =
      Math.abs(r - background[0]) + Math.abs(g - background[1]) + Math.abs(b - background[2]);
    expect(distance).toBeGreaterThan(BACKGROUND_TOLERANCE);
    // A classed fill is saturated (not the grey of "no data", not an outline).
    expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeGreaterThan(40);
  });

  it('opens the EPCI panel on click, with the same figures as native DuckDB', async () => {
    const { x, y } = await projectToScreen(watched.page, knownEpciPoint());
    await watched.page.mouse.click(x, y);
    const panel = watched.page.locator('[data-testid="epci-panel"]');
    await panel.waitFor({ state: 'visible', timeout: 20_000 });
    // The screenshot shows the map drawn with the selection, and its colours without the hover
    // highlight of the pointer left on the EPCI.
    await watched.page.mouse.move(1, 1);
    await watched.page.waitForFunction(
      () =>
        document.querySelector('[data-testid="app-ready"]') !== null &&
        !document.body.textContent?.includes('Dessin de la carte'),
      undefined,
      { timeout: 30_000 },
    );
    await watched.page.screenshot({ path: `${SCREENSHOT_DIR}/02-epci-panel.png` });

    expect(await panel.locator('[data-testid="panel-siren"]').textContent()).toContain(KNOWN_EPCI);
    expect(await panel.locator('[data-testid="panel-name"]').textContent()).toContain(
      'Châteauroux',
    );

    const [expected] = await queryBuiltStock<{ dwellings: number; fg: number }>(
      `SELECT sum(weight) AS dwellings, coalesce(sum(weight) FILTER (WHERE dpe_label IN ('F', 'G')), 0) AS fg
       FROM stock WHERE dataset = 'demo' AND code_epci = '${KNOWN_EPCI}'`,
    );
    const dwellings = Number(
      await panel.locator('[data-testid="panel-dwellings"]').getAttribute('data-value'),
    );
    const fgCount = Number(
      await panel.locator('[data-testid="panel-fg-count"]').getAttribute('data-value'),
    );
    expect(expected?.dwellings).toBeGreaterThan(0);
    expect(dwellings).toBeCloseTo(Number(expected?.dwellings), 6);
    expect(fgCount).toBeCloseTo(Number(expected?.fg), 6);
    expect(await panel.locator('[data-testid="synthetic-badge"]').count()).toBeGreaterThan(0);
  });

  it('releases the hover highlight when the pointer leaves the map', async () => {
    const { page } = watched;
    // Below the EPCI's name, inside it: the map is fitted to the EPCI selected above.
    const centre = await projectToScreen(page, knownEpciPoint());
    const point = { x: centre.x, y: centre.y + 60 };
    const distance = (a: number[], b: number[]) =>
      Math.abs((a[0] ?? 0) - (b[0] ?? 0)) +
      Math.abs((a[1] ?? 0) - (b[1] ?? 0)) +
      Math.abs((a[2] ?? 0) - (b[2] ?? 0));
    const plain = await readScreenPixel(page, point.x, point.y);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    await expect
      .poll(async () => distance(await readScreenPixel(page, point.x, point.y), plain), {
        timeout: 20_000,
      })
      .toBeGreaterThan(40);
    // Leaving the map for the side panel: the EPCI takes its class colour back (deck.gl alone
    // keeps the last hovered territory darkened, a colour that is in no legend).
    await page.mouse.move(1250, point.y, { steps: 8 });
    await expect
      .poll(async () => distance(await readScreenPixel(page, point.x, point.y), plain), {
        timeout: 20_000,
      })
      .toBeLessThan(BACKGROUND_TOLERANCE);
  });

  it('switches metric and updates the legend', async () => {
    const legend = watched.page.locator('[data-testid="legend"]');
    const before = await legend.textContent();
    await watched.page.locator('[data-testid="metric-select"]').selectOption('mean_ep');
    await watched.page.waitForTimeout(800);
    const after = await legend.textContent();
    expect(after).not.toEqual(before);
    expect(after).toMatch(/kWh/);
    await watched.page.screenshot({ path: `${SCREENSHOT_DIR}/03-metric-consumption.png` });
    expect(watched.consoleErrors).toEqual([]);
  });
});
