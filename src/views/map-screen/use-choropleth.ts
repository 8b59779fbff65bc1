import { useMemo } from 'react';
import {
  type ClassedScale,
  type ClassedScaleOptions,
  createClassedScale,
  type Rgba,
} from '../../map/colour-scale.ts';
import { buildLegendModel, type LegendMetric, type LegendModel } from '../../map/legend-model.ts';

/** Inputs of {@link useChoropleth}; functions must be stable (memoised) between renders. */
export interface ChoroplethOptions<M extends LegendMetric | null = LegendMetric | null> {
  /** Codes of the territories drawn: the classes describe what the map shows. */
  codes: readonly string[];
  /** Value of a territory (null: no data). */
  valueAt: (code: string) => number | null;
  /** How the values are cut into classes and coloured. */
  classes: ClassedScaleOptions;
  /** Title, unit and number format of the legend; null for a view that draws its own legend. */
  metric: M;
  /** Whether a territory's figure rests on a small count (outlined, and said in the legend). */
  isSmallCount?: ((code: string) => boolean) | undefined;
  /** Identifies the data `valueAt` reads (inputs of the query, metric…). */
  dataKey: string;
}

/** What a choropleth view draws: scale, legend, colours, small counts and their key. */
export interface Choropleth<M extends LegendMetric | null = LegendMetric | null> {
  scale: ClassedScale;
  /** Null when the options gave no metric. */
  legend: M extends null ? null : LegendModel;
  fillColour: (code: string) => Rgba;
  /** Territories on the map whose figure rests on a small count. */
  smallCodes: ReadonlySet<string>;
  isSmallCount: (code: string) => boolean;
  /**
   * Changes whenever a colour or a small-count flag may change (data, breaks, palette): the update
   * trigger of the layer accessors and the key of the map-readiness hook.
   */
  colourKey: string;
}

const NEVER = () => false;

/**
 * The one choropleth machinery of the map screens (territory analysis, targeting scores, programme
 * rates): a classed scale computed over the territories drawn, its legend, the fill colour of a
 * territory, the territories flagged as small counts, and the key that says when colours changed.
 */
export function useChoropleth<M extends LegendMetric | null>(
  options: ChoroplethOptions<M>,
): Choropleth<M> {
  const { codes, valueAt, metric, dataKey } = options;
  const small = options.isSmallCount ?? NEVER;
  const { method, thresholds, palette, roundBreak, classes } = options.classes;
  const scale = useMemo(
    () =>
      createClassedScale(
        codes.map((code) => valueAt(code)),
        {
          ...(method === undefined ? {} : { method }),
          ...(thresholds === undefined ? {} : { thresholds }),
          ...(palette === undefined ? {} : { palette }),
          ...(roundBreak === undefined ? {} : { roundBreak }),
          ...(classes === undefined ? {} : { classes }),
        },
      ),
    [codes, valueAt, method, thresholds, palette, roundBreak, classes],
  );
  const smallCodes = useMemo(() => new Set(codes.filter((code) => small(code))), [codes, small]);
  const legend = useMemo(
    () =>
      metric === null ? null : buildLegendModel(metric, scale, { smallCount: smallCodes.size > 0 }),
    [metric, scale, smallCodes],
  );
  const fillColour = useMemo(
    () => (code: string) => scale.colourFor(valueAt(code)),
    [scale, valueAt],
  );
  const isSmallCount = useMemo(() => (code: string) => smallCodes.has(code), [smallCodes]);
  const colourKey = `${dataKey}|${scale.breaks.join(',')}|${scale.colours.join(',')}`;
  return {
    scale,
    legend: legend as Choropleth<M>['legend'],
    fillColour,
    smallCodes,
    isSmallCount,
    colourKey,
  };
}
