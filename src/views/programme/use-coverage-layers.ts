import type { PickingInfo } from '@deck.gl/core';
import { useCallback, useMemo } from 'react';
import type { EpciBreakdown } from '../../domain/programme-kpis.ts';
import {
  numericFigure,
  shownCounts,
  shownEpciCounts,
  WITHHELD_PAIR,
} from '../../domain/public-figures.ts';
import type { PublicProgrammeCounts } from '../../domain/public-programme-counts.ts';
import type { EpciFeature } from '../../domain/territory.ts';
import type { Rgba } from '../../map/colour-scale.ts';
import { createDepartementLayer, createRegionLayer } from '../../map/outline-layers.ts';
import {
  adoptionFillColour,
  adoptionLegend,
  buildSymbolData,
  COVERAGE_FILL_LAYER_ID,
  COVERAGE_RATES,
  type CoverageFillId,
  type CoverageSymbolId,
  computeRepresentativePoints,
  createAdoptingOutlineLayer,
  createCoverageFillLayer,
  createProgrammeSymbolLayer,
  createSymbolScale,
  RATE_PALETTE,
  rateFillColour,
  rateLegend,
  type SymbolDatum,
} from '../../map/programme-layers.ts';
import { useChoropleth } from '../map-screen/use-choropleth.ts';
import { useMapHover } from '../map-screen/use-map-hover.ts';
import { useMapReadiness } from '../map-screen/use-map-readiness.ts';
import type { TerritoryAssets } from '../use-territory-assets.ts';
import { useCoverageCapture } from './coverage-capture.ts';

/** Inputs of {@link useCoverageLayers}. */
export interface CoverageLayersInput {
  assets: TerritoryAssets;
  rows: readonly EpciBreakdown[];
  /** Changes whenever `rows` change (data source and stock dataset). */
  version: string;
  publicCounts: PublicProgrammeCounts | null;
  fill: CoverageFillId;
  symbol: CoverageSymbolId;
}

/**
 * The layers of the coverage map: the EPCI fill (adoption, or a rate of the adopting EPCI in
 * classes), the context outlines, the outline of the adopting EPCI, the proportional symbols; with
 * what may be shown in public mode, the legends' models, the hover, readiness and picture.
 */
export function useCoverageLayers(input: CoverageLayersInput) {
  const { assets, rows, version, publicCounts, fill, symbol } = input;
  const points = useMemo(() => computeRepresentativePoints(assets.epci), [assets.epci]);
  const shown = useMemo(() => shownEpciCounts(rows, publicCounts), [rows, publicCounts]);
  // Symbols and rates drawn from what may be shown: a withheld count has no circle, a rate
  // computed from it no colour.
  const drawnRows = useMemo(
    () =>
      publicCounts === null
        ? rows
        : rows.map((row) => {
            const figures = shown.get(row.siren_epci) ?? shownCounts(row, WITHHELD_PAIR);
            return {
              ...row,
              carnets: numericFigure(figures.carnets) ?? 0,
              works: numericFigure(figures.works) ?? 0,
              conversion: numericFigure(figures.conversion),
              penetration: numericFigure(figures.penetration),
            };
          }),
    [rows, shown, publicCounts],
  );
  const adopting = useMemo(() => {
    const codes = new Set(rows.filter((row) => row.adopting).map((row) => row.siren_epci));
    return assets.epci.features.filter((feature) => codes.has(feature.properties.code));
  }, [assets.epci, rows]);

  const rate = fill === 'adoption' ? null : COVERAGE_RATES[fill];
  const drawnByCode = useMemo(() => new Map(drawnRows.map((r) => [r.siren_epci, r])), [drawnRows]);
  const rateCodes = useMemo(
    () => (rate === null ? [] : drawnRows.filter((r) => r.adopting).map((r) => r.siren_epci)),
    [rate, drawnRows],
  );
  const rateOf = useCallback(
    (code: string) => {
      const row = drawnByCode.get(code);
      return rate === null || row === undefined ? null : rate.value(row);
    },
    [rate, drawnByCode],
  );
  // The rate classes describe the adopting EPCI only.
  const rates = useChoropleth({
    codes: rateCodes,
    valueAt: rateOf,
    classes: { classes: 5, palette: RATE_PALETTE, roundBreak: rate?.roundBreak },
    metric: null,
    dataKey: `${fill}:${version}`,
  });
  const fillModel = useMemo(() => {
    const colours = new Map<string, Rgba>();
    if (rate === null) {
      for (const row of rows) colours.set(row.siren_epci, adoptionFillColour(row));
      return { colours, title: 'Adhésion au programme', legend: adoptionLegend(rows) };
    }
    for (const row of drawnRows)
      colours.set(row.siren_epci, rateFillColour(row, rate, rates.scale));
    return { colours, title: rate.title, legend: rateLegend(rate, rates.scale) };
  }, [rate, rows, drawnRows, rates.scale]);

  const symbolModel = useMemo(() => {
    if (symbol === 'none') return null;
    const data = buildSymbolData(drawnRows, points, symbol);
    const scale = createSymbolScale(data.map((d) => d.count));
    return { data, scale, symbol };
  }, [symbol, drawnRows, points]);

  const { hover, hoverAt, clear } = useMapHover();
  const onFillHover = useCallback(
    (info: PickingInfo<EpciFeature>) => hoverAt(info, info.object?.properties.code ?? null),
    [hoverAt],
  );
  const onSymbolHover = useCallback(
    (info: PickingInfo<SymbolDatum>) => {
      if (info.object) hoverAt(info, info.object.code);
    },
    [hoverAt],
  );

  const capture = useCoverageCapture();
  const contextLayers = useMemo(
    () => [createDepartementLayer(assets.departements), createRegionLayer(assets.regions)],
    [assets.departements, assets.regions],
  );
  const layers = useMemo(
    () => [
      createCoverageFillLayer({
        data: assets.epci,
        fillColours: fillModel.colours,
        version: rates.colourKey,
        onHover: onFillHover,
      }),
      ...contextLayers,
      createAdoptingOutlineLayer(adopting, `${version}:${capture.tick}`),
      ...(symbolModel === null
        ? []
        : [
            createProgrammeSymbolLayer({
              data: symbolModel.data,
              scale: symbolModel.scale,
              symbol: symbolModel.symbol,
              version: `${symbolModel.symbol}:${version}`,
              onHover: onSymbolHover,
            }),
          ]),
    ],
    [
      assets.epci,
      fillModel,
      rates.colourKey,
      onFillHover,
      contextLayers,
      adopting,
      version,
      capture.tick,
      symbolModel,
      onSymbolHover,
    ],
  );
  // Drawn once the fill was drawn once; every such frame retakes the picture.
  const readiness = useMapReadiness(COVERAGE_FILL_LAYER_ID, 'coverage', capture.capture);
  return {
    layers,
    fillModel,
    symbolModel,
    shown,
    hover,
    clearHover: clear,
    capture,
    ...readiness,
  };
}
