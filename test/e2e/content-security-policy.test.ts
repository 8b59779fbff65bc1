import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openWatchedPage, SCREENSHOT_DIR, type WatchedPage } from './browser.ts';

const EXTERNAL = 'https://example.org/';

interface Violation {
  directive: string;
  blocked: string;
}

let browser: Browser;
let watched: WatchedPage;

/** Records every CSP violation of the page from its very first script. */
async function recordViolations(page: WatchedPage['page']): Promise<void> {
  await page.addInitScript(() => {
    const seen: { directive: string; blocked: string }[] = [];
    (window as unknown as { __violations: typeof seen }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push({ directive: event.effectiveDirective, blocked: event.blockedURI });
    });
  });
}

async function violations(page: WatchedPage['page']): Promise<Violation[]> {
  return page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);
}

/** Tries an external fetch from the page; resolves with how it ended. */
function tryExternalFetch(page: WatchedPage['page']): Promise<string> {
  return page.evaluate(
    (url) =>
      fetch(url, { mode: 'no-cors' }).then(
        () => 'loaded',
        (error: unknown) => `blocked: ${String(error)}`,
      ),
    EXTERNAL,
  );
}

describe('Content Security Policy of the production build', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    watched = await openWatchedPage(browser, inject('baseUrl'));
    // Nothing may leave the machine even if the policy were missing.
    await watched.page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    await recordViolations(watched.page);
    await watched.page.goto(inject('baseUrl'));
    await watched.page.waitForSelector('[data-testid="app-ready"]', { timeout: 180_000 });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('ships the policy in the built page', () => {
    const html = readFileSync('dist/index.html', 'utf8');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'self'/);
    expect(html).toContain("connect-src 'self'");
    expect(html).toContain("'wasm-unsafe-eval'");
  });

  it('starts DuckDB, MapLibre and deck.gl without a single violation', async () => {
    await watched.page.screenshot({ path: `${SCREENSHOT_DIR}/40-csp-first-view.png` });
    expect(await violations(watched.page)).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.externalRequests).toEqual([]);
  });

  it('blocks a fetch to another host and reports it as a connect-src violation', async () => {
    const outcome = await tryExternalFetch(watched.page);
    expect(outcome).toMatch(/^blocked: TypeError/);
    expect(await violations(watched.page)).toContainEqual({
      directive: 'connect-src',
      blocked: EXTERNAL,
    });
    // The request never reached the network layer: the policy stopped it in the page.
    expect(watched.externalRequests).toEqual([]);
  });

  it('blocks an image from another host', async () => {
    await watched.page.evaluate((url) => {
      const image = new Image();
      image.src = `${url}pixel.png`;
      document.body.append(image);
    }, EXTERNAL);
    await watched.page.waitForFunction(
      () =>
        (window as unknown as { __violations: Violation[] }).__violations.some(
          (v) => v.directive === 'img-src',
        ),
      undefined,
      { timeout: 10_000 },
    );
    expect(
      (await violations(watched.page))
        .filter((v) => v.directive === 'img-src')
        .map((v) => v.blocked),
    ).toEqual([`${EXTERNAL}pixel.png`]);
  });

  it('the request watcher fails a run when a request does leave (policy bypassed)', async () => {
    const bare = await openWatchedPage(browser, inject('baseUrl'), { bypassCsp: true });
    await bare.page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    await bare.page.goto(`${inject('baseUrl')}data/manifest.json`);
    const outcome = await tryExternalFetch(bare.page);
    // Aborted by the test's route, not by the policy: the watcher saw it go out.
    expect(outcome).toMatch(/^blocked/);
    expect(bare.externalRequests).toEqual([EXTERNAL]);
    expect(() => expect(bare.externalRequests).toEqual([])).toThrow();
    await bare.page.close();
  });
});
