import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pointOnFeature } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openWatchedPage, SCREENSHOT_DIR, type WatchedPage } from './browser.ts';

/** CA Châteauroux Métropole, renamed by the test with an HTML payload. */
const EPCI = '243600327';
const EPCI_PAYLOAD =
  '<img src=x onerror=window.__pwned=5>Châteauroux<script>window.__pwned=6</script>';
const NAME_PAYLOAD = '<img src=x onerror=window.__pwned=4>';
const LABEL_PAYLOAD = '<img src=x onerror=window.__pwned=1>';
const TYPE_PAYLOAD = '<img src=x onerror=window.__pwned=3>';
const COMMUNE_PAYLOAD = '<script>window.__pwned=2</script>';
const FILE = `test-artifacts/${NAME_PAYLOAD}.csv`;

const HEADER =
  'numero_dpe;date_etablissement_dpe;type_batiment;surface_habitable_logement;etiquette_dpe;etiquette_ges;conso_5_usages_par_m2_ep;conso_5_usages_par_m2_ef;emission_ges_5_usages_par_m2;code_insee_ban';
const ROWS = [
  '2336E00000001;2024-03-01;appartement;50;F;F;380;165;85;36044',
  `2336E00000002;2024-03-01;appartement;50;${LABEL_PAYLOAD};F;380;165;85;36044`,
  `2336E00000003;2024-03-01;appartement;50;F;F;380;165;85;${COMMUNE_PAYLOAD}`,
  `2336E00000004;2024-03-01;${TYPE_PAYLOAD};50;G;G;480;200;120;36044`,
  `=1+2;2024-03-01;appartement;50;G;G;480;200;120;${COMMUNE_PAYLOAD}`,
  `@SUM(1);2024-03-01;appartement;50;G;G;480;200;120;${COMMUNE_PAYLOAD}`,
];

let browser: Browser;
let watched: WatchedPage;
let before: { img: number; script: number };

function epciPoint(): [number, number] {
  const collection = JSON.parse(
    readFileSync('public/data/epci.geojson', 'utf8'),
  ) as FeatureCollection<Polygon | MultiPolygon, { code: string }>;
  const feature = collection.features.find((f) => f.properties.code === EPCI);
  if (!feature) throw new Error(`EPCI ${EPCI} absent des contours`);
  const [lon = 0, lat = 0] = pointOnFeature(feature).geometry.coordinates;
  return [lon, lat];
}

async function elementCounts(page: Page): Promise<{ img: number; script: number }> {
  return page.evaluate(() => ({
    img: document.querySelectorAll('img').length,
    script: document.querySelectorAll('script').length,
  }));
}

async function expectNothingInjected(page: Page): Promise<void> {
  expect(await elementCounts(page)).toEqual(before);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
    undefined,
  );
}

describe('hostile names and cells are shown as text', () => {
  beforeAll(async () => {
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync(FILE, `${[HEADER, ...ROWS].join('\n')}\n`);
    browser = await launchBrowser();
    watched = await openWatchedPage(browser, inject('baseUrl'));
    // The contours as a hostile server (or a tampered asset) could deliver them.
    await watched.page.route('**/data/epci.geojson', async (route) => {
      const response = await route.fetch();
      const json = (await response.json()) as FeatureCollection<
        null,
        { code: string; nom: string }
      >;
      for (const feature of json.features) {
        if (feature.properties.code === EPCI) feature.properties.nom = EPCI_PAYLOAD;
      }
      await route.fulfill({ response, json });
    });
    await watched.page.goto(inject('baseUrl'));
    await watched.page.waitForSelector('[data-testid="app-ready"]', { timeout: 180_000 });
    before = await elementCounts(watched.page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows payloads of the file name, cells and rejections as text in the import report', async () => {
    const { page } = watched;
    await page.locator('[data-testid="import-button"]').click();
    await page.locator('[data-testid="import-file-input"]').setInputFiles(FILE);
    const report = page.locator('[data-testid="import-report"]');
    await report.waitFor({ timeout: 120_000 });
    expect(await report.getAttribute('data-rows-read')).toBe(String(ROWS.length));
    expect(await report.getAttribute('data-rejected')).toBe('3');
    const text = (await report.textContent()) ?? '';
    for (const payload of [`${NAME_PAYLOAD}.csv`, LABEL_PAYLOAD, TYPE_PAYLOAD, COMMUNE_PAYLOAD]) {
      expect(text).toContain(payload);
    }
    await page.screenshot({ path: `${SCREENSHOT_DIR}/41-injection-report.png` });
    await expectNothingInjected(page);
  });

  it('neutralises formula cells in the rejected-rows download', async () => {
    const { page } = watched;
    const download = page.waitForEvent('download');
    await page.locator('[data-testid="download-rejected"]').click();
    const csv = readFileSync(await (await download).path(), 'utf8');
    // Each raw line is one quoted cell (it holds `;`), its formula start behind an apostrophe.
    expect(csv).toContain(`"'=1+2;2024-03-01;`);
    expect(csv).toContain(`"'@SUM(1);2024-03-01;`);
    expect(csv).not.toMatch(/(^|;|\r\n)"?[=+@]/);
  });

  it('shows the dataset name as text in the notice and the dataset switcher', async () => {
    const { page } = watched;
    await page.locator('[data-testid="import-close"]').click();
    await page.waitForSelector('[data-testid="app-ready"][data-dataset="import-1"]', {
      timeout: 120_000,
    });
    expect(await page.locator('[data-testid="import-notice"]').textContent()).toContain(
      `« ${NAME_PAYLOAD} »`,
    );
    const option = page.locator('[data-testid="dataset-select"] option[value="import-1"]');
    expect(await option.textContent()).toContain(NAME_PAYLOAD);
    await expectNothingInjected(page);
  });

  it('shows a hostile territory name as text in the tooltip and the panel', async () => {
    const { page } = watched;
    const local = await page.evaluate(
      (point) =>
        (
          window as unknown as {
            __casba: { map: { project(p: [number, number]): { x: number; y: number } } };
          }
        ).__casba.map.project(point),
      epciPoint(),
    );
    const box = await page.locator('[data-testid="map"]').boundingBox();
    if (!box) throw new Error('carte introuvable');
    await page.mouse.move(box.x + local.x, box.y + local.y);
    const tooltip = page.locator('[data-testid="tooltip"]');
    await tooltip.waitFor({ timeout: 20_000 });
    expect(await tooltip.textContent()).toContain(EPCI_PAYLOAD);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/42-injection-tooltip.png` });
    await page.mouse.click(box.x + local.x, box.y + local.y);
    const name = page.locator('[data-testid="epci-panel"] [data-testid="panel-name"]');
    await name.waitFor({ timeout: 20_000 });
    expect(await name.textContent()).toBe(EPCI_PAYLOAD);
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/43-injection-panel.png` });
    await expectNothingInjected(page);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.externalRequests).toEqual([]);
  });
});
