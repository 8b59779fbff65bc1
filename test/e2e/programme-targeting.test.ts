import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openWatchedPage, SCREENSHOT_DIR, type WatchedPage } from './browser.ts';
import { importProgrammeFiles, openSteeringView } from './demo-programme.ts';

const DIR = 'test-artifacts/programme-targeting';
const FILES = {
  territories: join(DIR, 'territoires-test.csv'),
  carnets: join(DIR, 'carnets-test.csv'),
  works: join(DIR, 'travaux-test.csv'),
};
/** Carnets per commune of CA Châteauroux Métropole (243600327) in the imported files. */
const CARNETS = { '36044': 25, '36159': 14, '36063': 3 } as const;
const WORKS_36044 = 5;

let browser: Browser;
let watched: WatchedPage;

/** Small programme files: one adopting EPCI, carnets in three of its communes, five works. */
function writeProgrammeFiles(): void {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(
    FILES.territories,
    'siren_epci;code_region_partenaire;date_adoption;operateur\n243600327;24;2020-01-15;Opérateur test\n',
  );
  const carnets = ['id_carnet;code_commune;date_ouverture;operateur'];
  let n = 0;
  for (const [commune, count] of Object.entries(CARNETS)) {
    for (let i = 0; i < count; i++) {
      n++;
      carnets.push(`T-${String(n).padStart(3, '0')};${commune};2020-03-02;Opérateur test`);
    }
  }
  writeFileSync(FILES.carnets, `${carnets.join('\n')}\n`);
  const works = ['id_carnet;date_travaux;type_travaux;etiquette_avant;etiquette_apres'];
  for (let i = 1; i <= WORKS_36044; i++) {
    works.push(`T-${String(i).padStart(3, '0')};2020-09-01;isolation_combles;F;D`);
  }
  writeFileSync(FILES.works, `${works.join('\n')}\n`);
}

async function waitTargeting(): Promise<void> {
  await watched.page.waitForSelector('[data-testid="targeting-ready"][data-programme="ready"]', {
    timeout: 180_000,
  });
}

/** The text of a criterion's value in the detail of a commune (opened if needed). */
async function criterionValue(code: string, criterion: string): Promise<string> {
  const { page } = watched;
  if ((await page.locator(`#detail-${code}`).count()) === 0) {
    await page.evaluate((c) => {
      const row = document.querySelector(`[data-testid="ranking-table"] tr[data-code="${c}"]`);
      [...(row?.querySelectorAll('button') ?? [])].find((b) => b.textContent === 'Détail')?.click();
    }, code);
    await page.waitForSelector(`#detail-${code}`);
  }
  const cell = page.locator(`#detail-${code} tr[data-criterion="${criterion}"] td`).first();
  return ((await cell.textContent()) ?? '').replace(/\s/g, ' ').trim();
}

describe('targeting scores the programme files imported in the steering view', () => {
  beforeAll(async () => {
    writeProgrammeFiles();
    browser = await launchBrowser();
    watched = await openWatchedPage(browser, inject('baseUrl'));
    await openSteeringView(watched.page, '?niveau=commune&departement=36&vue=pilotage');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('imports the programme files, then ranks the communes of Indre with them', async () => {
    const { page } = watched;
    await importProgrammeFiles(page, FILES);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="programme-view"][data-origin="import"]', {
      timeout: 60_000,
    });
    await page.evaluate(() =>
      (document.querySelector('[data-testid="view-tab-parc"]') as HTMLElement).click(),
    );
    await page.waitForSelector('[data-testid="show-targeting"]', { timeout: 180_000 });
    await page.evaluate(() =>
      (document.querySelector('[data-testid="show-targeting"]') as HTMLElement).click(),
    );
    await waitTargeting();
    const source = await page.locator('[data-testid="targeting-programme-source"]').textContent();
    expect(source).toContain('fichiers importés');
    expect(source).toContain('carnets-test.csv');
    expect(source).not.toContain('fictives');
    // 5 works over 25 carnets in Châteauroux; no carnet in Fontguenand (1 in the demo files).
    expect(await criterionValue('36044', 'works_conversion')).toBe('20,0 % des carnets');
    expect(await criterionValue('36077', 'carnet_penetration')).toMatch(/^0,0 carnets pour/);
    expect(await criterionValue('36044', 'carnet_penetration')).toMatch(
      /^[1-9]\d*,\d carnets pour/,
    );
  });

  it('applies the statistical secret of the imported counts in public mode', async () => {
    const { page } = watched;
    // Clicked in the page: under SwiftShader the busy map can stall a driver click for 30 s.
    await page.evaluate(() =>
      (document.querySelector('[data-testid="public-mode"]') as HTMLElement).click(),
    );
    await waitTargeting();
    const source = await page.locator('[data-testid="targeting-programme-source"]').textContent();
    expect(source).toContain('Mode public');
    // Déols: 3 carnets (primary); Le Poinçonnet: 14, hidden so that Déols is not its EPCI's
    // total minus the rest (secondary); Châteauroux: 25 carnets shown, its 5 works hidden.
    expect(await criterionValue('36063', 'carnet_penetration')).toBe('s');
    expect(await criterionValue('36159', 'carnet_penetration')).toBe('s');
    expect(await criterionValue('36044', 'carnet_penetration')).toMatch(/carnets pour/);
    expect(await criterionValue('36044', 'works_conversion')).toBe('s');
    // The exported list says the same: « s » and the secret in its context columns.
    await page.evaluate(() =>
      (
        document.querySelector(
          '[data-testid="ranking-table"] tr[data-code="36063"] input[type="checkbox"]',
        ) as HTMLElement
      ).click(),
    );
    await page.waitForSelector('[data-testid="target-count"][data-count="1"]');
    const download = page.waitForEvent('download');
    await page.locator('[data-testid="export-csv"]').click();
    const lines = readFileSync(await (await download).path(), 'utf8')
      .slice(1)
      .split('\r\n');
    const header = lines[0]?.split(';') ?? [];
    const row = lines[1]?.split(';') ?? [];
    expect(row[0]).toBe('36063');
    expect(row[header.indexOf('Faible pénétration des carnets (valeur)')]).toBe('s');
    expect(row[header.indexOf('Secret statistique')]).toMatch(/^Secret statistique appliqué/);
    await page.locator('#detail-36044').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/32-imported-programme-targeting.png` });
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.externalRequests).toEqual([]);
  });
});
