import { LoadingStatus } from '../../components/loading-status.tsx';
import { territoryPath } from '../../domain/territory-hierarchy.ts';
import { TargetingView } from '../targeting/targeting-view.tsx';
import { AnalysisMap } from './analysis-map.tsx';
import { METRIC_IDS } from './analysis-toolbar.tsx';
import { TerritoryTable } from './territory-table.tsx';
import type { AnalysisScreenParts } from './use-analysis-layers.ts';

/** The stage of the analysis screen: the map, with the table or the targeting over it. */
export function AnalysisStage({
  screen,
  targeting,
}: {
  screen: AnalysisScreenParts;
  targeting: boolean;
}) {
  const { dataset, hierarchy, state, data } = screen;
  const { level, filters, selection } = state;
  const { parent, contours } = data;
  return (
    // The map stays mounted under the table: remounting it would rebuild every layer on a new
    // WebGL context, which deck.gl refuses for layer instances it has already drawn.
    <div className="analysis-stage">
      {targeting && contours.status !== 'choose-parent' && (
        <div className="analysis-table-area analysis-targeting-area">
          <TargetingView
            dataset={dataset}
            level={level}
            filters={filters}
            parent={parent}
            parentName={
              parent === null ? null : (territoryPath(hierarchy, parent).at(-1)?.name ?? null)
            }
            features={data.features}
            outlines={screen.assets}
          />
        </div>
      )}
      {state.table && !targeting && (
        <div className="analysis-table-area">
          {data.ready ? (
            <TerritoryTable
              level={level}
              rows={data.tableRows}
              indicators={METRIC_IDS}
              metric={state.metric}
              datasetId={dataset.id}
              datasetName={dataset.name}
              provenance={dataset.provenance ?? null}
              filters={filters}
              observed={data.observed}
              selectedCode={selection?.level === level ? selection.code : null}
              onSelect={(code) => screen.select({ level, code })}
            />
          ) : (
            contours.status !== 'choose-parent' && (
              <LoadingStatus message="Calcul des indicateurs…" />
            )
          )}
        </div>
      )}
      <div
        className="map-column"
        inert={state.table || targeting}
        aria-hidden={state.table || targeting || undefined}
      >
        <AnalysisMap screen={screen} />
      </div>
    </div>
  );
}
