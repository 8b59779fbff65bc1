import { useEffect, useRef, useState } from 'react';
import {
  type BrowserImportJob,
  type BrowserImportOutcome,
  type BrowserImportProgress,
  type BrowserImportResult,
  startBrowserImport,
} from '../db/browser-import.ts';
import { saveStoredDataset } from '../db/dataset-store.ts';
import { rememberImportedDataset } from '../db/insert-arrow-dataset.ts';
import type { DatasetInfo } from '../db/manifest.ts';
import {
  assessImportMemory,
  isOutOfMemoryError,
  outOfMemoryMessage,
  probeMemoryCapacity,
} from '../db/memory-guard.ts';
import { formatCount } from '../domain/format.ts';
import type { CommuneLocator } from '../ingest/commune-locator.ts';
import type { ColumnMapping } from '../ingest/formats.ts';
import type { ImportKind } from '../ingest/import-protocol.ts';
import type { ImportRequest } from './import-request.ts';

/** A dataset loaded by an import, with its counts. */
export interface ImportedDataset {
  info: DatasetInfo;
  rows: number;
  dwellings: number;
}

/** Whether an imported dataset was kept in this browser for the next visit, and why not. */
interface KeptInBrowser {
  ok: boolean;
  message: string;
}

/** Where the import dialog is: choosing files, mapping columns, reading, done or failed. */
export type ImportPhase =
  | { step: 'choose'; message: string | null }
  | { step: 'mapping'; file: File; columns: readonly string[]; reason: string }
  | {
      step: 'reading' | 'loading';
      files: string[];
      progress: BrowserImportProgress | null;
    }
  | { step: 'done'; result: BrowserImportResult; name: string; kept: KeptInBrowser | null }
  | { step: 'failed'; message: string; file?: string };

function freeId(datasets: readonly DatasetInfo[]): string {
  const taken = new Set(datasets.map((dataset) => dataset.id));
  let n = 1;
  while (taken.has(`import-${n}`)) n++;
  return `import-${n}`;
}

function datasetName(files: readonly File[], datasets: readonly DatasetInfo[]): string {
  const first = files[0]?.name ?? 'import';
  const base = files.length > 1 ? `BDNB (${files.length} fichiers)` : first.replace(/\.[^.]+$/, '');
  const taken = new Set(datasets.map((dataset) => dataset.name));
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base} (${n})`;
  return name;
}

/** Keeps an imported dataset in this browser (IndexedDB) so that a reload shows it again. */
async function keepInBrowser(entry: ImportedDataset): Promise<KeptInBrowser> {
  try {
    const ipc = await rememberImportedDataset(entry.info.id);
    await saveStoredDataset({ ...entry, ipc, savedAt: new Date().toISOString() });
    return {
      ok: true,
      message:
        'Gardé dans ce navigateur : il sera rechargé à la prochaine ouverture (bouton « Effacer les données importées de ce navigateur » pour l’en retirer).',
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      message: `Non gardé dans ce navigateur (${reason}) : il faudra l’importer de nouveau après un rechargement.`,
    };
  }
}

/** The phase after a failed read: the mapping step for an unknown table, else the error. */
function failedPhase(
  outcome: Extract<BrowserImportOutcome, { status: 'failed' }>,
  files: readonly File[],
  mapping: ColumnMapping | undefined,
): ImportPhase {
  const [only] = files;
  if (outcome.unknownColumns !== undefined && only !== undefined && mapping === undefined) {
    return {
      step: 'mapping',
      file: only,
      columns: outcome.unknownColumns,
      reason: outcome.message,
    };
  }
  const message = isOutOfMemoryError(outcome.message) ? outOfMemoryMessage() : outcome.message;
  return outcome.file === undefined
    ? { step: 'failed', message }
    : { step: 'failed', message, file: outcome.file };
}

/** The dataset an import made, named and described (by the request when there is one). */
function importedDataset(
  result: BrowserImportResult & { loaded: NonNullable<BrowserImportResult['loaded']> },
  info: { id: string; name: string; files: readonly string[] },
  given: ImportRequest | undefined,
): ImportedDataset {
  const { report } = result;
  return {
    info: {
      id: info.id,
      name: info.name,
      kind: result.kind,
      synthetic: false,
      caption:
        given?.caption ??
        `Import de ${info.files.join(', ')} : ${formatCount(report.accepted, 'ligne acceptée', 'lignes acceptées')} sur ${formatCount(report.rows_read, 'lue', 'lues')}.`,
      ...(given?.provenance === undefined
        ? {}
        : { provenance: { ...given.provenance, records: report.accepted } }),
    },
    rows: result.loaded.rows,
    dwellings: result.loaded.dwellings,
  };
}

/** What {@link useImportJob} needs. */
interface ImportJobOptions {
  /** Datasets already shown, so that the new one gets a free id and a distinct name. */
  datasets: readonly DatasetInfo[];
  locator?: CommuneLocator;
  /** Called once the accepted rows are in DuckDB. */
  onImported: (dataset: ImportedDataset) => void;
}

/** Starts with `files` of `kind` (a request's files are DPE), with a confirmed column mapping. */
type StartImport = (
  files: File[],
  kind: ImportKind,
  mapping?: ColumnMapping,
  given?: ImportRequest,
) => void;

/**
 * The import run by the dialog: its phase, how to start one (memory checked first), and how to
 * cancel it (also when the dialog goes away). Accepted rows end as a new dataset kept in the
 * browser.
 */
export function useImportJob({ datasets, locator, onImported }: ImportJobOptions) {
  const job = useRef<BrowserImportJob | null>(null);
  const [phase, setPhase] = useState<ImportPhase>({ step: 'choose', message: null });

  useEffect(() => () => job.current?.cancel(), []);

  const start: StartImport = (files, kind, mapping, given) => {
    const verdict = assessImportMemory(
      { fileBytes: files.reduce((sum, file) => sum + file.size, 0) },
      probeMemoryCapacity(),
    );
    if (!verdict.ok) {
      setPhase({ step: 'failed', message: verdict.message });
      return;
    }
    const id = freeId(datasets);
    const name = given?.name ?? datasetName(files, datasets);
    const names = files.map((file) => file.name);
    const running = startBrowserImport(files, {
      kind: given === undefined ? kind : 'dpe',
      datasetId: id,
      ...(mapping === undefined ? {} : { mapping }),
      ...(locator === undefined ? {} : { locator }),
      onProgress: (progress) =>
        setPhase((current) => (current.step === 'reading' ? { ...current, progress } : current)),
      onLoading: () =>
        setPhase((current) =>
          current.step === 'reading' ? { ...current, step: 'loading' } : current,
        ),
    });
    job.current = running;
    setPhase({ step: 'reading', files: names, progress: null });
    running.outcome.then(async (outcome) => {
      if (job.current === running) job.current = null;
      if (outcome.status === 'cancelled') {
        setPhase({ step: 'choose', message: 'Import annulé : rien n’a été chargé.' });
        return;
      }
      if (outcome.status === 'failed') {
        setPhase(failedPhase(outcome, files, mapping));
        return;
      }
      const { result } = outcome;
      let kept: KeptInBrowser | null = null;
      if (result.loaded !== null) {
        const loaded = { ...result, loaded: result.loaded };
        const entry = importedDataset(loaded, { id, name, files: names }, given);
        onImported(entry);
        setPhase({ step: 'done', result, name, kept: null });
        kept = await keepInBrowser(entry);
      }
      setPhase({ step: 'done', result, name, kept });
    });
  };

  return { phase, setPhase, start, cancel: () => job.current?.cancel() };
}
