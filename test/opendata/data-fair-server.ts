/**
 * A local server implementing the part of the data-fair `lines` contract the client relies on
 * (data-fair `api/src/datasets`): JSON pages `{total, results, next}`; `next` (with an opaque
 * `after` cursor) while a page comes back full; `<field>_in` (comma-separated, values optionally
 * quoted), `<field>_eq` and `<field>_gte` filters, a bare `field=value` ignored; `select`; `size`
 * (default 12, 400 above 10,000). Faults can be scheduled by request number: a 429 with
 * `Retry-After`, a 500, or a connection cut in the middle of a page.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A record held by the server. */
export type ServerRecord = Record<string, string | number | undefined>;

/** A fault answered instead of a page. */
export type Fault = 'rate-limit' | 'server-error' | 'cut';

/** The running server. */
export interface DataFairServer {
  /** Dataset URL, e.g. `http://127.0.0.1:PORT/data-fair/api/v1/datasets/dpe03existant`. */
  base: string;
  /** Records served; replace to simulate the dataset changing between runs. */
  records: ServerRecord[];
  /** Every request URL received (path and query). */
  requests: string[];
  /** Faults by 1-based request number (over all requests). */
  faults: Map<number, Fault>;
  close(): Promise<void>;
}

const MAX_SIZE = 10_000;
const SUFFIXES = ['_in', '_eq', '_gte'] as const;

function parseList(value: string): string[] {
  // data-fair's own UI writes `"a","b"`; scripts write `a,b`.
  return value
    .split(',')
    .map((item) => item.trim().replace(/^"(.*)"$/, '$1'))
    .filter((item) => item !== '');
}

function matches(record: ServerRecord, params: URLSearchParams): boolean {
  for (const [key, value] of params) {
    const suffix = SUFFIXES.find((s) => key.endsWith(s));
    if (suffix === undefined) continue;
    const field = key.slice(0, -suffix.length);
    const own = record[field] === undefined ? '' : String(record[field]);
    if (suffix === '_in' && !parseList(value).includes(own)) return false;
    if (suffix === '_eq' && own !== value) return false;
    if (suffix === '_gte' && !(own !== '' && own >= value)) return false;
  }
  return true;
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
) {
  // Public data-fair datasets are read from other origins (the page's worker): CORS allowed.
  res.writeHead(status, {
    'content-type': 'application/json',
    'access-control-allow-origin': '*',
    ...headers,
  });
  res.end(body);
}

function answer(server: DataFairServer, prefix: string, req: IncomingMessage, res: ServerResponse) {
  server.requests.push(req.url ?? '');
  const fault = server.faults.get(server.requests.length);
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  if (url.pathname !== `${prefix}/lines`) return send(res, 404, '{"error":"not found"}');
  if (fault === 'rate-limit') return send(res, 429, 'Too Many Requests', { 'retry-after': '1' });
  if (fault === 'server-error') return send(res, 500, 'Internal Server Error');
  const size = url.searchParams.has('size') ? Number(url.searchParams.get('size')) : 12;
  if (!Number.isInteger(size) || size < 0 || size > MAX_SIZE) {
    return send(res, 400, `"size" cannot be more than ${MAX_SIZE}`);
  }
  const selected = server.records.filter((record) => matches(record, url.searchParams));
  const after = url.searchParams.has('after') ? Number(url.searchParams.get('after')) : 0;
  const slice = selected.slice(after, after + size);
  const select = url.searchParams.get('select');
  const fields = select === null || select === '*' ? null : select.split(',');
  const results = slice.map((record) => {
    const out: ServerRecord = {};
    for (const [key, value] of Object.entries(record)) {
      // Keys with null values are left out, as the API does.
      if (value === undefined || value === '') continue;
      if (fields === null || fields.includes(key)) out[key] = value;
    }
    return out;
  });
  const body: { total: number; next?: string; results: ServerRecord[] } = {
    total: selected.length,
    results,
  };
  if (size > 0 && slice.length === size) {
    const next = new URL(`http://${req.headers.host}${prefix}/lines`);
    for (const [key, value] of url.searchParams)
      if (key !== 'page') next.searchParams.set(key, value);
    next.searchParams.set('after', String(after + size));
    body.next = next.href;
  }
  const text = JSON.stringify(body);
  if (fault === 'cut') {
    res.writeHead(200, {
      'content-type': 'application/json',
      'access-control-allow-origin': '*',
      'content-length': String(Buffer.byteLength(text)),
    });
    res.write(text.slice(0, Math.floor(text.length / 2)));
    setTimeout(() => res.socket?.destroy(), 10);
    return;
  }
  send(res, 200, text);
}

/** Starts the server on 127.0.0.1 (a random port unless `port` is given). */
export async function startDataFairServer(
  records: ServerRecord[],
  prefix = '/data-fair/api/v1/datasets/dpe03existant',
  port = 0,
): Promise<DataFairServer> {
  let http: Server | undefined;
  const server: DataFairServer = {
    base: '',
    records,
    requests: [],
    faults: new Map(),
    close: () => new Promise((done) => (http ? http.close(() => done()) : done())),
  };
  http = createServer((req, res) => answer(server, prefix, req, res));
  await new Promise<void>((done) => http?.listen(port, '127.0.0.1', done));
  const address = http.address() as AddressInfo;
  server.base = `http://127.0.0.1:${address.port}${prefix}`;
  const close = server.close;
  server.close = () => {
    http?.closeAllConnections();
    return close();
  };
  return server;
}
