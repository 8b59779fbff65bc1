/**
 * Snapshots of the Observable Plot charts: each chart of src/charts drawn on fixed data
 * (chart-page.ts, bundled here by Vite) in Chromium, its markup compared with the committed file
 * under __snapshots__/charts/. Plot measures no text in the DOM, so the markup does not depend on
 * fonts. `npx vitest run --project e2e test/e2e/chart-snapshots.test.ts -u` rewrites them.
 */
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, SCREENSHOT_DIR } from './browser.ts';
import type { ChartName } from './chart-page.ts';

const CHARTS: readonly ChartName[] = [
  'label-distribution',
  'programme-timeseries-carnets',
  'maprimerenov-map',
  'maprimerenov-series',
  'campaign-effect-carnets',
];

let browser: Browser;
let page: Page;
let markup: Record<string, string> = {};

/** The chart page as one ES module, with Plot and the chart modules inlined. */
async function bundleChartPage(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      lib: { entry: 'test/e2e/chart-page.ts', formats: ['es'], fileName: 'chart-page' },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  for (const output of outputs) {
    if (!('output' in output)) continue;
    const chunk = output.output.find((entry) => entry.type === 'chunk' && entry.isEntry);
    if (chunk?.type === 'chunk') return chunk.code;
  }
  throw new Error('chart-page.ts : aucun module produit');
}

/** One element per line, so that a snapshot diff shows which mark changed. */
function readable(html: string): string {
  return `${html.replace(/></g, '>\n<')}\n`;
}

describe('Plot chart snapshots', () => {
  beforeAll(async () => {
    const code = await bundleChartPage();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 600, height: 1600 }, locale: 'fr-FR' });
    await page.setContent('<!doctype html><html lang="fr"><body></body></html>');
    await page.addScriptTag({ type: 'module', content: code });
    await page.waitForFunction(() => window.__chartMarkup !== undefined);
    markup = await page.evaluate(() => window.__chartMarkup ?? {});
    // For a look: every chart on one page.
    await page.setContent(
      `<!doctype html><html lang="fr"><body style="font-family:sans-serif">${Object.values(markup).join('')}</body></html>`,
    );
    await page.screenshot({ path: `${SCREENSHOT_DIR}/chart-snapshots.png`, fullPage: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('draws every chart', () => {
    expect(Object.keys(markup).sort()).toEqual([...CHARTS].sort());
  });

  it.each(CHARTS)('%s matches its snapshot', async (name) => {
    const html = markup[name] ?? '';
    expect(html).toMatch(/^<(svg|figure)/);
    const extension = html.startsWith('<svg') ? 'svg' : 'html';
    await expect(readable(html)).toMatchFileSnapshot(`__snapshots__/charts/${name}.${extension}`);
  });
});
