import { useLayoutEffect, useRef, useState } from 'react';

/** Props of {@link CoverageTooltip}. */
export interface CoverageTooltipProps {
  /** Pointer position in pixels, relative to the map container. */
  x: number;
  y: number;
  /** Size of the map container, to keep the tooltip inside it. */
  bounds: { width: number; height: number };
  title: string;
  lines: readonly { label: string; value: string }[];
}

const OFFSET = 14;

/**
 * A tooltip following the pointer over the coverage map. Unlike the territory view's tooltip,
 * which assumes two lines, it measures itself before placing, so that its six lines stay inside
 * the map (flipped left or up, and shifted when the map is too short for either side).
 */
export function CoverageTooltip({ x, y, bounds, title, lines }: CoverageTooltipProps) {
  const element = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 260, height: 200 });
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
      data-testid="coverage-tooltip"
      role="tooltip"
      style={{ left: Math.max(0, left), top, maxWidth: 280 }}
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
