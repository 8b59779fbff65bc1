/**
 * The parts every import report shows, whatever was imported (a stock file, a programme file):
 * the balance of rows, the warnings, the first rejected lines.
 */
import { formatCount, formatInteger } from '../domain/format.ts';
import type { ImportRejection, ImportWarning } from '../ingest/import-report.ts';

/** « N lignes lues = A acceptées + R rejetées ». */
export function ImportBalance({
  counts,
  testId,
}: {
  counts: { rows_read: number; accepted: number; rejected: number };
  testId?: string;
}) {
  return (
    <p className="import-report-balance" data-testid={testId}>
      <strong>{formatCount(counts.rows_read, 'ligne lue', 'lignes lues')}</strong> ={' '}
      <span className="import-accepted">
        {formatCount(counts.accepted, 'acceptée', 'acceptées')}
      </span>{' '}
      +{' '}
      <span className={counts.rejected > 0 ? 'import-rejected' : undefined}>
        {formatCount(counts.rejected, 'rejetée', 'rejetées')}
      </span>
    </p>
  );
}

/** The warnings, each with its count and its first `examples` example values. */
export function ImportWarningList({
  warnings,
  examples,
  label,
}: {
  warnings: readonly ImportWarning[];
  examples: number;
  /** Accessible name, when no heading names the list. */
  label?: string;
}) {
  return (
    <ul className="import-warnings" aria-label={label}>
      {warnings.map((warning) => (
        <li key={warning.code} data-code={warning.code}>
          {warning.message} <span className="muted">({formatInteger(warning.count)})</span>
          {warning.examples && warning.examples.length > 0 && (
            <span className="muted"> — ex. : {warning.examples.slice(0, examples).join(', ')}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** « Premières lignes rejetées (S sur R) », the title of the rejections shown. */
export function firstRejectionsTitle(shown: number, rejected: number): string {
  return `Premières lignes rejetées (${formatInteger(shown)} sur ${formatInteger(rejected)})`;
}

/** Head and rows of a table of rejections: line (with its file when there are several), reason. */
export function RejectionRows({
  rejections,
  numericHead = false,
}: {
  rejections: readonly ImportRejection[];
  numericHead?: boolean;
}) {
  return (
    <>
      <thead>
        <tr>
          <th scope="col" className={numericHead ? 'numeric' : undefined}>
            Ligne
          </th>
          <th scope="col">Motif</th>
        </tr>
      </thead>
      <tbody>
        {rejections.map((rejection) => (
          <tr key={`${rejection.file ?? ''}:${rejection.line}`}>
            <td className="numeric">
              {rejection.file ? `${rejection.file} : ` : ''}
              {formatInteger(rejection.line)}
            </td>
            <td>{rejection.reason}</td>
          </tr>
        ))}
      </tbody>
    </>
  );
}
