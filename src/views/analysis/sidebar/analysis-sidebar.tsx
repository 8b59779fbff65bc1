import { type JSX, useMemo } from 'react';
import { DatasetProvenanceNote } from '../../../components/dataset-provenance.tsx';
import { isModelledDataset, isObservedDataset } from '../../../db/dataset-kind.ts';
import type { DatasetInfo } from '../../../db/manifest.ts';
import type { TerritoryRef } from '../../../domain/territory.ts';
import { describeFilters, type FilterKey, hasActiveFilters } from '../../../sql/filters.ts';
import { modelSupportSql } from '../../../sql/model-support-sql.ts';
import { sidebarQueries } from '../../../sql/sidebar-sql.ts';
import type { AnalysisFilters } from '../../../state/analysis-url-state.ts';
import { toStockFilters } from '../../../state/analysis-url-state.ts';
import { TerritoryDpeFetch } from '../../territory-dpe-fetch.tsx';
import { ComparisonTable } from './comparison-table.tsx';
import { DimensionChart } from './dimension-chart.tsx';
import { resetFilters } from './filter-selection.ts';
import { IndicatorList } from './indicator-list.tsx';
import { useStockColumns } from './use-stock-columns.ts';
import './sidebar.css';

/** Props of {@link AnalysisSidebar}. */
export interface AnalysisSidebarProps {
  dataset: DatasetInfo;
  filters: AnalysisFilters;
  onFiltersChange: (filters: AnalysisFilters) => void;
  /** Selected territory; null for the whole of France. */
  selection: TerritoryRef | null;
  /** French name of the selected territory. */
  selectionName: string | null;
}

/** Charts in panel order: the DPE labels first, as the question is mostly about them. */
const CHART_ORDER: readonly FilterKey[] = [
  'labels',
  'periods',
  'energies',
  'housingTypes',
  'tenures',
  'surfaceBands',
];

/**
 * Side panel of the territory analysis: the active filters, the indicators of the selection (or
 * France) under those filters, one clickable, cross-filtered chart per filter dimension, and the
 * comparison with the containing and similar territories. Sections run their queries in that
 * order, the comparison (the heaviest) last.
 */
export function AnalysisSidebar(props: AnalysisSidebarProps): JSX.Element {
  const { dataset, filters, onFiltersChange, selection, selectionName } = props;
  const observed = isObservedDataset(dataset);
  // Observed DPE records are not the stock: say what is counted.
  const units = observed ? 'DPE' : 'logements';
  const scopeName = selection === null ? 'France entière' : (selectionName ?? selection.code);
  const { columns, failed: columnsFailed } = useStockColumns();
  const stockFilters = useMemo(() => toStockFilters(filters, dataset.id), [filters, dataset.id]);
  // Until the columns are known, the canonical ones give every chart its query at once.
  const queries = useMemo(
    () => sidebarQueries({ filters: stockFilters, selection, columns: columns ?? [] }),
    [stockFilters, selection, columns],
  );
  const active = hasActiveFilters(filters);
  const method = isModelledDataset(dataset) ? (dataset.method ?? null) : null;
  const supportSql = useMemo(
    () =>
      method === null
        ? null
        : modelSupportSql({ dataset: dataset.id, scope: selection ?? 'france' }),
    [method, dataset.id, selection],
  );

  return (
    <aside
      className="analysis-sidebar"
      aria-labelledby="analysis-sidebar-title"
      data-testid="analysis-sidebar"
    >
      <header className="analysis-sidebar-header">
        <h2 id="analysis-sidebar-title" data-testid="sidebar-scope">
          {scopeName}
        </h2>
        <p className="muted">Jeu de données : {dataset.name}</p>
        <DatasetProvenanceNote dataset={dataset} />
        <TerritoryDpeFetch
          key={selection === null ? 'france' : `${selection.level}-${selection.code}`}
          selection={selection}
          name={selectionName}
        />
      </header>

      <section className="sidebar-filters" aria-label="Filtres actifs">
        <p data-testid="filter-summary">
          <strong>Filtres :</strong> {describeFilters(filters)}
        </p>
        <button
          type="button"
          className="secondary-button"
          onClick={() => onFiltersChange(resetFilters())}
          disabled={!active}
          data-testid="reset-filters"
        >
          Réinitialiser les filtres
        </button>
      </section>

      <section className="sidebar-section" aria-labelledby="sidebar-indicators-title">
        <h3 id="sidebar-indicators-title">Indicateurs</h3>
        <p className="muted sidebar-note">
          Pondérés par le nombre de logements{active ? ', filtres appliqués' : ''}.
        </p>
        {columnsFailed && (
          <p className="inline-error">
            Colonnes du parc illisibles : consommations par usage non affichées.
          </p>
        )}
        <IndicatorList
          sql={columns === null ? null : queries.indicators}
          columns={columns ?? []}
          observed={observed}
          method={method}
          supportSql={supportSql}
        />
      </section>

      <section className="sidebar-section" aria-labelledby="sidebar-charts-title">
        <h3 id="sidebar-charts-title">Répartitions (cliquer pour filtrer)</h3>
        <p className="muted sidebar-note">
          Chaque graphique tient compte des autres filtres, pas du sien.
        </p>
        {CHART_ORDER.map((dimension) => (
          <DimensionChart
            key={dimension}
            dimension={dimension}
            sql={queries.distributions[dimension]}
            filters={filters}
            onFiltersChange={onFiltersChange}
            units={units}
          />
        ))}
      </section>
      <section className="sidebar-section" aria-labelledby="sidebar-comparison-title">
        <h3 id="sidebar-comparison-title">Comparaison</h3>
        {selection === null ? (
          <p className="muted sidebar-note">
            Sélectionnez un territoire pour le comparer à son département, sa région, la France et
            aux territoires similaires.
          </p>
        ) : columns === null || queries.comparison === null ? (
          <p className="muted">Calcul en cours…</p>
        ) : (
          <ComparisonTable
            territory={selection}
            territoryName={scopeName}
            sql={queries.comparison}
            filters={stockFilters}
            columns={columns}
            observed={observed}
          />
        )}
      </section>
    </aside>
  );
}
