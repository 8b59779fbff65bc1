import {
  CompositeLayer,
  type DefaultProps,
  type LayerContext,
  type UpdateParameters,
} from '@deck.gl/core';
import { TextLayer } from '@deck.gl/layers';
import { obstacleBoxes, obstacleKey, watchObstacles } from './label-obstacles.ts';
import { LABEL_FONT_SIZE, type LabelCandidate, placeLabels } from './label-placement.ts';
import type { TerritoryLabel } from './territory-layer.ts';

// A fixed set rather than 'auto': with 'auto' the atlas built for one level was reused for the
// next one, whose accented letters were then missing (« Deols » for « Déols »).
const ASCII = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index)).join('');
const LABEL_CHARACTERS = `${ASCII}ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸàâäçéèêëîïôöùûüÿŒœÆæ’‘–—«»·`;

interface LabelLayerProps {
  data: readonly TerritoryLabel[];
  /** The selected territory, whose name is placed first. */
  preferredCode: string | null;
}

/**
 * Territory names that never overlap: on every view change the labels are placed again on the
 * screen ({@link placeLabels}), so that zooming in shows more of them; and when an obstacle
 * appears, disappears or changes size ({@link watchObstacles}), so that a legend that grows covers
 * no name and one that shrinks leaves no name's tail peeking out beside it. The text sub-layer
 * keeps its data while the set placed stays the same, so panning does not lay the glyphs out again.
 */
export class TerritoryLabelLayer extends CompositeLayer<LabelLayerProps> {
  static override layerName = 'TerritoryLabelLayer';
  static override defaultProps: DefaultProps<LabelLayerProps> = {
    data: { type: 'data', value: [] },
    preferredCode: null,
  };
  declare state: {
    placed: readonly TerritoryLabel[];
    key: string;
    from: unknown;
    /** The {@link obstacleKey} of the obstacles the labels were last placed around. */
    obstacles: string;
    stopWatching: () => void;
  };

  override initializeState(): void {
    this.setState({ placed: [], key: '', from: null, obstacles: '', stopWatching: () => {} });
    // `this` may be an older instance of the layer by the time this runs: deck.gl hands the
    // state on to each new one, and marking it for update reaches whichever is current.
    this.state.stopWatching = watchObstacles(() => {
      if (obstacleKey(obstacleBoxes(this.canvas())) !== this.state.obstacles) this.setNeedsUpdate();
    });
  }

  override finalizeState(context: LayerContext): void {
    this.state.stopWatching();
    super.finalizeState(context);
  }

  private canvas(): HTMLCanvasElement | null {
    return this.context.deck?.getCanvas() ?? null;
  }

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
    const obstacles = obstacleBoxes(this.canvas());
    this.state.obstacles = obstacleKey(obstacles);
    const indices = placeLabels(candidates, {
      width: viewport.width,
      height: viewport.height,
      fontSize: LABEL_FONT_SIZE,
      obstacles,
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
        getSize: LABEL_FONT_SIZE,
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
