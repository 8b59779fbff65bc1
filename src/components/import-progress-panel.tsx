import type { BrowserImportProgress } from '../db/browser-import.ts';
import { formatCount, formatInteger, formatMegabytes, formatPercent } from '../domain/format.ts';
import { ProgressBar } from './progress-bar.tsx';

/** Props of {@link ImportProgressPanel}. */
export interface ImportProgressPanelProps {
  /** Files being read. */
  files: readonly string[];
  /** Latest progress; null before the first report. */
  progress: BrowserImportProgress | null;
  /** What happens after reading: null while reading, else a French sentence. */
  step: string | null;
  /** Cancels the import; absent once cancelling is no longer possible. */
  onCancel?: () => void;
}

/** Reading progress of an import: bar, rows read, rows per second, and the cancel button. */
export function ImportProgressPanel({ files, progress, step, onCancel }: ImportProgressPanelProps) {
  const share =
    progress === null || progress.totalBytes === 0 ? 0 : progress.bytesRead / progress.totalBytes;
  const rows = progress?.rowsRead ?? 0;
  const words = `${formatPercent(share, 0)} — ${formatCount(rows, 'ligne lue', 'lignes lues')}`;
  return (
    <section
      className="import-progress"
      data-testid="import-progress"
      data-rows={rows}
      data-bytes-read={progress?.bytesRead ?? 0}
      data-total-bytes={progress?.totalBytes ?? 0}
      aria-label="Progression de l’import"
    >
      <p className="import-progress-file">
        {step ?? 'Lecture de'} <strong>{files.join(', ')}</strong>
        {step === null ? '…' : ''}
      </p>
      <ProgressBar
        value={step === null ? share : null}
        label="Lecture du fichier"
        valueText={step ?? words}
      />
      <p className="import-progress-figures" aria-live="off">
        <span data-testid="import-progress-rows">
          {formatCount(rows, 'ligne lue', 'lignes lues')}
        </span>
        <span data-testid="import-progress-rate">
          {formatInteger(progress?.rowsPerSecond ?? 0)} lignes/s
        </span>
        <span>
          {formatMegabytes(progress?.bytesRead ?? 0)} sur{' '}
          {formatMegabytes(progress?.totalBytes ?? 0)} ({formatPercent(share, 0)})
        </span>
      </p>
      {onCancel && (
        <button type="button" className="button" data-testid="import-cancel" onClick={onCancel}>
          Annuler l’import
        </button>
      )}
    </section>
  );
}
