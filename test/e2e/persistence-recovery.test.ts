import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openWatchedPage, SCREENSHOT_DIR, type WatchedPage } from './browser.ts';

const FIXTURE = 'test/fixtures/ingest/malformed/dpe-ragged-and-quotes.csv';
const TOTALS_SQL =
  "SELECT count(*) AS n, sum(weight) AS w FROM memory.main.all_stock WHERE dataset = 'import-1'";
const STOCK_SQL = "SELECT count(*) AS n FROM memory.main.all_stock WHERE dataset = 'demo'";

type QueryResult = { rows: Record<string, unknown>[] } | { error: string };

let browser: Browser;
let watched: WatchedPage;

function hookQuery(page: Page, sql: string): Promise<QueryResult> {
  return page.evaluate(
    (text) =>
      (
        window as unknown as { __casbaTest: { query(sql: string): Promise<QueryResult> } }
      ).__casbaTest.query(text),
    sql,
  );
}

async function waitForMap(page: Page, dataset: string): Promise<void> {
  await page.waitForSelector(`[data-testid="app-ready"][data-dataset="${dataset}"]`, {
    timeout: 180_000,
  });
}

async function optionText(page: Page, id: string): Promise<string | null> {
  const option = page.locator(`[data-testid="dataset-select"] option[value="${id}"]`);
  return (await option.count()) === 0 ? null : option.textContent();
}

describe('failure, recovery and persistence', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    watched = await openWatchedPage(browser, inject('baseUrl'));
    await watched.page.goto(`${inject('baseUrl')}?test-hooks=1`);
    await waitForMap(watched.page, 'demo');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('survives a DuckDB query error with a clear message, and keeps answering', async () => {
    const { page } = watched;
    const failed = await hookQuery(page, 'SELECT * FROM table_absente');
    expect(failed).toEqual({
      error: expect.stringMatching(/^La requête DuckDB a échoué : .*table_absente/s),
    });
    expect(await hookQuery(page, 'SELECT 42 AS x')).toEqual({ rows: [{ x: 42 }] });
    const legend = page.locator('[data-testid="legend"]');
    const before = await legend.textContent();
    await page.locator('[data-testid="metric-select"]').selectOption('mean_ep');
    await page.waitForFunction(
      (text) => document.querySelector('[data-testid="legend"]')?.textContent !== text,
      before,
    );
    expect(await legend.textContent()).toMatch(/kWh/);
  });

  it('keeps an imported dataset in the browser: a reload shows it with the same figures', async () => {
    const { page } = watched;
    // Clicked in the page once enabled: Playwright's stability wait times out while the map redraws.
    await page.waitForSelector('[data-testid="import-button"]:not([disabled])', {
      timeout: 180_000,
    });
    await page.$eval('[data-testid="import-button"]', (button) =>
      (button as HTMLButtonElement).click(),
    );
    await page.locator('[data-testid="import-file-input"]').setInputFiles(FIXTURE);
    await page
      .locator('[data-testid="import-kept"][data-kept="true"]')
      .waitFor({ timeout: 120_000 });
    // Clicked in the page, as in import.test.ts: the modal's footer can sit outside the viewport.
    await page.$eval('[data-testid="import-close"]', (button) =>
      (button as HTMLButtonElement).click(),
    );
    await waitForMap(page, 'import-1');
    const label = await optionText(page, 'import-1');
    const totals = await hookQuery(page, TOTALS_SQL);
    expect(totals).toEqual({ rows: [{ n: 3, w: 3 }] });

    await page.reload({ timeout: 180_000 });
    await waitForMap(page, 'import-1');
    expect(await optionText(page, 'import-1')).toBe(label);
    expect(await hookQuery(page, TOTALS_SQL)).toEqual(totals);
    expect(new URL(page.url()).searchParams.get('indicateur')).not.toBeNull();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/44-reload-keeps-import.png` });
  });

  it('reopens the last view when the dashboard is opened without a query string', async () => {
    const { page } = watched;
    const last = new URL(page.url()).search;
    await page.goto(inject('baseUrl'), { timeout: 180_000 });
    await waitForMap(page, 'import-1');
    expect(new URL(page.url()).search).toBe(last);
  });

  it('recovers from a crash of the DuckDB worker: restarted, stock and imports reloaded, running query re-run', async () => {
    const { page } = watched;
    const stock = await hookQuery(page, STOCK_SQL);
    const totals = await hookQuery(page, TOTALS_SQL);
    const running = page.evaluate(() => {
      const hooks = (
        window as unknown as {
          __casbaTest: { query(sql: string): Promise<QueryResult>; crashDuckdbWorker(): boolean };
        }
      ).__casbaTest;
      const pending = hooks.query('SELECT count(*) AS n FROM range(150000000)');
      return new Promise<{ crashed: boolean; result: QueryResult }>((resolve) => {
        setTimeout(() => {
          const crashed = hooks.crashDuckdbWorker();
          pending.then((result) => resolve({ crashed, result }));
        }, 200);
      });
    });
    const { crashed, result } = await running;
    expect(crashed).toBe(true);
    expect(result).toEqual({ rows: [{ n: 150_000_000 }] });
    const status = page.locator('[data-testid="db-status"]');
    await page.waitForSelector('[data-testid="db-status"][data-state="ready"]', {
      timeout: 120_000,
    });
    expect(await status.getAttribute('data-restarts')).toBe('1');
    expect(await status.textContent()).toMatch(/a redémarré ; les données ont été rechargées/);
    expect(await hookQuery(page, STOCK_SQL)).toEqual(stock);
    expect(await hookQuery(page, TOTALS_SQL)).toEqual(totals);
    // The page is still usable: switching dataset redraws the map from the restarted engine.
    await page.locator('[data-testid="dataset-select"]').selectOption('demo');
    await waitForMap(page, 'demo');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/45-worker-crash-recovered.png` });
    const unexpected = watched.consoleErrors.filter(
      (text) => !/arrêt simulé|duckdb worker|ErrorEvent|JSHandle@object/i.test(text),
    );
    expect(unexpected).toEqual([]);
  });

  it('clears the imported data from the browser on request; a reload does not bring it back', async () => {
    const { page } = watched;
    page.once('dialog', (dialog) => dialog.accept());
    await page.locator('[data-testid="clear-stored-data"]').click();
    await page.waitForURL((url) => url.search === '', { timeout: 60_000 });
    await waitForMap(page, 'demo');
    expect(await optionText(page, 'import-1')).toBeNull();
    await page.reload({ timeout: 180_000 });
    await waitForMap(page, 'demo');
    expect(await optionText(page, 'import-1')).toBeNull();
    expect(watched.externalRequests).toEqual([]);
  });

  it('refuses early a file too large for the browser’s memory, with the path to pre-aggregate', async () => {
    const small = await openWatchedPage(browser, inject('baseUrl'));
    // A browser reporting a tiny JS heap: the guard must refuse before reading anything.
    await small.page.addInitScript(() => {
      Object.defineProperty(performance, 'memory', { value: { jsHeapSizeLimit: 100 } });
    });
    await small.page.goto(inject('baseUrl'), { timeout: 180_000 });
    await small.page.waitForSelector('[data-testid="app-ready"]', { timeout: 180_000 });
    await small.page.locator('[data-testid="import-button"]').click();
    await small.page.locator('[data-testid="import-file-input"]').setInputFiles(FIXTURE);
    const error = small.page.locator('[data-testid="import-error"]');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toMatch(
      /Fichier trop volumineux pour ce navigateur.*npm run data:build/s,
    );
    await small.page.screenshot({ path: `${SCREENSHOT_DIR}/46-import-too-large.png` });
    await small.page.close();
  });
});
