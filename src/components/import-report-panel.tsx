import type { InsertedDataset } from '../db/insert-arrow-dataset.ts';
import { formatCount, formatDecimal, formatInteger } from '../domain/format.ts';
import { DPE_LABELS } from '../domain/stock-schema.ts';
import type { ImportFormat, ImportReport } from '../ingest/import-report.ts';
import {
  firstRejectionsTitle,
  ImportBalance,
  ImportWarningList,
  RejectionRows,
} from './import-report-parts.tsx';

/** Props of {@link ImportReportPanel}. */
export interface ImportReportPanelProps {
  report: ImportReport;
  files: readonly string[];
  elapsedMs: number;
  rowsPerSecond: number;
  /** What was loaded into DuckDB; null when nothing was (no accepted row). */
  loaded: InsertedDataset | null;
  /** Whether some raw rejected lines were not kept (memory bound). */
  rejectedTruncated: boolean;
  /** Vintage of the commune reference (COG) used to find each row's EPCI. */
  cogYear: number;
  onDownloadRejected: () => void;
}

const FORMAT_LABELS: Record<ImportFormat, string> = {
  dpe: 'DPE ADEME',
  bdnb: 'BDNB',
  stock: 'Parc canonique (CSV)',
  mapped: 'Tableau à colonnes associées',
  geo: 'Contours GeoJSON / TopoJSON',
};

/** Rejections listed on screen; the report holds up to 100, the download all of them. */
const REJECTIONS_SHOWN = 20;

/** The import report: counts that add up, warnings, first rejections, and what was loaded. */
export function ImportReportPanel(props: ImportReportPanelProps) {
  const { report, files, elapsedMs, rowsPerSecond, loaded, rejectedTruncated } = props;
  const shown = report.rejections.slice(0, REJECTIONS_SHOWN);
  return (
    <section
      className="import-report"
      data-testid="import-report"
      data-format={report.format}
      data-rows-read={report.rows_read}
      data-accepted={report.accepted}
      data-rejected={report.rejected}
      data-label-inconsistent={report.label_inconsistent_count}
      aria-labelledby="import-report-title"
    >
      <h3 id="import-report-title">Rapport d’import</h3>
      <dl className="import-report-facts">
        <div>
          <dt>Format</dt>
          <dd data-testid="import-report-format">{FORMAT_LABELS[report.format]}</dd>
        </div>
        <div>
          <dt>{files.length > 1 ? 'Fichiers' : 'Fichier'}</dt>
          <dd className="import-report-files">{files.join(', ')}</dd>
        </div>
        <div>
          <dt>Durée de lecture</dt>
          <dd>
            {formatDecimal(elapsedMs / 1000, 1)} s
            {/* A few rows over DuckDB's start would read « 0 lignes/s »: no rate under two. */}
            {rowsPerSecond >= 2 ? ` (${formatInteger(rowsPerSecond)} lignes/s)` : ''}
          </dd>
        </div>
      </dl>
      <ImportBalance counts={report} testId="import-report-balance" />
      {report.accepted > 0 && (
        <p className="import-report-labels">
          {report.format === 'dpe' ? 'DPE' : 'Logements'} par étiquette :{' '}
          {DPE_LABELS.map((label) => (
            <span key={label} className={`label-chip label-chip-${label}`}>
              {label} {formatInteger(report.by_label[label])}
            </span>
          ))}
          {report.by_label.unknown > 0 && (
            <span className="label-chip">
              sans étiquette {formatInteger(report.by_label.unknown)}
            </span>
          )}
        </p>
      )}
      <p data-testid="import-label-inconsistent" data-value={report.label_inconsistent_count}>
        Étiquettes incohérentes avec leurs propres consommations ou émissions (gardées telles que
        publiées) : <strong>{formatInteger(report.label_inconsistent_count)}</strong>
      </p>
      <LoadedSummary loaded={loaded} cogYear={props.cogYear} />
      {report.warnings.length > 0 && (
        <section aria-label="Avertissements" data-testid="import-warnings">
          <h4>Avertissements</h4>
          <ImportWarningList warnings={report.warnings} examples={5} />
        </section>
      )}
      {report.rejected > 0 && (
        <section aria-label="Lignes rejetées" data-testid="import-rejections">
          <h4>{firstRejectionsTitle(shown.length, report.rejected)}</h4>
          <table className="import-rejections">
            <RejectionRows rejections={shown} />
          </table>
          <button
            type="button"
            className="button"
            data-testid="download-rejected"
            onClick={props.onDownloadRejected}
          >
            Télécharger les lignes rejetées (CSV)
          </button>
          {rejectedTruncated && (
            <p className="muted">
              Trop de lignes rejetées : le fichier téléchargé ne reprend pas le texte de toutes.
            </p>
          )}
        </section>
      )}
    </section>
  );
}

function LoadedSummary({ loaded, cogYear }: { loaded: InsertedDataset | null; cogYear: number }) {
  if (loaded === null) {
    return (
      <p className="inline-error" data-testid="import-nothing-loaded">
        Aucune ligne acceptée : rien n’a été chargé.
      </p>
    );
  }
  return (
    <p
      data-testid="import-loaded"
      data-outside-cog={loaded.outsideCogRows}
      data-remapped={loaded.remappedRows}
    >
      Chargé dans le tableau de bord : {formatCount(loaded.rows, 'ligne', 'lignes')},{' '}
      {formatCount(loaded.dwellings, 'logement', 'logements')}.{' '}
      {loaded.remappedRows > 0 && (
        <>
          {formatCount(loaded.remappedRows, 'ligne', 'lignes')} d’une commune fusionnée depuis
          rattachées à sa commune nouvelle d’après l’historique du COG {cogYear} (
          {loaded.remappedExamples.join(', ')}).{' '}
        </>
      )}
      {loaded.outsideCogRows > 0 ? (
        <span className="import-rejected">
          {formatCount(loaded.outsideCogRows, 'ligne', 'lignes')} (
          {formatCount(loaded.outsideCogDwellings, 'logement', 'logements')}) d’une commune absente
          du COG {cogYear}, gardées sans EPCI et donc absentes de la carte
          {loaded.outsideCogExamples.length > 0 && (
            <> (ex. : {loaded.outsideCogExamples.join(', ')})</>
          )}
          .
        </span>
      ) : (
        `Toutes les communes sont dans le COG ${cogYear}.`
      )}
      {loaded.withoutEpciRows > loaded.outsideCogRows && (
        <>
          {' '}
          {formatCount(loaded.withoutEpciRows - loaded.outsideCogRows, 'ligne', 'lignes')} d’une
          commune du COG sans EPCI : absentes de la carte.
        </>
      )}
    </p>
  );
}
