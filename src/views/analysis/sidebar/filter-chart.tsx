import { useEffect, useRef, useState } from 'react';
import { formatInteger, formatPercent } from '../../../domain/format.ts';
import { FILTER_DIMENSIONS, type FilterKey, type FilterValues } from '../../../sql/filters.ts';
import type { DistributionRow } from '../../../sql/indicators-sql.ts';

/** Props of {@link FilterChart}. */
export interface FilterChartProps<K extends FilterKey> {
  dimension: K;
  /** Complete distribution (every category, unknown last), or null before the first result. */
  rows: readonly DistributionRow[] | null;
  selected: readonly FilterValues[K][];
  /** What a count counts, plural (« logements », « DPE »). */
  units: string;
  stale: boolean;
  failed: boolean;
  onToggle: (value: FilterValues[K]) => void;
  onClear: () => void;
  /** Given, dragging over the bars selects the contiguous run of categories. */
  onRange?: (from: FilterValues[K], to: FilterValues[K]) => void;
  /** Fill of a category's bar; a neutral colour when not given. */
  colour?: (value: FilterValues[K]) => string;
}

interface Drag<V> {
  anchor: V;
  current: V;
}

const NEUTRAL_FILL = '#4f6d9a';

/**
 * One filter dimension as a horizontal bar chart whose bars are toggle buttons: clicking a bar
 * adds its category to the filter or removes it, selected bars stay bright and the others fade.
 */
export function FilterChart<K extends FilterKey>(props: FilterChartProps<K>) {
  const { dimension, rows, selected, units, stale, failed, onToggle, onClear, onRange } = props;
  const meta = FILTER_DIMENSIONS[dimension];
  const titleId = `filter-chart-${dimension}`;
  const [drag, setDrag] = useState<Drag<FilterValues[K]> | null>(null);
  const dragged = useRef(false);
  const values: readonly FilterValues[K][] = meta.values;

  useEffect(() => {
    if (drag === null) return;
    const finish = () => {
      if (drag.current !== drag.anchor && onRange) {
        dragged.current = true;
        onRange(drag.anchor, drag.current);
      }
      setDrag(null);
    };
    window.addEventListener('pointerup', finish);
    return () => window.removeEventListener('pointerup', finish);
  }, [drag, onRange]);

  const known = (rows ?? []).filter(
    (row): row is DistributionRow & { category: FilterValues[K] } =>
      row.category !== null && values.includes(row.category as FilterValues[K]),
  );
  const unknown = (rows ?? []).find((row) => row.category === null);
  const total = known.reduce((sum, row) => sum + row.dwellings, 0);
  const max = Math.max(0, ...known.map((row) => row.dwellings));
  const preview = drag === null ? null : rangeOf(values, drag.anchor, drag.current);
  const active = preview ?? selected;

  return (
    <section
      className="filter-chart"
      aria-labelledby={titleId}
      aria-busy={stale}
      data-testid={`filter-chart-${dimension}`}
    >
      <header className="filter-chart-header">
        <h4 id={titleId}>{meta.label}</h4>
        <button
          type="button"
          className="link-button"
          onClick={onClear}
          disabled={selected.length === 0}
          aria-label={`Effacer le filtre ${meta.label}`}
        >
          effacer
        </button>
      </header>
      {failed && <p className="inline-error">La répartition n’a pas pu être calculée.</p>}
      {rows === null && !failed && <p className="muted">Calcul en cours…</p>}
      {rows !== null && (
        <ul className={stale ? 'filter-bars is-stale' : 'filter-bars'}>
          {known.map((row) => {
            const value = row.category;
            const isSelected = active.includes(value);
            const label = meta.valueLabel(value);
            const width = max > 0 ? (row.dwellings / max) * 100 : 0;
            return (
              <li key={value}>
                <button
                  type="button"
                  className={`filter-bar${isSelected ? ' is-selected' : ''}${active.length > 0 && !isSelected ? ' is-faded' : ''}`}
                  aria-pressed={selected.includes(value)}
                  data-value={value}
                  data-dwellings={row.dwellings}
                  onClick={() => {
                    if (dragged.current) {
                      dragged.current = false;
                      return;
                    }
                    onToggle(value);
                  }}
                  onPointerDown={(event) => {
                    if (onRange && event.button === 0 && event.pointerType === 'mouse') {
                      setDrag({ anchor: value, current: value });
                    }
                  }}
                  onPointerEnter={() => {
                    if (drag !== null) setDrag({ ...drag, current: value });
                  }}
                >
                  {/* The name comes from the content (« Étiquette F : 1 234 logements (16 %) »)
                      so that it contains the visible text (WCAG 2.5.3). */}
                  <span className="filter-bar-label">
                    {dimension === 'labels' && <span className="visually-hidden">Étiquette </span>}
                    {label}
                  </span>
                  <span className="filter-bar-track" aria-hidden="true">
                    <span
                      className="filter-bar-fill"
                      style={{
                        width: `${width}%`,
                        background: props.colour?.(value) ?? NEUTRAL_FILL,
                      }}
                    />
                  </span>
                  <span className="filter-bar-value">
                    <span className="visually-hidden"> : </span>
                    {formatInteger(row.dwellings)}
                    <span className="visually-hidden"> {units}</span>
                    <span className="muted">
                      {' '}
                      ({formatPercent(total > 0 ? row.dwellings / total : null, 0)})
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {onRange && rows !== null && (
        <p className="muted filter-chart-note">Glisser sur les barres pour choisir une plage.</p>
      )}
      {unknown !== undefined && unknown.dwellings > 0 && (
        <p className="muted filter-chart-note">
          Non renseigné : {formatInteger(unknown.dwellings)} {units} (hors pourcentages, non
          filtrable).
        </p>
      )}
    </section>
  );
}

function rangeOf<V>(values: readonly V[], from: V, to: V): V[] {
  const start = values.indexOf(from);
  const end = values.indexOf(to);
  return values.slice(Math.min(start, end), Math.max(start, end) + 1);
}
