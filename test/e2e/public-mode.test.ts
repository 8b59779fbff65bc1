import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type AuditVariable,
  computeFeasibleIntervals,
  findDisclosures,
  type LinearEquation,
} from '../../src/domain/disclosure-audit.ts';
import type { ProgrammeConfig } from '../../src/domain/programme-config.ts';
import type { ProgrammeData } from '../../src/domain/programme-data.ts';
import {
  computeEpciBreakdown,
  computeRegionBreakdown,
  type EpciBreakdown,
  type RegionBreakdown,
} from '../../src/domain/programme-kpis.ts';
import { launchBrowser, openWatchedPage, SCREENSHOT_DIR, type WatchedPage } from './browser.ts';
import { openSteeringView, readDemoProgramme } from './demo-programme.ts';

const THRESHOLD = 11;
const COLUMNS = ['carnets', 'works'] as const;
type Column = (typeof COLUMNS)[number];

/** One row as the screen shows it: each count as its text (`s` when withheld). */
interface ShownRow {
  code: string;
  carnets: string;
  works: string;
  conversion?: string;
  penetration?: string;
}

let browser: Browser;
let watched: WatchedPage;
let config: ProgrammeConfig;
let data: ProgrammeData;
let epcis: EpciBreakdown[];
let regions: RegionBreakdown[];
let shownEpcis: ShownRow[];
let shownRegions: ShownRow[];
let shownTotal: ShownRow;

async function readShownTables(): Promise<void> {
  const { page } = watched;
  shownEpcis = await page.locator('[data-testid="epci-table"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      code: tr.getAttribute('data-siren') ?? '',
      carnets: tr.getAttribute('data-carnets') ?? '',
      works: tr.getAttribute('data-works') ?? '',
      conversion: tr.getAttribute('data-conversion') ?? '',
      penetration: tr.getAttribute('data-penetration') ?? '',
    })),
  );
  shownRegions = await page.locator('[data-testid="region-table"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      code: tr.getAttribute('data-code') ?? '',
      carnets: tr.getAttribute('data-carnets') ?? '',
      works: tr.getAttribute('data-works') ?? '',
    })),
  );
  const total = page.locator('[data-testid="region-total"]');
  shownTotal = {
    code: 'total',
    carnets: (await total.getAttribute('data-carnets')) ?? '',
    works: (await total.getAttribute('data-works')) ?? '',
  };
}

/** A shown count against its true value: withheld when small, else exactly the true value. */
function expectPublishable(shown: string, truth: number, where: string): void {
  if (truth > 0 && truth < THRESHOLD) expect(shown, where).toBe('s');
  if (shown !== 's') {
    expect(Number(shown), where).toBe(truth);
    expect(truth === 0 || truth >= THRESHOLD, where).toBe(true);
  }
}

const trueTotal = (column: Column) => data[column === 'carnets' ? 'carnets' : 'works'].length;

describe('public mode: statistical secret on the steering and targeting screens', () => {
  beforeAll(async () => {
    ({ config, data } = readDemoProgramme());
    epcis = computeEpciBreakdown(data);
    regions = computeRegionBreakdown(config, data);
    browser = await launchBrowser();
    watched = await openWatchedPage(browser, inject('baseUrl'));
    await openSteeringView(watched.page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('turns on from the header, says so, and keeps it in the link', async () => {
    const { page } = watched;
    await page.locator('[data-testid="public-mode"]').check();
    await page.waitForSelector(
      '[data-testid="programme-view"][data-public="true"][data-status="ready"]',
      { timeout: 60_000 },
    );
    expect(new URL(page.url()).searchParams.get('public')).toBe('1');
    expect(await page.locator('[data-testid="public-mode-banner"]').textContent()).toContain(
      'secret statistique',
    );
    // The nominative beneficiaries list is not offered in public mode; open data is.
    expect(await page.locator('[data-testid="download-cee"]').count()).toBe(0);
    expect(await page.locator('[data-testid="download-opendata-epci"]').count()).toBe(1);
    await readShownTables();
  });

  it('shows per EPCI only counts of 0 or at least 11, withholding the rates they give', () => {
    const truth = new Map(epcis.map((row) => [row.siren_epci, row]));
    expect(shownEpcis.length).toBe(epcis.length);
    let withheld = 0;
    for (const row of shownEpcis) {
      const real = truth.get(row.code);
      expect(real, row.code).toBeDefined();
      if (real === undefined) continue;
      for (const column of COLUMNS) {
        expectPublishable(row[column], real[column], `EPCI ${row.code} ${column}`);
        if (row[column] === 's') withheld++;
      }
      const hidden = row.carnets === 's' || row.works === 's';
      expect(row.conversion === 's', `EPCI ${row.code} conversion`).toBe(hidden);
      expect(row.penetration === 's', `EPCI ${row.code} penetration`).toBe(row.carnets === 's');
    }
    // The demo has small counts: the check above is not vacuous.
    expect(withheld).toBeGreaterThan(0);
  });

  it('shows per region and in total only publishable counts', () => {
    const truth = new Map(regions.map((row) => [row.code ?? '', row]));
    expect(shownRegions.length).toBe(regions.length);
    for (const row of shownRegions) {
      const real = truth.get(row.code);
      if (real === undefined) throw new Error(`unknown region row ${row.code}`);
      for (const column of COLUMNS) {
        expectPublishable(row[column], real[column], `région ${row.code} ${column}`);
      }
    }
    for (const column of COLUMNS) {
      expectPublishable(shownTotal[column], trueTotal(column), `total ${column}`);
    }
  });

  it('lets no withheld count below 11 be recovered from the totals on screen', () => {
    const regionOf = new Map(
      epcis.map((row) => [row.siren_epci, row.adopting ? (row.code_region ?? '') : '']),
    );
    const withoutEpci = new Map<Column, number>([
      ['carnets', data.carnets.filter((c) => c.code_epci === null).length],
      ['works', 0],
    ]);
    const carnetIds = new Set(
      data.carnets.filter((c) => c.code_epci === null).map((c) => c.id_carnet),
    );
    withoutEpci.set('works', data.works.filter((w) => carnetIds.has(w.id_carnet)).length);
    const truth = new Map<string, number>();
    const variables: AuditVariable[] = [];
    const equations: LinearEquation[] = [];
    const add = (id: string, shown: string, value: number) => {
      truth.set(id, value);
      variables.push({ id, published: shown === 's' ? null : Number(shown) });
      return variables.length - 1;
    };
    for (const column of COLUMNS) {
      const total = add(`total:${column}`, shownTotal[column], trueTotal(column));
      const totalTerms = [{ variable: total, coefficient: 1 }];
      const regionTerms = new Map<string, { variable: number; coefficient: number }[]>();
      for (const row of shownRegions) {
        const real = regions.find((r) => (r.code ?? '') === row.code);
        const index = add(`region:${row.code}:${column}`, row[column], real?.[column] ?? 0);
        totalTerms.push({ variable: index, coefficient: -1 });
        regionTerms.set(row.code, [{ variable: index, coefficient: 1 }]);
      }
      for (const row of shownEpcis) {
        const real = epcis.find((e) => e.siren_epci === row.code);
        const index = add(`epci:${row.code}:${column}`, row[column], real?.[column] ?? 0);
        const terms = regionTerms.get(regionOf.get(row.code) ?? '') ?? totalTerms;
        terms.push({ variable: index, coefficient: -1 });
      }
      // Carnets outside any EPCI are in the « hors » row but shown nowhere on their own.
      const hors = regionTerms.get('');
      const outside = withoutEpci.get(column) ?? 0;
      if (hors !== undefined && outside > 0) {
        hors.push({ variable: add(`sans-epci:${column}`, 's', outside), coefficient: -1 });
      }
      equations.push(
        { terms: totalTerms },
        ...[...regionTerms.values()].map((terms) => ({ terms })),
      );
    }
    const audit = computeFeasibleIntervals({ variables, equations });
    expect(audit.converged).toBe(true);
    expect(audit.intervals.length).toBeGreaterThan(0);
    const disclosures = findDisclosures(audit.intervals, (id) => truth.get(id), THRESHOLD);
    expect(disclosures).toEqual([]);
  });

  it('draws the coverage map and shows « s » in the tables', async () => {
    const { page } = watched;
    await page.waitForSelector('[data-testid="coverage-map"][data-drawn="true"]', {
      timeout: 180_000,
    });
    const withheld = shownEpcis.find((row) => row.works === 's');
    expect(withheld).toBeDefined();
    const cell = page
      .locator(`[data-testid="epci-table"] tr[data-siren="${withheld?.code}"] td`)
      .nth(3);
    expect((await cell.textContent())?.trim()).toBe('s');
    await page
      .locator('[data-testid="coverage-map"]')
      .screenshot({ path: `${SCREENSHOT_DIR}/30-public-mode-coverage.png` });
    await cell.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/30-public-mode-epci.png` });
  });

  it('offers open-data files that publish exactly what the screen shows per EPCI', async () => {
    const { page } = watched;
    const download = page.waitForEvent('download');
    await page.locator('[data-testid="download-opendata-epci"]').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('epci.csv');
    const lines = readFileSync(await file.path(), 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('code_epci,carnets,travaux');
    const published = new Map(
      lines.slice(1).map((line) => {
        const [code, carnets, works] = line.split(',');
        return [code ?? '', { carnets: carnets ?? '', works: works ?? '' }];
      }),
    );
    expect(published.size).toBe(shownEpcis.length);
    for (const row of shownEpcis) {
      expect(published.get(row.code), row.code).toEqual({ carnets: row.carnets, works: row.works });
    }
  });

  it('withholds on the targeting screen the criteria of a withheld EPCI', async () => {
    const { page } = watched;
    const withheld = shownEpcis.find((row) => row.works === 's' && row.carnets !== 's');
    const region = epcis.find((row) => row.siren_epci === withheld?.code)?.code_region;
    expect(region).toBeTruthy();
    await page.goto(`${inject('baseUrl')}?niveau=epci&region=${region}&public=1`);
    await page.waitForSelector('[data-testid="app-ready"]', { timeout: 180_000 });
    await page.locator('[data-testid="show-targeting"]').click();
    await page.waitForSelector('[data-testid="targeting-ready"][data-programme="ready"]', {
      timeout: 180_000,
    });
    const row = page.locator(`[data-testid="ranking-table"] tr[data-code="${withheld?.code}"]`);
    await row.getByRole('button', { name: 'Détail' }).click();
    const detail = page.locator(`#detail-${withheld?.code} tr[data-criterion="works_conversion"]`);
    expect((await detail.locator('td').first().textContent())?.trim()).toBe('s');
    expect(await detail.textContent()).toContain('secret statistique');
    const penetration = page.locator(
      `#detail-${withheld?.code} tr[data-criterion="carnet_penetration"] td`,
    );
    expect(await penetration.first().textContent()).toContain('carnets pour');
    await detail.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/31-public-mode-targeting.png` });
  });

  it('shows every true count again once public mode is off', async () => {
    const { page } = watched;
    await page.goto(`${inject('baseUrl')}?vue=pilotage&public=1`);
    await page.waitForSelector(
      '[data-testid="programme-view"][data-public="true"][data-status="ready"]',
      {
        timeout: 180_000,
      },
    );
    await page.locator('[data-testid="public-mode"]').uncheck();
    await page.waitForSelector('[data-testid="programme-view"][data-public="false"]', {
      timeout: 60_000,
    });
    expect(new URL(page.url()).searchParams.get('public')).toBeNull();
    await readShownTables();
    const truth = new Map(epcis.map((row) => [row.siren_epci, row]));
    for (const row of shownEpcis) {
      expect(Number(row.carnets)).toBe(truth.get(row.code)?.carnets);
      expect(Number(row.works)).toBe(truth.get(row.code)?.works);
    }
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.externalRequests).toEqual([]);
  });
});
