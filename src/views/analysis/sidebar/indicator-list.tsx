import { formatInteger } from '../../../domain/format.ts';
import {
  availableIndicators,
  type IndicatorRow,
  indicatorValue,
  isSmallCount,
  SMALL_COUNT_THRESHOLD,
} from '../../../domain/indicators.ts';

/** Props of {@link IndicatorList}. */
export interface IndicatorListProps {
  /** The one row of `overallIndicatorsSql`, or null before the first result. */
  row: IndicatorRow | null;
  /** Columns of the stock, deciding which indicators exist (consumption by use). */
  columns: readonly string[];
  observed: boolean;
  stale: boolean;
  failed: boolean;
}

/**
 * Every indicator the stock can compute, with its value, unit and one-line definition. Each value
 * carries `data-testid="indicator-<id>"` and its raw number in `data-value` (empty when missing).
 */
export function IndicatorList({ row, columns, observed, stale, failed }: IndicatorListProps) {
  if (failed) return <p className="inline-error">Les indicateurs n’ont pas pu être calculés.</p>;
  if (row === null) return <p className="muted">Calcul en cours…</p>;
  const small = isSmallCount(row, { observed });
  return (
    <>
      {small && (
        <p className="small-count-flag" role="note" data-testid="indicators-small-count">
          Effectif faible ({formatInteger(row.dwellings)} logements, {formatInteger(row.records)}{' '}
          lignes ; seuil {SMALL_COUNT_THRESHOLD}) : chiffres fragiles, à ne pas interpréter seuls.
        </p>
      )}
      <dl className={stale ? 'indicator-list is-stale' : 'indicator-list'} aria-busy={stale}>
        {availableIndicators(columns).map((indicator) => {
          const value = indicatorValue(row, indicator.id);
          return (
            <div key={indicator.id} className="indicator-item">
              <dt>
                {indicator.label}
                <span className="indicator-definition">{indicator.definition}</span>
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
