import { describe, expect, it } from 'vitest';
import { type LabelCandidate, labelBox, placeLabels } from '../../src/map/label-placement.ts';

const SCREEN = { width: 800, height: 600, fontSize: 12 };

function label(text: string, x: number, y: number, priority: number): LabelCandidate {
  return { text, x, y, priority };
}

describe('placeLabels', () => {
  it('keeps only the more important of two overlapping labels', () => {
    // The Rennes Métropole case: « Miniac-sous-Bécherel » drawn across « Bécherel ».
    const small = label('Bécherel', 400, 300, 2.6);
    const large = label('Miniac-sous-Bécherel', 410, 308, 26);
    expect(placeLabels([small, large], SCREEN)).toEqual([1]);
    expect(placeLabels([large, small], SCREEN)).toEqual([0]);
  });

  it('keeps both labels when they are far apart, in input order', () => {
    const labels = [label('Pacé', 200, 300, 1), label('Montgermont', 600, 300, 5)];
    expect(placeLabels(labels, SCREEN)).toEqual([0, 1]);
  });

  it('keeps labels side by side when their boxes only come close', () => {
    // 'Pacé' is about 29 px wide at 12 px: centres 60 px apart leave room for both.
    const labels = [label('Pacé', 300, 300, 1), label('Pacé', 360, 300, 2)];
    expect(placeLabels(labels, SCREEN)).toEqual([0, 1]);
    const closer = [label('Pacé', 300, 300, 1), label('Pacé', 330, 300, 2)];
    expect(placeLabels(closer, SCREEN)).toEqual([1]);
  });

  it('lets a dropped label not block a third one', () => {
    // B loses to A; C overlaps only B, so it stays.
    const a = label('Orgères', 300, 300, 10);
    const b = label('Bourgbarré', 340, 300, 5);
    const c = label('Bourgbarré', 420, 300, 1);
    expect(placeLabels([a, b, c], SCREEN)).toEqual([0, 2]);
  });

  it('drops a label that would be cut by the edge of the screen', () => {
    const labels = [label('Saint-Sulpice-la-Forêt', 20, 300, 9), label('Rennes', 400, 5, 9)];
    expect(placeLabels(labels, SCREEN)).toEqual([]);
  });

  it('keeps labels clear of what is drawn over the map', () => {
    const legend: [number, number, number, number] = [12, 400, 300, 590];
    const labels = [label('Mordelles', 290, 405, 9), label('Le Verger', 350, 405, 1)];
    expect(placeLabels(labels, { ...SCREEN, obstacles: [legend] })).toEqual([1]);
  });

  it('fits more labels once the same places are spread by a zoom', () => {
    const places: [string, number, number, number][] = [
      ['Noyal-Châtillon-sur-Seiche', 0, 0, 20],
      ['Vern-sur-Seiche', 8, 4, 30],
      ['Chantepie', 10, -8, 10],
    ];
    const atZoom = (scale: number) =>
      places.map(([text, dx, dy, priority]) =>
        label(text, 400 + dx * scale, 300 + dy * scale, priority),
      );
    expect(placeLabels(atZoom(1), SCREEN)).toEqual([1]);
    expect(placeLabels(atZoom(8), SCREEN)).toEqual([0, 1, 2]);
  });
});

describe('labelBox', () => {
  it('centres the box on the position, its width from the character count', () => {
    const box = labelBox(label('Bécherel', 100, 50, 1), { ...SCREEN, margin: 0 });
    // 8 characters × 12 px × 0.6 em = 57.6 px wide; 12 px × 1.2 = 14.4 px high.
    expect(box[0]).toBeCloseTo(71.2);
    expect(box[2]).toBeCloseTo(128.8);
    expect(box[1]).toBeCloseTo(42.8);
    expect(box[3]).toBeCloseTo(57.2);
  });
});
