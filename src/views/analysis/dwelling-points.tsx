import type { ScatterplotLayer } from '@deck.gl/layers';
import { useMemo } from 'react';
import type { DatasetInfo } from '../../db/manifest.ts';
import { DPE_COLOURS } from '../../domain/dpe.ts';
import { formatCount } from '../../domain/format.ts';
import { DPE_LABELS } from '../../domain/stock-schema.ts';
import type { TerritoryLevel, TerritoryRef } from '../../domain/territory.ts';
import { createDwellingPointsLayer, readDwellingPoints } from '../../map/dwelling-points-layer.ts';
import { dwellingPointsSql } from '../../sql/dwelling-points-sql.ts';
import { type AnalysisFilters, toStockFilters } from '../../state/analysis-url-state.ts';
import { useTableQuery } from '../use-query.ts';

/** Whether the point map applies, and what it found. */
export type DwellingPointsStatus =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'ready'; count: number }
  | { status: 'error'; error: unknown };

/**
 * At commune level with a commune selected: its located stock rows under the filters, as a
 * ScatterplotLayer fed with typed arrays straight from the Arrow columns.
 */
export function useDwellingPointsLayer(
  dataset: DatasetInfo,
  level: TerritoryLevel,
  filters: AnalysisFilters,
  selection: TerritoryRef | null,
): DwellingPointsStatus & { layer: ScatterplotLayer | null } {
  const commune = level === 'commune' && selection?.level === 'commune' ? selection.code : null;
  const sql = useMemo(
    () =>
      commune === null ? null : dwellingPointsSql(toStockFilters(filters, dataset.id), commune),
    [commune, filters, dataset.id],
  );
  const query = useTableQuery(sql, readDwellingPoints);
  const points = query.status === 'ready' ? query.rows : null;
  const layer = useMemo(
    () => (points !== null && points.length > 0 ? createDwellingPointsLayer(points) : null),
    [points],
  );
  if (query.status === 'idle') return { status: 'none', layer: null };
  if (query.status === 'pending') return { status: 'loading', layer: null };
  if (query.status === 'error') return { status: 'error', error: query.error, layer: null };
  return { status: 'ready', count: query.rows.length, layer };
}

/** Props of {@link DwellingPoints}. */
export interface DwellingPointsProps {
  status: DwellingPointsStatus;
  selection: TerritoryRef | null;
}

/** What the point map shows at commune level, or why it shows nothing. */
export function DwellingPoints({ status }: DwellingPointsProps) {
  let text: string;
  switch (status.status) {
    case 'none':
      text =
        'Sélectionnez une commune pour voir ses logements en points (si le jeu de données a des coordonnées).';
      break;
    case 'loading':
      text = 'Lecture des coordonnées des logements…';
      break;
    case 'error':
      text = 'Les coordonnées des logements n’ont pas pu être lues.';
      break;
    case 'ready':
      text =
        status.count === 0
          ? 'Ce jeu de données n’a pas de coordonnées dans cette commune (le parc de démonstration est décrit par commune, sans adresse) : pas de points, seulement la commune.'
          : `${formatCount(status.count, 'logement localisé', 'logements localisés')}, en points aux couleurs de leur étiquette DPE (la couleur de la commune est éclaircie dessous).`;
      break;
  }
  const drawn = status.status === 'ready' && status.count > 0;
  return (
    <div
      className="analysis-note points-note"
      role="status"
      data-testid="points-note"
      data-status={status.status}
      data-count={status.status === 'ready' ? status.count : undefined}
    >
      <p>{text}</p>
      {drawn && (
        <ul className="points-legend" data-testid="points-legend" aria-label="Étiquette DPE">
          {DPE_LABELS.map((label) => (
            <li key={label}>
              <span
                className="points-swatch"
                style={{ background: DPE_COLOURS[label].hex }}
                aria-hidden="true"
              />
              {label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
