import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resolveSource } from '../../scripts/lib/sources.ts';
import {
  computeProgrammeSummary,
  type ProgrammeSummary,
} from '../../src/domain/programme-summary.ts';
import { launchBrowser, openWatchedPage, SCREENSHOT_DIR, type WatchedPage } from './browser.ts';
import {
  importProgrammeFiles,
  openSteeringView,
  PROGRAMME_FILES,
  readDemoProgramme,
} from './demo-programme.ts';

const FILES = PROGRAMME_FILES;

let browser: Browser;
let watched: WatchedPage;
let expected: ProgrammeSummary;

/** The same figures computed in Node from the same files, with the same domain modules. */
function computeExpectedSummary(): ProgrammeSummary {
  const { config, data } = readDemoProgramme();
  return computeProgrammeSummary(config, data);
}

async function attribute(testId: string, name: string): Promise<number> {
  return Number(await watched.page.locator(`[data-testid="${testId}"]`).first().getAttribute(name));
}

describe('steering view: programme KPIs, budget, overlay and annual report', () => {
  beforeAll(async () => {
    expected = computeExpectedSummary();
    browser = await launchBrowser();
    watched = await openWatchedPage(browser, inject('baseUrl'));
    await openSteeringView(watched.page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('imports the three programme CSV files and reports every row', async () => {
    const { page } = watched;
    await importProgrammeFiles(page, FILES);
    for (const kind of ['territoires', 'carnets', 'travaux']) {
      const report = page.locator(`[data-testid="programme-import-report-${kind}"]`);
      const read = Number(await report.getAttribute('data-rows-read'));
      const accepted = Number(await report.getAttribute('data-accepted'));
      const rejected = Number(await report.getAttribute('data-rejected'));
      expect(read).toBeGreaterThan(0);
      expect(accepted + rejected).toBe(read);
    }
    await page.screenshot({ path: `${SCREENSHOT_DIR}/20-programme-import.png` });
    await page.keyboard.press('Escape');
    await page.waitForSelector(
      '[data-testid="programme-view"][data-origin="import"][data-status="ready"]',
      {
        timeout: 60_000,
      },
    );
  });

  it('shows the KPIs against the targets, as computed in Node', async () => {
    expect(await attribute('kpi-territories', 'data-value')).toBe(expected.kpis.territories.value);
    expect(await attribute('kpi-territories', 'data-target')).toBe(106);
    expect(await attribute('kpi-carnets', 'data-value')).toBe(expected.kpis.carnets.value);
    expect(await attribute('kpi-carnets', 'data-target')).toBe(80_000);
    expect(await attribute('kpi-works', 'data-value')).toBe(expected.kpis.works.value);
    expect(await attribute('kpi-works', 'data-target')).toBe(12_000);
  });

  it('shows the budget of the convention’s cost model, as computed in Node', async () => {
    for (const part of ['fixed', 'proportional', 'total'] as const) {
      expect(await attribute(`budget-${part}`, 'data-spent')).toBeCloseTo(
        expected.budget[part].spent,
        2,
      );
      expect(await attribute(`budget-${part}`, 'data-cap')).toBe(expected.budget[part].cap);
    }
    expect(expected.budget.total.cap).toBe(2_700_000);
    await watched.page
      .locator('[data-testid="budget"]')
      .screenshot({ path: `${SCREENSHOT_DIR}/21-programme-budget.png` });
  });

  it('shows carnets and works per EPCI as in Node', async () => {
    const rows = await watched.page
      .locator('[data-testid="epci-table"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => ({
          siren: tr.getAttribute('data-siren'),
          carnets: Number(tr.getAttribute('data-carnets')),
          works: Number(tr.getAttribute('data-works')),
        })),
      );
    const bySiren = new Map(expected.by_epci.map((row) => [row.siren_epci, row]));
    expect(rows.length).toBe(expected.by_epci.length);
    for (const row of rows) {
      expect(bySiren.get(row.siren ?? '')?.carnets).toBe(row.carnets);
      expect(bySiren.get(row.siren ?? '')?.works).toBe(row.works);
    }
  });

  it('shows the real MaPrimeRénov’ national total of the source file at 2024-08', async () => {
    const line = readFileSync(resolveSource('maprimerenov-ditp-ind-292'), 'utf8')
      .split(/\r?\n/)
      .find((row) => row.startsWith('IND-292,FRANCE,2024-08-01,'));
    const [, , , , vi, va] = (line ?? '').split(',');
    const sourceTotal = Number(va || vi);
    expect(sourceTotal).toBeGreaterThan(0);
    const total = watched.page.locator('[data-testid="mpr-national-total"]');
    expect(await total.getAttribute('data-month')).toBe('2024-08');
    expect(Number(await total.getAttribute('data-value'))).toBe(sourceTotal);
  });

  it('renders the annual report to a PDF with the KPIs and the coverage map', async () => {
    const { page } = watched;
    await page.waitForSelector('[data-testid="coverage-map"][data-drawn="true"]', {
      timeout: 180_000,
    });
    await page.emulateMedia({ media: 'print' });
    await page.waitForFunction(
      () =>
        ((document.querySelector('[data-testid="coverage-map-image"]') as HTMLImageElement | null)
          ?.src.length ?? 0) > 50_000,
      undefined,
      { timeout: 60_000 },
    );
    expect(await page.locator('[data-testid="kpi-carnets"]').isVisible()).toBe(true);
    expect(await page.locator('[data-testid="coverage-map-image"]').isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync('test-artifacts/rapport-annuel.pdf', pdf);
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    await page.emulateMedia({ media: 'screen' });
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.externalRequests).toEqual([]);
  });
});
