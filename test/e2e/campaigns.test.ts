import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CampaignMeasure } from '../../src/domain/campaign-measure.ts';
import { launchBrowser, openWatchedPage, SCREENSHOT_DIR, type WatchedPage } from './browser.ts';

const DIR = 'test-artifacts/campaigns';
/** Three communes of CC du Pays d’Issoudun (243600236), adopting in the demo since August 2019. */
const TARGETS = ['36171', '36065', '36021'];

let browser: Browser;
let watched: WatchedPage;
let exportedPath: string;
let measureBefore: CampaignMeasure;

/** Clicks in the page: under SwiftShader a busy map can stall a driver click. */
async function click(page: Page, selector: string): Promise<void> {
  await page.waitForSelector(selector, { timeout: 180_000 });
  await page.evaluate((s) => (document.querySelector(s) as HTMLElement).click(), selector);
}

async function waitEffect(page: Page): Promise<CampaignMeasure> {
  const panel = page.locator('[data-testid="campaign-effect"][data-status="estimate"]');
  await panel.waitFor({ timeout: 180_000 });
  await page.waitForSelector('[data-testid="campaign-chart-carnets"] svg');
  return JSON.parse((await panel.getAttribute('data-measure')) ?? 'null') as CampaignMeasure;
}

async function followUp(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid="follow-up-table"] tbody tr')].map((row) => [
        row.getAttribute('data-code'),
        `${(row.querySelector('select') as HTMLSelectElement).value}|${(row.querySelector('input[type="date"]') as HTMLInputElement).value}|${(row.querySelector('.follow-up-note') as HTMLInputElement).value}`,
      ]),
    ),
  );
}

describe('campaigns: from a target list to its measured effect', () => {
  beforeAll(async () => {
    mkdirSync(DIR, { recursive: true });
    browser = await launchBrowser();
    watched = await openWatchedPage(browser, inject('baseUrl'));
    watched.page.setDefaultTimeout(120_000);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('saves a target list of the targeting screen as a campaign', async () => {
    const { page } = watched;
    await page.goto(`${inject('baseUrl')}?niveau=commune&epci=243600236`);
    await click(page, '[data-testid="show-targeting"]');
    await page.waitForSelector('[data-testid="targeting-ready"][data-programme="ready"]', {
      timeout: 180_000,
    });
    for (const code of TARGETS) {
      await click(
        page,
        `[data-testid="ranking-table"] tr[data-code="${code}"] input[type="checkbox"]`,
      );
    }
    await page.waitForSelector(`[data-testid="target-count"][data-count="${TARGETS.length}"]`);
    await click(page, '[data-testid="save-campaign"]');
    const dialog = page.locator('[data-testid="campaign-save-dialog"]');
    await dialog
      .locator('[data-testid="campaign-name"]')
      .fill('Réunions publiques du Pays d’Issoudun');
    await dialog.locator('[data-testid="campaign-action"]').selectOption('reunion_publique');
    await dialog.locator('[data-testid="campaign-start"]').fill('2020-10-01');
    await dialog.locator('[data-testid="campaign-end"]').fill('2020-12-15');
    // The end before the start is refused in French, nothing kept.
    await dialog.locator('[data-testid="campaign-end"]').fill('2020-09-15');
    await dialog.locator('[data-testid="campaign-save"]').click();
    expect(await page.locator('[data-testid="campaign-save-errors"]').textContent()).toContain(
      'la fin (2020-09-15) précède le début (2020-10-01)',
    );
    await dialog.locator('[data-testid="campaign-end"]').fill('2020-12-15');
    expect(await dialog.locator('[data-testid="campaign-window"]').inputValue()).toBe('6');
    await dialog.screenshot({ path: `${SCREENSHOT_DIR}/39-campaign-save-dialog.png` });
    await dialog.locator('[data-testid="campaign-save"]').click();
    await page.waitForSelector('[data-testid="campaign-saved"]');
  });

  it('follows up the targets; a reload keeps them, with the effect and its chart', async () => {
    const { page } = watched;
    await click(page, '[data-testid="view-tab-campagnes"]');
    const row = page.locator('[data-testid="campaign-list"] tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute('data-phase')).toBe('terminee');
    await waitEffect(page);
    const table = page.locator('[data-testid="follow-up-table"]');
    await table.locator('tr[data-code="36171"] select').selectOption('reunion_tenue');
    await table.locator('tr[data-code="36171"] input[type="date"]').fill('2020-10-12');
    await table.locator('tr[data-code="36065"] select').selectOption('contacte');
    const note = table.locator('tr[data-code="36065"] .follow-up-note');
    await note.fill('Maire rencontré, relance en novembre');
    await note.blur();
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="follow-up-summary"]')
        ?.textContent?.includes('réunion tenue : 1'),
    );
    const before = await followUp(page);
    expect(before).toEqual({
      '36171': 'reunion_tenue|2020-10-12|',
      '36065': 'contacte||Maire rencontré, relance en novembre',
      '36021': 'non_contacte||',
    });
    await page
      .locator('[data-testid="campaign-list"]')
      .screenshot({ path: `${SCREENSHOT_DIR}/40-campaign-list.png` });
    await page
      .locator('.campaign-follow-up')
      .screenshot({ path: `${SCREENSHOT_DIR}/41-campaign-follow-up.png` });

    // A record altered behind the page's back is refused, reported and deleted at the reload.
    await page.evaluate(
      () =>
        new Promise((done, fail) => {
          const opening = indexedDB.open('casba-tableau-de-bord');
          opening.onsuccess = () => {
            const transaction = opening.result.transaction('campagnes', 'readwrite');
            transaction.objectStore('campagnes').put({ id: 'altere', nom: 42, debut: 'hier' });
            transaction.oncomplete = () => {
              opening.result.close();
              done(null);
            };
            transaction.onerror = () => fail(transaction.error);
          };
        }),
    );
    await page.reload();
    measureBefore = await waitEffect(page);
    expect(await page.locator('[data-testid="campaigns-notice"]').textContent()).toMatch(
      /^1 campagne\(s\) gardée\(s\) dans ce navigateur refusée\(s\) car altérée\(s\), et supprimée\(s\) : campagne « altere » : champ\(s\) manquant\(s\) action/,
    );
    expect(await page.locator('[data-testid="campaign-list"] tbody tr').count()).toBe(1);
    expect(await followUp(page)).toEqual(before);
    expect(measureBefore.targets.map((t) => t.code).sort()).toEqual([...TARGETS].sort());
    expect(measureBefore.window).toMatchObject({
      length: 6,
      pre: expect.arrayContaining(['2020-04']),
    });
    const estimate = measureBefore.estimate;
    expect(estimate?.target.carnets.before.count).toBeGreaterThan(0);
    const reading = await page.locator('[data-testid="campaign-reading-carnets"]').textContent();
    expect(reading).toMatch(
      /^[+−]?\d+,\d carnets pour 1 000 passoires sur 6 mois par rapport aux communes comparables \(intervalle à 95 % : de /,
    );
    expect(
      await page
        .locator(
          '[data-testid="campaign-counts-carnets"] tr[data-group="target"] td[data-cell="before"]',
        )
        .textContent(),
    ).toBe(String(estimate?.target.carnets.before.count));
    // Tall enough for the whole panel: the campaigns view scrolls inside the page.
    await page.setViewportSize({ width: 1400, height: 1600 });
    await page
      .locator('[data-testid="campaign-effect"]')
      .screenshot({ path: `${SCREENSHOT_DIR}/42-campaign-effect.png` });
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it('exports the campaigns; the command line prints the same estimate as the screen', async () => {
    const { page } = watched;
    const download = page.waitForEvent('download');
    await click(page, '[data-testid="campaigns-export"]');
    exportedPath = resolve(DIR, 'campagnes.json');
    writeFileSync(exportedPath, readFileSync(await (await download).path(), 'utf8'));
    const run = spawnSync(
      join('node_modules', '.bin', 'tsx'),
      ['scripts/campaign.ts', 'effect', '--campaign', exportedPath, '--json'],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([measureBefore]);
  });

  it('clears the browser, imports the file again and shows the same; refuses a tampered file', async () => {
    const { page } = watched;
    page.once('dialog', (dialog) => dialog.accept());
    await click(page, '[data-testid="clear-stored-data"]');
    await page.waitForURL((url) => url.search === '', { timeout: 60_000 });
    await click(page, '[data-testid="view-tab-campagnes"]');
    await page.waitForSelector('[data-testid="campaigns-empty"]');

    const tampered = JSON.parse(readFileSync(exportedPath, 'utf8'));
    tampered.campagnes[0].fin = '2020-12-32';
    tampered.campagnes[0].territoires[0].suivi.statut = 'oublié';
    const tamperedPath = resolve(DIR, 'campagnes-alterees.json');
    writeFileSync(tamperedPath, JSON.stringify(tampered));
    await page.locator('[data-testid="campaigns-import"]').setInputFiles(tamperedPath);
    const errors = page.locator('[data-testid="campaigns-import-errors"] li');
    await errors.first().waitFor();
    expect(await errors.allTextContents()).toEqual([
      'campagnes[0].fin : date existante au format AAAA-MM-JJ (reçu : « 2020-12-32 »)',
      expect.stringMatching(
        /^campagnes\[0\]\.territoires\[\d\]\.suivi\.statut : une valeur parmi .* \(reçu : « oublié »\)$/,
      ),
    ]);
    expect(await page.locator('[data-testid="campaigns-empty"]').count()).toBe(1);

    await page.locator('[data-testid="campaigns-import"]').setInputFiles(exportedPath);
    expect(await page.locator('[data-testid="campaigns-import-done"]').textContent()).toContain(
      '1 campagne importée (1 nouvelle, 0 remplacée)',
    );
    expect(await waitEffect(page)).toEqual(measureBefore);
    expect(await followUp(page)).toMatchObject({ '36171': 'reunion_tenue|2020-10-12|' });
  });

  it('shows the campaign in the steering view, and withholds small counts in public mode', async () => {
    const { page } = watched;
    const onScreen = await page
      .locator('[data-testid="campaign-list"] [data-testid="estimate-carnets"]')
      .textContent();
    await click(page, '[data-testid="view-tab-pilotage"]');
    await page.waitForSelector('[data-testid="programme-view"][data-status="ready"]', {
      timeout: 180_000,
    });
    const steering = page.locator('[data-testid="campaign-steering-table"] tbody tr');
    await steering.first().waitFor();
    expect(await steering.count()).toBe(1);
    const cells = await steering.first().locator('td, th').allTextContents();
    expect(cells.slice(0, 3)).toEqual([
      'Centre-Val de Loire',
      "CC du Pays d'Issoudun",
      'Réunions publiques du Pays d’Issoudun',
    ]);
    await page
      .locator('[data-testid="campaign-steering"]')
      .screenshot({ path: `${SCREENSHOT_DIR}/43-campaign-steering.png` });
    expect(await steering.first().locator('[data-testid="estimate-carnets"]').textContent()).toBe(
      onScreen,
    );
    // The annual report prints it.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-testid="campaign-steering"]').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    await click(page, '[data-testid="view-tab-campagnes"]');
    await click(page, '[data-testid="public-mode"]');
    const panel = page.locator('[data-testid="campaign-effect"]');
    await page.waitForFunction(() => {
      const p = document.querySelector('[data-testid="campaign-effect"]');
      return p !== null && !p.hasAttribute('data-measure');
    });
    expect(await panel.textContent()).toContain('Mode public : effectifs de moins de 11 masqués');
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.externalRequests).toEqual([]);
  });
});
