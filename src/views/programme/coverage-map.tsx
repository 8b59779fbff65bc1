import { useMemo, useState } from 'react';
import { LabelledSelect } from '../../components/labelled-select.tsx';
import { LoadingStatus } from '../../components/loading-status.tsx';
import { MapTooltip } from '../../components/map-tooltip.tsx';
import { MapView } from '../../components/map-view.tsx';
import { CoverageLegend } from '../../components/programme/coverage-legend.tsx';
import { DemoDataBadge } from '../../components/programme/demo-data-badge.tsx';
import { formatDecimal, formatInteger, formatPercent } from '../../domain/format.ts';
import type { EpciBreakdown } from '../../domain/programme-kpis.ts';
import { SECRET_MARK, type ShownCounts, type ShownFigure } from '../../domain/public-figures.ts';
import type { PublicProgrammeCounts } from '../../domain/public-programme-counts.ts';
import {
  ADOPTING_OUTLINE_COLOUR,
  COVERAGE_FILLS,
  COVERAGE_SYMBOLS,
  type CoverageFillId,
  type CoverageSymbolId,
  SYMBOL_COLOURS,
} from '../../map/programme-layers.ts';
import type { TerritoryAssets } from '../use-territory-assets.ts';
import { useCoverageLayers } from './use-coverage-layers.ts';

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

const SYMBOL_TITLES = {
  carnets: 'Carnets ouverts par EPCI',
  works: 'Travaux recensés par EPCI',
} as const;

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
  const map = useCoverageLayers({ assets, rows, version, publicCounts, fill, symbol });
  const { hover, fillModel, symbolModel } = map;
  const rowsByCode = useMemo(() => new Map(rows.map((row) => [row.siren_epci, row])), [rows]);
  const hovered = hover === null ? undefined : rowsByCode.get(hover.code);
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
      data-drawn={map.drawn}
      data-fill={fill}
      data-symbol={symbol}
      data-symbols={symbolModel?.data.length ?? 0}
      data-symbol-max={symbolModel?.scale.maxCount ?? 0}
    >
      <h2 id="coverage-title">
        Couverture territoriale {demo && <DemoDataBadge testId="demo-tag" />}
      </h2>
      <CoverageControls fill={fill} symbol={symbol} onFill={setFill} onSymbol={setSymbol} />
      <div className="coverage-body">
        <div ref={map.capture.wrapper} className="coverage-map-frame screen-only">
          <MapView
            layers={map.layers}
            onLayersDrawn={map.onLayersDrawn}
            onHoverLost={map.clearHover}
          >
            {hover && (
              <MapTooltip
                x={hover.x}
                y={hover.y}
                bounds={hover.bounds}
                title={hoveredName}
                lines={coverageTooltipLines(
                  hovered,
                  hovered === undefined ? undefined : map.shown.get(hovered.siren_epci),
                )}
                testId="coverage-tooltip"
              />
            )}
            {!map.drawn && <LoadingStatus message="Dessin de la carte de couverture…" />}
          </MapView>
        </div>
        {map.capture.image !== null && (
          <img
            className="coverage-map-image print-only"
            data-testid="coverage-map-image"
            src={map.capture.image}
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

/** The two selects of the coverage map: the fill of the EPCI and the proportional symbols. */
function CoverageControls(props: {
  fill: CoverageFillId;
  symbol: CoverageSymbolId;
  onFill: (fill: CoverageFillId) => void;
  onSymbol: (symbol: CoverageSymbolId) => void;
}) {
  return (
    <div className="coverage-controls no-print">
      <LabelledSelect
        label="Fond des EPCI"
        testId="coverage-fill"
        value={props.fill}
        options={COVERAGE_FILLS}
        onChange={props.onFill}
      />
      <LabelledSelect
        label="Symboles proportionnels"
        testId="coverage-symbol"
        value={props.symbol}
        options={COVERAGE_SYMBOLS}
        onChange={props.onSymbol}
      />
    </div>
  );
}

function tooltipFigure(value: ShownFigure | undefined, format: (n: number | null) => string) {
  return value === 'secret' ? `${SECRET_MARK} (secret statistique)` : format(value ?? null);
}

/** The six lines of an EPCI's tooltip, the withheld counts marked as secret. */
function coverageTooltipLines(
  hovered: EpciBreakdown | undefined,
  figures: ShownCounts | undefined,
) {
  return [
    {
      label: 'Adhésion',
      value: hovered?.adopting
        ? `adhérent${hovered.date_adoption ? ` depuis le ${hovered.date_adoption.split('-').reverse().join('/')}` : ''}`
        : 'non adhérent',
    },
    { label: 'Carnets ouverts', value: tooltipFigure(figures?.carnets ?? 0, formatInteger) },
    { label: 'Travaux recensés', value: tooltipFigure(figures?.works ?? 0, formatInteger) },
    {
      label: 'Conversion',
      value: tooltipFigure(figures?.conversion, (n) => formatPercent(n, 1)),
    },
    { label: 'Logements F/G', value: formatInteger(hovered?.fg_dwellings ?? null) },
    {
      label: 'Carnets pour 1 000 F/G',
      value: tooltipFigure(figures?.penetration, (n) => formatDecimal(n, 1)),
    },
  ];
}
