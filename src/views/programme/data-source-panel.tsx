import { ProgrammeImportReportCard } from '../../components/programme/programme-import-report.tsx';
import { formatCount, formatInteger } from '../../domain/format.ts';
import { type DatasetProvenance, describeProvenance } from '../../domain/provenance.ts';
import type { LoadedProgramme } from './programme-import-dialog.tsx';

/** The three files of the programme, in the order they are read. */
const PROGRAMME_FILES = ['territories', 'carnets', 'works'] as const;

/** Where the programme data comes from, with the read reports of its three files. */
export function DataSourcePanel({
  loaded,
  demo,
  stockName,
  stockProvenance,
  fgError,
}: {
  loaded: LoadedProgramme;
  demo: boolean;
  stockName: string;
  /** Where the stock comes from when it was fetched (printed in the annual report). */
  stockProvenance: DatasetProvenance | null;
  fgError: boolean;
}) {
  const { reports } = loaded.result;
  const files = PROGRAMME_FILES.map((kind) => loaded.names[kind]).join(', ');
  return (
    <section
      className="programme-source"
      aria-label="Données du programme"
      data-testid="programme-source"
    >
      <p>
        {loaded.origin === 'demo' ? (
          <>
            <strong>Données de démonstration</strong> : territoires, carnets et travaux fictifs
            (EPCI réels, adhésions inventées), lus par le même import que vos fichiers ({files}).
          </>
        ) : (
          <>
            <strong>Données importées</strong> : {files}.
            {demo && (
              <>
                {' '}
                Ces fichiers contiennent des lignes marquées « démonstration » :{' '}
                <strong>Données de démonstration</strong> (fictives).
              </>
            )}
          </>
        )}{' '}
        {formatInteger(reports.territories.accepted)} territoires,{' '}
        {formatInteger(reports.carnets.accepted)} carnets et {formatInteger(reports.works.accepted)}{' '}
        travaux acceptés
        {reports.territories.rejected + reports.carnets.rejected + reports.works.rejected > 0 &&
          `, ${formatCount(reports.territories.rejected + reports.carnets.rejected + reports.works.rejected, 'ligne rejetée', 'lignes rejetées')}`}
        . Logements F/G pour la pénétration : parc « {stockName} »
        {fgError && ' (indisponible : requête en échec)'}.
        {stockProvenance !== null && ` ${describeProvenance(stockProvenance)}`}
      </p>
      <details className="no-print">
        <summary>Rapport de lecture des trois fichiers</summary>
        <div className="programme-source-reports">
          {PROGRAMME_FILES.map((kind) => (
            <ProgrammeImportReportCard
              key={kind}
              report={reports[kind]}
              fileName={loaded.names[kind]}
              testIdPrefix="programme-source-report"
            />
          ))}
        </div>
      </details>
    </section>
  );
}
