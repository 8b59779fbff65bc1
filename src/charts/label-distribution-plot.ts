import * as Plot from '@observablehq/plot';
import { DPE_COLOURS } from '../domain/dpe.ts';
import { formatInteger, formatPercent } from '../domain/format.ts';
import { DPE_LABELS } from '../domain/stock-schema.ts';
import type { LabelCount } from './label-distribution.ts';

/** Options of {@link labelDistributionPlot}. */
export interface LabelDistributionPlotOptions {
  /** Width in CSS pixels. */
  width: number;
}

const ROW_HEIGHT = 26;

/**
 * Horizontal bars of dwellings per DPE label, A at the top, in the official label colours, each
 * bar followed by its French-formatted count and share.
 */
export function labelDistributionPlot(
  counts: readonly LabelCount[],
  { width }: LabelDistributionPlotOptions,
): SVGSVGElement | HTMLElement {
  const max = Math.max(1, ...counts.map((count) => count.dwellings));
  return Plot.plot({
    width,
    height: ROW_HEIGHT * DPE_LABELS.length + 8,
    marginTop: 4,
    marginBottom: 4,
    marginLeft: 26,
    // Room for the longest value text ("123 456 (45,6 %)") to the right of the longest bar.
    marginRight: 112,
    style: { fontSize: '12px', fontFamily: 'inherit', overflow: 'visible' },
    ariaLabel: 'Répartition des logements par étiquette DPE',
    x: { axis: null, domain: [0, max] },
    y: { domain: [...DPE_LABELS], label: null, tickSize: 0, padding: 0.18 },
    marks: [
      Plot.barX(counts, {
        y: 'label',
        x: 'dwellings',
        fill: (count: LabelCount) => DPE_COLOURS[count.label].hex,
        title: (count: LabelCount) =>
          `Étiquette ${count.label} : ${formatInteger(count.dwellings)} logements (${formatPercent(count.share, 1)})`,
      }),
      Plot.text(counts, {
        y: 'label',
        x: 'dwellings',
        text: (count: LabelCount) =>
          `${formatInteger(count.dwellings)} (${formatPercent(count.share, 1)})`,
        textAnchor: 'start',
        dx: 5,
        fill: '#1f2933',
      }),
    ],
  });
}
