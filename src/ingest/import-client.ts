/**
 * The page side of an import: starts the import worker on the user's files, relays its progress,
 * and resolves with its outcome. Cancelling terminates the worker at once.
 */
import type {
  ImportDoneMessage,
  ImportKind,
  ImportProgressMessage,
  ImportRequest,
  ImportWorkerMessage,
} from './import-protocol.ts';

/** How an import ended. */
export type ImportOutcome =
  | { status: 'done'; result: ImportDoneMessage }
  | { status: 'failed'; message: string; file?: string }
  | { status: 'cancelled' };

/** Callbacks of {@link startImport}. */
export interface ImportCallbacks {
  /** About every 100 ms while reading. */
  onProgress?: (progress: ImportProgressMessage) => void;
  /** Once the files are read, while the accepted rows are encoded. */
  onEncoding?: (rows: number) => void;
}

/** A running import. */
export interface ImportJob {
  /** Resolves once, with the outcome; never rejects. */
  readonly outcome: Promise<ImportOutcome>;
  /** Stops reading: terminates the worker and resolves the outcome as cancelled. */
  cancel(): void;
}

/** Reads `files` in a dedicated worker as `kind`, writing `datasetId` on every accepted row. */
export function startImport(
  files: readonly File[],
  kind: ImportKind,
  datasetId: string,
  callbacks: ImportCallbacks = {},
): ImportJob {
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), {
    type: 'module',
    name: 'import',
  });
  let settle: (outcome: ImportOutcome) => void = () => {};
  let settled = false;
  const outcome = new Promise<ImportOutcome>((resolve) => {
    settle = (value) => {
      if (settled) return;
      settled = true;
      worker.terminate();
      resolve(value);
    };
  });
  worker.onmessage = (event: MessageEvent<ImportWorkerMessage>) => {
    const message = event.data;
    if (message.type === 'progress') callbacks.onProgress?.(message);
    else if (message.type === 'encoding') callbacks.onEncoding?.(message.rows);
    else if (message.type === 'done') settle({ status: 'done', result: message });
    else
      settle(
        message.file === undefined
          ? { status: 'failed', message: message.message }
          : { status: 'failed', message: message.message, file: message.file },
      );
  };
  worker.onerror = (event) => {
    event.preventDefault();
    settle({
      status: 'failed',
      message: `Le lecteur de fichiers s’est arrêté : ${event.message || 'erreur inconnue'}.`,
    });
  };
  worker.onmessageerror = () => {
    settle({ status: 'failed', message: 'Le résultat de la lecture n’a pas pu être transmis.' });
  };
  const request: ImportRequest = { type: 'start', files: [...files], kind, datasetId };
  worker.postMessage(request);
  return { outcome, cancel: () => settle({ status: 'cancelled' }) };
}
