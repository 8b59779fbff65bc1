/**
 * Client of the `lines` endpoint of a data-fair dataset (the API of data.ademe.fr), as its
 * contract is documented and implemented (data-fair `api/src/datasets`): each JSON page is
 * `{total, results, next}`; `next` is present while a page came back full and is followed as it
 * is, never rebuilt (its `after` cursor belongs to the server); `size` may not exceed 10,000.
 * Transient failures (no connection, a body cut in the middle, HTTP 408/429/5xx) are retried with
 * back-off, `Retry-After` honoured. Runs in Node and in a browser worker (`fetch` only).
 */
import { backoffDelayMs, RETRIABLE_STATUS, retryAfterMs } from './http-retry.ts';

/** Largest page the API serves. */
export const DATA_FAIR_MAX_SIZE = 10_000;

/** One record of a page; keys with null values are left out by the API. */
export type DataFairRecord = Record<string, string | number | boolean | null | undefined>;

/** One page as received. */
export interface DataFairPage {
  url: string;
  total: number | null;
  results: DataFairRecord[];
  /** URL of the next page, or null on the last one. */
  next: string | null;
  /** Bytes of the body. */
  bytes: number;
}

/** Options of {@link fetchDataFairPage} and {@link readDataFairLines}. */
export interface DataFairOptions {
  fetchImpl?: typeof fetch;
  /** Attempts per page, the first included (default 5). */
  attempts?: number;
  /** First back-off delay, doubled at each failure (default 1 s). */
  backoffMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** Told before each back-off: the French reason, the attempt that failed, the delay. */
  onRetry?: (reason: string, attempt: number, delayMs: number) => void;
}

/** A page that could not be had: an HTTP error, retries exhausted, or an unreadable answer. */
export class DataFairError extends Error {
  readonly status: number | undefined;

  constructor(message: string, status?: number) {
    super(message);
    this.name = 'DataFairError';
    this.status = status;
  }
}

class RetriableError extends Error {
  readonly waitMs: number | null;

  constructor(message: string, waitMs: number | null = null) {
    super(message);
    this.waitMs = waitMs;
  }
}

function abortError(signal: AbortSignal): Error {
  const reason = signal.reason as unknown;
  return reason instanceof Error ? reason : new DOMException('Annulé', 'AbortError');
}

/** Sleeps `ms`, or rejects as soon as `signal` aborts. */
function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(abortError(signal));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal as AbortSignal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message;
  return detail === undefined || detail === error.message
    ? error.message
    : `${error.message} (${detail})`;
}

function parsePage(url: string, text: string, bytes: number): DataFairPage {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // A connection cut in the middle of a page leaves truncated JSON behind.
    throw new RetriableError(`page incomplète (${bytes} octets reçus, JSON tronqué)`);
  }
  if (
    typeof body !== 'object' ||
    body === null ||
    !Array.isArray((body as { results?: unknown }).results)
  ) {
    throw new DataFairError(`Réponse inattendue de ${url} : pas de liste « results ».`);
  }
  const page = body as { total?: unknown; results: DataFairRecord[]; next?: unknown };
  return {
    url,
    total: typeof page.total === 'number' ? page.total : null,
    results: page.results,
    next: typeof page.next === 'string' && page.next !== '' ? page.next : null,
    bytes,
  };
}

async function attemptPage(url: string, options: DataFairOptions): Promise<DataFairPage> {
  let response: Response;
  try {
    response = await (options.fetchImpl ?? fetch)(url, {
      headers: { accept: 'application/json' },
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (error) {
    if (options.signal?.aborted === true) throw abortError(options.signal);
    throw new RetriableError(`connexion impossible (${describe(error)})`);
  }
  if (!response.ok) {
    const detail = (await response.text().catch(() => '')).slice(0, 300);
    const text = `HTTP ${response.status}${detail === '' ? '' : ` : ${detail}`}`;
    if (RETRIABLE_STATUS.has(response.status)) {
      throw new RetriableError(text, retryAfterMs(response.headers.get('retry-after')));
    }
    throw new DataFairError(`${text} (${url})`, response.status);
  }
  let buffer: ArrayBuffer;
  try {
    buffer = await response.arrayBuffer();
  } catch (error) {
    if (options.signal?.aborted === true) throw abortError(options.signal);
    throw new RetriableError(`page interrompue (${describe(error)})`);
  }
  return parsePage(url, new TextDecoder().decode(buffer), buffer.byteLength);
}

/**
 * Fetches one page, retrying transient failures: the delay is the server's `Retry-After` when it
 * gives one, else the back-off (1 s, 2 s, 4 s…).
 * @throws DataFairError with a French message; the abort reason when cancelled.
 */
export async function fetchDataFairPage(
  url: string,
  options: DataFairOptions = {},
): Promise<DataFairPage> {
  const attempts = options.attempts ?? 5;
  const baseMs = options.backoffMs ?? 1000;
  const sleep = options.sleep ?? abortableSleep;
  let last: RetriableError | undefined;
  for (let n = 1; n <= attempts; n += 1) {
    try {
      return await attemptPage(url, options);
    } catch (error) {
      if (!(error instanceof RetriableError)) throw error;
      last = error;
      if (n < attempts) {
        const delay = error.waitMs ?? backoffDelayMs(n, baseMs);
        options.onRetry?.(error.message, n, delay);
        await sleep(delay, options.signal);
      }
    }
  }
  throw new DataFairError(
    `Échec après ${attempts} tentative(s) : ${last?.message ?? 'inconnu'} (${url})`,
  );
}

/**
 * Reads every page from `firstUrl` by following `next` until it is absent (or a page comes back
 * empty), yielding each page as it arrives. To resume an interrupted read, start from the `next`
 * of the last page kept.
 */
export async function* readDataFairLines(
  firstUrl: string,
  options: DataFairOptions = {},
): AsyncGenerator<DataFairPage> {
  let url: string | null = firstUrl;
  while (url !== null) {
    const page = await fetchDataFairPage(url, options);
    yield page;
    url = page.results.length === 0 ? null : page.next;
  }
}

/** URL of the `lines` endpoint of a dataset with query parameters (values joined by commas). */
export function dataFairLinesUrl(
  datasetBase: string,
  params: Readonly<Record<string, string | number | readonly string[]>>,
): string {
  const url = new URL(`${datasetBase.replace(/\/+$/, '')}/lines`);
  for (const [key, value] of Object.entries(params)) {
    url.searchParams.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  if (Number(url.searchParams.get('size') ?? 0) > DATA_FAIR_MAX_SIZE) {
    throw new DataFairError(`size ne peut dépasser ${DATA_FAIR_MAX_SIZE} (limite de l’API).`);
  }
  return url.href;
}
