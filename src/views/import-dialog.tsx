import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { ImportDropZone } from '../components/import-drop-zone.tsx';
import { IMPORT_KINDS, ImportKindSelect } from '../components/import-kind-select.tsx';
import { ImportProgressPanel } from '../components/import-progress-panel.tsx';
import { ImportReportPanel } from '../components/import-report-panel.tsx';
import {
  type BrowserImportJob,
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
import { formatInteger } from '../domain/format.ts';
import { rejectedRowsCsv, rejectedRowsOf } from '../export/rejected-rows-csv.ts';
import type { CommuneLocator } from '../ingest/commune-locator.ts';
import type { ColumnMapping } from '../ingest/formats.ts';
import type { ImportKind } from '../ingest/import-protocol.ts';
import { ImportMapping } from './import-mapping.tsx';
import type { ImportRequest } from './import-request.ts';

/** A dataset loaded by an import, with its counts. */
export interface ImportedDataset {
  info: DatasetInfo;
  rows: number;
  dwellings: number;
}

/** Props of {@link ImportDialog}. */
export interface ImportDialogProps {
  open: boolean;
  onClose: () => void;
  /** Datasets already shown, so that the new one gets a free id and a distinct name. */
  datasets: readonly DatasetInfo[];
  /** Vintage of the commune reference (COG). */
  cogYear: number;
  /** Called once the accepted rows are in DuckDB. */
  onImported: (dataset: ImportedDataset) => void;
  /** Commune of points, for files with coordinates and no INSEE code. */
  locator?: CommuneLocator;
  /** Files made in the page (fetched open data) to import at once, named and described. */
  request?: ImportRequest | null;
  /** Called when the dialog has started importing `request`. */
  onRequestTaken?: () => void;
}

type Phase =
  | { step: 'choose'; message: string | null }
  | { step: 'mapping'; file: File; columns: readonly string[]; reason: string }
  | {
      step: 'reading' | 'loading';
      files: string[];
      progress: BrowserImportProgress | null;
    }
  | {
      step: 'done';
      result: BrowserImportResult;
      name: string;
      /** Whether the dataset was kept in this browser for the next visit, and why not. */
      kept: { ok: boolean; message: string } | null;
    }
  | { step: 'failed'; message: string; file?: string };

const STEP_TEXT = {
  mapping: 'Vérification des lignes de',
  report: 'Rapport d’import de',
  loading: 'Chargement dans DuckDB de',
} as const;

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

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), a[href]';

/** Keeps Tab and Shift+Tab inside the dialog: a modal dialog would let focus go to the browser. */
function trapFocus(event: KeyboardEvent<HTMLDialogElement>): void {
  if (event.key !== 'Tab') return;
  const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = focusable[0];
  const last = focusable.at(-1);
  if (first === undefined || last === undefined) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

function downloadCsv(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoked later: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Keeps an imported dataset in this browser (IndexedDB) so that a reload shows it again. */
async function keepInBrowser(entry: ImportedDataset): Promise<{ ok: boolean; message: string }> {
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

/**
 * The import dialog (modal, labelled, Escape closes it and cancels a running read): choose the
 * kind, drop or pick files, follow the reading progress, then read the report. Accepted rows are
 * loaded into DuckDB as a new dataset.
 */
export function ImportDialog({
  open,
  onClose,
  datasets,
  cogYear,
  onImported,
  locator,
  request = null,
  onRequestTaken,
}: ImportDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const job = useRef<BrowserImportJob | null>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const [kind, setKind] = useState<ImportKind>('auto');
  const [phase, setPhase] = useState<Phase>({ step: 'choose', message: null });

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (open && !element.open) {
      returnFocus.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setPhase((current) =>
        current.step === 'done' || current.step === 'failed'
          ? { step: 'choose', message: null }
          : current,
      );
      element.showModal();
      // The file picker first: the dialog is there to choose files (the kind defaults to auto).
      element.querySelector<HTMLElement>('input[type="file"]')?.focus();
    } else if (!open && element.open) {
      element.close();
      returnFocus.current?.focus();
    }
  }, [open]);

  useEffect(() => () => job.current?.cancel(), []);

  const requestCancel = () => job.current?.cancel();

  const requestClose = () => {
    // Closing while reading stops the read; once in DuckDB, loading goes on and ends in a notice.
    job.current?.cancel();
    onClose();
  };

  const start = (files: File[], mapping?: ColumnMapping, given?: ImportRequest) => {
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
        const [only] = files;
        if (outcome.unknownColumns !== undefined && only !== undefined && mapping === undefined) {
          setPhase({
            step: 'mapping',
            file: only,
            columns: outcome.unknownColumns,
            reason: outcome.message,
          });
          return;
        }
        const message = isOutOfMemoryError(outcome.message)
          ? outOfMemoryMessage()
          : outcome.message;
        setPhase(
          outcome.file === undefined
            ? { step: 'failed', message }
            : { step: 'failed', message, file: outcome.file },
        );
        return;
      }
      const { result } = outcome;
      let kept: { ok: boolean; message: string } | null = null;
      if (result.loaded !== null) {
        const { report } = result;
        const entry: ImportedDataset = {
          info: {
            id,
            name,
            kind: result.kind,
            synthetic: false,
            caption:
              given?.caption ??
              `Import de ${names.join(', ')} : ${formatInteger(report.accepted)} lignes acceptées sur ${formatInteger(report.rows_read)} lues.`,
            ...(given?.provenance === undefined
              ? {}
              : { provenance: { ...given.provenance, records: report.accepted } }),
          },
          rows: result.loaded.rows,
          dwellings: result.loaded.dwellings,
        };
        onImported(entry);
        setPhase({ step: 'done', result, name, kept: null });
        kept = await keepInBrowser(entry);
      }
      setPhase({ step: 'done', result, name, kept });
    });
  };

  // Files made in the page are imported as soon as the dialog shows them.
  const latest = useRef({ start, onRequestTaken });
  latest.current = { start, onRequestTaken };
  useEffect(() => {
    if (!open || request === null) return;
    latest.current.onRequestTaken?.();
    latest.current.start(request.files, undefined, request);
  }, [open, request]);

  const kindHint = IMPORT_KINDS.find((entry) => entry.kind === kind)?.hint ?? '';
  const running = phase.step === 'reading' || phase.step === 'loading';

  return (
    <dialog
      ref={dialog}
      className="import-dialog"
      data-testid="import-dialog"
      data-step={phase.step}
      aria-labelledby="import-dialog-title"
      onKeyDown={trapFocus}
      onCancel={(event) => {
        event.preventDefault();
        requestClose();
      }}
    >
      <header className="import-dialog-header">
        <h2 id="import-dialog-title">Importer des données</h2>
        <button
          type="button"
          className="close-button"
          onClick={requestClose}
          aria-label={running ? 'Annuler l’import et fermer' : 'Fermer'}
        >
          ×
        </button>
      </header>
      <div className="import-dialog-body">
        {phase.step === 'choose' && (
          <>
            <p className="muted">
              Les fichiers sont lus dans ce navigateur : ils ne quittent pas votre poste.
            </p>
            <ImportKindSelect value={kind} onChange={setKind} />
            <ImportDropZone
              multiple={kind === 'bdnb' || kind === 'auto'}
              hint={kindHint}
              onFiles={(files) => start(files)}
            />
            {phase.message && (
              <p className="muted" role="status" data-testid="import-message">
                {phase.message}
              </p>
            )}
          </>
        )}
        {phase.step === 'mapping' && (
          <ImportMapping
            file={phase.file}
            columns={phase.columns}
            reason={phase.reason}
            {...(locator === undefined ? {} : { locator })}
            onBack={() => setPhase({ step: 'choose', message: null })}
            onConfirm={(mapping) => start([phase.file], mapping)}
          />
        )}
        {running && (
          <ImportProgressPanel
            files={phase.files}
            progress={phase.progress}
            step={
              phase.step === 'loading'
                ? STEP_TEXT.loading
                : phase.progress === null || phase.progress.step === 'reading'
                  ? null
                  : STEP_TEXT[phase.progress.step]
            }
            onCancel={phase.step === 'loading' ? undefined : requestCancel}
          />
        )}
        {phase.step === 'failed' && (
          <div className="import-error" role="alert" data-testid="import-error">
            <h3>Import impossible</h3>
            <p>
              {phase.file && <strong>{phase.file} : </strong>}
              {phase.message}
            </p>
          </div>
        )}
        {phase.step === 'done' && phase.kept && (
          <p
            className={phase.kept.ok ? 'muted' : 'import-error'}
            role="status"
            data-testid="import-kept"
            data-kept={phase.kept.ok}
          >
            {phase.kept.message}
          </p>
        )}
        {phase.step === 'done' && (
          <ImportReportPanel
            report={phase.result.report}
            files={phase.result.files}
            elapsedMs={phase.result.elapsedMs}
            rowsPerSecond={phase.result.rowsPerSecond}
            loaded={phase.result.loaded}
            rejectedTruncated={phase.result.rejectedRows.truncated}
            cogYear={cogYear}
            onDownloadRejected={() => {
              const rows = phase.result.rejectedRows;
              downloadCsv(
                `lignes-rejetees-${phase.name}.csv`,
                rejectedRowsCsv(rejectedRowsOf(rows), { withFile: rows.files !== null }),
              );
            }}
          />
        )}
      </div>
      {(phase.step === 'done' || phase.step === 'failed') && (
        <footer className="import-dialog-footer">
          <button
            type="button"
            className="button"
            data-testid="import-again"
            onClick={() => setPhase({ step: 'choose', message: null })}
          >
            Importer un autre fichier
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={requestClose}
            data-testid="import-close"
          >
            {phase.step === 'done' && phase.result.loaded ? 'Voir sur la carte' : 'Fermer'}
          </button>
        </footer>
      )}
    </dialog>
  );
}
