import { afterEach, describe, expect, it } from 'vitest';
import { communeRecordCodes } from '../../src/domain/codes.ts';
import {
  DataFairError,
  dataFairLinesUrl,
  fetchDataFairPage,
  readDataFairLines,
} from '../../src/opendata/data-fair-client.ts';
import { DPE_API_FIELDS, dpeQueryUrls, dpeRecordCodes } from '../../src/opendata/dpe-api.ts';
import { fetchTerritoryDpe } from '../../src/opendata/fetch-territory-dpe.ts';
import { type DataFairServer, startDataFairServer } from './data-fair-server.ts';
import { lyonDpeRecords } from './dpe-fixture.ts';

let server: DataFairServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const noWait = { sleep: async () => {}, backoffMs: 1 };

describe('data-fair client against the local server', () => {
  it('follows next to the end, with _in filters and select, and size capped at 10,000', async () => {
    const records = await lyonDpeRecords();
    server = await startDataFairServer(records);
    const url = dataFairLinesUrl(server.base, {
      code_insee_ban_in: ['69381', '69383'],
      select: ['numero_dpe', 'code_insee_ban'],
      size: 100,
    });
    const rows: Record<string, unknown>[] = [];
    let pages = 0;
    for await (const page of readDataFairLines(url, noWait)) {
      pages++;
      rows.push(...page.results);
    }
    const expected = records.filter(
      (r) => r.code_insee_ban === '69381' || r.code_insee_ban === '69383',
    );
    expect(expected.length).toBeGreaterThan(300);
    expect(rows.map((r) => r.numero_dpe)).toEqual(expected.map((r) => r.numero_dpe));
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['code_insee_ban', 'numero_dpe']);
    expect(pages).toBe(Math.floor(expected.length / 100) + 1);
    // Every page after the first came from the server's own next link.
    expect(server.requests.slice(1).every((request) => request.includes('after='))).toBe(true);
    expect(() => dataFairLinesUrl(server?.base ?? '', { size: 10_001 })).toThrow(/10000/);
    await expect(fetchDataFairPage(`${server.base}/lines?size=20000`, noWait)).rejects.toThrow(
      /HTTP 400/,
    );
  });

  it('retries a 429 after Retry-After, a 500, and a page cut in the middle', async () => {
    server = await startDataFairServer(await lyonDpeRecords());
    server.faults.set(1, 'rate-limit').set(2, 'server-error').set(3, 'cut');
    const waits: number[] = [];
    const reasons: string[] = [];
    const page = await fetchDataFairPage(`${server.base}/lines?size=500`, {
      sleep: async (ms) => {
        waits.push(ms);
      },
      backoffMs: 10,
      onRetry: (reason) => reasons.push(reason),
    });
    expect(page.results).toHaveLength(500);
    expect(waits).toEqual([1000, 20, 40]);
    expect(reasons[0]).toMatch(/HTTP 429/);
    expect(reasons[1]).toMatch(/HTTP 500/);
    expect(reasons[2]).toMatch(/page (incomplète|interrompue)/);
    expect(server.requests).toHaveLength(4);
  });

  it('gives up with a French error after the last attempt', async () => {
    server = await startDataFairServer([]);
    for (let n = 1; n <= 3; n++) server.faults.set(n, 'server-error');
    await expect(
      fetchDataFairPage(`${server.base}/lines`, { ...noWait, attempts: 3 }),
    ).rejects.toThrow(DataFairError);
    await expect(fetchDataFairPage(`${server.base}/nope`, noWait)).rejects.toThrow(/HTTP 404/);
  });
});

describe('DPE requests of a territory', () => {
  it('queries arrondissements for Paris, Lyon and Marseille', () => {
    expect(communeRecordCodes('69123')).toEqual([
      '69123',
      ...Array.from({ length: 9 }, (_, k) => String(69381 + k)),
    ]);
    expect(communeRecordCodes('75056')).toHaveLength(21);
    expect(communeRecordCodes('13055')).toContain('13216');
    expect(communeRecordCodes('69266')).toEqual(['69266']);
    expect(dpeRecordCodes(['69266', '69123', '69266'])).toHaveLength(11);
  });

  it('splits long lists, filters with _in and _gte, never a bare field=value', () => {
    const communes = Array.from({ length: 450 }, (_, k) => String(1001 + k).padStart(5, '0'));
    const urls = dpeQueryUrls('http://h/ds', communes, {
      since: '2026-01-01',
      codesPerRequest: 200,
    });
    expect(urls).toHaveLength(3);
    const params = new URL(urls[0] ?? '').searchParams;
    expect(params.get('code_insee_ban_in')?.split(',')).toHaveLength(200);
    expect(params.get('date_derniere_modification_dpe_gte')).toBe('2026-01-01');
    expect(params.get('select')?.split(',')).toEqual([...DPE_API_FIELDS]);
    expect(params.get('size')).toBe('10000');
    const keys = [...params.keys()].filter((key) => !['select', 'size'].includes(key));
    expect(keys.every((key) => /_(in|gte)$/.test(key))).toBe(true);
  });

  it('fetches every request with bounded concurrency and resumes complete ones', async () => {
    const records = await lyonDpeRecords();
    server = await startDataFairServer(records);
    const communes = ['69123', '69266'];
    const got: string[] = [];
    const states = new Map<string, string | null>();
    const progress = await fetchTerritoryDpe({
      base: server.base,
      communes,
      size: 1000,
      codesPerRequest: 4,
      ...noWait,
      onPage: (page, state) => {
        for (const r of page.results) got.push(String(r.numero_dpe));
        states.set(state.first, state.next);
      },
    });
    const lyon = records.filter((r) => String(r.code_insee_ban).startsWith('6938'));
    expect(got.sort()).toEqual(lyon.map((r) => String(r.numero_dpe)).sort());
    expect(progress.requests).toBe(3);
    expect(progress.rows).toBe(lyon.length);
    expect(progress.expected).toBe(lyon.length);
    // Resumed with every request complete: nothing is asked again.
    const before = server.requests.length;
    const resumed = await fetchTerritoryDpe({
      base: server.base,
      communes,
      size: 1000,
      codesPerRequest: 4,
      resume: [...states].map(([first, next]) => ({ first, next })),
      onPage: () => {
        throw new Error('no page expected');
      },
    });
    expect(server.requests.length).toBe(before);
    expect(resumed.requestsDone).toBe(3);
  });
});
