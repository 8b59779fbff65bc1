import type { CoverageLegendEntry, SymbolScale } from '../../map/programme-layers.ts';

/** Props of {@link CoverageLegend}. */
export interface CoverageLegendProps {
  fillTitle: string;
  fill: readonly CoverageLegendEntry[];
  /** Proportional symbols: title, colour and scale; absent when no symbol is drawn. */
  symbols?: { title: string; colour: string; scale: SymbolScale } | undefined;
  adoptingOutline?: { colour: string; label: string };
  note?: string;
}

/**
 * Legend of the coverage map: the fill entries, the outline of the adopting EPCI, and the
 * reference circles of the symbols, drawn side by side at the radii and colour used on the map.
 */
export function CoverageLegend({
  fillTitle,
  fill,
  symbols,
  adoptingOutline,
  note,
}: CoverageLegendProps) {
  const references = symbols?.scale.references ?? [];
  const largest = references[0]?.radius ?? 0;
  return (
    <section
      className="coverage-legend"
      data-testid="coverage-legend"
      aria-label="Légende de la carte"
    >
      <h3>{fillTitle}</h3>
      <ul>
        {fill.map((entry) => (
          <li key={entry.label}>
            <span className="swatch" style={{ background: entry.colour }} aria-hidden="true" />
            {entry.label}
          </li>
        ))}
        {adoptingOutline && (
          <li>
            <span
              className="swatch swatch-outline"
              style={{ borderColor: adoptingOutline.colour }}
              aria-hidden="true"
            />
            {adoptingOutline.label}
          </li>
        )}
      </ul>
      {symbols && references.length > 0 && (
        <div className="symbol-legend" data-testid="symbol-legend">
          <h3>{symbols.title}</h3>
          <ul className="symbol-legend-items">
            {references.map((ref) => (
              <li key={ref.value} data-value={ref.value} data-radius={ref.radius.toFixed(2)}>
                <svg
                  width={Math.ceil(largest * 2 + 4)}
                  height={Math.ceil(largest * 2 + 4)}
                  aria-hidden="true"
                >
                  <circle
                    cx={largest + 2}
                    cy={largest * 2 + 2 - ref.radius}
                    r={ref.radius}
                    fill={symbols.colour}
                    fillOpacity={0.72}
                    stroke="#ffffff"
                    strokeWidth={1}
                  />
                </svg>
                <span>{ref.label}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {note && <p className="coverage-legend-note">{note}</p>}
    </section>
  );
}
