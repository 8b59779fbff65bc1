import { useCallback, useMemo } from 'react';
import type { DatasetInfo } from '../../db/manifest.ts';
import { formatDecimal } from '../../domain/format.ts';
import { type PriorityCriterionId, scoreTerritories } from '../../domain/priority-score.ts';
import type { TerritoryRef } from '../../domain/territory.ts';
import type { TerritoryCollection } from '../../map/territory-layer.ts';
import { type TargetingCriteriaRow, targetingCriteriaSql } from '../../sql/targeting-sql.ts';
import { type AnalysisFilters, toStockFilters } from '../../state/analysis-url-state.ts';
import { useChoropleth } from '../map-screen/use-choropleth.ts';
import { useQuery } from '../use-query.ts';
import { targetingCandidates } from './targeting-candidates.ts';
import { shownProgrammeCounts, useProgrammeCounts } from './use-programme-counts.ts';

const SCORE_THRESHOLDS = [20, 40, 60, 80];
const SCORE_CLASSES = { method: 'fixed', thresholds: SCORE_THRESHOLDS, palette: 'ylorrd' } as const;
const SCORE_METRIC = {
  label: 'Score de priorité',
  unit: 'points sur 100',
  formatNumber: (value: number | null) => formatDecimal(value, 0),
};

/** Inputs of {@link useTargetingScores}. */
export interface TargetingScoresInput {
  dataset: DatasetInfo;
  level: 'commune' | 'epci';
  filters: AnalysisFilters;
  parent: TerritoryRef | null;
  features: TerritoryCollection;
  weights: Record<PriorityCriterionId, number>;
}

/**
 * The scores of the targeting mode: the criteria of the territories drawn (one query), the
 * programme counts (withheld in public mode when the statistical secret applies), the ranking for
 * the weights, and the score choropleth (fixed classes of 20 points).
 */
export function useTargetingScores(input: TargetingScoresInput) {
  const { dataset, level, filters, parent, features, weights } = input;
  const sql = useMemo(
    () =>
      targetingCriteriaSql({
        level,
        filters: toStockFilters(filters, dataset.id),
        ...(parent ? { parent } : {}),
      }),
    [level, filters, dataset.id, parent],
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
  const codes = useMemo(() => [...scoreByCode.keys()], [scoreByCode]);
  const scoreOf = useCallback((code: string) => scoreByCode.get(code) ?? null, [scoreByCode]);
  const choropleth = useChoropleth({
    codes,
    valueAt: scoreOf,
    classes: SCORE_CLASSES,
    metric: SCORE_METRIC,
    dataKey: `${sql}|${JSON.stringify(weights)}|${programme.status}|${programme.status === 'ready' ? `${programme.origin}:${programme.carnetsFile}:${programme.published !== null}` : ''}`,
  });
  return { criteria, rows, programme, territories, withheld, ranking, choropleth };
}

/** What {@link useTargetingScores} returns. */
export type TargetingScores = ReturnType<typeof useTargetingScores>;
