import { formatCount, formatInteger } from '../../domain/format.ts';
import type { ProgrammeImportReport } from '../../ingest/programme-csv.ts';

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
      <p className="import-report-balance">
        <strong>{formatCount(report.rows_read, 'ligne lue', 'lignes lues')}</strong> ={' '}
        <span className="import-accepted">
          {formatCount(report.accepted, 'acceptée', 'acceptées')}
        </span>{' '}
        +{' '}
        <span className={report.rejected > 0 ? 'import-rejected' : undefined}>
          {formatCount(report.rejected, 'rejetée', 'rejetées')}
        </span>
      </p>
      {report.warnings.length > 0 && (
        <ul className="import-warnings" aria-label="Avertissements">
          {report.warnings.map((warning) => (
            <li key={warning.code} data-code={warning.code}>
              {warning.message} <span className="muted">({formatInteger(warning.count)})</span>
              {warning.examples && warning.examples.length > 0 && (
                <span className="muted"> — ex. : {warning.examples.slice(0, 4).join(', ')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {shown.length > 0 && (
        <table
          className="programme-table compact"
          data-testid={`${testIdPrefix}-rejections-${report.file}`}
        >
          <caption>
            Premières lignes rejetées ({formatInteger(shown.length)} sur{' '}
            {formatInteger(report.rejected)})
          </caption>
          <thead>
            <tr>
              <th scope="col" className="numeric">
                Ligne
              </th>
              <th scope="col">Motif</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((rejection) => (
              <tr key={rejection.line}>
                <td className="numeric">{formatInteger(rejection.line)}</td>
                <td>{rejection.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
