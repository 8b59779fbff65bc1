/** Props of {@link MapTooltip}. */
export interface MapTooltipProps {
  /** Pointer position in pixels, relative to the map container. */
  x: number;
  y: number;
  /** Width and height of the map container, to keep the tooltip inside it. */
  bounds: { width: number; height: number };
  title: string;
  lines: readonly { label: string; value: string }[];
}

const OFFSET = 14;
const MAX_WIDTH = 280;

/** A tooltip following the pointer over the map, flipped to stay inside the map. */
export function MapTooltip({ x, y, bounds, title, lines }: MapTooltipProps) {
  const flipX = x + OFFSET + MAX_WIDTH > bounds.width;
  const flipY = y + OFFSET + 100 > bounds.height;
  const style = {
    left: flipX ? undefined : x + OFFSET,
    right: flipX ? bounds.width - x + OFFSET : undefined,
    top: flipY ? undefined : y + OFFSET,
    bottom: flipY ? bounds.height - y + OFFSET : undefined,
    maxWidth: MAX_WIDTH,
  };
  return (
    <div className="map-tooltip" data-testid="tooltip" style={style} role="tooltip">
      <div className="map-tooltip-title">{title}</div>
      {lines.map((line) => (
        <div key={line.label} className="map-tooltip-line">
          <div className="map-tooltip-label">{line.label}</div>
          <div className="map-tooltip-value">{line.value}</div>
        </div>
      ))}
    </div>
  );
}
