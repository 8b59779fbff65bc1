import { describe, expect, it } from 'vitest';
import { AssetError } from '../../src/db/asset-error.ts';
import {
  type CommuneContours,
  CommuneContoursCache,
  type CommuneContoursProgress,
} from '../../src/db/commune-contours.ts';

const FILES: Record<string, string> = Object.fromEntries(
  ['22', '29', '35', '56', '59', '62', '2A'].map((code) => [code, `data/communes-${code}.geojson`]),
);

function collection(file: string): CommuneContours {
  const code = file.replace(/^data\/communes-|\.geojson$/g, '');
  return {
    type: 'FeatureCollection',
    features: [1, 2].map((n) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [n, n] },
      properties: { code: `${code}00${n}`, nom: `Commune ${n}`, code_epci: null },
    })),
  };
}

/** A cache over a fake server that counts its requests; `absent` files answer 404. */
function fakeCache(capacity: number, absent: readonly string[] = [], broken: string[] = []) {
  const requests: string[] = [];
  const cache = new CommuneContoursCache({
    capacity,
    fetchFile: async (file) => {
      requests.push(file);
      if (absent.includes(file)) {
        throw new AssetError(file, `Fichier introuvable : ${file}`, { missing: true });
      }
      if (broken.includes(file)) {
        throw new AssetError(file, `${file} n'est pas un fichier JSON valide.`, { missing: false });
      }
      return collection(file);
    },
  });
  return { cache, requests };
}

const codes = (contours: CommuneContours) => contours.features.map((f) => f.properties.code);

describe('commune contours cache', () => {
  it('merges the files of every département asked, in order, with progress', async () => {
    const { cache } = fakeCache(4);
    const progress: CommuneContoursProgress[] = [];
    const result = await cache.load(FILES, ['59', '62', '59'], (p) => progress.push({ ...p }));
    expect(codes(result.contours)).toEqual(['59001', '59002', '62001', '62002']);
    expect(result.missing).toEqual([]);
    expect(progress[0]).toEqual({ loaded: 0, total: 2 });
    expect(progress.at(-1)).toEqual({ loaded: 2, total: 2 });
  });

  it('returns one file as is, fetched once', async () => {
    const { cache, requests } = fakeCache(4);
    const first = await cache.load(FILES, ['2A']);
    const again = await cache.load(FILES, ['2A']);
    expect(again.contours).toBe(first.contours);
    expect(requests).toEqual(['data/communes-2A.geojson']);
  });

  it('drops the least recently used files beyond its capacity, never those just asked', async () => {
    const { cache, requests } = fakeCache(2);
    await cache.load(FILES, ['22']);
    await cache.load(FILES, ['29']);
    await cache.load(FILES, ['22']);
    await cache.load(FILES, ['35']);
    expect(cache.cachedFiles()).toEqual(['data/communes-22.geojson', 'data/communes-35.geojson']);
    await cache.load(FILES, ['56', '59', '62']);
    expect(cache.cachedFiles()).toEqual([
      'data/communes-56.geojson',
      'data/communes-59.geojson',
      'data/communes-62.geojson',
    ]);
    await cache.load(FILES, ['29']);
    expect(requests.filter((file) => file.endsWith('-29.geojson'))).toHaveLength(2);
    expect(cache.cachedFiles()).toHaveLength(2);
  });

  it('reports départements without a file, in the manifest or on the server', async () => {
    const { cache } = fakeCache(4, ['data/communes-35.geojson']);
    const result = await cache.load(FILES, ['22', '35', '971']);
    expect(codes(result.contours)).toEqual(['22001', '22002']);
    expect(result.missing).toEqual(['35', '971']);
    const none = await cache.load(FILES, ['35']);
    expect(none.contours.features).toEqual([]);
    expect(cache.cachedFiles()).toEqual(['data/communes-22.geojson']);
  });

  it('rejects an unreadable file and fetches it again next time', async () => {
    const { cache, requests } = fakeCache(4, [], ['data/communes-56.geojson']);
    await expect(cache.load(FILES, ['56'])).rejects.toThrow(/pas un fichier JSON valide/);
    await expect(cache.load(FILES, ['56'])).rejects.toThrow(AssetError);
    expect(requests).toEqual(['data/communes-56.geojson', 'data/communes-56.geojson']);
  });
});
