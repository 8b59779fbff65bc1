import type { ProgrammeImportReport } from '../../ingest/programme-csv.ts';
import {
  firstRejectionsTitle,
  ImportBalance,
  ImportWarningList,
  RejectionRows,
} from '../import-report-parts.tsx';

const TITLES = {
  territoires: 'Territoires adhérents',
  carnets: 'Carnets',
  travaux: 'Travaux',
} as const;

/** Rejections listed on screen (the report keeps the first 100). */
const SHOWN = 15;

/** One programme file's import report: counts that add up, warnings, first rejected lines. */
export function ProgrammeImportReportCard({
  report,
  fileName,
  testIdPrefix = 'programme-import-report',
}: {
  report: ProgrammeImportReport;
  fileName: string;
  /** Test id prefix, followed by the file kind (`territoires`, `carnets`, `travaux`). */
  testIdPrefix?: string;
}) {
  const shown = report.rejections.slice(0, SHOWN);
  return (
    <section
      className="programme-import-report"
      data-testid={`${testIdPrefix}-${report.file}`}
      data-rows-read={report.rows_read}
      data-accepted={report.accepted}
      data-rejected={report.rejected}
      aria-label={`Rapport d’import : ${TITLES[report.file]}`}
    >
      <h4>
        {TITLES[report.file]} <span className="muted">— {fileName}</span>
      </h4>
      <ImportBalance counts={report} />
      {report.warnings.length > 0 && (
        <ImportWarningList warnings={report.warnings} examples={4} label="Avertissements" />
      )}
      {shown.length > 0 && (
        <table
          className="programme-table compact"
          data-testid={`${testIdPrefix}-rejections-${report.file}`}
        >
          <caption>{firstRejectionsTitle(shown.length, report.rejected)}</caption>
          <RejectionRows rejections={shown} numericHead />
        </table>
      )}
    </section>
  );
}
