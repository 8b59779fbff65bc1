/**
 * Inputs of the `drill-commune` scenario: the app's own data directory (the one holding the demo
 * stock, `public/data/` once built): its manifest, stock, contours and one commune file per
 * département; the départements of the memory tour; and the path under bench/tmp/ at which the
 * bench's static server shows that directory to the Chromium page (a symbolic link, nothing copied).
 */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DATA_DIR, type Manifest, parseManifest } from '../../src/db/manifest.ts';
import type {
  TerritoryHierarchy,
  TerritoryHierarchyRow,
} from '../../src/domain/territory-hierarchy.ts';
import { buildTerritoryHierarchy } from '../../src/domain/territory-hierarchy.ts';
import { BENCH_TMP } from './bench-stock.ts';
import { TOUR_LENGTH } from './drill-commune-core.ts';

/** What the scenario runs on. */
export interface DrillAssets {
  dataDir: string;
  stockPath: string;
  manifest: Manifest;
  /** The départements of the memory tour: those with the largest commune files, largest first. */
  tour: string[];
  /** The data directory as seen under bench/tmp/ (the Chromium page's server root). */
  servedDir: string;
}

/** Path of a manifest file (`data/…`) inside the data directory. */
function dataFile(dataDir: string, file: string): string {
  return join(dataDir, file.startsWith(DATA_DIR) ? file.slice(DATA_DIR.length) : file);
}

/** Points `link` at `target`, replacing a link to somewhere else. */
function ensureLink(link: string, target: string): void {
  if (lstatExists(link)) {
    if (lstatSync(link).isSymbolicLink() && readlinkSync(link) === target) return;
    rmSync(link, { force: true });
  }
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(target, link, 'dir');
}

function lstatExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Reads the data directory next to the demo stock and links it under bench/tmp/. */
export function prepareDrillAssets(demoStock: string): DrillAssets {
  const dataDir = resolve(dirname(demoStock));
  const manifestPath = join(dataDir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`bench: no manifest.json next to ${demoStock}`);
  const manifest = parseManifest(JSON.parse(readFileSync(manifestPath, 'utf8')));
  const sizes = Object.entries(manifest.files.communes).map(([code, file]) => ({
    code,
    bytes: statSync(dataFile(dataDir, file)).size,
  }));
  const tour = sizes
    .sort((a, b) => b.bytes - a.bytes || a.code.localeCompare(b.code))
    .slice(0, TOUR_LENGTH)
    .map((entry) => entry.code);
  const servedDir = join(BENCH_TMP, 'app-data');
  ensureLink(servedDir, dataDir);
  return { dataDir, stockPath: dataFile(dataDir, manifest.files.stock), manifest, tour, servedDir };
}

/** Names of the régions and départements, from their contour files. */
function outlineNames(assets: DrillAssets, file: string): { code: string; nom: string }[] {
  const collection = JSON.parse(readFileSync(dataFile(assets.dataDir, file), 'utf8')) as {
    features: { properties: { code: string; nom: string } }[];
  };
  return collection.features.map((feature) => feature.properties);
}

/** The app's territory hierarchy from the reference rows of the stock database. */
export function drillHierarchy(
  assets: DrillAssets,
  rows: readonly TerritoryHierarchyRow[],
): TerritoryHierarchy {
  const { files } = assets.manifest;
  return buildTerritoryHierarchy(
    outlineNames(assets, files.regions),
    outlineNames(assets, files.departements),
    rows,
  );
}
