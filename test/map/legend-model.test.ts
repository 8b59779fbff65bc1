import { describe, expect, it } from 'vitest';
import { getIndicator } from '../../src/domain/indicators.ts';
import {
  createClassedScale,
  createQuantileScale,
  hexToRgba,
  NO_DATA_COLOUR,
} from '../../src/map/colour-scale.ts';
import { buildLegendModel } from '../../src/map/legend-model.ts';
import { PALETTES, paletteColours } from '../../src/map/palettes.ts';

/** The default palette of the scales: ColorBrewer YlOrRd, 6 classes. */
const SEQUENTIAL_PALETTE = paletteColours('ylorrd', 6);
const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('buildLegendModel', () => {
  it('titles the legend with the unit and formats share bounds in French', () => {
    const metric = getIndicator('fg_share');
    const scale = createQuantileScale([0.1, 0.2, 0.3, 0.4], {
      classes: 2,
      roundBreak: metric.roundBreak,
    });
    const legend = buildLegendModel(metric, scale);
    expect(legend.title).toBe('Part de passoires F/G (%)');
    expect(legend.classes).toEqual([
      { colour: SEQUENTIAL_PALETTE[0], from: 0.1, to: 0.25, label: `10,0${NBSP}% – 25,0${NBSP}%` },
      { colour: SEQUENTIAL_PALETTE[5], from: 0.25, to: 0.4, label: `25,0${NBSP}% – 40,0${NBSP}%` },
    ]);
    expect(legend.noData).toEqual({ colour: NO_DATA_COLOUR, label: 'Pas de données' });
  });

  it('groups thousands in count bounds', () => {
    const metric = getIndicator('dwellings');
    const scale = createQuantileScale([1000, 3000, 50_000, 120_000], {
      classes: 2,
      roundBreak: metric.roundBreak,
    });
    const legend = buildLegendModel(metric, scale);
    expect(legend.title).toBe('Logements');
    expect(legend.classes.map((entry) => entry.label)).toEqual([
      `1${NNBSP}000 – 26${NNBSP}500`,
      `26${NNBSP}500 – 120${NNBSP}000`,
    ]);
  });

  it('keeps only the no-data entry without any value', () => {
    const metric = getIndicator('mean_ep');
    const legend = buildLegendModel(metric, createQuantileScale([]));
    expect(legend.title).toBe('Consommation moyenne en énergie primaire (kWhEP/m²/an)');
    expect(legend.classes).toEqual([]);
    expect(legend.noData.label).toBe('Pas de données');
  });

  it('shows, for every palette and method, the colour the map gives each class', () => {
    const metric = getIndicator('fg_share');
    const values = Array.from({ length: 40 }, (_, i) => (i * i) / 1600);
    for (const palette of PALETTES) {
      for (const method of ['quantile', 'jenks', 'fixed'] as const) {
        const scale = createClassedScale(values, {
          classes: 7,
          palette: palette.id,
          method,
          thresholds: [0.1, 0.2, 0.3],
        });
        const legend = buildLegendModel(metric, scale);
        expect(legend.classes.length).toBe(method === 'fixed' ? 4 : 7);
        for (const entry of legend.classes) {
          const inside = Number.isFinite(entry.from) ? entry.from : entry.to - 0.01;
          expect(scale.colourFor(inside)).toEqual(hexToRgba(entry.colour));
        }
        expect(scale.colourFor(null)).toEqual(hexToRgba(legend.noData.colour));
      }
    }
  });
});
