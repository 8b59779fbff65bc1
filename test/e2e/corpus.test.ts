import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CORPUS_DIR, writeCorpus } from '../../scripts/make-corpus.ts';
import { type CorpusCase, loadCorpusCases } from '../scripts/corpus-expectations.ts';
import { launchBrowser, openWatchedPage, SCREENSHOT_DIR, type WatchedPage } from './browser.ts';

const cases = loadCorpusCases();
let browser: Browser;
let watched: WatchedPage;

/** What the dialog shows for one file: the report's counts (data and visible text) or the error. */
interface OnScreen {
  step: string;
  counts?: { rows_read: number; accepted: number; rejected: number };
  balance?: number[];
  error?: string;
  /** What the loaded summary says about rows moved to their commune nouvelle. */
  remapped?: { rows: number; text: string };
}

async function importOnScreen(path: string, first: boolean): Promise<OnScreen> {
  const { page } = watched;
  const dialog = page.locator('[data-testid="import-dialog"]');
  if (first) {
    await page.locator('[data-testid="import-button"]').click();
    await page.locator('[data-testid="import-dialog"][open]').waitFor({ timeout: 10_000 });
  } else {
    // A DOM click: the footer may sit below the fold of a long report.
    await page.$eval('[data-testid="import-again"]', (button) =>
      (button as HTMLButtonElement).click(),
    );
  }
  await page.locator('[data-testid="import-dialog"][data-step="choose"]').waitFor();
  await page.locator('[data-testid="import-file-input"]').setInputFiles(path);
  await page
    .locator(
      '[data-testid="import-dialog"][data-step="done"], [data-testid="import-dialog"][data-step="failed"]',
    )
    .waitFor({ timeout: 60_000 });
  const step = (await dialog.getAttribute('data-step')) ?? '';
  if (step === 'failed') {
    return {
      step,
      error: (await page.locator('[data-testid="import-error"]').textContent()) ?? '',
    };
  }
  const report = page.locator('[data-testid="import-report"]');
  const read = async (name: string) => Number(await report.getAttribute(name));
  const balance = (await page.locator('[data-testid="import-report-balance"]').textContent()) ?? '';
  return {
    step,
    counts: {
      rows_read: await read('data-rows-read'),
      accepted: await read('data-accepted'),
      rejected: await read('data-rejected'),
    },
    balance: (balance.match(/\d[\d\s\u202f]*/g) ?? []).map((n) => Number(n.replace(/\D/g, ''))),
    remapped: await remappedOnScreen(),
  };
}

async function remappedOnScreen(): Promise<OnScreen['remapped']> {
  const loaded = watched.page.locator('[data-testid="import-loaded"]');
  if ((await loaded.count()) === 0) return undefined;
  return {
    rows: Number(await loaded.getAttribute('data-remapped')),
    text: (await loaded.textContent()) ?? '',
  };
}

describe('malformed-input corpus in the browser import dialog', () => {
  beforeAll(async () => {
    writeCorpus(CORPUS_DIR);
    browser = await launchBrowser();
    watched = await openWatchedPage(browser, inject('baseUrl'));
    await watched.page.goto(inject('baseUrl'));
    await watched.page.waitForSelector('[data-testid="app-ready"]', { timeout: 180_000 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('gives every case its expected outcome, and the page survives them all', async () => {
    const seen: { file: string; expected: CorpusCase; screen: OnScreen }[] = [];
    for (const [index, expected] of cases.entries()) {
      const screen = await importOnScreen(join(CORPUS_DIR, expected.file), index === 0);
      seen.push({ file: expected.file, expected, screen });
      if (expected.file === 'merged-insee.csv') {
        // Codes of communes merged since (one of the COG 2023) land on their commune nouvelle.
        expect(screen.remapped?.rows).toBe(3);
        expect(screen.remapped?.text).toContain('01330 → 01187');
        expect(screen.remapped?.text).toContain('36039 → 36070');
      }
      if (expected.file === 'invalid-insee.csv') {
        // The HTML payload of a rejected cell is shown as text, never run or parsed.
        const rejections = watched.page.locator('[data-testid="import-rejections"]');
        expect(await rejections.textContent()).toContain('<script>alert(1)</script>');
        expect(await rejections.locator('script').count()).toBe(0);
        await watched.page.screenshot({
          path: `${SCREENSHOT_DIR}/30-corpus-invalid-insee.png`,
          timeout: 120_000,
        });
      }
    }
    for (const { file, expected, screen } of seen) {
      const outcome = expected.browser ?? expected;
      if (outcome.outcome === 'error') {
        expect(screen.step, file).toBe('failed');
        expect(screen.error, file).toContain(outcome.error_contains);
        continue;
      }
      expect(screen.step, file).toBe('done');
      const counts = {
        rows_read: expected.rows_read,
        accepted: expected.accepted,
        rejected: expected.rejected,
      };
      expect(screen.counts, file).toEqual(counts);
      expect(screen.balance, file).toEqual([counts.rows_read, counts.accepted, counts.rejected]);
    }
    await watched.page.screenshot({
      path: `${SCREENSHOT_DIR}/31-corpus-last-error.png`,
      timeout: 120_000,
    });
    expect(watched.consoleErrors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    expect(watched.externalRequests).toEqual([]);
  }, 600_000);
});
