import type * as maplibregl from 'maplibre-gl';
import { useMemo, useState } from 'react';
import { ErrorScreen } from '../../components/error-screen.tsx';
import { LoadingStatus } from '../../components/loading-status.tsx';
import type { DatasetInfo } from '../../db/manifest.ts';
import { DEFAULT_PRIORITY_WEIGHTS, type PriorityCriterionId } from '../../domain/priority-score.ts';
import type { TerritoryLevel, TerritoryRef } from '../../domain/territory.ts';
import { formatLevelCount, LEVEL_NAMES } from '../../domain/territory-hierarchy.ts';
import {
  createDepartementLayer,
  createRegionLayer,
  type OutlineCollection,
} from '../../map/outline-layers.ts';
import { type TerritoryCollection, territoryLayerId } from '../../map/territory-layer.ts';
import type { AnalysisFilters } from '../../state/analysis-url-state.ts';
import { useMapReadiness } from '../map-screen/use-map-readiness.ts';
import { RankingTable } from './ranking-table.tsx';
import { ScenarioPanel } from './scenario-panel.tsx';
import { scenarioStock } from './scenario-stock.ts';
import { TargetListSection } from './target-list-section.tsx';
import { TargetingMap } from './targeting-map.tsx';
import { useTargetList } from './use-target-list.ts';
import { type TargetingScores, useTargetingScores } from './use-targeting-scores.ts';
import { WeightControls } from './weight-controls.tsx';
import './targeting.css';

/** Props of {@link TargetingView}. */
export interface TargetingViewProps {
  dataset: DatasetInfo;
  level: TerritoryLevel;
  filters: AnalysisFilters;
  parent: TerritoryRef | null;
  parentName: string | null;
  /** Contours of the territories on the analysis map (null while they load). */
  features: TerritoryCollection | null;
  /** Département and région outlines, drawn over the scores for context. */
  outlines: { departements: OutlineCollection; regions: OutlineCollection };
}

/**
 * The « Ciblage » mode of the analysis screen: weights per criterion, the score map, the ranked
 * table, the campaign target list (click, box, polygon) with its exports, and the renovation
 * scenario of the list. Weights and the list are component state: they last while the screen is
 * open and are written into every export rather than into the URL.
 */
export function TargetingView(props: TargetingViewProps) {
  const { level, parent, features } = props;
  if (level !== 'commune' && level !== 'epci') {
    return (
      <div className="analysis-note" role="status" data-testid="targeting-level-note">
        <p>
          Le ciblage classe des communes (pour un EPCI) ou des EPCI (pour un partenaire régional) :
          choisissez le niveau « Commune » ou « EPCI ».
        </p>
      </div>
    );
  }
  if (features === null) return <LoadingStatus message="Lecture des contours…" />;
  return <TargetingContent {...props} level={level} features={features} parentRef={parent} />;
}

function TargetingContent(
  props: TargetingViewProps & {
    level: 'commune' | 'epci';
    features: TerritoryCollection;
    parentRef: TerritoryRef | null;
  },
) {
  const { dataset, level, filters, parentRef, parentName, features, outlines } = props;
  // Own layer instances: a deck.gl layer belongs to the deck (GL context) that first drew it.
  const contextLayers = useMemo(
    () => [createDepartementLayer(outlines.departements), createRegionLayer(outlines.regions)],
    [outlines.departements, outlines.regions],
  );
  const [weights, setWeights] = useState<Record<PriorityCriterionId, number>>({
    ...DEFAULT_PRIORITY_WEIGHTS,
  });
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  const list = useTargetList(features);
  const input = { dataset, level, filters, parent: parentRef, features, weights };
  const scores = useTargetingScores(input);
  const { criteria, rows, programme, territories, ranking, choropleth } = scores;
  const readiness = useMapReadiness(territoryLayerId(level), choropleth.colourKey);
  const { selected } = list;

  const levelName = LEVEL_NAMES[level];
  const scopeRows = useMemo(() => {
    if (rows === null) return [];
    return selected.size === 0 ? rows : rows.filter((row) => selected.has(row.code));
  }, [rows, selected]);
  const stock = useMemo(() => scenarioStock(scopeRows), [scopeRows]);
  const scopeText =
    selected.size === 0
      ? `tous les territoires classés (${formatLevelCount(territories.length, level)}), la liste cible étant vide`
      : `la liste cible (${formatLevelCount(selected.size, level)})`;

  if (criteria.status === 'error') return <ErrorScreen error={criteria.error} />;
  const ready = ranking !== null && readiness.drawn;

  return (
    <div className="targeting-view" data-testid="targeting-view">
      <div className="targeting-top">
        <div className="targeting-map-column">
          <TargetingMap
            level={level}
            features={features}
            fillColour={choropleth.fillColour}
            colourKey={choropleth.colourKey}
            legend={choropleth.legend}
            contextLayers={contextLayers}
            selected={selected}
            onToggle={list.onMapToggle}
            onPolygon={list.onPolygon}
            polygon={list.polygon}
            onLayersDrawn={readiness.onLayersDrawn}
            onMap={setMap}
            label={`Carte : score de priorité par ${levelName.singular}`}
          />
        </div>
        <div className="targeting-controls">
          <WeightControls
            weights={weights}
            onChange={setWeights}
            unavailable={unavailableCriteria(programme)}
          />
          {programme.status === 'ready' && (
            <p className="small muted" data-testid="targeting-programme-source">
              Carnets et travaux :{' '}
              {programme.origin === 'import'
                ? `fichiers importés dans « Pilotage du programme » (${programme.carnetsFile})`
                : 'données de démonstration du programme'}
              {programme.demo && ' (fictives)'}.
              {programme.published !== null &&
                ' Mode public : un effectif soumis au secret statistique retire ses critères du score du territoire (« s » dans le détail).'}
            </p>
          )}
        </div>
      </div>
      {ranking === null && <LoadingStatus message="Calcul des critères…" />}
      <TargetListSection
        input={input}
        parentName={parentName}
        list={list}
        scores={scores}
        map={map}
        drawn={ready}
      />
      <ScenarioPanel
        stock={stock}
        scopeText={scopeText}
        targets={programme.status === 'ready' ? programme.config.targets : null}
      />
      {ranking !== null && (
        <section aria-labelledby="ranking-title">
          <h2 id="ranking-title">
            Classement des {levelName.many}
            {parentName ? ` : ${parentName}` : ''}
          </h2>
          <RankingTable
            scores={ranking.scores}
            selected={selected}
            onToggle={(code) => list.toggle(code, 'tableau')}
            levelName={levelName.one}
            withheld={scores.withheld}
          />
        </section>
      )}
      {ready && (
        <span
          data-testid="targeting-ready"
          data-programme={programme.status}
          className="visually-hidden"
        />
      )}
    </div>
  );
}

/** The programme criteria that cannot be scored yet, with why (French). */
function unavailableCriteria(
  programme: TargetingScores['programme'],
): Partial<Record<PriorityCriterionId, string>> {
  if (programme.status === 'ready') return {};
  const why =
    programme.status === 'error'
      ? '(données du programme illisibles : critère inconnu)'
      : '(chargement des données du programme…)';
  return { carnet_penetration: why, works_conversion: why };
}
