/**
 * Map image export: the map's canvases (MapLibre background, deck.gl layers) composited on one 2D
 * canvas with a title, the legend, the date, the data sources and the attribution, so that the
 * PNG stands on its own when pasted into a report.
 */
import type { LegendModel } from '../map/legend-model.ts';

/** What goes on the image besides the map. */
export interface MapImageOptions {
  /** Map canvases, bottom to top; each is scaled to the map area. */
  canvases: readonly HTMLCanvasElement[];
  /** Size of the map area in CSS pixels (the canvases may hold more device pixels). */
  width: number;
  height: number;
  title: string;
  subtitle: string;
  legend: LegendModel;
  /** French date line, e.g. « Exporté le 28 novembre 2026 ». */
  date: string;
  sources: readonly string[];
  attribution: string;
}

/** Layout constants of the image, CSS pixels. */
const MAP_IMAGE_LAYOUT = { header: 58, lineHeight: 17, padding: 12 } as const;

const FONT = 'system-ui, sans-serif';

/** Height of the image for a map of `height` pixels and `footerLines` lines under it. */
function mapImageHeight(height: number, footerLines: number): number {
  const { header, lineHeight, padding } = MAP_IMAGE_LAYOUT;
  return header + height + padding + footerLines * lineHeight + padding;
}

function drawLegend(ctx: CanvasRenderingContext2D, legend: LegendModel, x: number, y: number) {
  const entries = [
    ...legend.classes.map((c) => ({ colour: c.colour, label: c.label })),
    { colour: legend.noData.colour, label: legend.noData.label },
  ];
  const lineHeight = 18;
  ctx.font = `12px ${FONT}`;
  const width =
    Math.max(
      ctx.measureText(legend.title).width + 4,
      ...entries.map((e) => 22 + ctx.measureText(e.label).width),
    ) + 16;
  const height = 26 + entries.length * lineHeight + 6;
  const top = y - height;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.94)';
  ctx.fillRect(x, top, width, height);
  ctx.strokeStyle = '#9aa3ad';
  ctx.strokeRect(x + 0.5, top + 0.5, width - 1, height - 1);
  ctx.fillStyle = '#1b1f24';
  ctx.font = `600 12px ${FONT}`;
  ctx.fillText(legend.title, x + 8, top + 18);
  ctx.font = `12px ${FONT}`;
  entries.forEach((entry, i) => {
    const rowY = top + 26 + i * lineHeight;
    ctx.fillStyle = entry.colour;
    ctx.fillRect(x + 8, rowY + 2, 14, 12);
    ctx.strokeStyle = '#5b636b';
    ctx.strokeRect(x + 8.5, rowY + 2.5, 13, 11);
    ctx.fillStyle = '#1b1f24';
    ctx.fillText(entry.label, x + 28, rowY + 12);
  });
}

/** Composites the image (see the module documentation) on a new canvas at device pixel ratio 1. */
export function composeMapImage(options: MapImageOptions): HTMLCanvasElement {
  const { width, height, canvases, legend } = options;
  const { header, lineHeight, padding } = MAP_IMAGE_LAYOUT;
  const footer = [options.date, ...options.sources, options.attribution];
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width);
  canvas.height = Math.round(mapImageHeight(height, footer.length));
  const ctx = canvas.getContext('2d');
  if (ctx === null) throw new Error('Export de l’image impossible : pas de contexte 2D.');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#1b1f24';
  ctx.textBaseline = 'alphabetic';
  ctx.font = `600 18px ${FONT}`;
  ctx.fillText(options.title, padding, 26, width - 2 * padding);
  ctx.font = `13px ${FONT}`;
  ctx.fillStyle = '#454c54';
  ctx.fillText(options.subtitle, padding, 46, width - 2 * padding);
  for (const layer of canvases) ctx.drawImage(layer, 0, header, width, height);
  drawLegend(ctx, legend, padding, header + height - padding);
  ctx.font = `12px ${FONT}`;
  ctx.fillStyle = '#1b1f24';
  footer.forEach((line, i) => {
    ctx.fillText(
      line,
      padding,
      header + height + padding + (i + 1) * lineHeight - 4,
      width - 2 * padding,
    );
  });
  return canvas;
}
