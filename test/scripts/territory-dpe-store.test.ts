import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { refreshTerritoryDpe } from '../../scripts/lib/territory-dpe-store.ts';
import { type DataFairServer, startDataFairServer } from '../opendata/data-fair-server.ts';
import { lyonDpeRecords } from '../opendata/dpe-fixture.ts';

let server: DataFairServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

const quick = { sleep: async () => {}, backoffMs: 1, attempts: 2, size: 200 };

describe('territory DPE store', () => {
  it('resumes an interrupted fetch where it stopped and leaves the previous data untouched on failure', async () => {
    server = await startDataFairServer(await lyonDpeRecords());
    dir = mkdtempSync(join(tmpdir(), 'casba-dpe-store-'));
    const options = { ...quick, dir, base: server.base, communes: ['69123'] };
    const first = await refreshTerritoryDpe(options);
    const kept = readFileSync(join(dir, 'records.ndjson'), 'utf8');
    expect(first.records).toBeGreaterThan(2800);

    // Refresh forced from a date: page 4 fails twice (retries exhausted), the fetch fails.
    const start = server.requests.length;
    server.faults.set(start + 4, 'server-error').set(start + 5, 'cut');
    await expect(refreshTerritoryDpe({ ...options, since: '2000-01-01' })).rejects.toThrow(
      /tentative/,
    );
    expect(readFileSync(join(dir, 'records.ndjson'), 'utf8')).toBe(kept);
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));
    expect(state.pending.queries[0].next).toContain('after=600');

    // The next run resumes at that page: nothing before it is asked again.
    const resumeAt = server.requests.length;
    const resumed = await refreshTerritoryDpe({ ...options, since: '2000-01-01' });
    expect(resumed.resumed).toBe(true);
    expect(server.requests[resumeAt]).toContain('after=600');
    expect(resumed.run.rows_fetched).toBe(first.run.rows_fetched);
    expect(resumed.records).toBe(first.records);
    expect(resumed.updated).toBe(first.records);
    expect(existsSync(join(dir, 'pending.ndjson'))).toBe(false);
  });
});
