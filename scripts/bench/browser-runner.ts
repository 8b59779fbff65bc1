/**
 * Drives the Chromium half of the benchmark: builds the bench page with Vite's `build` API,
 * serves bench/tmp/ with the project's static server, opens Debian's Chromium through
 * playwright-core and calls `window.runScenario` on it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { basename, join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { startStaticServer } from '../lib/static-server.ts';
import { toMb } from './bench-stats.ts';
import { BENCH_TMP } from './bench-stock.ts';
import type { PageScenario } from './browser/page-runtime.ts';

/** Flags of architecture.md §2, plus precise heap figures and `gc()` for the heap readings. */
const CHROMIUM_ARGS = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-precise-memory-info',
  // No display here: with vsync on, software GL stalls whole frames (~1 s gaps between animation
  // frames, even on a blank page), which `drill-commune` would count as the app's drawing time.
  '--disable-gpu-vsync',
  '--disable-frame-rate-limit',
  '--js-flags=--expose-gc',
];

/** A running Chromium with the bench page served. */
export interface BrowserBench {
  version: string;
  /** URL of a file of bench/tmp/ as the page fetches it. */
  urlOf(path: string): string;
  /** Loads the bench page afresh (new DuckDB, empty heap) and calls one scenario on it. */
  call<T>(name: PageScenario, params: unknown, options?: { fresh?: boolean }): Promise<T>;
  /**
   * The page's V8 heap as DevTools reads it (`Runtime.getHeapUsage`), MiB: `backingStorage` counts
   * the typed arrays' buffers, which the page's `performance.memory` leaves out. Null fields when
   * this Chromium does not report them.
   */
  heapUsage(): Promise<{ usedMb: number | null; backingStorageMb: number | null }>;
  close(): Promise<void>;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

/** Hash of everything the page is built from, so that an unchanged page is not rebuilt. */
function pageSourceKey(): string {
  const hash = createHash('sha256');
  const files = ['src', 'scripts/bench', 'bench/page'].flatMap(listFiles).sort();
  for (const file of [...files, 'package-lock.json']) {
    if (existsSync(file)) hash.update(file).update(readFileSync(file));
  }
  return hash.digest('hex');
}

async function buildPage(outDir: string): Promise<void> {
  const keyPath = `${outDir}.key`;
  const key = pageSourceKey();
  if (existsSync(join(outDir, 'index.html')) && existsSync(keyPath)) {
    if (readFileSync(keyPath, 'utf8') === key) return;
  }
  rmSync(keyPath, { force: true });
  await build({
    configFile: false,
    root: resolve('bench/page'),
    base: './',
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      reportCompressedSize: false,
    },
    worker: { format: 'es' },
  });
  writeFileSync(keyPath, key);
}

/** Builds the page, starts the server and Chromium. */
export async function startBrowserBench(): Promise<BrowserBench> {
  const outDir = resolve(BENCH_TMP, 'page');
  await buildPage(outDir);
  const { url, server } = await startStaticServer(BENCH_TMP);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
  } catch (error) {
    server.close();
    throw error;
  }
  return createBench(browser, server, url);
}

function createBench(browser: Browser, server: Server, baseUrl: string): BrowserBench {
  let page: Page | null = null;
  const errors: string[] = [];
  // A new navigation drops the previous document, its workers and its DuckDB instances.
  const openPage = async (): Promise<Page> => {
    if (page === null) {
      page = await browser.newPage();
      page.on('pageerror', (error) => errors.push(error.message));
    }
    await page.goto(`${baseUrl}page/index.html`);
    await page.waitForFunction(() => document.title === 'bench ready', null, { timeout: 60_000 });
    return page;
  };
  return {
    version: browser.version(),
    urlOf: (path) => `${baseUrl}${basename(path)}`,
    async call<T>(name: PageScenario, params: unknown, options: { fresh?: boolean } = {}) {
      const target = options.fresh || page === null ? await openPage() : page;
      try {
        return (await target.evaluate(
          ([scenario, input]) => window.runScenario(scenario as PageScenario, input),
          [name, params] as const,
        )) as T;
      } catch (error) {
        const pageErrors = errors.splice(0).join('; ');
        throw new Error(`bench page ${name}: ${(error as Error).message} ${pageErrors}`.trim());
      }
    },
    async heapUsage() {
      if (page === null) return { usedMb: null, backingStorageMb: null };
      const session = await page.context().newCDPSession(page);
      try {
        const usage = (await session.send('Runtime.getHeapUsage')) as {
          usedSize?: number;
          backingStorageSize?: number;
        };
        const mb = (bytes: number | undefined) => (bytes === undefined ? null : toMb(bytes));
        return { usedMb: mb(usage.usedSize), backingStorageMb: mb(usage.backingStorageSize) };
      } finally {
        await session.detach();
      }
    },
    async close() {
      await page?.close();
      await browser.close();
      await new Promise((done) => server.close(done));
    },
  };
}
