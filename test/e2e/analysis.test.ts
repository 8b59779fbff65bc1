import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_PALETTE_ID } from '../../src/domain/classification.ts';
import { formatCount } from '../../src/domain/format.ts';
import { hexToRgba } from '../../src/map/colour-scale.ts';
import { getPalette } from '../../src/map/palettes.ts';
import {
  launchBrowser,
  openWatchedPage,
  projectToScreen,
  readScreenPixel,
  SCREENSHOT_DIR,
  type WatchedPage,
} from './browser.ts';
import { queryBuiltStock } from './node-stock.ts';
import { expectNamesFollowObstacles, territoryNames } from './territory-labels.ts';

/** Rennes Métropole (Ille-et-Vilaine, issue 13) and its central commune, Rennes. */
const EPCI = '243500139';
const COMMUNE = '35238';
/** A Corsican EPCI (CA du Pays Ajaccien, 2A) and an EPCI on the Nord and the Pas-de-Calais
 * (CC Flandre Lys), each with one of its communes, the latter in its second département. */
const OTHER_EPCI = [
  { epci: '242010056', commune: '2A004', file: 'communes-2A.geojson', shot: 'corse-pays-ajaccien' },
  { epci: '245900758', commune: '62491', file: 'communes-62.geojson', shot: 'flandre-lys-59-62' },
] as const;
const BACKGROUND_TOLERANCE = 12;

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;
let watched: WatchedPage;
let sharedUrl = '';
let indicatorsInApp: Record<string, number> = {};

type Collection = FeatureCollection<Polygon | MultiPolygon, { code: string }>;

function innerPoint(file: string, code: string): [number, number] {
  const collection = JSON.parse(readFileSync(`public/data/${file}`, 'utf8')) as Collection;
  const feature = collection.features.find((f) => f.properties.code === code) as Feature<
    Polygon | MultiPolygon
  >;
  const [lon = 0, lat = 0] = pointOnFeature(feature).geometry.coordinates;
  return [lon, lat];
}

async function waitForLevel(page: Page, level: string): Promise<void> {
  await page.waitForSelector(
    `[data-testid="app-ready"][data-level="${level}"][data-rows="current"]`,
    // Generous: the machine running the suite is shared and SwiftShader renders on the CPU.
    { timeout: 150_000 },
  );
  await page.waitForTimeout(400);
}

async function clickTerritory(page: Page, file: string, code: string): Promise<void> {
  const { x, y } = await projectToScreen(page, innerPoint(file, code));
  await page.mouse.click(x, y);
}

async function crumbs(page: Page): Promise<string[]> {
  const items = await page.locator('[data-testid="breadcrumb"] li').allTextContents();
  return items.map((text) => text.replace('›', '').trim());
}

async function readIndicators(page: Page): Promise<Record<string, number>> {
  await page.waitForSelector('.indicator-list[aria-busy="false"]', { timeout: 60_000 });
  const values: Record<string, number> = {};
  for (const id of ['dwellings', 'fg_count', 'fg_share', 'mean_ep', 'total_ef_gwh']) {
    const raw = await page.locator(`[data-testid="indicator-${id}"]`).getAttribute('data-value');
    values[id] = Number(raw);
  }
  return values;
}

/** Codes and fill colours of the features the commune choropleth layer was last given. */
async function drawnCommunes(page: Page): Promise<{ code: string; fill: number[] }[]> {
  return page.evaluate(() => {
    type Layer = {
      id: string;
      props: {
        data: { features: { properties: { code: string } }[] };
        getFillColor: (feature: unknown) => number[];
      };
    };
    const layers = ((window as unknown as { __casba: { layers: unknown[] } }).__casba.layers ??
      []) as unknown[];
    const layer = layers.flat(3).find((entry) => (entry as Layer)?.id === 'territory-commune') as
      | Layer
      | undefined;
    if (!layer) return [];
    return layer.props.data.features.map((feature) => ({
      code: feature.properties.code,
      fill: Array.from(layer.props.getFillColor(feature)),
    }));
  });
}

type MapHandle = {
  getZoom(): number;
  getCenter(): { lng: number; lat: number };
  jumpTo(view: { center: [number, number]; zoom: number }): void;
};

/**
 * Some names are left out where they would overlap (the placement itself is unit-tested); zoomed
 * in around one of them, it is drawn; back to the same view, the same names again.
 */
async function expectDroppedNameShownWhenZoomedIn(page: Page): Promise<void> {
  const before = await territoryNames(page);
  expect(before.placed.length).toBeGreaterThan(0);
  const dropped = before.all.find((label) => !before.placed.includes(label.text));
  if (dropped === undefined) throw new Error('aucun nom de commune masqué à ce zoom');
  const start = await page.evaluate((position) => {
    const { map } = (window as unknown as { __casba: { map: MapHandle } }).__casba;
    const { lng, lat } = map.getCenter();
    const zoom = map.getZoom();
    map.jumpTo({ center: position, zoom: Math.min(zoom + 3, 12) });
    return { center: [lng, lat] as [number, number], zoom };
  }, dropped.position);
  const placed = async () => (await territoryNames(page)).placed;
  await expect.poll(placed, { timeout: 60_000, interval: 500 }).toContain(dropped.text);
  await page.evaluate((view) => {
    (window as unknown as { __casba: { map: MapHandle } }).__casba.map.jumpTo(view);
  }, start);
  await expect.poll(placed, { timeout: 60_000, interval: 500 }).toEqual(before.placed);
}

/**
 * Every member commune of `epci` in the COG (native DuckDB on the built database) is on the
 * commune layer, in a class colour (never the no-data one), and nothing else is.
 */
async function expectEveryMemberDrawn(page: Page, epci: string): Promise<void> {
  const members = await queryBuiltStock<{ code: string }>(
    `SELECT code_commune AS code FROM territory_commune WHERE code_epci = '${epci}' ORDER BY 1`,
  );
  const drawn = await drawnCommunes(page);
  expect(members.length).toBeGreaterThan(4);
  expect(drawn.map((entry) => entry.code).sort()).toEqual(members.map((entry) => entry.code));
  const noData = hexToRgba(getPalette(DEFAULT_PALETTE_ID).noDataColour).slice(0, 3);
  for (const { fill } of drawn) expect(fill.slice(0, 3)).not.toEqual(noData);
}

/** The share of F/G of a commune in the demo stock, by native DuckDB. */
async function nativeFgShare(commune: string): Promise<number> {
  const [row] = await queryBuiltStock<{ share: number }>(
    `SELECT sum(weight) FILTER (WHERE dpe_label IN ('F', 'G'))
         / sum(weight) FILTER (WHERE dpe_label IS NOT NULL) AS share
       FROM stock WHERE dataset = 'demo' AND code_commune = '${commune}'`,
  );
  return Number(row?.share);
}

/** The pixel under a commune's inner point is a class colour, not the background. */
async function expectColouredAt(page: Page, file: string, code: string): Promise<void> {
  const { x, y } = await projectToScreen(page, innerPoint(file, code));
  // Below the commune's label, which is drawn at that inner point.
  const [r, g, b] = await readScreenPixel(page, x, y + 18);
  const box = await page.locator('[data-testid="map"]').boundingBox();
  const background = await readScreenPixel(
    page,
    (box?.x ?? 0) + (box?.width ?? 0) - 20,
    (box?.y ?? 0) + (box?.height ?? 0) - 60,
  );
  const distance =
    Math.abs(r - background[0]) + Math.abs(g - background[1]) + Math.abs(b - background[2]);
  expect(distance).toBeGreaterThan(BACKGROUND_TOLERANCE);
  expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeGreaterThan(40);
}

describe('territory analysis: drill-down, cross-filters, shared URL', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    watched = await openWatchedPage(browser, inject('baseUrl'));
    await watched.page.goto(`${inject('baseUrl')}?niveau=region`);
    await waitForLevel(watched.page, 'region');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('drills from France to Rennes Métropole and its communes through the map and the breadcrumb', async () => {
    const { page } = watched;
    await page.screenshot({ path: `${SCREENSHOT_DIR}/analysis-1-regions.png` });
    expect(await crumbs(page)).toEqual(['France']);

    await clickTerritory(page, 'regions.geojson', '53');
    await page.locator('[data-testid="drill-button"]').click();
    await waitForLevel(page, 'departement');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/analysis-2-departements-bretagne.png` });
    expect(await crumbs(page)).toEqual(['France', 'Bretagne']);

    await clickTerritory(page, 'departements.geojson', '35');
    await page.locator('[data-testid="drill-button"]').click();
    await waitForLevel(page, 'epci');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/analysis-3-epci-ille-et-vilaine.png` });
    expect(await crumbs(page)).toEqual(['France', 'Bretagne', 'Ille-et-Vilaine']);

    await clickTerritory(page, 'epci.geojson', EPCI);
    await page.locator('[data-testid="drill-button"]').click();
    await waitForLevel(page, 'commune');
    expect(await crumbs(page)).toEqual([
      'France',
      'Bretagne',
      'Ille-et-Vilaine',
      'Rennes Métropole',
    ]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/analysis-4-communes-rennes-metropole.png` });
    await expectEveryMemberDrawn(page, EPCI);
    await expectDroppedNameShownWhenZoomedIn(page);

    await clickTerritory(page, 'communes-35.geojson', COMMUNE);
    await page.waitForFunction(
      (code) => new URLSearchParams(location.search).get('commune') === code,
      COMMUNE,
    );
    await waitForLevel(page, 'commune');
    expect(await crumbs(page)).toEqual([
      'France',
      'Bretagne',
      'Ille-et-Vilaine',
      'Rennes Métropole',
      'Rennes',
    ]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/analysis-5-commune-rennes.png` });
    await expectColouredAt(page, 'communes-35.geojson', COMMUNE);
    const shown = await readIndicators(page);
    expect(shown.fg_share).toBeGreaterThan(0);
    expect(shown.fg_share).toBeCloseTo(await nativeFgShare(COMMUNE), 9);

    // The demo stock has no coordinates: the screen says so instead of drawing nothing silently.
    const note = page.locator('[data-testid="points-note"]');
    await page.waitForSelector('[data-testid="points-note"][data-status="ready"]');
    expect(await note.textContent()).toMatch(/pas de coordonnées/);

    // Back and forth in the breadcrumb: the département crumb shows its EPCI again.
    await page.locator('[data-testid="breadcrumb"] button', { hasText: 'Ille-et-Vilaine' }).click();
    await waitForLevel(page, 'epci');
    expect(await crumbs(page)).toEqual(['France', 'Bretagne', 'Ille-et-Vilaine']);
    await page.goBack();
    await waitForLevel(page, 'commune');
    expect(await crumbs(page)).toHaveLength(5);
  });

  it('places the names again when the legend changes size or an obstacle appears, the view unchanged', async () => {
    await expectNamesFollowObstacles(watched.page, 'analysis-4b-rennes');
  });

  it('filters from the charts; the indicators equal native DuckDB with the same filters', async () => {
    const { page } = watched;
    const labels = page.locator('[data-testid="filter-chart-labels"]');
    await labels.locator('button[data-value="F"]').click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('etiq') === 'F');
    await labels.locator('button[data-value="G"]').click();
    await page
      .locator('[data-testid="filter-chart-periods"] button[data-value="avant_1948"]')
      .click();
    await page.waitForFunction(
      () =>
        new URLSearchParams(location.search).get('etiq') === 'F,G' &&
        new URLSearchParams(location.search).get('periode') === 'avant_1948',
    );
    await waitForLevel(page, 'commune');
    // A chart is not filtered by its own selection: A–E still show their dwellings.
    expect(
      Number(await labels.locator('button[data-value="C"]').getAttribute('data-dwellings')),
    ).toBeGreaterThan(0);
    indicatorsInApp = await readIndicators(page);
    // A commune's F/G dwellings built before 1948 are a handful of cells: flagged as fragile.
    await expect
      .poll(() => page.locator('[data-testid="model-support-flag"]').textContent(), {
        timeout: 30_000,
      })
      .toMatch(/cellule\(s\) typologique\(s\)/);
    const method = page.locator('[data-testid="method-fg_share"]');
    await method.locator('summary').click();
    const methodText = (await method.textContent()) ?? '';
    expect(methodText).toContain('Période de construction');
    expect(methodText).toContain('donnée du recensement');
    expect(methodText).toMatch(/millésime RP ≈ 2019–2020/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/analysis-6-filtered.png` });

    const [expected] = await queryBuiltStock<Record<string, number>>(
      `SELECT sum(weight) AS dwellings,
         sum(weight) FILTER (WHERE dpe_label IN ('F', 'G')) AS fg_count,
         sum(ep_kwh_m2 * weight) / sum(weight) FILTER (WHERE ep_kwh_m2 IS NOT NULL) AS mean_ep,
         sum(ef_kwh_m2 * surface_m2 * weight) / 1e6 AS total_ef_gwh
       FROM stock
       WHERE dataset = 'demo' AND code_commune = '${COMMUNE}'
         AND dpe_label IN ('F', 'G') AND construction_period = 'avant_1948'`,
    );
    expect(Number(expected?.dwellings)).toBeGreaterThan(0);
    expect(indicatorsInApp.dwellings).toBeCloseTo(Number(expected?.dwellings), 6);
    expect(indicatorsInApp.fg_count).toBeCloseTo(Number(expected?.fg_count), 6);
    expect(indicatorsInApp.fg_share).toBeCloseTo(1, 9);
    expect(indicatorsInApp.mean_ep).toBeCloseTo(Number(expected?.mean_ep), 6);
    expect(indicatorsInApp.total_ef_gwh).toBeCloseTo(Number(expected?.total_ef_gwh), 6);
    sharedUrl = page.url();
  });

  it('opens the same state from a copied URL', async () => {
    const copy = await openWatchedPage(browser, inject('baseUrl'));
    await copy.page.goto(sharedUrl);
    await waitForLevel(copy.page, 'commune');
    expect(await crumbs(copy.page)).toHaveLength(5);
    expect(await copy.page.locator('[data-testid="level-select"]').inputValue()).toBe('commune');
    expect(await copy.page.locator('[data-testid="metric-select"]').inputValue()).toBe('fg_share');
    expect(await copy.page.locator('[data-testid="filter-summary"]').textContent()).toBe(
      await watched.page.locator('[data-testid="filter-summary"]').textContent(),
    );
    expect(await readIndicators(copy.page)).toEqual(indicatorsInApp);
    expect(copy.consoleErrors).toEqual([]);
    await copy.page.close();
  });

  it('shows the same rows as a sortable table', async () => {
    const { page } = watched;
    await page.locator('[data-testid="show-table"]').click();
    const table = page.locator('[data-testid="territory-table"]');
    await table.waitFor({ state: 'visible' });
    expect(new URL(page.url()).searchParams.get('vue')).toBe('tableau');
    // The mapped indicator is the first column after the name and code, and sorts the table.
    const sortedBy = async (metric: string) => {
      const first = table.locator('thead th').nth(2);
      expect(await first.locator('button').getAttribute('data-testid')).toBe(`sort-${metric}`);
      expect(await first.getAttribute('aria-sort')).toBe('descending');
    };
    const mapped = await page.locator('[data-testid="metric-select"]').inputValue();
    await sortedBy(mapped);
    await page.locator('[data-testid="metric-select"]').selectOption('mean_ep');
    await sortedBy('mean_ep');
    await page.locator('[data-testid="metric-select"]').selectOption(mapped);
    const header = page.locator('th:has([data-testid="sort-dwellings"])');
    await page.locator('[data-testid="sort-dwellings"]').focus();
    await page.keyboard.press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const values = await table
      .locator('tbody td[data-indicator="dwellings"]')
      .evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-value'))));
    expect(values.length).toBeGreaterThan(3);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    // Counted the French way, with the level's noun: « 43 communes », « 1 232 EPCI ».
    expect(await table.locator('.territory-table-bar p').textContent()).toBe(
      formatCount(values.length, 'commune', 'communes'),
    );
    const rennes = table.locator(`tr[data-code="${COMMUNE}"] td[data-indicator="dwellings"]`);
    expect(Number(await rennes.getAttribute('data-value'))).toBeCloseTo(
      indicatorsInApp.dwellings ?? Number.NaN,
      6,
    );
    await page.screenshot({ path: `${SCREENSHOT_DIR}/analysis-8-table.png` });
  });

  it('has no serious or critical accessibility violation (axe-core)', async () => {
    const { page } = watched;
    for (const view of ['show-table', 'show-map']) {
      await page.locator(`[data-testid="${view}"]`).click();
      await page.waitForTimeout(800);
      // Evaluated through the DevTools protocol: the page's CSP forbids injected inline scripts.
      await page.evaluate(AXE_SOURCE);
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (context: unknown) => Promise<{
                violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
              }>;
            };
          }
        ).axe;
        const result = await axe.run(document);
        return result.violations
          .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
          .map(
            (violation) =>
              `${violation.id}: ${violation.nodes
                .map((n) => n.target.join(' '))
                .slice(0, 3)
                .join(', ')}`,
          );
      });
      expect(violations).toEqual([]);
    }
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.externalRequests).toEqual([]);
  });

  it('draws every commune of a Corsican EPCI and of an EPCI on two départements', async () => {
    const { page } = watched;
    for (const { epci, commune, file, shot } of OTHER_EPCI) {
      // In the page, as a back or forward would: no reload of DuckDB and the stock.
      await page.evaluate((search) => {
        history.pushState(null, '', search);
        dispatchEvent(new PopStateEvent('popstate'));
      }, `?niveau=commune&commune=${commune}`);
      await page.waitForSelector(
        `[data-testid="app-ready"][data-rows="current"][data-key*='"epci","${epci}"']`,
        { timeout: 150_000 },
      );
      await page.waitForTimeout(400);
      expect(await crumbs(page)).toHaveLength(5);
      await expectEveryMemberDrawn(page, epci);
      await expectColouredAt(page, file, commune);
      const shown = await readIndicators(page);
      expect(shown.fg_share).toBeCloseTo(await nativeFgShare(commune), 9);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/analysis-communes-${shot}.png` });
    }
    expect(watched.consoleErrors).toEqual([]);
  }, 400_000);

  it('shows the vintage report from the header, every list with its count', async () => {
    const { page } = watched;
    const report = JSON.parse(readFileSync('public/data/vintage-report.json', 'utf8')) as {
      cog_year: number;
      contours_year: number;
      communes: { cog_without_contour: unknown[]; epci_changed: unknown[] };
      older_vintages: { cog_year: number; merged: unknown[]; epci_changed: unknown[] }[];
    };
    const button = page.locator('[data-testid="vintage-report-button"]');
    expect(await button.textContent()).toBe(
      `Millésimes des données : COG ${report.cog_year}, contours ${report.contours_year}`,
    );
    await button.click();
    const dialog = page.locator('[data-testid="vintage-report-dialog"]');
    await dialog.locator('[data-testid="vintage-report"]').waitFor({ timeout: 30_000 });
    const count = async (id: string) =>
      Number(await dialog.locator(`[data-testid="vintage-${id}"]`).getAttribute('data-count'));
    expect(await count('communes-without-contour')).toBe(
      report.communes.cog_without_contour.length,
    );
    expect(await count('commune-epci-changed')).toBe(report.communes.epci_changed.length);
    const [older] = report.older_vintages;
    expect(older?.merged.length).toBeGreaterThan(0);
    const merged = `older-${older?.cog_year}-merged`;
    expect(await count(merged)).toBe(older?.merged.length);
    expect(await count(`older-${older?.cog_year}-epci-changed`)).toBe(older?.epci_changed.length);
    await dialog.locator(`[data-testid="vintage-${merged}"] summary`).click();
    expect(
      await dialog.locator(`[data-testid="vintage-${merged}"] .vintage-list-lines li`).count(),
    ).toBe(older?.merged.length);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/vintage-report.png` });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('ignores invalid parameters with a dismissible French notice', async () => {
    const page = (await openWatchedPage(browser, inject('baseUrl'))).page;
    await page.goto(`${inject('baseUrl')}?niveau=canton&etiq=Z&departement=36`);
    const notice = page.locator('[data-testid="url-notice"]');
    await notice.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await notice.textContent()).toMatch(/« niveau » ignoré.*« canton »/);
    expect(await notice.textContent()).toMatch(/« etiq » ignoré/);
    expect(new URL(page.url()).searchParams.get('niveau')).toBeNull();
    expect(new URL(page.url()).searchParams.get('departement')).toBe('36');
    await notice.locator('button').click();
    expect(await notice.count()).toBe(0);
    await page.close();
  });
});
