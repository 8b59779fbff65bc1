/**
 * A fresh clone (no data/sources/, no DATA_SOURCES_DIR, no sibling mirror) started with only
 * DATA_SOURCES_URL, pointing to a local HTTP server over the reference mirror, downloads its
 * sources through the same code as `npm start` (prepareAssets → ensureSources), builds, and
 * shows a coloured map. Unreachable, the same clone stops with the French message.
 * The clone is of the committed HEAD and borrows this checkout's node_modules (no second
 * `npm ci`); the app is the production build served statically, as in the other browser tests.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIRROR_SOURCES_DIR, REPO_ROOT, SOURCES } from '../../scripts/lib/sources.ts';
import { startStaticServer } from '../../scripts/lib/static-server.ts';
import { BUILD_SOURCES } from '../../scripts/prepare-assets.ts';
import { closedPort } from '../scripts/scripted-server.ts';
import {
  launchBrowser,
  openWatchedPage,
  projectToScreen,
  readScreenPixel,
  SCREENSHOT_DIR,
} from './browser.ts';

const MIRROR = resolve(REPO_ROOT, MIRROR_SOURCES_DIR);
/** CA Châteauroux Métropole, well inside metropolitan France. */
const KNOWN_EPCI = '243600327';

let root: string;
let clone: string;
const servers: Server[] = [];
let browser: Browser | undefined;

/** The environment of a new user: no source setting at all, plus `extra`. */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DATA_SOURCES_DIR: _dir, DATA_SOURCES_URL: _url, ...rest } = process.env;
  return { ...rest, ...extra };
}

/** Runs a command in the clone, asynchronously: the servers of this process must keep answering. */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: clone, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', fail);
    child.on('close', (status) => done({ status, stderr }));
  });
}

async function serve(dir: string): Promise<string> {
  const { url, server } = await startStaticServer(dir);
  servers.push(server);
  return url;
}

describe.skipIf(!existsSync(MIRROR))('fresh clone with DATA_SOURCES_URL only', () => {
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'casba-clone-'));
    clone = join(root, 'casba');
    const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' });
    const cloned = spawnSync('git', ['clone', '--quiet', '--no-checkout', REPO_ROOT, clone]);
    const checkout = spawnSync('git', ['checkout', '--quiet', head.stdout.trim()], { cwd: clone });
    if (cloned.status !== 0 || checkout.status !== 0) throw new Error('git clone a échoué');
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
  });

  afterAll(async () => {
    await browser?.close();
    for (const server of servers) await new Promise<void>((done) => server.close(() => done()));
    rmSync(root, { recursive: true, force: true });
  });

  it('has no source anywhere, and `npm start` unreachable stops with the French message', async () => {
    expect(existsSync(join(clone, 'data/sources'))).toBe(false);
    expect(existsSync(resolve(clone, MIRROR_SOURCES_DIR))).toBe(false);
    const port = await closedPort();
    const start = await run(
      'npx',
      ['tsx', 'scripts/start.ts'],
      userEnv({ DATA_SOURCES_URL: `http://127.0.0.1:${port}/` }),
    );
    expect(start.status).toBe(1);
    expect(start.stderr).toContain('Sources requises indisponibles');
    for (const entry of SOURCES.filter((s) => s.required))
      expect(start.stderr).toContain(`  - ${entry.path} (`);
    for (const way of ['DATA_SOURCES_URL=', 'DATA_SOURCES_DIR=', 'data/sources/'])
      expect(start.stderr).toContain(way);
    expect(start.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(clone, 'data/sources'))).toBe(false);
  });

  it('downloads its sources from the mirror, builds, and draws a coloured map', async () => {
    const mirrorUrl = await serve(MIRROR);
    const build = await run('npm', ['run', 'build'], userEnv({ DATA_SOURCES_URL: mirrorUrl }));
    expect(build.status, build.stderr).toBe(0);
    expect(build.stderr).toMatch(/✔ \[1\/\d+\] .+ octets, SHA-256 conforme à la référence/);
    expect(build.stderr).toContain(`Sources : ${BUILD_SOURCES.length} fichier(s) obtenu(s)`);
    const fetched = JSON.parse(readFileSync(join(clone, 'data/sources/manifest.json'), 'utf8')) as {
      path: string;
      fetched_from: string;
    }[];
    expect(fetched.map((r) => r.path).sort()).toEqual(BUILD_SOURCES.map((s) => s.path).sort());
    expect(fetched.every((r) => r.fetched_from.startsWith(mirrorUrl))).toBe(true);
    expect(readdirSync(join(clone, 'data/sources/geo')).some((f) => f.endsWith('.part'))).toBe(
      false,
    );

    const appUrl = await serve(join(clone, 'dist'));
    browser = await launchBrowser();
    const { page, consoleErrors, externalRequests } = await openWatchedPage(browser, appUrl);
    // SwiftShader on a shared 2-core machine can take long to produce a frame.
    page.setDefaultTimeout(120_000);
    await page.goto(appUrl);
    await page.waitForSelector('[data-testid="app-ready"]', { timeout: 150_000 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/fresh-clone-map.png` });

    const manifest = JSON.parse(readFileSync(join(clone, 'public/data/manifest.json'), 'utf8')) as {
      files: { epci: string };
    };
    const epcis = JSON.parse(
      readFileSync(join(clone, 'public/data', manifest.files.epci), 'utf8'),
    ) as FeatureCollection<Polygon | MultiPolygon, { code: string }>;
    const feature = epcis.features.find((f) => f.properties.code === KNOWN_EPCI) as Feature<
      Polygon | MultiPolygon
    >;
    const [lon = 0, lat = 0] = pointOnFeature(feature).geometry.coordinates;
    const inside = await projectToScreen(page, [lon, lat]);
    const sea = await projectToScreen(page, [-5.5, 46.0]);
    const [r, g, b] = await readScreenPixel(page, inside.x, inside.y);
    const background = await readScreenPixel(page, sea.x, sea.y);
    const distance =
      Math.abs(r - background[0]) + Math.abs(g - background[1]) + Math.abs(b - background[2]);
    expect(distance).toBeGreaterThan(12);
    expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeGreaterThan(40);
    expect(consoleErrors).toEqual([]);
    expect(externalRequests).toEqual([]);
    // Under load (several helpers share 2 cores) the clone's build alone took 100 s.
  }, 600_000);
});
