import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DownloadError, type DownloadOptions, downloadFile } from '../../scripts/lib/download.ts';
import {
  closedPort,
  type ScriptedServer,
  sendBytes,
  startScriptedServer,
} from './scripted-server.ts';

/** 200 kB of varied bytes, so that a misplaced range would change the hash. */
const BODY = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919 + (i >> 8)) % 251));
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function workspace(): { target: string } {
  return { target: join(mkdtempSync(join(tmpdir(), 'casba-download-')), 'sub', 'file.bin') };
}

/** Options that record the back-off instead of waiting. */
function quick(delays: number[] = []): DownloadOptions {
  return { backoffMs: 10, sleep: async (ms) => void delays.push(ms), idleTimeoutMs: 5_000 };
}

describe('downloadFile', () => {
  it('streams into a .part, reports progress, then renames it onto the target', async () => {
    server = await startScriptedServer({ '/f': (q, r) => sendBytes(q, r, BODY) });
    const { target } = workspace();
    const seen: number[] = [];
    const part = await downloadFile(`${server.url}f`, target, {
      ...quick(),
      onProgress: (p) => {
        seen.push(p.received);
        expect(p.total).toBe(BODY.length);
      },
    });
    expect(part).toMatchObject({ bytes: BODY.length, sha256: sha(BODY), resumed: false });
    expect(readFileSync(target).equals(BODY)).toBe(true);
    expect(seen.at(-1)).toBe(BODY.length);
    expect(existsSync(`${target}.part`) || existsSync(`${target}.part.json`)).toBe(false);
    expect(server.requests[0]?.acceptEncoding).toBe('identity');
  });

  it('retries a 500 with back-off and succeeds', async () => {
    server = await startScriptedServer({
      '/f': (q, r, n) => (n < 3 ? r.writeHead(500).end('panne') : sendBytes(q, r, BODY)),
    });
    const { target } = workspace();
    const delays: number[] = [];
    const retries: string[] = [];
    await downloadFile(`${server.url}f`, target, {
      ...quick(delays),
      onRetry: (reason) => retries.push(reason),
    });
    expect(delays).toEqual([10, 20]);
    expect(retries).toEqual(['HTTP 500 Internal Server Error', 'HTTP 500 Internal Server Error']);
    expect(readFileSync(target).equals(BODY)).toBe(true);
  });

  it('resumes a body cut in the middle with a Range request guarded by If-Range', async () => {
    server = await startScriptedServer({
      '/f': (q, r, n) => sendBytes(q, r, BODY, n === 1 ? { cutAfter: 70_000 } : {}),
    });
    const { target } = workspace();
    const part = await downloadFile(`${server.url}f`, target, quick());
    expect(part.resumed).toBe(true);
    expect(part.sha256).toBe(sha(BODY));
    const second = server.requests[1];
    expect(second?.range).toMatch(/^bytes=\d+-$/);
    expect(Number(second?.range?.slice(6, -1))).toBeGreaterThan(0);
    expect(second?.ifRange).toBe('"v1"');
    expect(readFileSync(target).equals(BODY)).toBe(true);
  });

  it('keeps an interrupted .part (never the target) and resumes it on the next run', async () => {
    server = await startScriptedServer({
      '/f': (q, r, n) => sendBytes(q, r, BODY, n === 1 ? { cutAfter: 50_000 } : {}),
    });
    const { target } = workspace();
    const first = downloadFile(`${server.url}f`, target, { ...quick(), attempts: 1 });
    await expect(first).rejects.toThrow(/échec après 1 tentative\(s\) : transfert interrompu/);
    expect(existsSync(target)).toBe(false);
    const kept = readFileSync(`${target}.part`).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(BODY.length);

    const next = await downloadFile(`${server.url}f`, target, quick());
    expect(next.resumed).toBe(true);
    expect(server.requests[1]?.range).toBe(`bytes=${kept}-`);
    expect(readFileSync(target).equals(BODY)).toBe(true);
  });

  it('starts over when the file changed on the server since the interruption', async () => {
    const changed = Buffer.from(BODY).reverse();
    server = await startScriptedServer({
      '/f': (q, r, n) =>
        n === 1
          ? sendBytes(q, r, BODY, { cutAfter: 50_000 })
          : sendBytes(q, r, changed, { etag: '"v2"' }),
    });
    const { target } = workspace();
    const part = await downloadFile(`${server.url}f`, target, quick());
    expect(part.resumed).toBe(false);
    expect(readFileSync(target).equals(changed)).toBe(true);
  });

  it('gives up at once on a 404 and leaves nothing behind', async () => {
    server = await startScriptedServer({});
    const { target } = workspace();
    const error = await downloadFile(`${server.url}absent`, target, quick()).catch((e) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect(error).toMatchObject({ failure: 'http', status: 404, message: 'HTTP 404 Not Found' });
    expect(server.requests).toHaveLength(1);
    expect(existsSync(target) || existsSync(`${target}.part`)).toBe(false);
  });

  it('deletes rejected bytes; a resumed file that fails verification is fetched once more', async () => {
    server = await startScriptedServer({
      '/f': (q, r, n) => sendBytes(q, r, BODY, n === 1 ? { cutAfter: 30_000 } : {}),
    });
    const { target } = workspace();
    let checks = 0;
    const error = await downloadFile(`${server.url}f`, target, {
      ...quick(),
      verify: () => {
        checks += 1;
        throw new Error('empreinte différente');
      },
    }).catch((e) => e);
    expect(error).toMatchObject({ failure: 'verify', message: 'empreinte différente' });
    expect(checks).toBe(2);
    expect(server.requests.map((r) => r.range === undefined)).toEqual([true, false, true]);
    expect(existsSync(target) || existsSync(`${target}.part`)).toBe(false);
  });

  it('says the server is unreachable after its retries', async () => {
    const port = await closedPort();
    const { target } = workspace();
    const delays: number[] = [];
    const error = await downloadFile(`http://127.0.0.1:${port}/f`, target, {
      ...quick(delays),
      attempts: 3,
    }).catch((e) => e);
    expect(error).toMatchObject({ failure: 'unreachable' });
    expect(error.message).toMatch(/^serveur injoignable après 3 tentative\(s\) : .*ECONNREFUSED/);
    expect(delays).toEqual([10, 20]);
  });
});
