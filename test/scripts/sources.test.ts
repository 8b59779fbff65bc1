import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as spdx from 'spdx-license-list';
import { describe, expect, it } from 'vitest';
import { fetchSources, planFetch } from '../../scripts/fetch-sources.ts';
import { readManifest } from '../../scripts/lib/source-manifest.ts';
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
    'matches the mirror layout, and the committed reference manifest pins the mirror files',
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

const GEOJSON =
  '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}';
const CSV = 'a;b\n1;2\n';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

function fetchWorkspace(): { dir: string; target: string; reference: string; mirror: string } {
  const dir = mkdtempSync(join(tmpdir(), 'casba-fetch-'));
  const mirror = join(dir, 'mirror');
  put(mirror, 'geo/needed.geojson', GEOJSON);
  put(mirror, 'stats/optional.csv', CSV);
  return { dir, target: join(dir, 'sources'), reference: join(dir, 'sources.json'), mirror };
}

const FIXED_NOW = () => new Date('2026-01-02T03:04:05.000Z');
const silent = { start() {}, update() {}, end() {}, note() {} };

describe('fetchSources', () => {
  it('pins a mirror as the reference, then copies from it verified and recorded', async () => {
    const w = fetchWorkspace();
    const common = {
      entries: TINY,
      from: w.mirror,
      referenceManifest: w.reference,
      repoRoot: w.dir,
    };
    const pinned = await fetchSources({ ...common, pin: true, now: FIXED_NOW, log: () => {} });
    expect(pinned.reference).toEqual([
      {
        id: 'needed',
        path: 'geo/needed.geojson',
        url: 'https://example.invalid/needed.geojson',
        licence: 'etalab-2.0',
        producer: 'Test',
        vintage: '2023',
        sha256: sha(GEOJSON),
        bytes: GEOJSON.length,
        fetched_at: '2026-01-02T03:04:05.000Z',
        fetched_from: 'mirror',
      },
      expect.objectContaining({ id: 'optional', bytes: 8, sha256: sha(CSV) }),
    ]);
    expect(existsSync(w.target)).toBe(false);

    const copied = await fetchSources({
      ...common,
      targetDir: w.target,
      progress: silent,
      log: () => {},
    });
    expect(copied.failedRequired).toEqual([]);
    expect(readFileSync(join(w.target, 'stats/optional.csv'), 'utf8')).toBe(CSV);
    expect(readManifest(join(w.target, 'manifest.json')).map((r) => r.sha256)).toEqual([
      sha(GEOJSON),
      sha(CSV),
    ]);

    // A mirror file that no longer matches the reference is refused, and the copy kept.
    put(w.mirror, 'stats/optional.csv', 'a;b\n1;3\n');
    const refused = await fetchSources({
      ...common,
      targetDir: w.target,
      progress: silent,
      log: () => {},
    });
    expect(refused.outcomes[1]?.reason).toMatch(/empreinte différente de celle de la référence/);
    expect(readFileSync(join(w.target, 'stats/optional.csv'), 'utf8')).toBe(CSV);
    expect(existsSync(join(w.target, 'stats/optional.csv.part'))).toBe(false);
  });

  it('flags a required file that could not be downloaded, and one without a direct link', async () => {
    const w = fetchWorkspace();
    const failing: typeof fetch = async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } });
    };
    const lines: string[] = [];
    const report = await fetchSources({
      entries: TINY,
      targetDir: w.target,
      referenceManifest: w.reference,
      mirrorUrl: '',
      download: { fetchImpl: failing, attempts: 1 },
      progress: { ...silent, end: (line) => lines.push(line) },
      log: () => {},
    });
    expect(report.failedRequired).toEqual(['needed']);
    expect(lines).toEqual([
      '✘ [1/2] geo/needed.geojson (requis) : téléchargement impossible depuis https://example.invalid/needed.geojson : serveur injoignable après 1 tentative(s) : fetch failed (ENOTFOUND)',
      '– [2/2] stats/optional.csv : pas de lien de téléchargement direct : à télécharger depuis la page https://example.invalid/page',
    ]);
  });

  it('plans without writing anything on a dry run', async () => {
    const w = fetchWorkspace();
    const report = await fetchSources({
      entries: TINY,
      from: w.mirror,
      dryRun: true,
      targetDir: w.target,
      log: () => {},
    });
    expect(report.steps.map((s) => s.kind)).toEqual(['copy', 'copy']);
    expect(existsSync(w.target)).toBe(false);
    expect(
      planFetch({ entries: TINY, targetDir: w.target, mirrorUrl: '' }).map((s) => s.kind),
    ).toEqual(['download', 'manual']);
    expect(
      planFetch({ entries: TINY, targetDir: w.target, mirrorUrl: 'http://127.0.0.1:9/m' }).map(
        (s) => s.source,
      ),
    ).toEqual([
      'http://127.0.0.1:9/m/geo/needed.geojson',
      'http://127.0.0.1:9/m/stats/optional.csv',
    ]);
  });
});
