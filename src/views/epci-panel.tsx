import { useCallback, useMemo } from 'react';
import { completeLabelDistribution } from '../charts/label-distribution.ts';
import { labelDistributionPlot } from '../charts/label-distribution-plot.ts';
import { DatasetProvenanceNote } from '../components/dataset-provenance.tsx';
import { ObservedCaveat } from '../components/observed-caveat.tsx';
import { PlotFigure } from '../components/plot-figure.tsx';
import { SyntheticBadge } from '../components/synthetic-badge.tsx';
import { isObservedDataset } from '../db/dataset-kind.ts';
import type { DatasetInfo } from '../db/manifest.ts';
import { formatInteger, formatPercent } from '../domain/format.ts';
import { getIndicator } from '../domain/indicators.ts';
import type { EpciProperties } from '../domain/territory.ts';
import type { EpciAggregateRow } from '../sql/epci-aggregates-sql.ts';
import { type LabelDistributionRow, labelDistributionSql } from '../sql/label-distribution-sql.ts';
import { epciTypeLabel } from './epci-type-label.ts';
import { ObservedVsModelled } from './observed-vs-modelled.tsx';
import { useQuery } from './use-query.ts';

/** Props of {@link EpciPanel}. */
export interface EpciPanelProps {
  epci: EpciProperties;
  /** The EPCI's aggregates, or undefined when the dataset has no dwelling there. */
  aggregates: EpciAggregateRow | undefined;
  dataset: DatasetInfo;
  /** Every dataset shown, for the observed-versus-modelled comparison. */
  datasets: readonly DatasetInfo[];
  onClose: () => void;
}

const CHART_WIDTH = 330;

/** Side panel of one EPCI: identity, key figures and the A–G label distribution. */
export function EpciPanel({ epci, aggregates, dataset, datasets, onClose }: EpciPanelProps) {
  const observed = isObservedDataset(dataset);
  // An observed DPE record is one dwelling, but the records are not the stock: say what is counted.
  const units = observed ? 'DPE' : 'logements';
  const distribution = useQuery<LabelDistributionRow>(
    labelDistributionSql({ dataset: dataset.id, codeEpci: epci.code }),
  );
  const completed = useMemo(
    () => (distribution.status === 'ready' ? completeLabelDistribution(distribution.rows) : null),
    [distribution],
  );
  const renderChart = useCallback(
    () => labelDistributionPlot(completed?.counts ?? [], { width: CHART_WIDTH }),
    [completed],
  );

  return (
    <aside className="epci-panel" data-testid="epci-panel" aria-labelledby="epci-panel-name">
      <header className="epci-panel-header">
        <div>
          <p className="epci-panel-type">{epciTypeLabel(epci.type)}</p>
          <h2 id="epci-panel-name" data-testid="panel-name" data-value={epci.nom}>
            {epci.nom}
          </h2>
          <p className="epci-panel-siren">
            SIREN{' '}
            <span data-testid="panel-siren" data-value={epci.code}>
              {epci.code}
            </span>
          </p>
        </div>
        <button
          type="button"
          className="close-button"
          onClick={onClose}
          aria-label="Fermer le panneau"
        >
          ×
        </button>
      </header>
      {dataset.synthetic && <SyntheticBadge caption={dataset.caption} />}
      {observed && <ObservedCaveat />}
      {aggregates === undefined ? (
        <p className="epci-panel-empty">Aucun logement de ce jeu de données dans cet EPCI.</p>
      ) : (
        <>
          <dl className="key-figures">
            <div>
              <dt>{observed ? 'DPE observés' : 'Logements'}</dt>
              <dd data-testid="panel-dwellings" data-value={aggregates.dwellings}>
                {formatInteger(aggregates.dwellings)}
              </dd>
            </div>
            <div>
              <dt>Passoires F/G</dt>
              <dd data-testid="panel-fg-count" data-value={aggregates.fg_count}>
                {formatInteger(aggregates.fg_count)}
              </dd>
              <dd
                className="key-figure-note"
                data-testid="panel-fg-share"
                data-value={aggregates.fg_share ?? ''}
              >
                {formatPercent(aggregates.fg_share, 1)} des {units} étiquetés
              </dd>
            </div>
            <div>
              <dt>Consommation moyenne en énergie primaire</dt>
              <dd data-testid="panel-mean-ep" data-value={aggregates.mean_ep ?? ''}>
                {getIndicator('mean_ep').format(aggregates.mean_ep)}
              </dd>
            </div>
            <div>
              <dt>Consommation totale en énergie finale</dt>
              <dd data-testid="panel-total-ef" data-value={aggregates.total_ef_gwh ?? ''}>
                {getIndicator('total_ef_gwh').format(aggregates.total_ef_gwh)}
              </dd>
            </div>
          </dl>
          <section className="epci-panel-chart" aria-label="Répartition par étiquette DPE">
            <h3>Répartition des {units} par étiquette DPE</h3>
            {distribution.status === 'error' && (
              <p className="inline-error">La répartition n’a pas pu être calculée.</p>
            )}
            {distribution.status === 'pending' && <p className="muted">Calcul en cours…</p>}
            {completed && (
              <>
                <PlotFigure render={renderChart} className="plot" testId="label-chart" />
                {completed.unlabelled > 0 && (
                  <p className="muted">
                    Sans étiquette : {formatInteger(completed.unlabelled)} {units} (hors
                    pourcentages).
                  </p>
                )}
              </>
            )}
          </section>
        </>
      )}
      <ObservedVsModelled codeEpci={epci.code} datasets={datasets} />
      <footer className="epci-panel-source">
        Source : {dataset.name}
        {dataset.caption && <span className="muted"> — {dataset.caption}</span>}
        <DatasetProvenanceNote dataset={dataset} />
      </footer>
    </aside>
  );
}
