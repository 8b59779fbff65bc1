import { TableHead } from '../../components/table-head.tsx';
import { formatBytes, formatInteger } from '../../domain/format.ts';
import type { VintageReport } from '../../domain/vintage-report.ts';
import { contourLists, MismatchLists, olderVintageLists } from './vintage-report-lists.tsx';

/** The vintage report, section by section: figures, then every list of mismatches. */
export function VintageReportContent({ report }: { report: VintageReport }) {
  const { cog_year: cog, contours_year: contours, communes } = report;
  const files = communes.departements;
  return (
    <div className="vintage-report" data-testid="vintage-report">
      <p>
        Découpage territorial : <strong>COG {cog}</strong> (INSEE, DGCL). Contours des communes et
        des EPCI : <strong>{contours}</strong> (IGN ADMIN EXPRESS COG CARTO). Chaque écart entre ces
        millésimes, et avec les codes plus anciens que portent certaines données, est listé
        ci-dessous ; aucun n’est masqué.
      </p>
      <dl className="vintage-figures">
        <dt>Communes</dt>
        <dd data-testid="vintage-communes">
          {formatInteger(communes.cog_count)} au COG {cog}, {formatInteger(communes.contour_count)}{' '}
          contours {contours} en {formatInteger(files.length)} fichiers départementaux
        </dd>
        <dt>Anciens codes</dt>
        <dd>
          {formatInteger(report.successors.count)} codes de communes fusionnées rattachés à leur
          commune actuelle (table <code>{report.successors.table}</code>)
        </dd>
        <dt>Laissés de côté</dt>
        <dd>
          {formatInteger(communes.skipped.arrondissements)} contours d’arrondissements (Paris, Lyon,
          Marseille : comptés avec leur commune),{' '}
          {formatInteger(communes.skipped.outside_metropole)} hors métropole
        </dd>
      </dl>
      <h3>
        Contours {contours} et COG {cog}
      </h3>
      <MismatchLists lists={contourLists(report)} />
      {report.older_vintages.map((older) => (
        <section key={older.cog_year}>
          <h3>
            COG {older.cog_year} → COG {cog}
          </h3>
          <p className="small muted">
            {formatInteger(older.commune_count)} communes dans <code>{older.source}</code>.
          </p>
          <MismatchLists lists={olderVintageLists(report, older)} />
        </section>
      ))}
      {report.older_vintages.length === 0 && (
        <p className="small muted" data-testid="vintage-no-older">
          Aucun millésime antérieur comparé : la composition du COG 2023 manquait à la construction.
        </p>
      )}
      <details className="vintage-files">
        <summary>Fichiers des communes par département ({formatInteger(files.length)})</summary>
        <table>
          <TableHead labels={['Département', 'Communes au COG', 'Contours', 'Taille']} text={4} />
          <tbody>
            {files.map((file) => (
              <tr
                key={file.code_departement}
                className={file.cog_count === file.contour_count ? undefined : 'vintage-gap'}
              >
                <td>{file.code_departement}</td>
                <td>{formatInteger(file.cog_count)}</td>
                <td>{formatInteger(file.contour_count)}</td>
                <td>{formatBytes(file.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
