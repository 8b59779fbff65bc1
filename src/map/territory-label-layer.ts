import { CompositeLayer, type DefaultProps, type UpdateParameters } from '@deck.gl/core';
import { TextLayer } from '@deck.gl/layers';
import { type LabelBox, type LabelCandidate, placeLabels } from './label-placement.ts';
import type { TerritoryLabel } from './territory-layer.ts';

const FONT_SIZE = 12;

// A fixed set rather than 'auto': with 'auto' the atlas built for one level was reused for the
// next one, whose accented letters were then missing (« Deols » for « Déols »).
const ASCII = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index)).join('');
const LABEL_CHARACTERS = `${ASCII}ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸàâäçéèêëîïôöùûüÿŒœÆæ’‘–—«»·`;

/**
 * Marks an element drawn over a map (legend, control): territory names keep clear of it, so that
 * none shows cut by its edge. MapLibre's controls are obstacles too.
 */
export const LABEL_OBSTACLE = { 'data-label-obstacle': '' } as const;
const OBSTACLE_SELECTOR = '[data-label-obstacle], .maplibregl-ctrl';

/** The boxes of the elements drawn over the canvas, in the canvas's pixels. */
function obstacleBoxes(canvas: HTMLCanvasElement | null): LabelBox[] {
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

interface LabelLayerProps {
  data: readonly TerritoryLabel[];
  /** The selected territory, whose name is placed first. */
  preferredCode: string | null;
}

/**
 * Territory names that never overlap: on every view change the labels are placed again on the
 * screen ({@link placeLabels}), so that zooming in shows more of them. The text sub-layer keeps
 * its data while the set placed stays the same, so panning does not lay the glyphs out again.
 */
export class TerritoryLabelLayer extends CompositeLayer<LabelLayerProps> {
  static override layerName = 'TerritoryLabelLayer';
  static override defaultProps: DefaultProps<LabelLayerProps> = {
    data: { type: 'data', value: [] },
    preferredCode: null,
  };
  declare state: { placed: readonly TerritoryLabel[]; key: string; from: unknown };

  override shouldUpdateState({ changeFlags }: UpdateParameters<this>): boolean {
    return changeFlags.propsOrDataChanged || changeFlags.viewportChanged;
  }

  override updateState(): void {
    const { viewport } = this.context;
    const { data, preferredCode } = this.props;
    const candidates: LabelCandidate[] = data.map((label) => {
      const [x = 0, y = 0] = viewport.project(label.position);
      const priority = label.code === preferredCode ? Number.POSITIVE_INFINITY : label.areaKm2;
      return { x, y, text: label.text, priority };
    });
    const indices = placeLabels(candidates, {
      width: viewport.width,
      height: viewport.height,
      fontSize: FONT_SIZE,
      obstacles: obstacleBoxes(this.context.deck?.getCanvas() ?? null),
    });
    const key = indices.join(',');
    if (this.state?.from === data && this.state.key === key) return;
    const placed = indices.flatMap((index) => data[index] ?? []);
    this.setState({ placed, key, from: data });
  }

  override renderLayers() {
    return new TextLayer<TerritoryLabel>(
      this.getSubLayerProps({
        id: 'text',
        data: this.state.placed,
        getPosition: (label: TerritoryLabel) => label.position,
        getText: (label: TerritoryLabel) => label.text,
        getSize: FONT_SIZE,
        getColor: [20, 26, 34, 255],
        characterSet: LABEL_CHARACTERS,
        fontFamily: 'system-ui, sans-serif',
        fontWeight: 600,
        outlineWidth: 3,
        outlineColor: [255, 255, 255, 220],
        fontSettings: { sdf: true },
        pickable: false,
      }),
    );
  }
}
