/**
 * The page side of « Récupérer les DPE de ce territoire »: starts the worker, relays its progress
 * and resolves with its outcome. Cancelling terminates the worker at once (requests in flight
 * are dropped with it).
 */
import type { DpeFetchProgress } from './fetch-territory-dpe.ts';
import type { TerritoryDpeMessage, TerritoryDpeRequest } from './territory-dpe-protocol.ts';

/** How a fetch ended. */
export type TerritoryDpeOutcome =
  | { status: 'done'; result: Extract<TerritoryDpeMessage, { type: 'done' }> }
  | { status: 'failed'; message: string }
  | { status: 'cancelled' };

/** A running fetch. */
export interface TerritoryDpeJob {
  /** Resolves once; never rejects. */
  readonly outcome: Promise<TerritoryDpeOutcome>;
  cancel(): void;
}

/** Fetches the DPE of `request.communes` in a dedicated worker. */
export function startTerritoryDpeFetch(
  request: TerritoryDpeRequest,
  callbacks: {
    onProgress?: (progress: DpeFetchProgress) => void;
    onRetry?: (reason: string) => void;
  } = {},
): TerritoryDpeJob {
  const worker = new Worker(new URL('./territory-dpe-worker.ts', import.meta.url), {
    type: 'module',
    name: 'territory-dpe',
  });
  let settle: (outcome: TerritoryDpeOutcome) => void = () => {};
  let settled = false;
  const outcome = new Promise<TerritoryDpeOutcome>((resolve) => {
    settle = (value) => {
      if (settled) return;
      settled = true;
      worker.terminate();
      resolve(value);
    };
  });
  worker.onmessage = (event: MessageEvent<TerritoryDpeMessage>) => {
    const message = event.data;
    if (message.type === 'progress') {
      const { type: _type, ...progress } = message;
      callbacks.onProgress?.(progress);
    } else if (message.type === 'retry') callbacks.onRetry?.(message.reason);
    else if (message.type === 'done') settle({ status: 'done', result: message });
    else settle({ status: 'failed', message: message.message });
  };
  worker.onerror = (event) => {
    event.preventDefault();
    settle({ status: 'failed', message: event.message || 'le worker s’est arrêté' });
  };
  worker.postMessage({ base: request.base, communes: [...request.communes] });
  return { outcome, cancel: () => settle({ status: 'cancelled' }) };
}
