import { useLayoutEffect, useRef, useState } from 'react';

/** Props of {@link MapTooltip}. */
export interface MapTooltipProps {
  /** Pointer position in pixels, relative to the map container. */
  x: number;
  y: number;
  /** Size of the map container, to keep the tooltip inside it. */
  bounds: { width: number; height: number };
  title: string;
  lines: readonly { label: string; value: string }[];
  /** Test hook of the screen (`tooltip` by default). */
  testId?: string;
}

const OFFSET = 14;
const MAX_WIDTH = 280;

/**
 * A tooltip following the pointer over a map. It measures itself before placing, so that any
 * number of lines stays inside the map: flipped left or up, and shifted when the map is too short
 * for either side.
 */
export function MapTooltip({ x, y, bounds, title, lines, testId = 'tooltip' }: MapTooltipProps) {
  const element = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 260, height: 100 });
  useLayoutEffect(() => {
    const box = element.current?.getBoundingClientRect();
    if (box && (Math.abs(box.width - size.width) > 1 || Math.abs(box.height - size.height) > 1)) {
      setSize({ width: box.width, height: box.height });
    }
  });
  const left = x + OFFSET + size.width > bounds.width ? x - OFFSET - size.width : x + OFFSET;
  const below = y + OFFSET + size.height <= bounds.height;
  const above = y - OFFSET - size.height >= 0;
  const top = below
    ? y + OFFSET
    : above
      ? y - OFFSET - size.height
      : Math.max(0, bounds.height - size.height);
  return (
    <div
      ref={element}
      className="map-tooltip"
      data-testid={testId}
      role="tooltip"
      style={{ left: Math.max(0, left), top, maxWidth: MAX_WIDTH }}
    >
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
