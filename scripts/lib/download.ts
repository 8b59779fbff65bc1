/**
 * Resumable HTTP download of one file. The body is streamed into `<target>.part`; what the
 * server said about it (URL, validator, length) is kept next to it in `<target>.part.json`, so
 * that a later attempt, or the next run, asks only for the rest (HTTP Range, guarded by
 * If-Range). Transient failures (no connection, HTTP 408/429/5xx, a body cut short, a stalled
 * transfer) are retried with exponential back-off; the completed file is verified by the
 * caller and only then renamed onto `target`: a partial or rejected download never becomes the
 * target file.
 */
import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { backoffDelayMs, RETRIABLE_STATUS } from '../../src/opendata/http-retry.ts';

/** Bytes received so far for one file; `total` is null when the server did not say. */
export interface DownloadProgress {
  received: number;
  total: number | null;
}

/** A complete `.part` file, before it takes its place. */
export interface CompletedPart {
  path: string;
  bytes: number;
  sha256: string;
  /** Whether some of its bytes came from an earlier, interrupted attempt. */
  resumed: boolean;
}

/** Options of {@link downloadFile}; the defaults suit a user's connection. */
export interface DownloadOptions {
  fetchImpl?: typeof fetch;
  /** Attempts in all, the first included (default 4). */
  attempts?: number;
  /** Delay before the second attempt, doubled for each next one (default 500 ms). */
  backoffMs?: number;
  /** An attempt is abandoned when no byte arrives for this long (default 60 s). */
  idleTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onProgress?: (progress: DownloadProgress) => void;
  /** Told before each back-off: the reason, the attempt that failed, the delay. */
  onRetry?: (reason: string, attempt: number, delayMs: number) => void;
  /** Rejects the complete bytes by throwing (their `.part` is then deleted). */
  verify?: (part: CompletedPart) => void | Promise<void>;
}

/** Why a download failed for good; the message is French and names no stack. */
export type DownloadFailure = 'http' | 'unreachable' | 'transient' | 'verify';

/** A download that failed for good: an HTTP error, no server, retries exhausted, rejected bytes. */
export class DownloadError extends Error {
  readonly failure: DownloadFailure;
  readonly status: number | undefined;

  constructor(message: string, failure: DownloadFailure, status?: number) {
    super(message);
    this.name = 'DownloadError';
    this.failure = failure;
    this.status = status;
  }
}

/** A failure worth another attempt; `connection` when no HTTP response came at all. */
class TransientError extends Error {
  readonly connection: boolean;

  constructor(message: string, connection = false) {
    super(message);
    this.connection = connection;
  }
}

/** What the server said about the file being downloaded, kept next to its `.part`. */
interface PartState {
  url: string;
  /** Strong ETag or Last-Modified, sent back as If-Range; null when the server gave neither. */
  validator: string | null;
  total: number | null;
}

const partPath = (target: string) => `${target}.part`;
const statePath = (target: string) => `${target}.part.json`;

/** Deletes the `.part` of `target` and its state, if any. */
export function discardPart(target: string): void {
  rmSync(partPath(target), { force: true });
  rmSync(statePath(target), { force: true });
}

/** Moves a verified `.part` onto `target` (an atomic rename) and forgets its state. */
export function commitPart(target: string): void {
  renameSync(partPath(target), target);
  rmSync(statePath(target), { force: true });
}

/** SHA-256 (hex) and size of a file, read as a stream. */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

function readState(target: string): PartState | null {
  try {
    const state = JSON.parse(readFileSync(statePath(target), 'utf8')) as PartState;
    return typeof state.url === 'string' ? state : null;
  } catch {
    return null;
  }
}

function parseContentRange(value: string | null): { start: number; total: number | null } | null {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(value?.trim() ?? '');
  if (match === null) return null;
  return { start: Number(match[1]), total: match[2] === '*' ? null : Number(match[2]) };
}

function contentLength(headers: Headers): number | null {
  const value = headers.get('content-length');
  return value === null || !/^\d+$/.test(value) ? null : Number(value);
}

/** If-Range needs a strong validator: a weak ETag (W/…) falls back to Last-Modified. */
function validatorOf(headers: Headers): string | null {
  const etag = headers.get('etag');
  if (etag !== null && !etag.startsWith('W/')) return etag;
  return headers.get('last-modified');
}

function fmt(n: number): string {
  return n.toLocaleString('fr-FR');
}

/** A French reason for a low-level error (undici puts the system code in `cause`). */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'délai dépassé';
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message;
  return detail === undefined || detail === error.message
    ? error.message
    : `${error.message} (${detail})`;
}

/** An AbortController that fires when `touch` has not been called for `ms`. */
function idleAbort(ms: number): { signal: AbortSignal; touch(): void; stop(): void } {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(
      () => controller.abort(new TransientError(`aucune donnée reçue pendant ${ms / 1000} s`)),
      ms,
    );
  };
  touch();
  return { signal: controller.signal, touch, stop: () => clearTimeout(timer) };
}

async function cancelBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => {});
}

/** One attempt: resumes the `.part` when it can, returns it complete (not yet verified). */
async function attempt(
  url: string,
  target: string,
  options: DownloadOptions,
): Promise<CompletedPart> {
  const part = partPath(target);
  let state = readState(target);
  let offset = existsSync(part) ? statSync(part).size : 0;
  if (state === null || state.url !== url) {
    discardPart(target);
    state = null;
    offset = 0;
  }
  // Asking for the raw bytes keeps Content-Length and byte ranges about the file itself.
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (state !== null && offset > 0) {
    headers.range = `bytes=${offset}-`;
    if (state.validator !== null) headers['if-range'] = state.validator;
  }
  const idle = idleAbort(options.idleTimeoutMs ?? 60_000);
  try {
    let response: Response;
    try {
      response = await (options.fetchImpl ?? fetch)(url, {
        headers,
        signal: idle.signal,
        redirect: 'follow',
      });
    } catch (error) {
      if (idle.signal.aborted) throw idle.signal.reason;
      throw new TransientError(describeNetworkError(error), true);
    }
    idle.touch();
    if (response.status === 416 && state !== null && state.total === offset) {
      await cancelBody(response);
      return { path: part, ...(await hashFile(part)), resumed: true };
    }
    if (response.status === 416) {
      await cancelBody(response);
      discardPart(target);
      throw new TransientError('reprise refusée par le serveur (HTTP 416), nouveau départ');
    }
    if (!response.ok) {
      await cancelBody(response);
      const text = `HTTP ${response.status}${response.statusText === '' ? '' : ` ${response.statusText}`}`;
      if (RETRIABLE_STATUS.has(response.status)) throw new TransientError(text);
      discardPart(target);
      throw new DownloadError(text, 'http', response.status);
    }
    const encoded =
      (response.headers.get('content-encoding') ?? 'identity').toLowerCase() !== 'identity';
    let resumed = false;
    let total: number | null;
    if (response.status === 206 && state !== null) {
      const range = parseContentRange(response.headers.get('content-range'));
      if (range === null || range.start !== offset || range.total !== state.total) {
        await cancelBody(response);
        discardPart(target);
        throw new TransientError('reprise incohérente (Content-Range), nouveau départ');
      }
      resumed = true;
      total = range.total;
    } else {
      // A full answer (also what a server that ignores Range sends): start over.
      offset = 0;
      total = encoded ? null : contentLength(response.headers);
      mkdirSync(dirname(target), { recursive: true });
      rmSync(part, { force: true });
      // Byte ranges of a compressed transfer are not ranges of the file: no resume then.
      if (encoded) rmSync(statePath(target), { force: true });
      else {
        const next: PartState = { url, validator: validatorOf(response.headers), total };
        writeFileSync(statePath(target), JSON.stringify(next));
      }
    }
    if (response.body === null) throw new TransientError('réponse sans contenu');
    let received = offset;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        idle.touch();
        options.onProgress?.({ received, total });
        done(null, chunk);
      },
    });
    try {
      await pipeline(
        Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>),
        counter,
        createWriteStream(part, { flags: resumed ? 'a' : 'w' }),
      );
    } catch (error) {
      if (idle.signal.aborted) throw idle.signal.reason;
      throw new TransientError(
        `transfert interrompu après ${fmt(received)} octets (${describeNetworkError(error)})`,
      );
    }
    if (total !== null && received !== total) {
      throw new TransientError(`contenu tronqué : ${fmt(received)} octets reçus sur ${fmt(total)}`);
    }
    return { path: part, ...(await hashFile(part)), resumed };
  } finally {
    idle.stop();
  }
}

const realSleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * Downloads `url` into `target` (see the module documentation): resumes a `.part` left by an
 * earlier run, retries transient failures with back-off (500 ms, 1 s, 2 s…), hands the complete
 * bytes to `verify`, then renames them onto `target`. A resumed file that fails verification is
 * downloaded once more from scratch. On failure the `.part` is kept only when a later run can
 * resume it (transient failures); after an HTTP error or a rejection, nothing is left.
 * @throws DownloadError with a French message.
 */
export async function downloadFile(
  url: string,
  target: string,
  options: DownloadOptions = {},
): Promise<CompletedPart> {
  const attempts = options.attempts ?? 4;
  const backoffMs = options.backoffMs ?? 500;
  const sleep = options.sleep ?? realSleep;
  let last: TransientError | undefined;
  let restartedAfterRejection = false;
  for (let n = 1; n <= attempts; n += 1) {
    let part: CompletedPart;
    try {
      part = await attempt(url, target, options);
    } catch (error) {
      if (!(error instanceof TransientError)) throw error;
      last = error;
      if (n < attempts) {
        const delay = backoffDelayMs(n, backoffMs);
        options.onRetry?.(error.message, n, delay);
        await sleep(delay);
      }
      continue;
    }
    try {
      await options.verify?.(part);
    } catch (error) {
      discardPart(target);
      if (part.resumed && !restartedAfterRejection) {
        restartedAfterRejection = true;
        n -= 1;
        continue;
      }
      throw new DownloadError((error as Error).message, 'verify');
    }
    commitPart(target);
    return part;
  }
  const reason = last?.message ?? 'échec';
  throw new DownloadError(
    `${last?.connection === true ? 'serveur injoignable' : 'échec'} après ${attempts} tentative(s) : ${reason}`,
    last?.connection === true ? 'unreachable' : 'transient',
  );
}
