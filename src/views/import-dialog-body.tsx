import { ImportDropZone } from '../components/import-drop-zone.tsx';
import { IMPORT_KINDS, ImportKindSelect } from '../components/import-kind-select.tsx';
import { ImportProgressPanel } from '../components/import-progress-panel.tsx';
import { ImportReportPanel } from '../components/import-report-panel.tsx';
import { rejectedRowsCsv, rejectedRowsOf } from '../export/rejected-rows-csv.ts';
import type { CommuneLocator } from '../ingest/commune-locator.ts';
import type { ColumnMapping } from '../ingest/formats.ts';
import type { ImportKind } from '../ingest/import-protocol.ts';
import { ImportMapping } from './import-mapping.tsx';
import { downloadText } from './programme/download.ts';
import type { ImportPhase } from './use-import-job.ts';

const STEP_TEXT = {
  parsing: 'Lecture par DuckDB de',
  mapping: 'Vérification des lignes de',
  report: 'Rapport d’import de',
  loading: 'Chargement dans DuckDB de',
} as const;

/** Props of {@link ImportDialogBody}. */
interface ImportDialogBodyProps {
  phase: ImportPhase;
  kind: ImportKind;
  onKindChange: (kind: ImportKind) => void;
  /** Vintage of the commune reference (COG). */
  cogYear: number;
  locator?: CommuneLocator | undefined;
  /** Files chosen, to import as `kind`, with a confirmed column mapping. */
  onStart: (files: File[], mapping?: ColumnMapping) => void;
  onBack: () => void;
  onCancel: () => void;
}

/** The body of the import dialog for its phase: choice, mapping, progress, error or report. */
export function ImportDialogBody(props: ImportDialogBodyProps) {
  const { phase, kind } = props;
  const kindHint = IMPORT_KINDS.find((entry) => entry.kind === kind)?.hint ?? '';
  return (
    <div className="import-dialog-body">
      {phase.step === 'choose' && (
        <>
          <p className="muted">
            Les fichiers sont lus dans ce navigateur : ils ne quittent pas votre poste.
          </p>
          <ImportKindSelect value={kind} onChange={props.onKindChange} />
          <ImportDropZone
            multiple={kind === 'bdnb' || kind === 'auto'}
            hint={kindHint}
            onFiles={(files) => props.onStart(files)}
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
          {...(props.locator === undefined ? {} : { locator: props.locator })}
          onBack={props.onBack}
          onConfirm={(mapping) => props.onStart([phase.file], mapping)}
        />
      )}
      {(phase.step === 'reading' || phase.step === 'loading') && (
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
          onCancel={phase.step === 'loading' ? undefined : props.onCancel}
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
      {phase.step === 'done' && <ImportDone phase={phase} cogYear={props.cogYear} />}
    </div>
  );
}

/** The end of an import: whether the dataset was kept in this browser, and the report. */
function ImportDone({
  phase,
  cogYear,
}: {
  phase: Extract<ImportPhase, { step: 'done' }>;
  cogYear: number;
}) {
  const { result } = phase;
  return (
    <>
      {phase.kept && (
        <p
          className={phase.kept.ok ? 'muted' : 'import-error'}
          role="status"
          data-testid="import-kept"
          data-kept={phase.kept.ok}
        >
          {phase.kept.message}
        </p>
      )}
      <ImportReportPanel
        report={result.report}
        files={result.files}
        elapsedMs={result.elapsedMs}
        rowsPerSecond={result.rowsPerSecond}
        loaded={result.loaded}
        rejectedTruncated={result.rejectedRows.truncated}
        cogYear={cogYear}
        onDownloadRejected={() => {
          const rows = result.rejectedRows;
          downloadText(
            `lignes-rejetees-${phase.name}.csv`,
            rejectedRowsCsv(rejectedRowsOf(rows), { withFile: rows.files !== null }),
          );
        }}
      />
    </>
  );
}
