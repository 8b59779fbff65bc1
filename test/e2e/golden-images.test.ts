/**
 * Golden images of four map views: a screenshot of each map with its legend, downscaled to at most
 * 400 px wide, is compared with a committed PNG. Downscaling averages SwiftShader's antialiasing
 * noise away; a changed class colour or legend label changes hundreds of pixels.
 * `UPDATE_GOLDENS=1 npx vitest run --project e2e test/e2e/golden-images.test.ts` rewrites them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import type { Browser, Locator, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openWatchedPage, type WatchedPage } from './browser.ts';

const GOLDEN_DIR = 'test/e2e/golden';
const DIFF_DIR = 'test-artifacts/golden';
const UPDATE = process.env.UPDATE_GOLDENS === '1';
const MAX_WIDTH = 400;
/**
 * pixelmatch's per-pixel colour distance (YIQ, 0–1) above which a pixel differs. Its default, 0.1,
 * misses a class going from ColorBrewer's #fd8d3c to #fb6a4a; at 0.02 that change counts 2,896
 * pixels on the France view, while two runs of the same code give identical images.
 */
const PIXEL_THRESHOLD = 0.02;
/** Differing pixels allowed per image (measured noise between runs: see the README). */
const MAX_DIFFERING_PIXELS = 40;

/** Rennes Métropole (its communes) and the Métropole Européenne de Lille (targeting). */
const RENNES = '243500139';
const LILLE = '200093201';
/** Per view: loading the app and settling the map under SwiftShader on a shared machine. */
const VIEW_TIMEOUT = 420_000;

let browser: Browser;
let watched: WatchedPage;

async function waitForLevel(page: Page, level: string): Promise<void> {
  await page.waitForSelector(
    `[data-testid="app-ready"][data-level="${level}"][data-rows="current"]`,
    { timeout: 360_000 },
  );
}

/** Screenshots the element until two shots in a row are the same (the map has settled). */
async function settledShot(element: Locator): Promise<Buffer> {
  let previous = await element.screenshot({ animations: 'disabled', caret: 'hide' });
  for (let attempt = 0; attempt < 20; attempt++) {
    await element.page().waitForTimeout(500);
    const shot = await element.screenshot({ animations: 'disabled', caret: 'hide' });
    if (shot.equals(previous)) return shot;
    previous = shot;
  }
  throw new Error('la carte ne se stabilise pas');
}

/** Box-averages an image down to at most MAX_WIDTH pixels wide (integer factor). */
function downscale(source: PNG): PNG {
  const factor = Math.ceil(source.width / MAX_WIDTH);
  const width = Math.floor(source.width / factor);
  const height = Math.floor(source.height / factor);
  const target = new PNG({ width, height });
  const area = factor * factor;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sums = [0, 0, 0, 0];
      for (let dy = 0; dy < factor; dy++) {
        for (let dx = 0; dx < factor; dx++) {
          const from = ((y * factor + dy) * source.width + x * factor + dx) * 4;
          for (let c = 0; c < 4; c++) sums[c] = (sums[c] ?? 0) + (source.data[from + c] ?? 0);
        }
      }
      const to = (y * width + x) * 4;
      for (let c = 0; c < 4; c++) target.data[to + c] = Math.round((sums[c] ?? 0) / area);
    }
  }
  return target;
}

/**
 * Compares the settled, downscaled screenshot of `element` with the golden `name`.png; writes
 * the current image and the diff to test-artifacts/golden/ for a look when it fails.
 */
async function expectGolden(element: Locator, name: string): Promise<void> {
  const current = downscale(PNG.sync.read(await settledShot(element)));
  const goldenPath = join(GOLDEN_DIR, `${name}.png`);
  mkdirSync(DIFF_DIR, { recursive: true });
  writeFileSync(join(DIFF_DIR, `${name}.png`), PNG.sync.write(current));
  if (UPDATE) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(goldenPath, PNG.sync.write(current));
  }
  if (!existsSync(goldenPath)) {
    throw new Error(`Image de référence absente : ${goldenPath} (UPDATE_GOLDENS=1 pour la créer)`);
  }
  const golden = PNG.sync.read(readFileSync(goldenPath));
  expect([current.width, current.height]).toEqual([golden.width, golden.height]);
  const diff = new PNG({ width: golden.width, height: golden.height });
  const differing = pixelmatch(golden.data, current.data, diff.data, golden.width, golden.height, {
    threshold: PIXEL_THRESHOLD,
  });
  writeFileSync(join(DIFF_DIR, `${name}-diff.png`), PNG.sync.write(diff));
  console.info(
    `golden ${name}: ${differing} pixel(s) différent(s) sur ${golden.width * golden.height}`,
  );
  expect(differing, `${name} : pixels différents de l’image de référence`).toBeLessThanOrEqual(
    MAX_DIFFERING_PIXELS,
  );
}

describe('golden images of the map views', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    watched = await openWatchedPage(browser, inject('baseUrl'));
    watched.page.setDefaultTimeout(120_000);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it(
    'France: F/G share by EPCI',
    async () => {
      const { page } = watched;
      await page.goto(`${inject('baseUrl')}?niveau=epci`);
      await waitForLevel(page, 'epci');
      await expectGolden(page.locator('.map-area').first(), 'france-epci-fg-share');
    },
    VIEW_TIMEOUT,
  );

  it(
    'Rennes Métropole: its communes',
    async () => {
      const { page } = watched;
      await page.goto(`${inject('baseUrl')}?niveau=commune&epci=${RENNES}`);
      await waitForLevel(page, 'commune');
      await expectGolden(page.locator('.map-area').first(), 'rennes-metropole-communes');
    },
    VIEW_TIMEOUT,
  );

  it(
    'targeting: the communes of the Métropole Européenne de Lille',
    async () => {
      const { page } = watched;
      await page.goto(`${inject('baseUrl')}?niveau=commune&epci=${LILLE}`);
      await waitForLevel(page, 'commune');
      await page.locator('[data-testid="show-targeting"]').click();
      await page.waitForSelector('[data-testid="targeting-ready"][data-programme="ready"]', {
        timeout: 360_000,
      });
      await expectGolden(page.locator('.targeting-map-frame').locator('..'), 'targeting-lille');
    },
    VIEW_TIMEOUT,
  );

  it(
    'programme: the coverage map',
    async () => {
      const { page } = watched;
      await page.goto(`${inject('baseUrl')}?vue=pilotage`);
      await page.waitForSelector('[data-testid="coverage-map"][data-drawn="true"]', {
        timeout: 360_000,
      });
      await expectGolden(page.locator('.coverage-body'), 'programme-coverage');
      expect(watched.consoleErrors).toEqual([]);
      expect(watched.externalRequests).toEqual([]);
    },
    VIEW_TIMEOUT,
  );
});
