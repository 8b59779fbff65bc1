import type {
  ProgrammeImportRequest,
  ProgrammeImportResponse,
} from '../../ingest/programme-import-protocol.ts';

/**
 * Reads the programme files in a dedicated worker and resolves with its answer (never rejects: a
 * crash of the worker is answered as a failure). The worker ends after one answer.
 */
export function runProgrammeImport(
  request: ProgrammeImportRequest,
): Promise<ProgrammeImportResponse> {
  const worker = new Worker(new URL('../../db/programme-import-worker.ts', import.meta.url), {
    type: 'module',
    name: 'programme-import',
  });
  return new Promise((resolve) => {
    const finish = (response: ProgrammeImportResponse) => {
      worker.terminate();
      resolve(response);
    };
    worker.onmessage = (event: MessageEvent<ProgrammeImportResponse>) => finish(event.data);
    worker.onerror = (event) =>
      finish({
        status: 'failed',
        message: `La lecture des fichiers du programme a échoué : ${event.message || 'erreur du worker'}.`,
      });
    worker.postMessage(request);
  });
}
