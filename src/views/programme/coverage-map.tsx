import type { PickingInfo } from '@deck.gl/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { LoadingStatus } from '../../components/loading-status.tsx';
import { MapView } from '../../components/map-view.tsx';
import { CoverageLegend } from '../../components/programme/coverage-legend.tsx';
import { CoverageTooltip } from '../../components/programme/coverage-tooltip.tsx';
import { DemoDataBadge } from '../../components/programme/demo-data-badge.tsx';
import { formatDecimal, formatInteger, formatPercent } from '../../domain/format.ts';
import type { EpciBreakdown } from '../../domain/programme-kpis.ts';
import {
  numericFigure,
  SECRET_MARK,
  type ShownFigure,
  shownCounts,
  shownEpciCounts,
  WITHHELD_PAIR,
} from '../../domain/public-figures.ts';
import type { PublicProgrammeCounts } from '../../domain/public-programme-counts.ts';
import type { EpciFeature } from '../../domain/territory.ts';
import { createQuantileScale, type Rgba } from '../../map/colour-scale.ts';
import { MAP_BACKGROUND } from '../../map/offline-style.ts';
import { createDepartementLayer, createRegionLayer } from '../../map/outline-layers.ts';
import {
  ADOPTING_OUTLINE_COLOUR,
  adoptionFillColour,
  adoptionLegend,
  buildSymbolData,
  COVERAGE_FILL_LAYER_ID,
  COVERAGE_FILLS,
  COVERAGE_RATES,
  COVERAGE_SYMBOLS,
  type CoverageFillId,
  type CoverageSymbolId,
  computeRepresentativePoints,
  createAdoptingOutlineLayer,
  createCoverageFillLayer,
  createProgrammeSymbolLayer,
  createSymbolScale,
  isCoverageFillId,
  isCoverageSymbolId,
  RATE_PALETTE,
  rateFillColour,
  rateLegend,
  SYMBOL_COLOURS,
  type SymbolDatum,
} from '../../map/programme-layers.ts';
import type { TerritoryAssets } from '../use-territory-assets.ts';

/** Props of {@link CoverageMap}. */
export interface CoverageMapProps {
  assets: TerritoryAssets;
  rows: readonly EpciBreakdown[];
  epciNames: ReadonlyMap<string, string>;
  /** Changes whenever `rows` change (data source and stock dataset). */
  version: string;
  /** Whether the data is the demonstration programme (said in the map caption). */
  demo: boolean;
  /** Public mode: the counts the statistical secret publishes (null outside public mode). */
  publicCounts: PublicProgrammeCounts | null;
}

interface Hover {
  x: number;
  y: number;
  width: number;
  height: number;
  code: string;
}

const SYMBOL_TITLES = {
  carnets: 'Carnets ouverts par EPCI',
  works: 'Travaux recensés par EPCI',
} as const;

/**
 * Draws the deck.gl canvas over the map background into a PNG data URL. Called from the overlay's
 * after-render callback, while the WebGL drawing buffer still holds the frame (it is cleared once
 * composited, since the context does not preserve it).
 */
function captureMap(container: HTMLElement | null): { url: string; complete: boolean } | null {
  if (container === null) return null;
  const canvases = [...container.querySelectorAll('canvas')].filter(
    (canvas) => !canvas.classList.contains('maplibregl-canvas') && canvas.width > 0,
  );
  const deckCanvas = canvases[0];
  if (deckCanvas === undefined) return null;
  const output = document.createElement('canvas');
  output.width = deckCanvas.width;
  output.height = deckCanvas.height;
  const context = output.getContext('2d');
  if (context === null) return null;
  // The style has a background only: painting it is the same as copying MapLibre's canvas.
  context.fillStyle = MAP_BACKGROUND;
  context.fillRect(0, 0, output.width, output.height);
  context.drawImage(deckCanvas, 0, 0);
  const expected = Math.round(container.clientWidth * window.devicePixelRatio);
  try {
    return {
      url: output.toDataURL('image/png'),
      complete: Math.abs(deckCanvas.width - expected) <= 2 && deckCanvas.height > 150,
    };
  } catch {
    return null;
  }
}

/**
 * The coverage map: adopting and non-adopting EPCI (or a programme rate of the adopting EPCI),
 * carnets or works per EPCI as proportional symbols at each EPCI's representative point, over
 * département and région outlines. A PNG of each drawn state is kept for the printed report.
 */
export function CoverageMap({
  assets,
  rows,
  epciNames,
  version,
  demo,
  publicCounts,
}: CoverageMapProps) {
  const [fill, setFill] = useState<CoverageFillId>('adoption');
  const [symbol, setSymbol] = useState<CoverageSymbolId>('carnets');
  const [hover, setHover] = useState<Hover | null>(null);
  const [drawn, setDrawn] = useState(false);
  const [image, setImage] = useState<string | null>(null);
  // Bumped to redraw the same layers once more, so that the overlay calls back and the picture
  // for the printed report is taken again (after a resize, a pan or a zoom).
  const [captureTick, setCaptureTick] = useState(0);
  const wrapper = useRef<HTMLDivElement>(null);
  const recaptureTimer = useRef<number | undefined>(undefined);
  const captureAttempts = useRef(0);

  const scheduleCapture = useCallback((delay: number) => {
    window.clearTimeout(recaptureTimer.current);
    recaptureTimer.current = window.setTimeout(() => setCaptureTick((n) => n + 1), delay);
  }, []);

  useEffect(() => {
    const element = wrapper.current;
    if (element === null) return;
    let first = true;
    const observer = new ResizeObserver(() => {
      if (first) first = false;
      else scheduleCapture(400);
    });
    observer.observe(element);
    // A pan or a zoom by pointer, wheel or keyboard ends a little after these events.
    const afterMove = () => scheduleCapture(700);
    const events = ['pointerup', 'wheel', 'keyup'] as const;
    for (const name of events) element.addEventListener(name, afterMove, { passive: true });
    return () => {
      for (const name of events) element.removeEventListener(name, afterMove);
      observer.disconnect();
      window.clearTimeout(recaptureTimer.current);
    };
  }, [scheduleCapture]);

  const points = useMemo(() => computeRepresentativePoints(assets.epci), [assets.epci]);
  const rowsByCode = useMemo(() => new Map(rows.map((row) => [row.siren_epci, row])), [rows]);
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

  const fillModel = useMemo(() => {
    const colours = new Map<string, Rgba>();
    if (fill === 'adoption') {
      for (const row of rows) colours.set(row.siren_epci, adoptionFillColour(row));
      return { colours, title: 'Adhésion au programme', legend: adoptionLegend(rows) };
    }
    const rate = COVERAGE_RATES[fill];
    const scale = createQuantileScale(
      drawnRows.filter((row) => row.adopting).map((row) => rate.value(row)),
      { classes: 5, palette: RATE_PALETTE, roundBreak: rate.roundBreak },
    );
    for (const row of drawnRows) colours.set(row.siren_epci, rateFillColour(row, rate, scale));
    return { colours, title: rate.title, legend: rateLegend(rate, scale) };
  }, [fill, rows, drawnRows]);

  const symbolModel = useMemo(() => {
    if (symbol === 'none') return null;
    const data = buildSymbolData(drawnRows, points, symbol);
    const scale = createSymbolScale(data.map((d) => d.count));
    return { data, scale, symbol };
  }, [symbol, drawnRows, points]);

  const onFillHover = useCallback((info: PickingInfo<EpciFeature>) => {
    setHover(
      info.object
        ? {
            x: info.x,
            y: info.y,
            width: info.viewport?.width ?? 0,
            height: info.viewport?.height ?? 0,
            code: info.object.properties.code,
          }
        : null,
    );
  }, []);
  const onSymbolHover = useCallback((info: PickingInfo<SymbolDatum>) => {
    if (!info.object) return;
    setHover({
      x: info.x,
      y: info.y,
      width: info.viewport?.width ?? 0,
      height: info.viewport?.height ?? 0,
      code: info.object.code,
    });
  }, []);
  const clearHover = useCallback(() => setHover(null), []);

  const contextLayers = useMemo(
    () => [createDepartementLayer(assets.departements), createRegionLayer(assets.regions)],
    [assets.departements, assets.regions],
  );

  const layers = useMemo(
    () => [
      createCoverageFillLayer({
        data: assets.epci,
        fillColours: fillModel.colours,
        version: `${fill}:${version}`,
        onHover: onFillHover,
      }),
      ...contextLayers,
      createAdoptingOutlineLayer(adopting, `${version}:${captureTick}`),
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
      fill,
      version,
      onFillHover,
      contextLayers,
      adopting,
      captureTick,
      symbolModel,
      onSymbolHover,
    ],
  );

  const onLayersDrawn = useCallback(
    (ids: string[]) => {
      if (!ids.includes(COVERAGE_FILL_LAYER_ID)) return;
      setDrawn(true);
      const captured = captureMap(wrapper.current);
      setImage(captured?.url ?? null);
      // The first frame can be drawn before the overlay's canvas takes the map's size.
      if (captured !== null && !captured.complete && captureAttempts.current < 5) {
        captureAttempts.current++;
        scheduleCapture(250);
      }
    },
    [scheduleCapture],
  );

  const hovered = hover === null ? undefined : rowsByCode.get(hover.code);
  const hoveredFigures =
    hovered === undefined ? undefined : (shown.get(hovered.siren_epci) ?? undefined);
  const tooltipFigure = (value: ShownFigure | undefined, format: (n: number | null) => string) =>
    value === 'secret' ? `${SECRET_MARK} (secret statistique)` : format(value ?? null);
  const hoveredName =
    hover === null
      ? ''
      : (hovered?.nom_epci ??
        epciNames.get(hover.code) ??
        assets.epci.features.find((f) => f.properties.code === hover.code)?.properties.nom ??
        hover.code);

  return (
    <section
      className="programme-section coverage-section"
      aria-labelledby="coverage-title"
      data-testid="coverage-map"
      data-drawn={drawn}
      data-fill={fill}
      data-symbol={symbol}
      data-symbols={symbolModel?.data.length ?? 0}
      data-symbol-max={symbolModel?.scale.maxCount ?? 0}
    >
      <h2 id="coverage-title">
        Couverture territoriale {demo && <DemoDataBadge testId="demo-tag" />}
      </h2>
      <div className="coverage-controls no-print">
        <label>
          Fond des EPCI
          <select
            data-testid="coverage-fill"
            value={fill}
            onChange={(event) => {
              if (isCoverageFillId(event.target.value)) setFill(event.target.value);
            }}
          >
            {COVERAGE_FILLS.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Symboles proportionnels
          <select
            data-testid="coverage-symbol"
            value={symbol}
            onChange={(event) => {
              if (isCoverageSymbolId(event.target.value)) setSymbol(event.target.value);
            }}
          >
            {COVERAGE_SYMBOLS.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="coverage-body">
        <div ref={wrapper} className="coverage-map-frame screen-only">
          <MapView layers={layers} onLayersDrawn={onLayersDrawn} onHoverLost={clearHover}>
            {hover && (
              <CoverageTooltip
                x={hover.x}
                y={hover.y}
                bounds={{ width: hover.width, height: hover.height }}
                title={hoveredName}
                lines={[
                  {
                    label: 'Adhésion',
                    value: hovered?.adopting
                      ? `adhérent${hovered.date_adoption ? ` depuis le ${hovered.date_adoption.split('-').reverse().join('/')}` : ''}`
                      : 'non adhérent',
                  },
                  {
                    label: 'Carnets ouverts',
                    value: tooltipFigure(hoveredFigures?.carnets ?? 0, formatInteger),
                  },
                  {
                    label: 'Travaux recensés',
                    value: tooltipFigure(hoveredFigures?.works ?? 0, formatInteger),
                  },
                  {
                    label: 'Conversion',
                    value: tooltipFigure(hoveredFigures?.conversion, (n) => formatPercent(n, 1)),
                  },
                  { label: 'Logements F/G', value: formatInteger(hovered?.fg_dwellings ?? null) },
                  {
                    label: 'Carnets pour 1 000 F/G',
                    value: tooltipFigure(hoveredFigures?.penetration, (n) => formatDecimal(n, 1)),
                  },
                ]}
              />
            )}
            {!drawn && <LoadingStatus message="Dessin de la carte de couverture…" />}
          </MapView>
        </div>
        {image !== null && (
          <img
            className="coverage-map-image print-only"
            data-testid="coverage-map-image"
            src={image}
            alt="Carte de couverture du programme par EPCI (image pour le rapport imprimé)"
          />
        )}
        <CoverageLegend
          fillTitle={fillModel.title}
          fill={fillModel.legend}
          adoptingOutline={{ colour: ADOPTING_OUTLINE_COLOUR, label: 'Contour des EPCI adhérents' }}
          symbols={
            symbolModel === null
              ? undefined
              : {
                  title: SYMBOL_TITLES[symbolModel.symbol],
                  colour: SYMBOL_COLOURS[symbolModel.symbol],
                  scale: symbolModel.scale,
                }
          }
          note={`Surface des cercles proportionnelle au nombre, placés en un point intérieur de chaque EPCI.${publicCounts === null ? '' : ' Mode public : un effectif soumis au secret statistique n’a pas de cercle, un taux calculé à partir de lui n’est pas coloré.'}${demo ? ' Données de démonstration (fictives).' : ''}`}
        />
      </div>
    </section>
  );
}
