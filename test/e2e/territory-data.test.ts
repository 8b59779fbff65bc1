import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer } from '../../scripts/lib/static-server.ts';
import { formatInteger } from '../../src/domain/format.ts';
import { formatFetchDate } from '../../src/domain/provenance.ts';
import { DPE_DATASET_PAGE } from '../../src/opendata/dpe-api.ts';
import { type DataFairServer, startDataFairServer } from '../opendata/data-fair-server.ts';
import { lyonDpeRecords } from '../opendata/dpe-fixture.ts';
import { launchBrowser, openWatchedPage, SCREENSHOT_DIR, type WatchedPage } from './browser.ts';

const LYON = '200046977';

interface DpeSummary {
  accepted: number;
  weak_geocoding: number;
}

/** Runs `npm run data:territory` for the Métropole de Lyon against the local data-fair server. */
function fetchLyon(base: string, dir: string): Promise<DpeSummary> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/data-territory.ts', '--epci', LYON, '--dpe', '--json'].concat([
        '--out',
        join(dir, 'data'),
      ]),
      {
        env: {
          ...process.env,
          ADEME_DPE_API: base,
          CASBA_TERRITORIES_DIR: join(dir, 'territories'),
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (status) =>
      status === 0
        ? done((JSON.parse(stdout) as { dpe: DpeSummary }).dpe)
        : fail(new Error(stderr)),
    );
  });
}

let dataFair: DataFairServer;
let app: Server;
let appUrl: string;
let dir: string;
let dpe: DpeSummary;
let browser: Browser;
let watched: WatchedPage;

describe('the data of a territory fetched by data:territory opens in the app', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casba-territory-app-'));
    dataFair = await startDataFairServer(await lyonDpeRecords());
    dpe = await fetchLyon(dataFair.base, dir);
    // The production build of the global setup, with the territory's data in place of the demo.
    cpSync('dist', join(dir, 'app'), {
      recursive: true,
      filter: (source) => !source.startsWith(join('dist', 'data')),
    });
    cpSync(join(dir, 'data'), join(dir, 'app', 'data'), { recursive: true });
    const started = await startStaticServer(join(dir, 'app'));
    app = started.server;
    appUrl = started.url;
    browser = await launchBrowser();
    watched = await openWatchedPage(browser, appUrl);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    app?.close();
    await dataFair?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the observed DPE of the Métropole de Lyon beside the modelled stock, with provenance', async () => {
    const { page } = watched;
    await page.goto(`${appUrl}?jeu=dpe&niveau=epci&epci=${LYON}`);
    await page.waitForSelector('[data-testid="app-ready"][data-dataset="dpe"]', {
      timeout: 180_000,
    });
    const comparison = page.locator('[data-testid="observed-vs-modelled"]');
    await comparison.locator('table').waitFor({ timeout: 120_000 });
    const text = (await comparison.textContent()) ?? '';
    expect(text).toContain(`sur ${formatInteger(dpe.accepted)} DPE`);
    expect(text).toContain('Parc modélisé — Métropole de Lyon');
    const provenance =
      (await page.locator('[data-testid="dataset-provenance"]').first().textContent()) ?? '';
    expect(provenance).toContain(dataFair.base);
    expect(provenance).toContain(`${formatInteger(dpe.accepted)} enregistrements`);
    expect(provenance).toContain('ne représentent pas le parc');
    // This build does not list the API in OPEN_DATA_HOSTS: the in-app fetch says how to enable it.
    const fetchBox = page.locator('[data-testid="territory-dpe-fetch"]');
    expect(await fetchBox.getAttribute('data-enabled')).toBe('false');
    const fetchText = (await fetchBox.textContent()) ?? '';
    expect(fetchText).toContain('OPEN_DATA_HOSTS="https://data.ademe.fr" npm run build');
    expect(fetchText).toContain(`npm run data:territory -- --epci ${LYON} --dpe`);
    // The user is pointed to the dataset's own export, read by the import dialog.
    expect(await fetchBox.getByRole('link').getAttribute('href')).toBe(DPE_DATASET_PAGE);
    await comparison.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/territory-lyon-epci.png` });

    // Commune level: the well-geocoded DPE of Lyon (its arrondissements) as points.
    await page.goto(`${appUrl}?jeu=dpe&niveau=commune&commune=69123`);
    const note = page.locator('[data-testid="points-note"][data-status="ready"]');
    await note.waitFor({ timeout: 150_000 });
    expect(Number(await note.getAttribute('data-count'))).toBe(dpe.accepted - dpe.weak_geocoding);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/territory-lyon-commune.png` });
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.externalRequests).toEqual([]);
  });

  it('fetches the DPE of a selected EPCI in the page when the build allows the API', async () => {
    // A build listing the local API in OPEN_DATA_HOSTS (the demo data of public/ comes with it).
    const out = join(dir, 'open');
    const build = spawnSync(
      'npx',
      ['vite', 'build', '--logLevel', 'warn', '--outDir', out, '--emptyOutDir'],
      {
        env: {
          ...process.env,
          OPEN_DATA_HOSTS: new URL(dataFair.base).origin,
          ADEME_DPE_API: dataFair.base,
        },
        stdio: 'inherit',
      },
    );
    expect(build.status).toBe(0);
    const served = await startStaticServer(out);
    const open = await openWatchedPage(browser, served.url);
    try {
      const { page } = open;
      await page.goto(`${served.url}?niveau=epci&epci=${LYON}`);
      await page.waitForSelector('[data-testid="app-ready"]', { timeout: 180_000 });
      const start = '[data-testid="territory-dpe-fetch-start"]:not([disabled])';
      await page.waitForSelector(start, { timeout: 120_000 });
      await page.$eval(start, (button) => (button as HTMLButtonElement).click());
      const report = page.locator('[data-testid="import-report"]');
      await report.waitFor({ timeout: 180_000 });
      // The same records as the command line: same client, same rules, same import.
      expect(Number(await report.getAttribute('data-accepted'))).toBe(dpe.accepted);
      await page.$eval('[data-testid="import-close"]', (button) =>
        (button as HTMLButtonElement).click(),
      );
      await page.waitForSelector('[data-testid="app-ready"][data-dataset="import-1"]', {
        timeout: 180_000,
      });
      const provenance = page.locator('[data-testid="dataset-provenance"]').first();
      expect(await provenance.textContent()).toContain(
        `récupéré le ${formatFetchDate(new Date().toISOString())}`,
      );
      await page.screenshot({ path: `${SCREENSHOT_DIR}/territory-lyon-fetch-in-app.png` });
      expect(open.consoleErrors).toEqual([]);
      expect(open.externalRequests.every((url) => url.startsWith(dataFair.base))).toBe(true);
      expect(open.externalRequests.length).toBeGreaterThan(0);
    } finally {
      await open.page.close();
      served.server.close();
    }
  }, 480_000);
});
