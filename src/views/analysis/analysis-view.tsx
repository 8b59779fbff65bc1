import type { PickingInfo } from '@deck.gl/core';
import { bbox } from '@turf/turf';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorScreen } from '../../components/error-screen.tsx';
import { LoadingStatus } from '../../components/loading-status.tsx';
import { MapLegend } from '../../components/map-legend.tsx';
import { MapTooltip } from '../../components/map-tooltip.tsx';
import { MapView } from '../../components/map-view.tsx';
import { isObservedDataset } from '../../db/dataset-kind.ts';
import type { DatasetInfo } from '../../db/manifest.ts';
import {
  availableIndicators,
  getIndicator,
  indicatorValue,
  isSmallCount,
} from '../../domain/indicators.ts';
import { TERRITORY_LEVELS, type TerritoryRef } from '../../domain/territory.ts';
import type { TerritoryTableRow } from '../../export/territory-table-csv.ts';
import { DEFAULT_FIXED_BREAKS } from '../../map/class-breaks.ts';
import { createClassedScale } from '../../map/colour-scale.ts';
import { createPointsVeilLayer } from '../../map/dwelling-points-layer.ts';
import { buildLegendModel } from '../../map/legend-model.ts';
import { METROPOLE_BOUNDS } from '../../map/offline-style.ts';
import { createDepartementLayer, createRegionLayer } from '../../map/outline-layers.ts';
import {
  createLabelLayer,
  createSelectionLayer,
  createTerritoryLayers,
  type TerritoryCollection,
  type TerritoryFeature,
  type TerritoryLabel,
  territoryLabels,
  territoryLayerId,
} from '../../map/territory-layer.ts';
import type { AnalysisState } from '../../state/analysis-url-state.ts';
import type { HistoryMode } from '../../state/use-analysis-state.ts';
import { TargetingView } from '../targeting/targeting-view.tsx';
import type { TerritoryAssets } from '../use-territory-assets.ts';
import { BasemapControl } from './basemap-control.tsx';
import { useBasemapSetting } from './basemap-setting.ts';
import { AnalysisSidebar } from './sidebar/analysis-sidebar.tsx';
import './analysis.css';
import {
  childLevel,
  LEVEL_NAMES,
  rowsParent,
  type TerritoryHierarchy,
  territoryPath,
} from '../../domain/territory-hierarchy.ts';
import { Breadcrumb } from './breadcrumb.tsx';
import { CommuneContoursNote } from './commune-contours-note.tsx';
import { DwellingPoints, useDwellingPointsLayer } from './dwelling-points.tsx';
import { EpciDetails } from './epci-details.tsx';
import { LegendControls } from './legend-controls.tsx';
import { TerritoryTable } from './territory-table.tsx';
import { type LevelContoursState, useLevelContours } from './use-level-contours.ts';
import { useTerritoryHierarchy } from './use-territory-hierarchy.ts';
import { type TerritoryRow, useTerritoryRows } from './use-territory-rows.ts';

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

interface Hover {
  x: number;
  y: number;
  width: number;
  height: number;
  code: string;
  name: string;
}

const LEGEND_FIT_PADDING = { top: 40, right: 60, bottom: 40, left: 310 };
const METRIC_IDS = availableIndicators().map((indicator) => indicator.id);

function selectionFeature(
  assets: TerritoryAssets,
  contours: TerritoryCollection | null,
  selection: TerritoryRef | null,
): TerritoryFeature | null {
  if (selection === null) return null;
  const collection =
    selection.level === 'region'
      ? assets.regions
      : selection.level === 'departement'
        ? assets.departements
        : selection.level === 'epci'
          ? assets.epci
          : contours;
  return collection?.features.find((feature) => feature.properties.code === selection.code) ?? null;
}

/** Keeps the last ready rows while new ones are computed, so that a filter change never blanks the map. */
function useShownRows(rows: ReturnType<typeof useTerritoryRows>) {
  const last = useRef<{ rows: readonly TerritoryRow[]; key: string } | null>(null);
  if (rows.status === 'ready') last.current = { rows: rows.rows, key: rows.key };
  return last.current;
}

function AnalysisScreen(props: AnalysisViewProps & { hierarchy: TerritoryHierarchy }) {
  const { assets, dataset, datasets, state, update, hierarchy } = props;
  const { level, selection, metric, filters } = state;
  const observed = isObservedDataset(dataset);
  const indicator = getIndicator(metric);
  const parent = useMemo(
    () => rowsParent(hierarchy, level, selection),
    [hierarchy, level, selection],
  );
  const contours = useLevelContours(assets, hierarchy, level, parent);
  const rowsState = useTerritoryRows(dataset, level, filters, parent);
  const shown = useShownRows(rowsState);
  const [hover, setHover] = useState<Hover | null>(null);
  const [drawnKey, setDrawnKey] = useState<string | null>(null);
  const [basemap, setBasemap] = useBasemapSetting();
  const [basemapError, setBasemapError] = useState<string | null>(null);
  // Targeting mode (issue 6): component state, like its weights.
  const [targeting, setTargeting] = useState(false);

  const path = useMemo(
    () => (selection === null ? [] : territoryPath(hierarchy, selection)),
    [hierarchy, selection],
  );
  const selectionName = path.at(-1)?.name ?? null;
  const features = contours.status === 'ready' ? contours.contours : null;

  const rowsByCode = useMemo(
    () => new Map((shown?.rows ?? []).map((row) => [row.code, row])),
    [shown],
  );

  const thresholds = state.thresholds ?? DEFAULT_FIXED_BREAKS[metric] ?? [];
  // Classes are computed over the territories on the map, so the legend describes what is drawn.
  const scale = useMemo(() => {
    const values = (features?.features ?? []).map((feature) => {
      const row = rowsByCode.get(feature.properties.code);
      return row ? indicatorValue(row, metric) : null;
    });
    return createClassedScale(values, {
      method: state.method,
      thresholds,
      palette: state.palette,
      roundBreak: indicator.roundBreak,
    });
  }, [features, rowsByCode, metric, state.method, thresholds, state.palette, indicator]);

  const smallCodes = useMemo(() => {
    const codes = new Set<string>();
    for (const feature of features?.features ?? []) {
      const row = rowsByCode.get(feature.properties.code);
      if (row && isSmallCount(row, { observed })) codes.add(row.code);
    }
    return codes;
  }, [features, rowsByCode, observed]);

  const legend = useMemo(
    () => buildLegendModel(indicator, scale, { smallCount: smallCodes.size > 0 }),
    [indicator, scale, smallCodes],
  );

  const colourKey = `${shown?.key ?? ''}|${metric}|${scale.breaks.join(',')}|${scale.colours.join(',')}`;

  const select = useCallback(
    (ref: TerritoryRef | null) => update({ selection: ref, map: null }),
    [update],
  );

  const onHover = useCallback((info: PickingInfo<TerritoryFeature>) => {
    const feature = info.object;
    setHover(
      feature
        ? {
            x: info.x,
            y: info.y,
            width: info.viewport?.width ?? 0,
            height: info.viewport?.height ?? 0,
            code: feature.properties.code,
            name: feature.properties.nom,
          }
        : null,
    );
  }, []);
  const clearHover = useCallback(() => setHover(null), []);
  const onClick = useCallback(
    (info: PickingInfo<TerritoryFeature>) => {
      if (!info.object) return;
      setHover(null);
      select({ level, code: info.object.properties.code });
    },
    [select, level],
  );

  const contextLayers = useMemo(
    () => [createDepartementLayer(assets.departements), createRegionLayer(assets.regions)],
    [assets.departements, assets.regions],
  );

  const labels = useMemo(
    (): TerritoryLabel[] => (features === null ? [] : territoryLabels(features)),
    [features],
  );
  const labelLayer = useMemo(() => createLabelLayer(labels), [labels]);

  const selected = useMemo(
    () => selectionFeature(assets, features, selection),
    [assets, features, selection],
  );
  const points = useDwellingPointsLayer(dataset, level, filters, selection);
  const pointsVeil = useMemo(() => createPointsVeilLayer(selected), [selected]);

  const ready = features !== null && shown !== null;
  const layers = useMemo(() => {
    if (!ready || features === null) return contextLayers;
    const territory = createTerritoryLayers({
      level,
      data: features,
      fillColour: (code) => scale.colourFor(indicatorValueOf(rowsByCode.get(code), metric)),
      isSmallCount: (code) => smallCodes.has(code),
      colourKey,
      onHover,
      onClick,
    });
    return [
      ...territory,
      ...contextLayers,
      ...(points.layer ? [pointsVeil, points.layer] : []),
      createSelectionLayer(selected),
      labelLayer,
    ];
  }, [
    ready,
    features,
    contextLayers,
    level,
    scale,
    rowsByCode,
    metric,
    smallCodes,
    colourKey,
    onHover,
    onClick,
    points.layer,
    pointsVeil,
    selected,
    labelLayer,
  ]);

  const layerKey = useRef('');
  layerKey.current = ready ? `${territoryLayerId(level)}|${colourKey}` : '';
  const onLayersDrawn = useCallback(
    (ids: string[]) => {
      if (ids.includes(territoryLayerId(level))) setDrawnKey(layerKey.current);
    },
    [level],
  );

  // Fits the selection (or France) unless the URL gave a position; again on every navigation.
  const fit = useMemo(() => {
    if (state.map !== null) return null;
    const bounds = selected
      ? (bbox(selected) as [number, number, number, number])
      : selection === null
        ? METROPOLE_BOUNDS
        : null;
    if (bounds === null) return null;
    const key = `${selection?.level}:${selection?.code}:${level}:${bounds.join(',')}`;
    // A selected territory is fitted right of the legend (bottom left), so that none of it hides.
    return selected ? { bounds, key, padding: LEGEND_FIT_PADDING } : { bounds, key };
  }, [state.map, selected, selection, level]);

  const onUserMove = useCallback(
    (view: { lon: number; lat: number; zoom: number }) => update({ map: view }, 'replace'),
    [update],
  );

  useEffect(() => {
    if (selection === null) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !(event.target instanceof HTMLInputElement)) select(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selection, select]);

  const tableRows = useMemo((): TerritoryTableRow[] => {
    if (features === null) return [];
    return features.features.flatMap((feature) => {
      const row = rowsByCode.get(feature.properties.code);
      return row ? [{ ...row, name: feature.properties.nom }] : [];
    });
  }, [features, rowsByCode]);

  const next = selection === null ? null : childLevel(selection.level);
  const drill = () => {
    if (next !== null) update({ level: next, map: null });
  };
  const hoveredRow = hover ? rowsByCode.get(hover.code) : undefined;
  const currentKey = ready ? `${territoryLayerId(level)}|${colourKey}` : '';
  const drawn = drawnKey !== null && drawnKey === currentKey;
  const selectedEpci =
    selection?.level === 'epci'
      ? assets.epci.features.find((feature) => feature.properties.code === selection.code)
          ?.properties
      : undefined;

  return (
    <div className="analysis-view">
      <div className="analysis-main">
        <div className="analysis-toolbar">
          <Breadcrumb
            path={path}
            onNavigate={(ref) =>
              update({
                selection: ref,
                level: ref === null ? 'region' : (childLevel(ref.level) ?? ref.level),
                map: null,
              })
            }
          />
          <div className="analysis-toolbar-controls">
            {selection !== null && next !== null && level !== next && (
              <button
                type="button"
                className="button button-primary"
                data-testid="drill-button"
                onClick={drill}
              >
                Voir les {LEVEL_NAMES[next].many} de {selectionName ?? selection.code}
              </button>
            )}
            <label className="toolbar-field">
              Niveau
              <select
                data-testid="level-select"
                value={level}
                onChange={(event) => {
                  const value = TERRITORY_LEVELS.find((entry) => entry === event.target.value);
                  if (value) update({ level: value, map: null });
                }}
              >
                {TERRITORY_LEVELS.map((entry) => (
                  <option key={entry} value={entry}>
                    {LEVEL_NAMES[entry].one}
                  </option>
                ))}
              </select>
            </label>
            <label className="toolbar-field">
              Indicateur
              <select
                data-testid="metric-select"
                value={metric}
                onChange={(event) => {
                  const value = METRIC_IDS.find((id) => id === event.target.value);
                  if (value) update({ metric: value, thresholds: null });
                }}
              >
                {METRIC_IDS.map((id) => (
                  <option key={id} value={id}>
                    {getIndicator(id).label}
                  </option>
                ))}
              </select>
            </label>
            <fieldset className="view-switch">
              <legend className="visually-hidden">Affichage</legend>
              <button
                type="button"
                aria-pressed={!state.table && !targeting}
                data-testid="show-map"
                onClick={() => {
                  setTargeting(false);
                  update({ table: false });
                }}
              >
                Carte
              </button>
              <button
                type="button"
                aria-pressed={state.table && !targeting}
                data-testid="show-table"
                onClick={() => {
                  setTargeting(false);
                  update({ table: true });
                }}
              >
                Tableau
              </button>
              <button
                type="button"
                aria-pressed={targeting}
                data-testid="show-targeting"
                onClick={() => setTargeting(true)}
              >
                Ciblage
              </button>
            </fieldset>
          </div>
        </div>
        <p className="indicator-definition" data-testid="metric-definition">
          <strong>
            {indicator.label} ({indicator.unit})
          </strong>{' '}
          : {indicator.definition}
          {observed ? ' DPE observés : non représentatifs du parc.' : ''}
        </p>
        <CommuneContoursNote
          contours={contours}
          hierarchy={hierarchy}
          parent={parent}
          onChooseDepartement={(code) =>
            update({ level: 'commune', selection: { level: 'departement', code }, map: null })
          }
        />
        {level === 'commune' && contours.status !== 'choose-parent' && (
          <DwellingPoints status={points} selection={selection} />
        )}
        {/* The map stays mounted under the table: remounting it would rebuild every layer on a
            new WebGL context, which deck.gl refuses for layer instances it has already drawn. */}
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
                features={features}
                outlines={assets}
              />
            </div>
          )}
          {state.table && !targeting && (
            <div className="analysis-table-area">
              {ready ? (
                <TerritoryTable
                  level={level}
                  rows={tableRows}
                  indicators={METRIC_IDS}
                  metric={metric}
                  datasetId={dataset.id}
                  datasetName={dataset.name}
                  provenance={dataset.provenance ?? null}
                  filters={filters}
                  observed={observed}
                  selectedCode={selection?.level === level ? selection.code : null}
                  onSelect={(code) => select({ level, code })}
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
            <MapView
              layers={layers}
              onLayersDrawn={onLayersDrawn}
              onHoverLost={clearHover}
              label={`Carte : ${indicator.label} par ${LEVEL_NAMES[level].one.toLowerCase()}`}
              initialView={state.map}
              fit={fit}
              onUserMove={onUserMove}
              styleUrl={basemap}
              onStyleError={(message) => setBasemapError(message)}
            >
              {ready && (
                <MapLegend model={legend} note={legend.method}>
                  <LegendControls
                    method={state.method}
                    palette={state.palette}
                    thresholds={thresholds}
                    indicator={indicator}
                    onChange={(patch) => update(patch)}
                  />
                </MapLegend>
              )}
              <BasemapControl
                url={basemap}
                error={basemapError}
                onChange={(url) => {
                  setBasemapError(null);
                  setBasemap(url);
                }}
              />
              {hover && (
                <MapTooltip
                  x={hover.x}
                  y={hover.y}
                  bounds={{ width: hover.width, height: hover.height }}
                  title={hover.name}
                  lines={[
                    {
                      label: indicator.label,
                      value: hoveredRow
                        ? indicator.format(indicatorValue(hoveredRow, metric))
                        : 'Pas de données',
                    },
                    ...(hoveredRow && smallCodes.has(hoveredRow.code)
                      ? [{ label: 'Effectif faible', value: 'valeur fragile' }]
                      : []),
                    ...(observed
                      ? [{ label: 'DPE observés', value: 'non représentatifs du parc' }]
                      : []),
                  ]}
                />
              )}
              {(rowsState.status === 'error' || contours.status === 'error') && (
                <div className="map-error">
                  <ErrorScreen
                    error={
                      rowsState.status === 'error'
                        ? rowsState.error
                        : (contours as { error: unknown }).error
                    }
                  />
                </div>
              )}
              {rowsState.status !== 'error' && contours.status !== 'choose-parent' && !drawn && (
                <MapLoadingStatus contours={contours} ready={ready} />
              )}
            </MapView>
          </div>
        </div>
        {(drawn || (state.table && ready)) && (
          <span
            data-testid="app-ready"
            data-dataset={dataset.id}
            data-level={level}
            data-key={shown?.key ?? ''}
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
          selectionName={selectionName}
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

function indicatorValueOf(row: TerritoryRow | undefined, metric: AnalysisState['metric']) {
  return row ? indicatorValue(row, metric) : null;
}

/** The map's loading message: commune files (with their count), then indicators, then drawing. */
function MapLoadingStatus({ contours, ready }: { contours: LevelContoursState; ready: boolean }) {
  if (contours.status === 'loading' && contours.progress !== null) {
    const { loaded, total } = contours.progress;
    return (
      <LoadingStatus
        message={`Chargement des contours des communes${total > 1 ? ` (${loaded} fichiers sur ${total})` : ''}…`}
        progress={total > 1 ? loaded / total : null}
      />
    );
  }
  return <LoadingStatus message={ready ? 'Dessin de la carte…' : 'Calcul des indicateurs…'} />;
}
