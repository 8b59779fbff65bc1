/**
 * A small HTTP server on 127.0.0.1 for download tests: each path has a handler told how many
 * times the path was asked; `sendBytes` answers like a file server (Content-Length, ETag,
 * Range with If-Range) and can cut the body after some bytes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/** Answers one request; `count` is 1 for the first request of this path. */
export type Handler = (request: IncomingMessage, response: ServerResponse, count: number) => void;

/** One request as the server saw it. */
export interface SeenRequest {
  path: string;
  range: string | undefined;
  ifRange: string | undefined;
  acceptEncoding: string | undefined;
}

/** A running scripted server. */
export interface ScriptedServer {
  /** Base URL, with a trailing slash. */
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/**
 * Answers with `bytes` as a file server would; `cutAfter` destroys the socket mid-body. The cut
 * waits a little: a fetch body stream that errors drops the chunks its reader has not taken
 * yet, so a cut right after the write would leave a random prefix on a loaded machine.
 */
export function sendBytes(
  request: IncomingMessage,
  response: ServerResponse,
  bytes: Buffer,
  options: { etag?: string; cutAfter?: number } = {},
): void {
  const etag = options.etag ?? '"v1"';
  const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
  const ifRange = request.headers['if-range'];
  let start = 0;
  if (range !== null && (ifRange === undefined || ifRange === etag)) {
    start = Number(range[1]);
    if (start >= bytes.length) {
      response.writeHead(416, { 'Content-Range': `bytes */${bytes.length}` }).end();
      return;
    }
    response.writeHead(206, {
      'Content-Length': bytes.length - start,
      'Content-Range': `bytes ${start}-${bytes.length - 1}/${bytes.length}`,
      ETag: etag,
    });
  } else {
    response.writeHead(200, { 'Content-Length': bytes.length, ETag: etag });
  }
  const body = bytes.subarray(start);
  if (options.cutAfter !== undefined && options.cutAfter < body.length) {
    response.write(body.subarray(0, options.cutAfter), () => {
      setTimeout(() => response.socket?.destroy(), 300);
    });
    return;
  }
  response.end(body);
}

/** Starts the server; an unknown path answers 404. */
export async function startScriptedServer(
  handlers: Record<string, Handler>,
): Promise<ScriptedServer> {
  const counts = new Map<string, number>();
  const requests: SeenRequest[] = [];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const count = (counts.get(path) ?? 0) + 1;
    counts.set(path, count);
    requests.push({
      path,
      range: request.headers.range,
      ifRange: request.headers['if-range'] as string | undefined,
      acceptEncoding: request.headers['accept-encoding'],
    });
    const handler = handlers[path];
    if (handler === undefined) response.writeHead(404).end('Introuvable');
    else handler(request, response, count);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** A port on 127.0.0.1 where nothing listens (taken, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}
