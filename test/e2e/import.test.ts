import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resolveSource } from '../../scripts/lib/sources.ts';
import { formatGapPoints } from '../../src/domain/format.ts';
import { launchBrowser, openWatchedPage, SCREENSHOT_DIR, type WatchedPage } from './browser.ts';
import { countLyonRows, writeDpeFile } from './dpe-file.ts';

const LYON_METROPOLE = '200046977';
const LARGE_FILE = 'test-artifacts/dpe-1m.csv';
const LARGE_ROWS = 1_000_000;

let browser: Browser;
let watched: WatchedPage;

interface CliReport {
  rows_read: number;
  accepted: number;
  rejected: number;
  by_epci: Record<string, number>;
}

/** The command-line import of the same file: the browser must report the same figures. */
function importWithCli(path: string): CliReport {
  const run = spawnSync('npx', ['tsx', 'scripts/import.ts', path], { encoding: 'utf8' });
  return JSON.parse(run.stdout) as CliReport;
}

async function importFile(path: string): Promise<Record<string, number>> {
  const { page } = watched;
  await page.locator('[data-testid="import-button"]').click();
  await page.locator('[data-testid="import-dialog"][open]').waitFor({ timeout: 10_000 });
  await page.locator('[data-testid="import-file-input"]').setInputFiles(path);
  const report = page.locator('[data-testid="import-report"]');
  await report.waitFor({ timeout: 300_000 });
  const read = async (name: string) => Number(await report.getAttribute(name));
  return {
    rowsRead: await read('data-rows-read'),
    accepted: await read('data-accepted'),
    rejected: await read('data-rejected'),
  };
}

/** Waits until the import's progress counts its first rows. */
async function rowsReadStarted(): Promise<void> {
  await watched.page.waitForFunction(
    () =>
      Number(document.querySelector('[data-testid="import-progress"]')?.getAttribute('data-rows')) >
      0,
    undefined,
    { polling: 100, timeout: 120_000 },
  );
}

/** Rows of the imported datasets, and tables an import left behind (none once it ended). */
function importedState(page: Page = watched.page) {
  return page.evaluate(async () => {
    const answer = await window.__casbaTest?.query(
      `SELECT (SELECT count(*) FROM memory.main.imported_stock)::INTEGER AS rows,
        (SELECT count(*) FROM duckdb_tables() WHERE regexp_matches(table_name, '^imp[0-9]+_'))::INTEGER AS scratch`,
    );
    return answer !== undefined && 'rows' in answer ? answer.rows[0] : answer;
  });
}

async function showOnMap(datasetId: string): Promise<void> {
  await watched.page.$eval('[data-testid="import-close"]', (button) =>
    (button as HTMLButtonElement).click(),
  );
  await watched.page.waitForSelector(`[data-testid="app-ready"][data-dataset="${datasetId}"]`, {
    timeout: 180_000,
  });
}

describe('importing building-stock files in the browser', () => {
  beforeAll(async () => {
    mkdirSync('test-artifacts', { recursive: true });
    browser = await launchBrowser();
    watched = await openWatchedPage(browser, inject('baseUrl'));
    await watched.page.goto(`${inject('baseUrl')}?test-hooks=1`);
    await watched.page.waitForSelector('[data-testid="app-ready"]', { timeout: 180_000 });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('reads a sample DPE file when the dialog opens, keeping nothing of it', async () => {
    // A page of its own: the one of the other tests imports first, on a DuckDB never used.
    const fresh = await openWatchedPage(browser, inject('baseUrl'));
    const { page } = fresh;
    await page.goto(`${inject('baseUrl')}?test-hooks=1`);
    await page.waitForSelector('[data-testid="app-ready"]', { timeout: 180_000 });
    const datasets = () => page.locator('[data-testid="dataset-select"] option').allTextContents();
    const before = await datasets();
    await page.locator('[data-testid="import-button"]').click();
    await page.locator('[data-testid="import-dialog"][open]').waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => window.__casbaTest?.importWarmUpSettled())).toBe(true);
    expect(await importedState(page)).toEqual({ rows: 0, scratch: 0 });
    await page.keyboard.press('Escape');
    expect(await datasets()).toEqual(before);
    expect(fresh.consoleErrors).toEqual([]);
    await page.close();
  });

  it('imports the real ADEME sample with the same report as the command line', async () => {
    const sample = resolveSource('dpe-neufs-lyon8-sample');
    const cli = importWithCli(sample);
    const report = await importFile(sample);
    await watched.page.screenshot({ path: `${SCREENSHOT_DIR}/10-import-report.png` });
    expect(report.rowsRead).toBe(2851);
    expect(report).toEqual({
      rowsRead: cli.rows_read,
      accepted: cli.accepted,
      rejected: cli.rejected,
    });
  });

  it('maps the imported dataset with ADEME’s caveat and compares it with the modelled stock', async () => {
    await showOnMap('import-1');
    const { page } = watched;
    expect(await page.locator('[data-testid="dataset-select"]').inputValue()).toBe('import-1');
    expect(await page.locator('[data-testid="observed-caveat"]').first().textContent()).toMatch(
      /ne représentent pas le parc/,
    );
    const url = new URL(page.url());
    url.searchParams.set('epci', LYON_METROPOLE);
    await page.evaluate((href) => {
      history.pushState(null, '', href);
      dispatchEvent(new PopStateEvent('popstate'));
    }, url.toString());
    const rows = page.locator('[data-testid="observed-vs-modelled"] [data-testid="ovm-row"]');
    await rows.first().waitFor({ timeout: 60_000 });
    const byKind = Object.fromEntries(
      await rows.evaluateAll((elements) =>
        elements.map((row) => [
          row.getAttribute('data-kind'),
          Number(row.getAttribute('data-records')),
        ]),
      ),
    );
    const cli = importWithCli(resolveSource('dpe-neufs-lyon8-sample'));
    expect(byKind.observed).toBe(cli.by_epci[LYON_METROPOLE]);
    expect(byKind.modelled).toBeGreaterThan(0);
    // The observed row says how far it is from the model, in points.
    const row = (kind: string) =>
      page.locator(
        `[data-testid="observed-vs-modelled"] [data-testid="ovm-row"][data-kind="${kind}"]`,
      );
    const share = async (kind: string) => Number(await row(kind).getAttribute('data-fg-share'));
    const gap = await row('observed').locator('[data-testid="ovm-gap"]').textContent();
    expect(gap).toBe(formatGapPoints(await share('observed'), await share('modelled')));
    await page.screenshot({ path: `${SCREENSHOT_DIR}/11-import-lyon-panel.png` });
  });

  it('reports each rejected line of a malformed file and offers them for download', async () => {
    const fixture = 'test/fixtures/ingest/malformed/dpe-ragged-and-quotes.csv';
    const cli = importWithCli(fixture);
    const report = await importFile(fixture);
    expect(report).toEqual({ rowsRead: 8, accepted: 3, rejected: 5 });
    expect(report).toEqual({
      rowsRead: cli.rows_read,
      accepted: cli.accepted,
      rejected: cli.rejected,
    });
    const download = watched.page.waitForEvent('download');
    await watched.page.locator('[data-testid="download-rejected"]').click();
    const csv = readFileSync(await (await download).path(), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.trim().split(/\r\n/).length).toBe(1 + 5);
    await watched.page.screenshot({ path: `${SCREENSHOT_DIR}/12-import-rejections.png` });
    await showOnMap('import-2');
  });

  it('imports a 1M-row DPE file with a moving progress bar while the page stays responsive', async () => {
    await writeDpeFile(LARGE_FILE, LARGE_ROWS);
    const { page } = watched;
    await page.evaluate(() => {
      const probe = { last: performance.now(), maxGap: 0 };
      (window as unknown as { __probe: typeof probe }).__probe = probe;
      setInterval(() => {
        const now = performance.now();
        probe.maxGap = Math.max(probe.maxGap, now - probe.last);
        probe.last = now;
      }, 50);
    });
    await page.locator('[data-testid="import-button"]').click();
    await page.locator('[data-testid="import-file-input"]').setInputFiles(LARGE_FILE);
    const progress = page.locator('[data-testid="import-progress"]');
    await rowsReadStarted();
    const first = Number(await progress.getAttribute('data-rows'));
    await page.waitForTimeout(3000);
    const second = Number(await progress.getAttribute('data-rows'));
    expect(second).toBeGreaterThan(first);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/13-import-progress.png` });
    await page.waitForSelector('[data-testid="import-report"]', { timeout: 600_000 });
    const rowsRead = Number(
      await page.locator('[data-testid="import-report"]').getAttribute('data-rows-read'),
    );
    expect(rowsRead).toBe(LARGE_ROWS);
    const maxGap = await page.evaluate(
      () => (window as unknown as { __probe: { maxGap: number } }).__probe.maxGap,
    );
    expect(maxGap).toBeLessThan(1500);
    await showOnMap('import-3');
    // The Métropole de Lyon (still selected) holds the rows of 69123 and of its 1st arrondissement.
    const lyonRows = countLyonRows(LARGE_ROWS);
    await page.waitForFunction(
      (expected) =>
        [
          '[data-testid="epci-panel"] [data-testid="panel-dwellings"]',
          '[data-testid="indicator-dwellings"]',
        ].every(
          (selector) =>
            Number(document.querySelector(selector)?.getAttribute('data-value')) === expected,
        ) && document.querySelector('.indicator-list.is-stale') === null,
      lyonRows,
      { timeout: 120_000 },
    );
    await page.screenshot({ path: `${SCREENSHOT_DIR}/14-import-1m-map.png` });
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.externalRequests).toEqual([]);
  }, 900_000);

  it('cancels an import while it reads, leaving no table and no row of it', async () => {
    const { page } = watched;
    const before = await importedState();
    expect(before).toMatchObject({ scratch: 0 });
    await page.locator('[data-testid="import-button"]').click();
    await page.locator('[data-testid="import-file-input"]').setInputFiles(LARGE_FILE);
    await rowsReadStarted();
    const progress = page.locator('[data-testid="import-progress"]');
    const bytesRead = Number(await progress.getAttribute('data-bytes-read'));
    expect(bytesRead).toBeGreaterThan(0);
    expect(bytesRead).toBeLessThan(Number(await progress.getAttribute('data-total-bytes')));
    await page.locator('[data-testid="import-cancel"]').click();
    const message = page.locator('[data-testid="import-message"]');
    await message.waitFor({ timeout: 60_000 });
    expect(await message.textContent()).toBe('Import annulé : rien n’a été chargé.');
    expect(await importedState()).toEqual(before);
    expect(watched.consoleErrors).toEqual([]);
  }, 300_000);
});
