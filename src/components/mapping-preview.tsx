import type { MappingPreview } from '../db/browser-import.ts';
import { formatDecimal, formatInteger, formatRowAccount } from '../domain/format.ts';
import { CONSTRUCTION_PERIODS, HEATING_ENERGIES, HOUSING_TYPES } from '../domain/stock-schema.ts';

/** Props of {@link MappingPreviewPanel}. */
export interface MappingPreviewPanelProps {
  preview: MappingPreview | null;
  /** French message when the preview failed, else null. */
  error: string | null;
  pending: boolean;
}

function nameOf(names: Readonly<Record<string, string>>, value: unknown): string {
  return typeof value === 'string' ? (names[value] ?? value) : '';
}

function number(value: unknown, digits: number): string {
  return typeof value === 'number' ? formatDecimal(value, digits) : '';
}

/** The first rows as they would be imported with the mapping, and the first rejected ones. */
export function MappingPreviewPanel({ preview, error, pending }: MappingPreviewPanelProps) {
  if (error !== null) {
    return (
      <p className="import-error" role="alert" data-testid="mapping-preview-error">
        {error}
      </p>
    );
  }
  if (preview === null) return <p className="muted">{pending ? 'Aperçu en cours…' : ''}</p>;
  const { report } = preview;
  return (
    <section className="mapping-preview" data-testid="mapping-preview" aria-busy={pending}>
      <h4>
        Aperçu {preview.wholeFile ? 'du fichier' : 'du début du fichier'} :{' '}
        <span data-testid="mapping-preview-counts">
          {formatRowAccount(report.rows_read, report.accepted, report.rejected)}
        </span>
      </h4>
      {preview.rows.length > 0 && (
        <table className="mapping-preview-rows">
          <thead>
            <tr>
              <th scope="col">Commune</th>
              <th scope="col">Étiquette</th>
              <th scope="col">Surface (m²)</th>
              <th scope="col">Période</th>
              <th scope="col">Chauffage</th>
              <th scope="col">Logement</th>
              <th scope="col">Longitude, latitude</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, k) => (
              // Preview rows have no identity of their own.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <tr key={k}>
                <td>{String(row.code_commune ?? '')}</td>
                <td>{String(row.dpe_label ?? '')}</td>
                <td>{number(row.surface_m2, 1)}</td>
                <td>{nameOf(CONSTRUCTION_PERIODS, row.construction_period)}</td>
                <td>{nameOf(HEATING_ENERGIES, row.heating_energy)}</td>
                <td>{nameOf(HOUSING_TYPES, row.housing_type)}</td>
                <td>
                  {typeof row.lon === 'number'
                    ? `${number(row.lon, 4)} ; ${number(row.lat, 4)}`
                    : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview.rejected.length > 0 && (
        <ul className="mapping-preview-rejected" data-testid="mapping-preview-rejected">
          {preview.rejected.map((row) => (
            <li key={row.line}>
              Ligne {formatInteger(row.line)} : {row.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
