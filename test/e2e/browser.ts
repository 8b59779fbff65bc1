import { mkdirSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Flags measured to render WebGL2 through SwiftShader offline (architecture.md §2). */
const CHROMIUM_ARGS = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const SCREENSHOT_DIR = 'test-artifacts/screenshots';

export interface WatchedPage {
  page: Page;
  consoleErrors: string[];
  externalRequests: string[];
}

/** Starts Debian's Chromium (never a downloaded browser). */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Opens a page that records console errors and every request leaving the test server's host.
 * `bypassCsp` ignores the page's Content Security Policy, to prove that the watcher itself
 * catches an external request.
 */
export async function openWatchedPage(
  browser: Browser,
  baseUrl: string,
  options: { bypassCsp?: boolean } = {},
): Promise<WatchedPage> {
  const page = await browser.newPage({
    viewport: { width: 1400, height: 900 },
    // A French agent's browser: navigator.language and Intl defaults as they will see them.
    locale: 'fr-FR',
    bypassCSP: options.bypassCsp === true,
  });
  const consoleErrors: string[] = [];
  const externalRequests: string[] = [];
  const allowedHost = new URL(baseUrl).host;
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('request', (request) => {
    const url = new URL(request.url());
    const isLocal = url.host === allowedHost || ['data:', 'blob:'].includes(url.protocol);
    if (!isLocal) externalRequests.push(request.url());
  });
  return { page, consoleErrors, externalRequests };
}

/** Reads the RGBA colour of one screen pixel from a screenshot (decoded by the browser itself). */
export async function readScreenPixel(
  page: Page,
  x: number,
  y: number,
): Promise<[number, number, number, number]> {
  const png = await page.screenshot({
    clip: { x: Math.round(x) - 1, y: Math.round(y) - 1, width: 3, height: 3 },
  });
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.drawImage(image, 0, 0);
    const centre = Math.floor(image.width / 2);
    const [r = 0, g = 0, b = 0, a = 0] = context.getImageData(centre, centre, 1, 1).data;
    return [r, g, b, a] as [number, number, number, number];
  }, png.toString('base64'));
}

/** Page coordinates of a longitude/latitude on the dashboard's map (`window.__casba.map`). */
export async function projectToScreen(
  page: Page,
  lonLat: [number, number],
): Promise<{ x: number; y: number }> {
  const local = await page.evaluate((point) => {
    const map = (
      window as unknown as {
        __casba: { map: { project(p: [number, number]): { x: number; y: number } } };
      }
    ).__casba.map;
    return map.project(point);
  }, lonLat);
  const box = await page.locator('[data-testid="map"]').boundingBox();
  if (!box) throw new Error('map container not found');
  return { x: box.x + local.x, y: box.y + local.y };
}
