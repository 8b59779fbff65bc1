import type { LegendModel } from '../map/legend-model.ts';

/** Props of {@link MapLegend}. */
export interface MapLegendProps {
  model: LegendModel;
  /** A note under the classes, e.g. the classification method. */
  note?: string;
}

/** The choropleth legend: title with unit, one swatch per class, and the no-data swatch. */
export function MapLegend({ model, note }: MapLegendProps) {
  return (
    <section className="map-legend" data-testid="legend" aria-label="Légende">
      <h2 className="map-legend-title">{model.title}</h2>
      <ul>
        {model.classes.map((entry) => (
          <li key={`${entry.from}-${entry.to}`}>
            <span className="swatch" style={{ background: entry.colour }} aria-hidden="true" />
            {entry.label}
          </li>
        ))}
        <li className="map-legend-no-data">
          <span className="swatch" style={{ background: model.noData.colour }} aria-hidden="true" />
          {model.noData.label}
        </li>
      </ul>
      {note && <p className="map-legend-note">{note}</p>}
    </section>
  );
}
