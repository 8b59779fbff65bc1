import type * as maplibregl from 'maplibre-gl';
import { useState } from 'react';
import { formatInteger } from '../../domain/format.ts';
import { PRIORITY_CRITERIA } from '../../domain/priority-score.ts';
import { LEVEL_NAMES } from '../../domain/territory-hierarchy.ts';
import {
  POLYGON_RULE,
  type TargetListMetadata,
  targetListCsv,
  targetListFileStem,
  targetListGeoJson,
} from '../../export/target-list.ts';
import { describeFilters } from '../../sql/filters.ts';
import { downloadText } from '../programme/download.ts';
import { SaveCampaignButton } from './save-campaign-button.tsx';
import { downloadMapPng, scoreMapSources } from './score-map-png.ts';
import type { TargetList } from './use-target-list.ts';
import type { TargetingScores, TargetingScoresInput } from './use-targeting-scores.ts';

const MAP_ATTRIBUTION = 'Rendu : MapLibre, deck.gl · Tableau de bord CaSBa';
const LONG_DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long' });

/** Props of {@link TargetListSection}. */
export interface TargetListSectionProps {
  /** What the scores were computed for. */
  input: TargetingScoresInput;
  parentName: string | null;
  list: TargetList;
  scores: TargetingScores;
  /** The score map, for the PNG export. */
  map: maplibregl.Map | null;
  /** The score map drew the current scores (the PNG export waits for it). */
  drawn: boolean;
}

/** « Liste cible »: how many territories are chosen, and the exports of the list and the map. */
export function TargetListSection(props: TargetListSectionProps) {
  const { input, parentName, list, scores } = props;
  const { dataset, level, filters, parent, features, weights } = input;
  const { selected, methods, polygon } = list;
  const { programme, ranking, withheld } = scores;
  const [exportError, setExportError] = useState<string | null>(null);
  const levelName = LEVEL_NAMES[level];
  const selectedScores = (ranking?.scores ?? []).filter((s) => selected.has(s.code));

  const metadata = (): TargetListMetadata => ({
    exportedAt: new Date().toISOString(),
    dataset: { id: dataset.id, name: dataset.name },
    level,
    parent: parent ? { code: parent.code, name: parentName ?? parent.code } : null,
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
  const stem = () => targetListFileStem(level, parent?.code ?? null, new Date().toISOString());

  const exportPng = () => {
    setExportError(null);
    if (props.map === null) return;
    downloadMapPng(
      props.map,
      {
        title: `Score de priorité des ${levelName.many}${parentName ? ` : ${parentName}` : ''}`,
        subtitle: `Jeu : ${dataset.name} · Filtres : ${describeFilters(filters)} · Poids (F/G, part F/G, G+, fioul-charbon, propriétaires, pénétration, conversion) : ${PRIORITY_CRITERIA.map((c) => weights[c.id]).join('/')}`,
        legend: scores.choropleth.legend,
        date: `Exporté le ${LONG_DATE.format(new Date())}`,
        sources: scoreMapSources(programme),
        attribution: MAP_ATTRIBUTION,
      },
      `${stem().replace('cible', 'carte-score')}.png`,
      setExportError,
    );
  };

  return (
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
          disabled={!props.drawn}
          onClick={exportPng}
        >
          Exporter la carte (PNG)
        </button>
        <button
          type="button"
          className="button"
          disabled={selected.size === 0}
          onClick={list.clear}
        >
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
  );
}
