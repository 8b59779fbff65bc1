import type { LabelBox } from './label-placement.ts';

/**
 * Marks an element drawn over a map (legend, control): territory names keep clear of it, so that
 * none shows cut by its edge. MapLibre's controls are obstacles too.
 */
export const LABEL_OBSTACLE = { 'data-label-obstacle': '' } as const;
const OBSTACLE_SELECTOR = '[data-label-obstacle], .maplibregl-ctrl';

/** The boxes of the elements drawn over the canvas, in the canvas's pixels. */
export function obstacleBoxes(canvas: HTMLCanvasElement | null): LabelBox[] {
  if (canvas === null) return [];
  const origin = canvas.getBoundingClientRect();
  const boxes: LabelBox[] = [];
  for (const element of document.querySelectorAll(OBSTACLE_SELECTOR)) {
    const { left, top, right, bottom, width, height } = element.getBoundingClientRect();
    if (width === 0 || height === 0) continue;
    boxes.push([left - origin.left, top - origin.top, right - origin.left, bottom - origin.top]);
  }
  return boxes;
}

/** A string equal for equal lists of boxes, to tell whether the obstacles moved. */
export function obstacleKey(boxes: readonly LabelBox[]): string {
  return boxes.map((box) => box.join(',')).join(';');
}

/**
 * Calls `onChange` when an obstacle appears, disappears or changes size (a legend that grows or
 * shrinks with new data, a control that opens), which no view change would tell the labels.
 * Obstacles that only move keep their size: they move with the map's container, whose resize
 * is a view change already. Returns the function that stops watching.
 */
export function watchObstacles(onChange: () => void): () => void {
  if (typeof ResizeObserver === 'undefined' || typeof MutationObserver === 'undefined') {
    return () => {};
  }
  const sizes = new ResizeObserver(() => onChange());
  let watched = new Set<Element>();
  // Any DOM change calls this (a tooltip on hover…): it only compares the set of obstacles, and
  // reads no layout unless that set changed.
  const sync = (): boolean => {
    const current = new Set(document.querySelectorAll(OBSTACLE_SELECTOR));
    let changed = false;
    for (const element of watched) {
      if (current.has(element)) continue;
      sizes.unobserve(element);
      changed = true;
    }
    for (const element of current) {
      if (watched.has(element)) continue;
      sizes.observe(element);
      changed = true;
    }
    watched = current;
    return changed;
  };
  sync();
  const tree = new MutationObserver(() => {
    if (sync()) onChange();
  });
  tree.observe(document.body, { childList: true, subtree: true });
  return () => {
    tree.disconnect();
    sizes.disconnect();
  };
}
