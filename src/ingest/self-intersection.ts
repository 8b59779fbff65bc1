/**
 * The one owner of self-intersection checks on polygon boundaries, two strictnesses over one
 * sweep along x (which keeps few segments active, since a vertical line crosses a boundary only a
 * few times, so this runs in about O(n log n) where `@turf/boolean-valid` took seconds on
 * full-resolution contours):
 * - {@link hasCrossing}: two edges cross at a point interior to both (a "bowtie"), what the
 *   import repairs by cutting the polygon (`geo-repair.ts`);
 * - {@link hasSegmentContact}: stricter than OGC validity (parts or holes touching at one point
 *   count as meeting), which is what the contour rounding check needs: it only has to say when
 *   rounding created a contact.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

interface Segment {
  ax: number;
  ay: number;
  bx: number;
  by: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  ring: number;
  index: number;
  ringSegments: number;
}

function orientation(
  px: number,
  py: number,
  qx: number,
  qy: number,
  rx: number,
  ry: number,
): number {
  return Math.sign((qx - px) * (ry - py) - (qy - py) * (rx - px));
}

function onSegment(s: Segment, x: number, y: number): boolean {
  return x >= s.minX && x <= s.maxX && y >= s.minY && y <= s.maxY;
}

/** Whether two segments cross at a point interior to both (touching does not count). */
function properlyCross(s: Segment, t: Segment): boolean {
  const o1 = orientation(s.ax, s.ay, s.bx, s.by, t.ax, t.ay);
  const o2 = orientation(s.ax, s.ay, s.bx, s.by, t.bx, t.by);
  const o3 = orientation(t.ax, t.ay, t.bx, t.by, s.ax, s.ay);
  const o4 = orientation(t.ax, t.ay, t.bx, t.by, s.bx, s.by);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

/** Whether two closed segments share at least one point. */
function segmentsMeet(s: Segment, t: Segment): boolean {
  if (properlyCross(s, t)) return true;
  const o1 = orientation(s.ax, s.ay, s.bx, s.by, t.ax, t.ay);
  const o2 = orientation(s.ax, s.ay, s.bx, s.by, t.bx, t.by);
  const o3 = orientation(t.ax, t.ay, t.bx, t.by, s.ax, s.ay);
  const o4 = orientation(t.ax, t.ay, t.bx, t.by, s.bx, s.by);
  return (
    (o1 === 0 && onSegment(s, t.ax, t.ay)) ||
    (o2 === 0 && onSegment(s, t.bx, t.by)) ||
    (o3 === 0 && onSegment(t, s.ax, s.ay)) ||
    (o4 === 0 && onSegment(t, s.bx, s.by))
  );
}

/** Consecutive segments of a ring share a vertex; they only fail when they fold back (a spike). */
function adjacentFoldBack(s: Segment, t: Segment): boolean | null {
  if (s.ring !== t.ring) return null;
  const gap = Math.abs(s.index - t.index);
  if (gap !== 1 && gap !== s.ringSegments - 1) return null;
  const [first, second] = s.index < t.index === (gap === 1) ? [s, t] : [t, s];
  // first ends where second starts: a fold back puts second's end on first, or first's start on second.
  return (
    orientation(first.ax, first.ay, first.bx, first.by, second.bx, second.by) === 0 &&
    (onSegment(first, second.bx, second.by) || onSegment(second, first.ax, first.ay))
  );
}

function collectSegments(rings: readonly (readonly Position[])[]): Segment[] {
  const segments: Segment[] = [];
  rings.forEach((ring, r) => {
    const count = ring.length - 1;
    for (let i = 0; i < count; i += 1) {
      const a = ring[i];
      const b = ring[i + 1];
      if (a === undefined || b === undefined) continue;
      const [ax = 0, ay = 0] = a;
      const [bx = 0, by = 0] = b;
      segments.push({
        ax,
        ay,
        bx,
        by,
        minX: Math.min(ax, bx),
        maxX: Math.max(ax, bx),
        minY: Math.min(ay, by),
        maxY: Math.max(ay, by),
        ring: r,
        index: i,
        ringSegments: count,
      });
    }
  });
  return segments;
}

/** Whether two segments of the rings whose boxes overlap satisfy `meet`. */
function anyPair(
  rings: readonly (readonly Position[])[],
  meet: (s: Segment, t: Segment) => boolean,
): boolean {
  const segments = collectSegments(rings).sort((s, t) => s.minX - t.minX);
  let active: Segment[] = [];
  for (const s of segments) {
    active = active.filter((t) => t.maxX >= s.minX);
    for (const t of active) {
      if (t.maxY < s.minY || t.minY > s.maxY) continue;
      if (meet(s, t)) return true;
    }
    active.push(s);
  }
  return false;
}

/** Whether two edges of a polygon's closed rings cross at a point interior to both. */
export function hasCrossing(rings: readonly (readonly Position[])[]): boolean {
  return anyPair(rings, properlyCross);
}

/**
 * Whether any two boundary segments of the geometry meet other than consecutive segments of a
 * ring at their shared vertex (crossings, touches, spikes, repeated vertices all count).
 */
export function hasSegmentContact(geometry: Polygon | MultiPolygon): boolean {
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  return anyPair(rings, (s, t) => {
    const adjacent = adjacentFoldBack(s, t);
    return adjacent === null ? segmentsMeet(s, t) : adjacent;
  });
}
