import { useEffect, useId, useState } from 'react';
import type { ClassificationMethod, PaletteId } from '../../domain/classification.ts';
import type { Indicator } from '../../domain/indicators.ts';
import { CLASSIFICATION_METHODS } from '../../map/class-breaks.ts';
import { PALETTES } from '../../map/palettes.ts';

/** Props of {@link LegendControls}. */
export interface LegendControlsProps {
  method: ClassificationMethod;
  palette: PaletteId;
  /** Thresholds drawn by the fixed method (the user's, or the indicator's defaults). */
  thresholds: readonly number[];
  indicator: Indicator;
  onChange: (patch: {
    method?: ClassificationMethod;
    palette?: PaletteId;
    thresholds?: number[] | null;
  }) => void;
}

// Shares are typed in percent, as the legend shows them.
function toInput(indicator: Indicator, values: readonly number[]): string {
  const scale = indicator.kind === 'share' ? 100 : 1;
  return values
    .map((value) => String(Math.round(value * scale * 1000) / 1000).replace('.', ','))
    .join(' ; ');
}

/** Parses « 10 ; 15,5 ; 20 » into increasing thresholds, or a French error. */
export function parseThresholdInput(
  indicator: Indicator,
  text: string,
): { values: number[] } | { error: string } {
  const scale = indicator.kind === 'share' ? 100 : 1;
  const parts = text
    .split(/[;\s]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) return { error: 'Saisissez au moins un seuil.' };
  if (parts.length > 8) return { error: 'Huit seuils au plus.' };
  const values: number[] = [];
  for (const part of parts) {
    const value = Number(part.replace(',', '.'));
    if (!Number.isFinite(value)) return { error: `« ${part} » n'est pas un nombre.` };
    const previous = values.at(-1);
    if (previous !== undefined && value / scale <= previous) {
      return { error: 'Les seuils doivent être strictement croissants.' };
    }
    values.push(value / scale);
  }
  return { values };
}

/** Choice of the classification method, the palette, and the fixed thresholds. */
export function LegendControls({
  method,
  palette,
  thresholds,
  indicator,
  onChange,
}: LegendControlsProps) {
  const id = useId();
  const [text, setText] = useState(() => toInput(indicator, thresholds));
  const [error, setError] = useState<string | null>(null);
  const shown = toInput(indicator, thresholds);
  useEffect(() => {
    setText(shown);
    setError(null);
  }, [shown]);

  return (
    <div className="legend-controls">
      <label htmlFor={`${id}-method`}>Classes</label>
      <select
        id={`${id}-method`}
        data-testid="method-select"
        value={method}
        onChange={(event) => {
          const next = CLASSIFICATION_METHODS.find((entry) => entry.id === event.target.value);
          if (next) onChange({ method: next.id });
        }}
      >
        {CLASSIFICATION_METHODS.map((entry) => (
          <option key={entry.id} value={entry.id}>
            {entry.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-palette`}>Palette</label>
      <select
        id={`${id}-palette`}
        data-testid="palette-select"
        value={palette}
        onChange={(event) => {
          const next = PALETTES.find((entry) => entry.id === event.target.value);
          if (next) onChange({ palette: next.id });
        }}
      >
        {PALETTES.map((entry) => (
          <option key={entry.id} value={entry.id}>
            {entry.label}
          </option>
        ))}
      </select>
      {method === 'fixed' && (
        <form
          className="legend-thresholds"
          onSubmit={(event) => {
            event.preventDefault();
            const parsed = parseThresholdInput(indicator, text);
            if ('error' in parsed) setError(parsed.error);
            else {
              setError(null);
              onChange({ thresholds: parsed.values });
            }
          }}
        >
          <label htmlFor={`${id}-thresholds`}>
            Seuils ({indicator.kind === 'share' ? '%' : indicator.unit}, séparés par « ; »)
          </label>
          <input
            id={`${id}-thresholds`}
            data-testid="thresholds-input"
            value={text}
            aria-invalid={error !== null}
            aria-describedby={error === null ? undefined : `${id}-thresholds-error`}
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit" className="button">
            Appliquer
          </button>
          {error !== null && (
            <p id={`${id}-thresholds-error`} className="inline-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
