/** A label to place, at a screen position (CSS pixels, origin top left). */
export interface LabelCandidate {
  x: number;
  y: number;
  text: string;
  /** The larger, the earlier it is placed: it wins over the labels it would overlap. */
  priority: number;
}

/** Font size of the territory names on the maps (pixels), from which their boxes are estimated. */
export const LABEL_FONT_SIZE = 12;

/** How labels are drawn and where they may go. */
export interface LabelPlacementOptions {
  /** Size of the screen (CSS pixels): a label must fit inside it whole. */
  width: number;
  height: number;
  /** Font size in pixels. */
  fontSize: number;
  /**
   * Mean advance of a character, in ems. About 0.6 for a semi-bold system sans-serif with French
   * names (measured on the analysis map: « Miniac-sous-Bécherel », 20 characters, 144 px at 12 px).
   */
  characterWidth?: number;
  /** Room kept free around each label (pixels), for its white outline and some air. */
  margin?: number;
  /** What is drawn over the map (legend, controls), in screen pixels: no label goes under it. */
  obstacles?: readonly LabelBox[];
}

/** A screen rectangle: left, top, right, bottom. */
export type LabelBox = [number, number, number, number];

const DEFAULT_CHARACTER_WIDTH = 0.6;
const DEFAULT_MARGIN = 3;
const LINE_HEIGHT = 1.2;

/**
 * The rectangle a label takes, centred on its position (deck.gl's TextLayer defaults: anchor
 * middle, baseline centre), its width estimated from the character count.
 */
export function labelBox(candidate: LabelCandidate, options: LabelPlacementOptions): LabelBox {
  const { fontSize, characterWidth = DEFAULT_CHARACTER_WIDTH, margin = DEFAULT_MARGIN } = options;
  const halfWidth = ([...candidate.text].length * fontSize * characterWidth) / 2 + margin;
  const halfHeight = (fontSize * LINE_HEIGHT) / 2 + margin;
  return [
    candidate.x - halfWidth,
    candidate.y - halfHeight,
    candidate.x + halfWidth,
    candidate.y + halfHeight,
  ];
}

function overlaps(a: LabelBox, b: LabelBox): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/**
 * The labels that can be drawn without overlapping one another, an obstacle or the edge of the
 * screen, chosen greedily by decreasing priority (ties: the input order): a label is kept when its
 * box is inside the screen and meets no box kept before it. Returns the indices kept, ascending.
 */
export function placeLabels(
  candidates: readonly LabelCandidate[],
  options: LabelPlacementOptions,
): number[] {
  const order = candidates
    .map((candidate, index) => ({ candidate, index }))
    .sort((a, b) => b.candidate.priority - a.candidate.priority || a.index - b.index);
  const kept: LabelBox[] = [...(options.obstacles ?? [])];
  const indices: number[] = [];
  for (const { candidate, index } of order) {
    const box = labelBox(candidate, options);
    const inside =
      box[0] >= 0 && box[1] >= 0 && box[2] <= options.width && box[3] <= options.height;
    if (!inside || kept.some((other) => overlaps(box, other))) continue;
    kept.push(box);
    indices.push(index);
  }
  return indices.sort((a, b) => a - b);
}
