import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { ErrorScreen } from '../../components/error-screen.tsx';
import { LoadingStatus } from '../../components/loading-status.tsx';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import type { Manifest } from '../../db/manifest.ts';
import { loadVintageReport } from '../../db/vintage-report-asset.ts';
import type { VintageReport } from '../../domain/vintage-report.ts';
import { VintageReportContent } from './vintage-report-content.tsx';
import './vintage-report.css';

type ReportState =
  | { status: 'idle' | 'loading' }
  | { status: 'ready'; report: VintageReport }
  | { status: 'error'; error: unknown };

/**
 * « Millésimes des données » in the header: the COG and contour vintages at a glance, and a
 * dialog with the whole vintage report, fetched the first time it is opened.
 */
export function VintageReportEntry({ manifest }: { manifest: Manifest }) {
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<ReportState>({ status: 'idle' });
  const file = manifest.vintageReport;

  useEffect(() => {
    if (!open || file === null || state.status !== 'idle') return;
    setState({ status: 'loading' });
    loadVintageReport(file).then(
      (report) => setState({ status: 'ready', report }),
      (error: unknown) => setState({ status: 'error', error }),
    );
  }, [open, file, state.status]);

  const close = () => {
    setOpen(false);
    // A report that could not be read is fetched again at the next opening.
    if (state.status === 'error') setState({ status: 'idle' });
  };
  return (
    <>
      <button
        type="button"
        className="link-button vintage-report-button"
        data-testid="vintage-report-button"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        Millésimes des données : COG {manifest.cogYear}, contours {manifest.contoursYear}
      </button>
      {/* In the body: the button sits in a paragraph, which may not hold a dialog. */}
      {createPortal(
        <ModalDialog
          open={open}
          onClose={close}
          className="vintage-dialog"
          testId="vintage-report-dialog"
          titleId="vintage-dialog-title"
          title="Millésimes des données"
          headerClassName="vintage-dialog-header"
        >
          <div className="vintage-dialog-body">
            {file === null && (
              <p role="alert">
                Le rapport de millésime manque aux données construites : reconstruisez-les{' ('}
                <code>npm run data:demo</code> ou <code>npm run data:build</code>) puis rechargez la
                page.
              </p>
            )}
            {state.status === 'loading' && <LoadingStatus message="Lecture du rapport…" />}
            {state.status === 'error' && <ErrorScreen error={state.error} />}
            {state.status === 'ready' && <VintageReportContent report={state.report} />}
          </div>
        </ModalDialog>,
        document.body,
      )}
    </>
  );
}
