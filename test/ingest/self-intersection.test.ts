import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { hasCrossing, hasSegmentContact } from '../../src/ingest/self-intersection.ts';

const SQUARE: Position[] = [
  [0, 0],
  [2, 0],
  [2, 2],
  [0, 2],
  [0, 0],
];
const BOWTIE: Position[] = [
  [0, 0],
  [2, 2],
  [2, 0],
  [0, 2],
  [0, 0],
];
// A hole touching the outer ring at one vertex: no crossing, but a contact.
const TOUCHING_HOLE: Position[] = [
  [0, 0],
  [1, 0.5],
  [1, 1],
  [0, 0],
];

const polygon = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });

describe('hasCrossing / hasSegmentContact', () => {
  it('tell a bowtie from a square', () => {
    expect(hasCrossing([BOWTIE])).toBe(true);
    expect(hasSegmentContact(polygon(BOWTIE))).toBe(true);
    expect(hasCrossing([SQUARE])).toBe(false);
    expect(hasSegmentContact(polygon(SQUARE))).toBe(false);
  });

  it('count a touch as a contact only', () => {
    expect(hasCrossing([SQUARE, TOUCHING_HOLE])).toBe(false);
    expect(hasSegmentContact(polygon(SQUARE, TOUCHING_HOLE))).toBe(true);
  });
});
