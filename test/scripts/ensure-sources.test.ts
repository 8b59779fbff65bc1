import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type EnsureSourcesOptions,
  ensureSources,
  SourcesUnavailableError,
} from '../../scripts/lib/ensure-sources.ts';
import { loadMaprimerenov } from '../../scripts/lib/maprimerenov-loader.ts';
import { MAPRIMERENOV_SOURCES } from '../../scripts/lib/programme-assets.ts';
import { readManifest } from '../../scripts/lib/source-manifest.ts';
import { getSource, MissingSourceError, type SourceEntry } from '../../scripts/lib/sources.ts';
import {
  closedPort,
  type Handler,
  type ScriptedServer,
  sendBytes,
  startScriptedServer,
} from './scripted-server.ts';

const OUTLINE = Buffer.from(
  JSON.stringify({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { code: '36' }, geometry: null }],
  }),
);
const CSV = Buffer.from('mois;valeur\n2024-08;12\n');

function entry(id: string, path: string, required: boolean): SourceEntry {
  return {
    id,
    path,
    title: `Titre de ${id}`,
    producer: 'Test',
    licence: 'etalab-2.0',
    vintage: '2025',
    url: `https://example.invalid/${path}`,
    directDownload: required,
    required,
  };
}

const CONTOURS = entry('contours', 'geo/contours.geojson', true);
const REGIONS = entry('regions', 'geo/regions.geojson', true);
const SERIES = entry('series', 'stats/series.csv', false);

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A fresh checkout with no sources anywhere, and a reference manifest pinning `files`. */
function checkout(files: Record<string, Buffer>): { repo: string; reference: string } {
  const root = mkdtempSync(join(tmpdir(), 'casba-ensure-'));
  const repo = join(root, 'repo');
  mkdirSync(repo);
  const reference = join(root, 'sources.json');
  const records = Object.entries(files).map(([path, bytes]) => ({
    id: path,
    path,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
  }));
  writeFileSync(reference, JSON.stringify(records));
  return { repo, reference };
}

function serve(files: Record<string, Buffer>): Record<string, Handler> {
  return Object.fromEntries(
    Object.entries(files).map(([path, bytes]) => [
      `/miroir/${path}`,
      (q, r) => sendBytes(q, r, bytes),
    ]),
  );
}

function options(
  repo: string,
  reference: string,
  env: NodeJS.ProcessEnv,
  lines: string[],
): EnsureSourcesOptions {
  return {
    env,
    cwd: repo,
    referenceManifest: reference,
    download: { backoffMs: 1, sleep: async () => {}, idleTimeoutMs: 5_000 },
    progress: {
      start: () => {},
      update: () => {},
      end: (line) => lines.push(line),
      note: (line) => lines.push(line),
    },
    log: (line) => lines.push(line),
  };
}

/** Files and leftovers under data/sources/, relative to it. */
function written(repo: string): string[] {
  const dir = join(repo, 'data/sources');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();
}

describe('ensureSources', () => {
  it('downloads what is missing from DATA_SOURCES_URL, checked against the reference, once', async () => {
    const files = {
      'geo/contours.geojson': OUTLINE,
      'geo/regions.geojson': OUTLINE,
      'stats/series.csv': CSV,
    };
    const { repo, reference } = checkout(files);
    server = await startScriptedServer(serve(files));
    const lines: string[] = [];
    const env = { DATA_SOURCES_URL: `${server.url}miroir` };
    const report = await ensureSources(
      [CONTOURS, REGIONS, SERIES],
      options(repo, reference, env, lines),
    );
    expect(report.outcomes.map((o) => o.status)).toEqual(['obtained', 'obtained', 'obtained']);
    expect(written(repo)).toEqual([
      'geo/contours.geojson',
      'geo/regions.geojson',
      'manifest.json',
      'stats/series.csv',
    ]);
    expect(readManifest(join(repo, 'data/sources/manifest.json'))[0]).toMatchObject({
      id: 'contours',
      fetched_from: `${server.url}miroir/geo/contours.geojson`,
      bytes: OUTLINE.length,
    });
    expect(lines).toContain(
      `✔ [1/3] geo/contours.geojson : ${OUTLINE.length} octets, SHA-256 conforme à la référence du dépôt (${reference})`,
    );
    const asked = server.requests.length;
    const again = await ensureSources(
      [CONTOURS, REGIONS, SERIES],
      options(repo, reference, env, []),
    );
    expect(again.outcomes).toEqual([]);
    expect(server.requests).toHaveLength(asked);
  });

  it('goes on without an optional file answered 404, and its feature says it is missing', async () => {
    const series = MAPRIMERENOV_SOURCES.map(getSource);
    const files = Object.fromEntries([
      ['geo/contours.geojson', OUTLINE],
      ...series.map((s) => [s.path, CSV] as const),
    ]);
    const { repo, reference } = checkout(files);
    const absent = getSource('maprimerenov-ditp-ind-292').path;
    const { [absent]: _, ...served } = files;
    server = await startScriptedServer(serve(served));
    const lines: string[] = [];
    const env = { DATA_SOURCES_URL: `${server.url}miroir/` };
    const report = await ensureSources([CONTOURS, ...series], options(repo, reference, env, lines));
    expect(report.outcomes.filter((o) => o.status !== 'obtained').map((o) => o.entry.path)).toEqual(
      [absent],
    );
    expect(lines).toContain(
      `Attention : source facultative ${absent} non obtenue (téléchargement impossible depuis ${server.url}miroir/${absent} : HTTP 404 Not Found) ; la construction continue sans elle, la fonction qui la lit le signalera.`,
    );
    expect(() => loadMaprimerenov({ sourcesDir: join(repo, 'data/sources') })).toThrow(
      MissingSourceError,
    );
  });

  it('stops on a required file answered 404, naming it and the three ways, with nothing half-written', async () => {
    const files = { 'geo/contours.geojson': OUTLINE, 'geo/regions.geojson': OUTLINE };
    const { repo, reference } = checkout(files);
    server = await startScriptedServer(serve({ 'geo/contours.geojson': OUTLINE }));
    const env = { DATA_SOURCES_URL: `${server.url}miroir` };
    const error = await ensureSources([CONTOURS, REGIONS], options(repo, reference, env, [])).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(SourcesUnavailableError);
    expect(error.message).toBe(
      'Sources requises indisponibles (1), la construction des données s’arrête :\n' +
        `  - geo/regions.geojson (Titre de regions) : téléchargement impossible depuis ${server.url}miroir/geo/regions.geojson : HTTP 404 Not Found\n` +
        'Trois façons de les fournir : 1) DATA_SOURCES_URL=<adresse> : un miroir HTTP(S) avec l’arborescence de data/sources/ (par exemple le serveur de fichiers de votre organisation), d’où « npm start » les télécharge ; 2) DATA_SOURCES_DIR=<dossier> : un dossier local qui les contient, dans la même arborescence ; 3) data/sources/ : placez-les dans ce dossier du dépôt (« npm start » ou « npm run data:fetch » les y téléchargent une fois en ligne, « npm run data:fetch -- --from DOSSIER » les y copie depuis un miroir local).',
    );
    expect(written(repo)).toEqual(['geo/contours.geojson', 'manifest.json']);
  });

  it('refuses a required file whose checksum differs from the reference, writing nothing', async () => {
    const { repo, reference } = checkout({ 'geo/contours.geojson': OUTLINE });
    const altered = Buffer.from(OUTLINE.toString().replace('"36"', '"37"'));
    server = await startScriptedServer(serve({ 'geo/contours.geojson': altered }));
    const env = { DATA_SOURCES_URL: `${server.url}miroir` };
    const error = await ensureSources([CONTOURS], options(repo, reference, env, [])).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(SourcesUnavailableError);
    expect(error.message).toMatch(
      /geo\/contours\.geojson \(Titre de contours\) : téléchargement impossible depuis .* : empreinte différente de celle de la référence du dépôt \(.*\) : reçu SHA-256 [0-9a-f]{16}… \(\d+ octets\), attendu [0-9a-f]{16}… \(\d+ octets\) ; rien n’a été écrit/,
    );
    expect(written(repo)).toEqual([]);
  });

  it('accepts the files a mirror vouches for in its own manifest.json', async () => {
    const { repo, reference } = checkout({ 'geo/contours.geojson': OUTLINE });
    const official = Buffer.from(OUTLINE.toString().replace('"36"', '"036"'));
    const own = [
      {
        id: 'contours',
        path: 'geo/contours.geojson',
        sha256: createHash('sha256').update(official).digest('hex'),
        bytes: official.length,
      },
    ];
    server = await startScriptedServer(
      serve({
        'geo/contours.geojson': official,
        'manifest.json': Buffer.from(JSON.stringify(own)),
      }),
    );
    const lines: string[] = [];
    const env = { DATA_SOURCES_URL: `${server.url}miroir` };
    await ensureSources([CONTOURS], options(repo, reference, env, lines));
    expect(readFileSync(join(repo, 'data/sources/geo/contours.geojson')).equals(official)).toBe(
      true,
    );
    expect(lines.some((l) => l.includes(`conforme à manifeste du miroir (${server?.url}`))).toBe(
      true,
    );
  });

  it('offline: one message for every required file, the host tried only once', async () => {
    const { repo, reference } = checkout({});
    let calls = 0;
    const offline: typeof fetch = async () => {
      calls += 1;
      throw new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } });
    };
    const base = options(repo, reference, {}, []);
    const error = await ensureSources([CONTOURS, REGIONS, SERIES], {
      ...base,
      download: { ...base.download, fetchImpl: offline, attempts: 3 },
    }).catch((e) => e);
    expect(calls).toBe(3);
    expect(error).toBeInstanceOf(SourcesUnavailableError);
    const message: string = error.message;
    expect(message).toContain(
      '  - geo/contours.geojson (Titre de contours) : téléchargement impossible depuis https://example.invalid/geo/contours.geojson : serveur injoignable après 3 tentative(s) : fetch failed (ENOTFOUND)',
    );
    expect(message).toContain('  - geo/regions.geojson (Titre de regions) :');
    expect(message).not.toContain('series');
    for (const way of ['DATA_SOURCES_URL=', 'DATA_SOURCES_DIR=', 'data/sources/'])
      expect(message).toContain(way);
    expect(written(repo)).toEqual([]);
  });

  it('uses files found locally, never downloads into an explicit DATA_SOURCES_DIR, and checks DATA_SOURCES_URL', async () => {
    const { repo, reference } = checkout({});
    const mirror = join(dirname(repo), 'shared/data');
    mkdirSync(join(mirror, 'geo'), { recursive: true });
    writeFileSync(join(mirror, CONTOURS.path), OUTLINE);
    const port = await closedPort();
    const env = { DATA_SOURCES_URL: `http://127.0.0.1:${port}/` };
    const found = await ensureSources([CONTOURS], options(repo, reference, env, []));
    expect(found.present).toEqual([CONTOURS]);

    const mine = join(dirname(repo), 'mine');
    const error = await ensureSources(
      [CONTOURS],
      options(repo, reference, { ...env, DATA_SOURCES_DIR: mine }, []),
    ).catch((e) => e);
    expect(error).toBeInstanceOf(SourcesUnavailableError);
    expect(error.message).toContain(
      `  - geo/contours.geojson (Titre de contours) : absent de DATA_SOURCES_DIR (${mine})`,
    );
    await expect(
      ensureSources([REGIONS], options(repo, reference, { DATA_SOURCES_URL: 'ftp://x/' }, [])),
    ).rejects.toThrow('DATA_SOURCES_URL invalide : « ftp://x/ » (adresse http:// ou https://');
    expect(written(repo)).toEqual([]);
  });
});
