import { useCallback, useEffect, useMemo, useState } from 'react';
import { ErrorScreen } from '../../components/error-screen.tsx';
import { LoadingStatus } from '../../components/loading-status.tsx';
import type { DatasetInfo } from '../../db/manifest.ts';
import { indicatorHeading } from '../../domain/indicators.ts';
import type { TerritoryRef } from '../../domain/territory.ts';
import type { AnalysisState } from '../../state/analysis-url-state.ts';
import type { HistoryMode } from '../../state/use-analysis-state.ts';
import type { TerritoryAssets } from '../use-territory-assets.ts';
import { AnalysisStage } from './analysis-stage.tsx';
import { AnalysisToolbar } from './analysis-toolbar.tsx';
import { AnalysisSidebar } from './sidebar/analysis-sidebar.tsx';
import './analysis.css';
import { type TerritoryHierarchy, territoryPath } from '../../domain/territory-hierarchy.ts';
import { CommuneContoursNote } from './commune-contours-note.tsx';
import { DwellingPoints } from './dwelling-points.tsx';
import { EpciDetails } from './epci-details.tsx';
import { useAnalysisData } from './use-analysis-data.ts';
import { useAnalysisLayers } from './use-analysis-layers.ts';
import { useTerritoryHierarchy } from './use-territory-hierarchy.ts';

/** Props of {@link AnalysisView}. */
export interface AnalysisViewProps {
  assets: TerritoryAssets;
  dataset: DatasetInfo;
  datasets: readonly DatasetInfo[];
  state: AnalysisState;
  update: (patch: Partial<AnalysisState>, mode?: HistoryMode) => void;
}

/** The territory analysis once the territory reference is read. */
export function AnalysisView(props: AnalysisViewProps) {
  const hierarchy = useTerritoryHierarchy(props.assets);
  if (hierarchy.status === 'error') return <ErrorScreen error={hierarchy.error} />;
  if (hierarchy.status === 'loading') return <LoadingStatus message="Lecture des territoires…" />;
  return <AnalysisScreen {...props} hierarchy={hierarchy.hierarchy} />;
}

/** Échap leaves the selection (but not while typing in a field). */
function useEscapeLeaves(selection: TerritoryRef | null, select: (ref: null) => void) {
  useEffect(() => {
    if (selection === null) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !(event.target instanceof HTMLInputElement)) select(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selection, select]);
}

function AnalysisScreen(props: AnalysisViewProps & { hierarchy: TerritoryHierarchy }) {
  const { assets, dataset, datasets, state, update, hierarchy } = props;
  const { level, selection, filters } = state;
  // Targeting mode (issue 6): component state, like its weights.
  const [targeting, setTargeting] = useState(false);
  const select = useCallback(
    (ref: TerritoryRef | null) => update({ selection: ref, map: null }),
    [update],
  );
  useEscapeLeaves(selection, select);
  const data = useAnalysisData(assets, dataset, state, hierarchy);
  const map = useAnalysisLayers(assets, dataset, state, data, select);
  const { indicator, observed, contours, rowsState, ready } = data;

  const path = useMemo(
    () => (selection === null ? [] : territoryPath(hierarchy, selection)),
    [hierarchy, selection],
  );
  const selectedEpci =
    selection?.level === 'epci'
      ? assets.epci.features.find((feature) => feature.properties.code === selection.code)
          ?.properties
      : undefined;

  return (
    <div className="analysis-view">
      <div className="analysis-main">
        <AnalysisToolbar
          state={state}
          update={update}
          path={path}
          targeting={targeting}
          onTargeting={setTargeting}
        />
        <p className="indicator-definition" data-testid="metric-definition">
          <strong>{indicatorHeading(indicator)}</strong> : {indicator.definition}
          {observed ? ' DPE observés : non représentatifs du parc.' : ''}
        </p>
        <CommuneContoursNote
          contours={contours}
          hierarchy={hierarchy}
          parent={data.parent}
          onChooseDepartement={(code) =>
            update({ level: 'commune', selection: { level: 'departement', code }, map: null })
          }
        />
        {level === 'commune' && contours.status !== 'choose-parent' && (
          <DwellingPoints status={map.points} selection={selection} />
        )}
        <AnalysisStage
          screen={{ assets, dataset, hierarchy, state, update, select, data, map }}
          targeting={targeting}
        />
        {(map.drawn || (state.table && ready)) && (
          <span
            data-testid="app-ready"
            data-dataset={dataset.id}
            data-level={level}
            data-key={data.shown?.key ?? ''}
            data-rows={rowsState.status === 'ready' ? 'current' : 'stale'}
            className="visually-hidden"
          />
        )}
      </div>
      <div className="analysis-side">
        <AnalysisSidebar
          dataset={dataset}
          filters={filters}
          onFiltersChange={(next) => update({ filters: next })}
          selection={selection}
          selectionName={path.at(-1)?.name ?? null}
        />
        {selection?.level === 'epci' && selectedEpci && (
          <EpciDetails
            epci={selectedEpci}
            dataset={dataset}
            datasets={datasets}
            onClose={() => select(null)}
          />
        )}
      </div>
    </div>
  );
}
