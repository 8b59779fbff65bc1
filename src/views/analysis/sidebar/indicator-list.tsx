import { formatCount } from '../../../domain/format.ts';
import {
  availableIndicators,
  type IndicatorRow,
  indicatorValue,
  isSmallCount,
  SMALL_COUNT_THRESHOLD,
} from '../../../domain/indicators.ts';
import type { ModelMethod } from '../../../domain/model-method.ts';
import { useQuery } from '../../use-query.ts';
import { IndicatorMethod, ModelSupportFlag } from './model-method.tsx';

/** Props of {@link IndicatorList}. */
export interface IndicatorListProps {
  /** The indicator query (`sidebarQueries(…).indicators`), or null until the columns are known. */
  sql: string | null;
  /** Columns of the stock, deciding which indicators exist (consumption by use). */
  columns: readonly string[];
  observed: boolean;
  /** Method of a modelled dataset: each indicator gets its « Méthode » panel. */
  method?: ModelMethod | null;
  /** Query of what the modelled figures rest on (`modelSupportSql`), or null for other data. */
  supportSql?: string | null;
}

/**
 * Every indicator the stock can compute, with its value, unit and one-line definition. Each value
 * carries `data-testid="indicator-<id>"` and its raw number in `data-value` (empty when missing).
 */
export function IndicatorList(props: IndicatorListProps) {
  const { sql, columns, observed, method = null, supportSql = null } = props;
  const result = useQuery<IndicatorRow>(sql, { defer: true });
  const row = result.last?.rows[0] ?? null;
  const stale = result.status === 'pending' || sql === null;
  if (result.status === 'error')
    return <p className="inline-error">Les indicateurs n’ont pas pu être calculés.</p>;
  if (row === null) return <p className="muted">Calcul en cours…</p>;
  const small = isSmallCount(row, { observed });
  return (
    <>
      {small && !stale && (
        <p className="small-count-flag" role="note" data-testid="indicators-small-count">
          Effectif faible ({formatCount(row.dwellings, 'logement', 'logements')},{' '}
          {formatCount(row.records, 'ligne', 'lignes')} ; seuil {SMALL_COUNT_THRESHOLD}) : chiffres
          fragiles, à ne pas interpréter seuls.
        </p>
      )}
      {supportSql !== null && <ModelSupportFlag sql={supportSql} cells={row.records ?? 0} />}
      <dl className={stale ? 'indicator-list is-stale' : 'indicator-list'} aria-busy={stale}>
        {availableIndicators(columns).map((indicator) => {
          const value = indicatorValue(row, indicator.id);
          return (
            <div key={indicator.id} className="indicator-item">
              <dt>
                {indicator.label}
                <span className="indicator-definition">{indicator.definition}</span>
                {method !== null && <IndicatorMethod method={method} indicator={indicator.id} />}
              </dt>
              <dd
                data-testid={`indicator-${indicator.id}`}
                data-value={value ?? ''}
                data-small-count={small ? 'true' : undefined}
              >
                {indicator.format(value)}
              </dd>
            </div>
          );
        })}
      </dl>
    </>
  );
}
