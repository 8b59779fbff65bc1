/**
 * The files people really have, in the browser: a CSV of unknown headers imported through the
 * mapping step, and a coordinates-only file, checked commune by commune against the counts that
 * `scripts/make-mapped-fixtures.ts` worked out with turf, and against `npm run import -- --map`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MAPPED_DIR } from '../../scripts/make-mapped-fixtures.ts';
import { dpeWorkbook } from '../ingest/workbook-fixture.ts';
import { launchBrowser, openWatchedPage, SCREENSHOT_DIR, type WatchedPage } from './browser.ts';

interface Expected {
  rows_read: number;
  accepted: number;
  rejected: number;
  by_commune: Record<string, number>;
}

const expected = JSON.parse(readFileSync(join(MAPPED_DIR, 'expected.json'), 'utf8')) as Record<
  string,
  Expected
>;

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

/** Rows of an imported dataset per commune, as DuckDB holds them. */
async function countsByCommune(page: Page, dataset: string): Promise<Record<string, number>> {
  const result = await hookQuery(
    page,
    `SELECT code_commune, count(*)::INTEGER AS n FROM memory.main.all_stock WHERE dataset = '${dataset}' GROUP BY ALL ORDER BY code_commune`,
  );
  if ('error' in result) throw new Error(result.error);
  return Object.fromEntries(result.rows.map((row) => [String(row.code_commune), Number(row.n)]));
}

async function reportCounts(page: Page) {
  const report = page.locator('[data-testid="import-report"]');
  await report.waitFor({ timeout: 180_000 });
  const read = async (name: string) => Number(await report.getAttribute(name));
  return {
    rows_read: await read('data-rows-read'),
    accepted: await read('data-accepted'),
    rejected: await read('data-rejected'),
  };
}

/** The command line's report of the same file and mapping. */
function cliReport(
  file: string,
  map: string,
): { rows_read: number; accepted: number; rejected: number } {
  const run = spawnSync('npx', ['tsx', 'scripts/import.ts', join(MAPPED_DIR, file), '--map', map], {
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}

async function openFile(page: Page, file: string, first: boolean): Promise<void> {
  if (first) {
    await page.locator('[data-testid="import-button"]').click();
  } else {
    await page.$eval('[data-testid="import-again"]', (button) =>
      (button as HTMLButtonElement).click(),
    );
  }
  await page.locator('[data-testid="import-dialog"][data-step="choose"]').waitFor();
  await page.locator('[data-testid="import-file-input"]').setInputFiles(join(MAPPED_DIR, file));
  await page.locator('[data-testid="import-mapping"]').waitFor({ timeout: 60_000 });
}

describe('files of unknown headers, mapped in the import dialog', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    watched = await openWatchedPage(browser, inject('baseUrl'));
    await watched.page.goto(`${inject('baseUrl')}?test-hooks=1`);
    await watched.page.waitForSelector('[data-testid="app-ready"]', { timeout: 180_000 });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('proposes a mapping, previews it, saves it, and attaches points to their commune', async () => {
    const { page } = watched;
    const file = 'dpe-sans-insee.csv';
    await openFile(page, file, true);
    expect(await page.locator('[data-testid="mapping-label"]').inputValue()).toBe('Etiquette_DPE');
    expect(await page.locator('[data-testid="mapping-lat"]').inputValue()).toBe('lat');
    expect(await page.locator('[data-testid="mapping-insee"]').inputValue()).toBe('');
    const preview = page.locator('[data-testid="mapping-preview-counts"]');
    await preview.waitFor({ timeout: 60_000 });
    expect(await preview.textContent()).toContain(`${expected[file]?.accepted} acceptées`);
    expect(await page.locator('[data-testid="mapping-preview-rejected"]').textContent()).toContain(
      'point hors de toute commune connue',
    );
    await page.locator('[data-testid="mapping-name"]').fill('Extrait DPE sans INSEE');
    await page.getByRole('button', { name: 'Enregistrer la correspondance' }).click();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/15-import-mapping.png` });
    await page.locator('[data-testid="mapping-confirm"]').click();
    const counts = await reportCounts(page);
    const { by_commune, ...total } = expected[file] as Expected;
    expect(counts).toEqual(total);
    expect(await countsByCommune(page, 'import-1')).toEqual(by_commune);
    expect(
      cliReport(
        file,
        'label=Etiquette_DPE,lat=lat,lon=lon,surface=Surface_habitable_logement,year=Année_construction,housing=Logement',
      ),
    ).toMatchObject(counts);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/16-import-mapped-report.png` });
  });

  it('reads an Excel workbook and a Parquet file as the command line does', async () => {
    const { page } = watched;
    mkdirSync('test-artifacts', { recursive: true });
    const workbook = 'test-artifacts/dpe.xlsx';
    writeFileSync(workbook, dpeWorkbook());
    const parquet = resolve('test-artifacts/dpe.parquet');
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    await connection.run(`COPY (SELECT printf('2336E%07dA', i) AS numero_dpe,
      CASE WHEN i % 10 = 0 THEN 'abc' ELSE '36044' END AS code_insee_ban,
      chr(65 + (i % 7)::INTEGER) AS etiquette_dpe FROM range(500) t(i)) TO '${parquet}' (FORMAT parquet)`);
    connection.closeSync();
    for (const path of [workbook, parquet]) {
      await page.$eval('[data-testid="import-again"]', (button) =>
        (button as HTMLButtonElement).click(),
      );
      await page.locator('[data-testid="import-dialog"][data-step="choose"]').waitFor();
      await page.locator('[data-testid="import-file-input"]').setInputFiles(path);
      const counts = await reportCounts(page);
      const cli = spawnSync('npx', ['tsx', 'scripts/import.ts', path], { encoding: 'utf8' });
      expect(JSON.parse(cli.stdout)).toMatchObject(counts);
      expect(counts.rows_read).toBe(path.endsWith('.xlsx') ? 3 : 500);
    }
  });

  it('reads a file of Lambert-93 X/Y only, with a mapping edited by hand', async () => {
    const { page } = watched;
    const file = 'xy-lambert.csv';
    await openFile(page, file, false);
    // The mapping saved above is offered; its columns are not those of this file.
    expect(await page.locator('[data-testid="mapping-saved"] option').allTextContents()).toContain(
      'Extrait DPE sans INSEE',
    );
    await page.locator('[data-testid="mapping-x"]').selectOption('X');
    await page.locator('[data-testid="mapping-y"]').selectOption('Y');
    await page.locator('[data-testid="mapping-label"]').selectOption('classe');
    await page.locator('[data-testid="mapping-preview-counts"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="mapping-confirm"]').click();
    const counts = await reportCounts(page);
    const { by_commune, ...total } = expected[file] as Expected;
    expect(counts).toEqual(total);
    expect(await countsByCommune(page, 'import-4')).toEqual(by_commune);
    expect(cliReport(file, 'x=X,y=Y,label=classe,surface=surface,id=id')).toMatchObject(counts);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.externalRequests).toEqual([]);
  });
});
