import type * as maplibregl from 'maplibre-gl';
import { useCallback, useMemo, useState } from 'react';
import { ErrorScreen } from '../../components/error-screen.tsx';
import { LoadingStatus } from '../../components/loading-status.tsx';
import type { DatasetInfo } from '../../db/manifest.ts';
import { formatDecimal, formatInteger } from '../../domain/format.ts';
import {
  DEFAULT_PRIORITY_WEIGHTS,
  PRIORITY_CRITERIA,
  type PriorityCriterionId,
  scoreTerritories,
} from '../../domain/priority-score.ts';
import type { TerritoryLevel, TerritoryRef } from '../../domain/territory.ts';
import { LEVEL_NAMES } from '../../domain/territory-hierarchy.ts';
import {
  POLYGON_RULE,
  type SelectionMethod,
  type TargetListMetadata,
  targetListCsv,
  targetListFileStem,
  targetListGeoJson,
} from '../../export/target-list.ts';
import { createClassedScale } from '../../map/colour-scale.ts';
import { buildLegendModel } from '../../map/legend-model.ts';
import {
  createDepartementLayer,
  createRegionLayer,
  type OutlineCollection,
} from '../../map/outline-layers.ts';
import type { TerritoryCollection } from '../../map/territory-layer.ts';
import { describeFilters } from '../../sql/filters.ts';
import { type TargetingCriteriaRow, targetingCriteriaSql } from '../../sql/targeting-sql.ts';
import { type AnalysisFilters, toStockFilters } from '../../state/analysis-url-state.ts';
import { downloadText } from '../programme/download.ts';
import { useQuery } from '../use-query.ts';
import { territoriesInPolygon } from './polygon-selection.ts';
import { RankingTable } from './ranking-table.tsx';
import { SaveCampaignButton } from './save-campaign-button.tsx';
import { ScenarioPanel } from './scenario-panel.tsx';
import { scenarioStock } from './scenario-stock.ts';
import { downloadMapPng, scoreMapSources } from './score-map-png.ts';
import { targetingCandidates } from './targeting-candidates.ts';
import { TargetingMap } from './targeting-map.tsx';
import { shownProgrammeCounts, useProgrammeCounts } from './use-programme-counts.ts';
import { WeightControls } from './weight-controls.tsx';
import './targeting.css';

type LonLat = [number, number];

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

const SCORE_THRESHOLDS = [20, 40, 60, 80];
const SCORE_METRIC = {
  label: 'Score de priorité',
  unit: 'points sur 100',
  formatNumber: (value: number | null) => formatDecimal(value, 0),
};
const MAP_ATTRIBUTION = 'Rendu : MapLibre, deck.gl · Tableau de bord CaSBa';
const LONG_DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long' });

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
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [methods, setMethods] = useState<SelectionMethod[]>([]);
  const [polygon, setPolygon] = useState<LonLat[] | null>(null);
  const [drawnKey, setDrawnKey] = useState<string | null>(null);
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  const sql = useMemo(
    () =>
      targetingCriteriaSql({
        level,
        filters: toStockFilters(filters, dataset.id),
        ...(parentRef ? { parent: parentRef } : {}),
      }),
    [level, filters, dataset.id, parentRef],
  );
  const criteria = useQuery<TargetingCriteriaRow>(sql);
  const programme = useProgrammeCounts();

  const territories = useMemo(
    () => features.features.map((f) => ({ code: f.properties.code, name: f.properties.nom })),
    [features],
  );
  const rows = criteria.status === 'ready' ? criteria.rows : null;
  const programmeCounts = useMemo(
    () => (programme.status === 'ready' ? shownProgrammeCounts(programme, level) : null),
    [programme, level],
  );
  const withheld = useCallback(
    (code: string, criterion: PriorityCriterionId) => {
      if (programme.status !== 'ready' || programme.published === null) return false;
      const counts = programmeCounts?.get(code);
      if (counts === undefined) return false;
      if (criterion === 'carnet_penetration') return counts.carnets === null;
      if (criterion === 'works_conversion') return counts.carnets === null || counts.works === null;
      return false;
    },
    [programme, programmeCounts],
  );
  const ranking = useMemo(() => {
    if (rows === null) return null;
    return scoreTerritories(targetingCandidates(territories, rows, programmeCounts), weights);
  }, [rows, territories, programmeCounts, weights]);

  const scoreByCode = useMemo(
    () => new Map((ranking?.scores ?? []).map((s) => [s.code, s.score])),
    [ranking],
  );
  const scale = useMemo(
    () =>
      createClassedScale(scoreByCode.values(), {
        method: 'fixed',
        thresholds: SCORE_THRESHOLDS,
        palette: 'ylorrd',
      }),
    [scoreByCode],
  );
  const legend = useMemo(() => buildLegendModel(SCORE_METRIC, scale), [scale]);
  const colourKey = `${sql}|${JSON.stringify(weights)}|${programme.status}|${programme.status === 'ready' ? `${programme.origin}:${programme.carnetsFile}:${programme.published !== null}` : ''}`;
  const fillColour = useCallback(
    (code: string) => scale.colourFor(scoreByCode.get(code) ?? null),
    [scale, scoreByCode],
  );

  const toggle = useCallback((code: string, method: SelectionMethod) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });
    setMethods((current) => (current.includes(method) ? current : [...current, method]));
  }, []);
  const onMapToggle = useCallback((code: string) => toggle(code, 'clic'), [toggle]);

  const onPolygon = useCallback(
    (ring: LonLat[]) => {
      setPolygon(ring);
      setSelected(new Set(territoriesInPolygon(features, ring)));
      setMethods(['polygone']);
    },
    [features],
  );
  const clear = () => {
    setSelected(new Set());
    setMethods([]);
    setPolygon(null);
  };

  const levelName = LEVEL_NAMES[level];
  const selectedScores = (ranking?.scores ?? []).filter((s) => selected.has(s.code));
  const scopeRows = useMemo(() => {
    if (rows === null) return [];
    return selected.size === 0 ? rows : rows.filter((row) => selected.has(row.code));
  }, [rows, selected]);
  const stock = useMemo(() => scenarioStock(scopeRows), [scopeRows]);
  const scopeText =
    selected.size === 0
      ? `tous les territoires classés (${formatInteger(territories.length)} ${levelName.many}), la liste cible étant vide`
      : `les ${formatInteger(selected.size)} ${levelName.many} de la liste cible`;

  const metadata = (): TargetListMetadata => ({
    exportedAt: new Date().toISOString(),
    dataset: { id: dataset.id, name: dataset.name },
    level,
    parent: parentRef ? { code: parentRef.code, name: parentName ?? parentRef.code } : null,
    filters: describeFilters(filters),
    weights,
    methods,
    polygon,
    publicMode: programme.status === 'ready' && programme.published !== null,
  });
  const entries = () => {
    const geometry = new Map(features.features.map((f) => [f.properties.code, f.geometry]));
    return selectedScores.map((score) => ({
      score,
      geometry: geometry.get(score.code) ?? null,
      withheld: new Set(
        PRIORITY_CRITERIA.filter((c) => withheld(score.code, c.id)).map((c) => c.id),
      ),
    }));
  };
  const stem = () => targetListFileStem(level, parentRef?.code ?? null, new Date().toISOString());

  const exportPng = () => {
    setExportError(null);
    if (map === null) return;
    downloadMapPng(
      map,
      {
        title: `Score de priorité des ${levelName.many}${parentName ? ` : ${parentName}` : ''}`,
        subtitle: `Jeu : ${dataset.name} · Filtres : ${describeFilters(filters)} · Poids (F/G, part F/G, G+, fioul-charbon, propriétaires, pénétration, conversion) : ${PRIORITY_CRITERIA.map((c) => weights[c.id]).join('/')}`,
        legend,
        date: `Exporté le ${LONG_DATE.format(new Date())}`,
        sources: scoreMapSources(programme),
        attribution: MAP_ATTRIBUTION,
      },
      `${stem().replace('cible', 'carte-score')}.png`,
      setExportError,
    );
  };

  if (criteria.status === 'error') return <ErrorScreen error={criteria.error} />;
  const unavailable: Partial<Record<PriorityCriterionId, string>> =
    programme.status === 'ready'
      ? {}
      : {
          carnet_penetration:
            programme.status === 'error'
              ? '(données du programme illisibles : critère inconnu)'
              : '(chargement des données du programme…)',
          works_conversion:
            programme.status === 'error'
              ? '(données du programme illisibles : critère inconnu)'
              : '(chargement des données du programme…)',
        };
  const ready = ranking !== null && drawnKey === colourKey;

  return (
    <div className="targeting-view" data-testid="targeting-view">
      <div className="targeting-top">
        <div className="targeting-map-column">
          <TargetingMap
            level={level}
            features={features}
            fillColour={fillColour}
            colourKey={colourKey}
            legend={legend}
            contextLayers={contextLayers}
            selected={selected}
            onToggle={onMapToggle}
            onPolygon={onPolygon}
            polygon={polygon}
            onDrawn={setDrawnKey}
            onMap={setMap}
            label={`Carte : score de priorité par ${levelName.one.toLowerCase()}`}
          />
        </div>
        <div className="targeting-controls">
          <WeightControls weights={weights} onChange={setWeights} unavailable={unavailable} />
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
      <section className="targeting-list" aria-labelledby="target-list-title">
        <h2 id="target-list-title">Liste cible</h2>
        <p data-testid="target-count" data-count={selected.size}>
          {selected.size === 0
            ? 'Aucun territoire sélectionné : cochez des lignes, cliquez la carte ou dessinez un polygone.'
            : `${formatInteger(selected.size)} ${levelName.many} sélectionné${selected.size > 1 ? 's' : ''}.`}
        </p>
        <p className="small">{POLYGON_RULE}</p>
        <div className="targeting-actions">
          <button
            type="button"
            className="button"
            data-testid="export-csv"
            disabled={selected.size === 0}
            onClick={() => downloadText(`${stem()}.csv`, targetListCsv(entries(), metadata()))}
          >
            Exporter la liste (CSV pour Excel)
          </button>
          <button
            type="button"
            className="button"
            data-testid="export-geojson"
            disabled={selected.size === 0}
            onClick={() =>
              downloadText(
                `${stem()}.geojson`,
                JSON.stringify(targetListGeoJson(entries(), metadata()), null, 1),
                'application/geo+json',
              )
            }
          >
            Exporter la liste (GeoJSON)
          </button>
          <button
            type="button"
            className="button"
            data-testid="export-png"
            disabled={!ready}
            onClick={exportPng}
          >
            Exporter la carte (PNG)
          </button>
          <button type="button" className="button" disabled={selected.size === 0} onClick={clear}>
            Vider la liste
          </button>
          <SaveCampaignButton
            level={level}
            targets={selectedScores.map((s) => ({ code: s.code, name: s.name ?? s.code }))}
            metadata={metadata}
            parentName={parentName}
          />
        </div>
        {exportError && (
          <p className="form-error" role="alert">
            {exportError}
          </p>
        )}
      </section>
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
            onToggle={(code) => toggle(code, 'tableau')}
            levelName={levelName.one}
            withheld={withheld}
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
