import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { startImportWarmUp, stopImportWarmUp } from '../db/import-warm-up.ts';
import type { DatasetInfo } from '../db/manifest.ts';
import type { CommuneLocator } from '../ingest/commune-locator.ts';
import type { ImportKind } from '../ingest/import-protocol.ts';
import { ImportDialogBody } from './import-dialog-body.tsx';
import type { ImportRequest } from './import-request.ts';
import { type ImportedDataset, useImportJob } from './use-import-job.ts';

export type { ImportedDataset } from './use-import-job.ts';

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
  const returnFocus = useRef<HTMLElement | null>(null);
  const [kind, setKind] = useState<ImportKind>('auto');
  const { phase, setPhase, start, cancel } = useImportJob({
    datasets,
    onImported,
    ...(locator === undefined ? {} : { locator }),
  });

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
  }, [open, setPhase]);

  // DuckDB compiles its import code while the user chooses a file (see import-warm-up.ts).
  useEffect(() => {
    if (!open) return;
    startImportWarmUp();
    return () => {
      void stopImportWarmUp({ userImport: false });
    };
  }, [open]);

  const requestClose = () => {
    // Closing while reading stops the read; once in DuckDB, loading goes on and ends in a notice.
    cancel();
    onClose();
  };

  // Files made in the page are imported as soon as the dialog shows them.
  const latest = useRef({ start, onRequestTaken });
  latest.current = { start, onRequestTaken };
  useEffect(() => {
    if (!open || request === null) return;
    latest.current.onRequestTaken?.();
    latest.current.start(request.files, 'dpe', undefined, request);
  }, [open, request]);

  const running = phase.step === 'reading' || phase.step === 'loading';
  const ended = phase.step === 'done' || phase.step === 'failed';
  const choose = () => setPhase({ step: 'choose', message: null });

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
      <ImportDialogBody
        phase={phase}
        kind={kind}
        onKindChange={setKind}
        cogYear={cogYear}
        locator={locator}
        onStart={(files, mapping) => start(files, kind, mapping)}
        onBack={choose}
        onCancel={cancel}
      />
      {ended && (
        <footer className="import-dialog-footer">
          <button type="button" className="button" data-testid="import-again" onClick={choose}>
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
