import { ObservedCaveat } from '../components/observed-caveat.tsx';
import { datasetKindLabel, isModelledDataset, isObservedDataset } from '../db/dataset-kind.ts';
import type { DatasetInfo } from '../db/manifest.ts';
import { formatCount, formatGapPoints, formatInteger, formatPercent } from '../domain/format.ts';
import { type FgShareByDatasetRow, fgShareByDatasetSql } from '../sql/fg-share-by-dataset-sql.ts';
import { useQuery } from './use-query.ts';

/** Props of {@link ObservedVsModelled}. */
export interface ObservedVsModelledProps {
  /** SIREN of the EPCI. */
  codeEpci: string;
  /** Observed DPE and BDNB datasets, then modelled ones; nothing shows unless both exist. */
  datasets: readonly DatasetInfo[];
}

/** Whether a dataset holds measured or building-level data (DPE observed, BDNB). */
function isMeasured(dataset: DatasetInfo): boolean {
  return isObservedDataset(dataset) || dataset.kind === 'buildings';
}

/**
 * The datasets to compare: observed DPE and BDNB first, then modelled; empty unless there is one
 * of each side.
 */
export function comparedDatasets(datasets: readonly DatasetInfo[]): DatasetInfo[] {
  const observed = datasets.filter(isMeasured);
  const modelled = datasets.filter(isModelledDataset);
  return observed.length > 0 && modelled.length > 0 ? [...observed, ...modelled] : [];
}

function baseOf(dataset: DatasetInfo, row: FgShareByDatasetRow): string {
  if (isObservedDataset(dataset)) return `sur ${formatInteger(row.labelled_records)} DPE`;
  return `sur ${formatCount(row.labelled_dwellings, 'logement', 'logements')} (${formatCount(row.labelled_records, 'ligne', 'lignes')})`;
}

/**
 * F/G share of one EPCI among observed DPE records next to the modelled stock's, each with the
 * records or dwellings behind it. Observed figures carry ADEME's caveat.
 */
export function ObservedVsModelled({ codeEpci, datasets }: ObservedVsModelledProps) {
  const compared = comparedDatasets(datasets);
  const query = useQuery<FgShareByDatasetRow>(
    compared.length > 0
      ? fgShareByDatasetSql({ datasets: compared.map((dataset) => dataset.id), codeEpci })
      : null,
  );
  if (compared.length === 0) return null;
  const rows = new Map(
    query.status === 'ready' ? query.rows.map((row) => [row.dataset, row] as const) : [],
  );
  const model = compared.find(isModelledDataset);
  const modelShare = model === undefined ? null : (rows.get(model.id)?.fg_share ?? null);

  return (
    <section
      className="observed-vs-modelled"
      data-testid="observed-vs-modelled"
      aria-labelledby="observed-vs-modelled-title"
    >
      <h3 id="observed-vs-modelled-title">Passoires F/G : données observées et parc modélisé</h3>
      {query.status === 'error' && (
        <p className="inline-error">La comparaison n’a pas pu être calculée.</p>
      )}
      {query.status === 'pending' && <p className="muted">Calcul en cours…</p>}
      {query.status === 'ready' && (
        <table className="ovm-table">
          <thead>
            <tr>
              <th scope="col">Jeu de données</th>
              <th scope="col" className="numeric">
                Part F/G
              </th>
              <th scope="col" className="numeric">
                Écart au modèle
              </th>
            </tr>
          </thead>
          <tbody>
            {compared.map((dataset) => {
              const row = rows.get(dataset.id);
              return (
                <tr
                  key={dataset.id}
                  data-testid="ovm-row"
                  data-dataset={dataset.id}
                  data-kind={dataset.kind}
                  data-fg-share={row?.fg_share ?? ''}
                  data-records={row?.labelled_records ?? 0}
                  data-dwellings={row?.labelled_dwellings ?? 0}
                >
                  <th scope="row">
                    <span className="ovm-name">{dataset.name}</span>
                    <span className="ovm-kind">
                      {datasetKindLabel(dataset)}
                      {dataset.synthetic && ' (synthétique)'}
                    </span>
                  </th>
                  <td className="numeric">
                    {row === undefined ? (
                      <span className="muted">Aucune donnée dans cet EPCI</span>
                    ) : (
                      <>
                        <span className="ovm-share">{formatPercent(row.fg_share, 1)}</span>
                        <span className="ovm-base">{baseOf(dataset, row)}</span>
                      </>
                    )}
                  </td>
                  <td className="numeric" data-testid="ovm-gap">
                    {isModelledDataset(dataset) ? (
                      <span className="muted">référence</span>
                    ) : (
                      formatGapPoints(row?.fg_share ?? null, modelShare)
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ObservedCaveat compact />
    </section>
  );
}
