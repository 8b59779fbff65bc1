import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as spdx from 'spdx-license-list';
import { describe, expect, it } from 'vitest';
import { fetchSources, planFetch, readManifest } from '../../scripts/fetch-sources.ts';
import {
  MissingSourceError,
  REPO_ROOT,
  resolveSource,
  resolveSourcesDir,
  SOURCES,
  type SourceEntry,
} from '../../scripts/lib/sources.ts';

const MIRROR = resolve(REPO_ROOT, '../shared/data');
const HAS_MIRROR = existsSync(join(MIRROR, 'SOURCES.md'));

/** A fake checkout: <root>/repo, optionally with data/sources and a sibling shared/data. */
function layout(options: { local?: boolean; mirror?: boolean }): { root: string; repo: string } {
  const root = mkdtempSync(join(tmpdir(), 'casba-sources-'));
  const repo = join(root, 'repo');
  mkdirSync(repo);
  if (options.local === true) mkdirSync(join(repo, 'data/sources'), { recursive: true });
  if (options.mirror === true) mkdirSync(join(root, 'shared/data'), { recursive: true });
  return { root, repo };
}

function put(dir: string, path: string, content = '{}'): string {
  const file = join(dir, path);
  mkdirSync(resolve(file, '..'), { recursive: true });
  writeFileSync(file, content);
  return file;
}

describe('resolveSourcesDir', () => {
  it('takes DATA_SOURCES_DIR first, resolved against cwd', () => {
    const { repo } = layout({ local: true, mirror: true });
    expect(resolveSourcesDir({ DATA_SOURCES_DIR: 'elsewhere' }, repo)).toEqual({
      dir: join(repo, 'elsewhere'),
      rule: 'env',
    });
    expect(resolveSourcesDir({ DATA_SOURCES_DIR: '/abs/dir' }, repo)).toEqual({
      dir: '/abs/dir',
      rule: 'env',
    });
  });

  it('then data/sources/ when it exists', () => {
    const { repo } = layout({ local: true, mirror: true });
    expect(resolveSourcesDir({}, repo)).toEqual({
      dir: join(repo, 'data/sources'),
      rule: 'data-sources',
    });
  });

  it('then the sibling mirror ../shared/data', () => {
    const { root, repo } = layout({ mirror: true });
    expect(resolveSourcesDir({ DATA_SOURCES_DIR: '' }, repo)).toEqual({
      dir: join(root, 'shared/data'),
      rule: 'mirror',
    });
  });

  it('else null', () => {
    const { repo } = layout({});
    expect(resolveSourcesDir({}, repo)).toBeNull();
  });
});

describe('resolveSource', () => {
  it('falls back file by file from a partial data/sources to the mirror', () => {
    const { root, repo } = layout({ local: true, mirror: true });
    const local = put(join(repo, 'data/sources'), 'geo/regions-2018.geojson');
    const mirror = put(join(root, 'shared/data'), 'geo/departements-2018.geojson');
    put(join(root, 'shared/data'), 'geo/regions-2018.geojson');
    const lookup = { env: {}, cwd: repo };
    expect(resolveSource('regions-2018', lookup)).toBe(local);
    expect(resolveSource('departements-2018', lookup)).toBe(mirror);
  });

  it('does not fall back when DATA_SOURCES_DIR is set, and says how to get the file', () => {
    const { root, repo } = layout({ mirror: true });
    put(join(root, 'shared/data'), 'geo/regions-2018.geojson');
    const lookup = { env: { DATA_SOURCES_DIR: join(root, 'mine') }, cwd: repo };
    expect(() => resolveSource('regions-2018', lookup)).toThrow(MissingSourceError);
    try {
      resolveSource('regions-2018', lookup);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('Fichier source manquant : geo/regions-2018.geojson');
      expect(message).toContain(`Dossiers consultés : ${join(root, 'mine')}`);
      expect(message).toContain('npm run data:fetch');
      expect(message).toContain('DATA_SOURCES_DIR');
      expect(message).toContain(
        'https://etalab-datasets.geo.data.gouv.fr/contours-administratifs/2018/geojson/regions-1000m.geojson',
      );
    }
  });

  it('says that no directory was found when there is none', () => {
    const { repo } = layout({});
    expect(() => resolveSource('communes-contours-2025', { env: {}, cwd: repo })).toThrow(
      /Dossiers consultés : aucun \(DATA_SOURCES_DIR non défini ;/,
    );
  });
});

describe('catalogue', () => {
  const entries: readonly SourceEntry[] = SOURCES;

  it('has unique ids and paths, SPDX licences and https URLs', () => {
    expect(new Set(entries.map((s) => s.id)).size).toBe(entries.length);
    expect(new Set(entries.map((s) => s.path)).size).toBe(entries.length);
    for (const entry of entries) {
      expect(spdx, entry.id).toHaveProperty([entry.licence]);
      expect(entry.url, entry.id).toMatch(/^https:\/\//);
    }
  });

  it('can download every required source directly', () => {
    const required = entries.filter((s) => s.required);
    expect(required.map((s) => s.id).sort()).toEqual([
      'communes-contours-2025',
      'departements-2018',
      'epci-contours-2025',
      'regions-2018',
    ]);
    expect(required.find((s) => s.id === 'communes-contours-2025')?.url).toBe(
      'https://etalab-datasets.geo.data.gouv.fr/contours-administratifs/2025/geojson/communes-1000m.geojson',
    );
    expect(required.every((s) => s.directDownload)).toBe(true);
  });

  it.skipIf(!HAS_MIRROR)(
    'matches the mirror layout, and the committed manifest matches the mirror',
    () => {
      for (const entry of entries)
        expect(existsSync(join(MIRROR, entry.path)), entry.path).toBe(true);
      const manifest = readManifest(join(REPO_ROOT, 'data/sources.json'));
      expect(manifest.map((r) => r.id)).toEqual(entries.map((s) => s.id));
      for (const record of manifest) {
        const bytes = readFileSync(join(MIRROR, record.path));
        expect(record.bytes, record.path).toBe(bytes.length);
        expect(record.sha256, record.path).toBe(createHash('sha256').update(bytes).digest('hex'));
      }
    },
  );
});

const TINY: SourceEntry[] = [
  {
    id: 'needed',
    path: 'geo/needed.geojson',
    title: 'Requis',
    producer: 'Test',
    licence: 'etalab-2.0',
    vintage: '2023',
    url: 'https://example.invalid/needed.geojson',
    directDownload: true,
    required: true,
  },
  {
    id: 'optional',
    path: 'stats/optional.csv',
    title: 'Facultatif',
    producer: 'Test',
    licence: 'etalab-2.0',
    vintage: '2024',
    url: 'https://example.invalid/page',
    directDownload: false,
    required: false,
  },
];

function fetchWorkspace(): { dir: string; target: string; manifestPath: string; lines: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'casba-fetch-'));
  return { dir, target: join(dir, 'sources'), manifestPath: join(dir, 'sources.json'), lines: [] };
}

const FIXED_NOW = () => new Date('2026-01-02T03:04:05.000Z');

describe('fetchSources', () => {
  it('copies from a mirror and records hashes, sizes and the mirror', async () => {
    const w = fetchWorkspace();
    const mirror = join(w.dir, 'mirror');
    put(mirror, 'geo/needed.geojson', '{"type":"FeatureCollection","features":[]}');
    put(mirror, 'stats/optional.csv', 'a;b\n1;2\n');
    const report = await fetchSources({
      entries: TINY,
      from: mirror,
      targetDir: w.target,
      manifestPath: w.manifestPath,
      now: FIXED_NOW,
      repoRoot: w.dir,
      log: (l) => w.lines.push(l),
    });
    expect(report.failedRequired).toEqual([]);
    expect(readFileSync(join(w.target, 'stats/optional.csv'), 'utf8')).toBe('a;b\n1;2\n');
    expect(readManifest(w.manifestPath)).toEqual([
      {
        id: 'needed',
        path: 'geo/needed.geojson',
        url: 'https://example.invalid/needed.geojson',
        licence: 'etalab-2.0',
        producer: 'Test',
        vintage: '2023',
        sha256: createHash('sha256')
          .update('{"type":"FeatureCollection","features":[]}')
          .digest('hex'),
        bytes: 42,
        fetched_at: '2026-01-02T03:04:05.000Z',
        fetched_from: 'mirror',
      },
      expect.objectContaining({ id: 'optional', bytes: 8, fetched_from: 'mirror' }),
    ]);
  });

  it('goes on after a failed download, keeps the last good record and flags required ones', async () => {
    const w = fetchWorkspace();
    const previous = { id: 'needed', path: 'geo/needed.geojson', sha256: 'old', bytes: 1 };
    writeFileSync(w.manifestPath, JSON.stringify([previous]));
    const failing: typeof fetch = async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } });
    };
    const report = await fetchSources({
      entries: TINY,
      targetDir: w.target,
      manifestPath: w.manifestPath,
      fetchImpl: failing,
      log: (l) => w.lines.push(l),
    });
    expect(report.failedRequired).toEqual(['needed']);
    expect(report.outcomes.map((o) => o.error !== undefined)).toEqual([true, true]);
    expect(w.lines[0]).toBe(
      '✘ geo/needed.geojson (requis) : échec du téléchargement depuis https://example.invalid/needed.geojson : fetch failed (ENOTFOUND)',
    );
    expect(w.lines[1]).toMatch(
      /^✘ stats\/optional\.csv : fichier absent : pas de lien de téléchargement direct/,
    );
    expect(readManifest(w.manifestPath)).toEqual([previous]);
  });

  it('downloads with the given fetch and rejects an HTML page', async () => {
    const w = fetchWorkspace();
    const body = '{"type":"FeatureCollection","features":[]}';
    const ok: typeof fetch = async () => new Response(body, { status: 200 });
    const report = await fetchSources({
      entries: TINY.slice(0, 1),
      targetDir: w.target,
      manifestPath: w.manifestPath,
      fetchImpl: ok,
      log: () => {},
    });
    expect(report.failedRequired).toEqual([]);
    expect(readFileSync(join(w.target, 'geo/needed.geojson'), 'utf8')).toBe(body);
    expect(readManifest(w.manifestPath)[0]?.fetched_from).toBe(
      'https://example.invalid/needed.geojson',
    );

    const html: typeof fetch = async () =>
      new Response('<!DOCTYPE html><p>Erreur</p>', { status: 200 });
    const second = await fetchSources({
      entries: TINY.slice(0, 1),
      targetDir: join(w.dir, 'other'),
      manifestPath: join(w.dir, 'other.json'),
      fetchImpl: html,
      log: () => {},
    });
    expect(second.outcomes[0]?.error).toMatch(/page HTML reçue au lieu du fichier/);
  });

  it('plans without writing anything on a dry run', async () => {
    const w = fetchWorkspace();
    const mirror = join(w.dir, 'mirror');
    put(mirror, 'geo/needed.geojson', '{"type":"FeatureCollection","features":[]}');
    const report = await fetchSources({
      entries: TINY,
      from: mirror,
      dryRun: true,
      targetDir: w.target,
      manifestPath: w.manifestPath,
      repoRoot: w.dir,
      log: () => {},
    });
    expect(report.steps.map((s) => s.kind)).toEqual(['copy', 'copy']);
    expect(report.manifest.map((r) => r.id)).toEqual(['needed']);
    expect(existsSync(w.target)).toBe(false);
    expect(existsSync(w.manifestPath)).toBe(false);
    expect(planFetch({ entries: TINY, targetDir: w.target }).map((s) => s.kind)).toEqual([
      'download',
      'manual',
    ]);
  });
});
