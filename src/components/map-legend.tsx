import type { ReactNode } from 'react';
import { LABEL_OBSTACLE } from '../map/label-obstacles.ts';
import type { LegendModel } from '../map/legend-model.ts';

/** Props of {@link MapLegend}. */
export interface MapLegendProps {
  model: LegendModel;
  /** A note under the classes, e.g. the classification method. */
  note?: string;
  /** Controls under the legend (method, palette, thresholds). */
  children?: ReactNode;
}

/**
 * The choropleth legend: title with unit, one swatch per class, the no-data swatch (hatched, so
 * that it never reads as a class), and the small-count mark when the map shows one.
 */
export function MapLegend({ model, note, children }: MapLegendProps) {
  return (
    <section className="map-legend" data-testid="legend" aria-label="Légende" {...LABEL_OBSTACLE}>
      <h2 className="map-legend-title">{model.title}</h2>
      <ul>
        {model.classes.map((entry) => (
          <li key={`${entry.from}-${entry.to}`} data-colour={entry.colour}>
            <span className="swatch" style={{ background: entry.colour }} aria-hidden="true" />
            {entry.label}
          </li>
        ))}
        <li className="map-legend-no-data" data-testid="legend-no-data">
          <span
            className="swatch swatch-no-data"
            style={{ backgroundColor: model.noData.colour }}
            aria-hidden="true"
          />
          {model.noData.label}
        </li>
        {model.smallCount && (
          <li className="map-legend-small-count" data-testid="legend-small-count">
            <span
              className="swatch"
              style={{
                background: 'transparent',
                outline: `${model.smallCount.outlineWidthPixels}px solid ${model.smallCount.outlineColour}`,
                boxShadow: `0 0 0 ${model.smallCount.haloWidthPixels}px ${model.smallCount.haloColour}`,
              }}
              aria-hidden="true"
            />
            {model.smallCount.label}
          </li>
        )}
      </ul>
      {note && <p className="map-legend-note">{note}</p>}
      {children}
    </section>
  );
}
