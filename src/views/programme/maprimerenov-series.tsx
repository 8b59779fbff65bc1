import { useCallback, useRef } from 'react';
import {
  MAPRIMERENOV_SOURCE_COLOURS,
  MAPRIMERENOV_SOURCE_LABELS,
  maprimerenovSeriesPlot,
} from '../../charts/programme-maprimerenov-plot.ts';
import { formatMonthLong } from '../../charts/programme-month.ts';
import { PlotFigure } from '../../components/plot-figure.tsx';
import { formatInteger } from '../../domain/format.ts';
import { type MaprimerenovAsset, seriesOf } from '../../domain/maprimerenov.ts';
import { useElementWidth } from './use-element-width.ts';

/** Props of {@link MaprimerenovSeries}. */
export interface MaprimerenovSeriesProps {
  asset: MaprimerenovAsset;
  /** The latest month, whose cumulative counts are shown. */
  month: string;
  countByCode: ReadonlyMap<string, number | null>;
  /** France's cumulative count at `month`. */
  national: number | null;
  /** Code of the chosen département (also highlighted on the map). */
  selected: string;
  onSelect: (code: string) => void;
}

/** The series of a chosen département beside France's, with the legend of their sources. */
export function MaprimerenovSeries({
  asset,
  month,
  countByCode,
  national,
  selected,
  onSelect,
}: MaprimerenovSeriesProps) {
  const seriesBox = useRef<HTMLDivElement>(null);
  const seriesWidth = useElementWidth(seriesBox, 420);
  const chosen = seriesOf(asset, selected);
  const seriesPlotWidth = Math.max(260, seriesWidth);
  const renderChosen = useCallback(
    () => maprimerenovSeriesPlot(chosen, { width: seriesPlotWidth }),
    [chosen, seriesPlotWidth],
  );
  const renderNational = useCallback(
    () => maprimerenovSeriesPlot(asset.national, { width: seriesPlotWidth }),
    [asset.national, seriesPlotWidth],
  );

  return (
    <div ref={seriesBox} className="mpr-series">
      <label className="no-print">
        Département
        <select
          data-testid="mpr-departement-select"
          value={selected}
          onChange={(event) => onSelect(event.target.value)}
        >
          {asset.departements.map((series) => (
            <option key={series.code} value={series.code}>
              {series.code} — {series.name ?? series.code}
            </option>
          ))}
        </select>
      </label>
      <figure>
        <figcaption
          data-testid="mpr-selected"
          data-code={chosen.code}
          data-value={countByCode.get(chosen.code) ?? ''}
        >
          {chosen.name ?? chosen.code} ({chosen.code}) :{' '}
          {formatInteger(countByCode.get(chosen.code) ?? null)} dossiers validés à{' '}
          {formatMonthLong(month)}
        </figcaption>
        <PlotFigure render={renderChosen} testId="mpr-series-departement" />
      </figure>
      <figure>
        <figcaption>
          France : {formatInteger(national)} dossiers validés à {formatMonthLong(month)}
        </figcaption>
        <PlotFigure render={renderNational} testId="mpr-series-france" />
      </figure>
      <ul className="timeseries-legend" aria-label="Légende des sources">
        {(['barometre', 'ditp'] as const).map((source) => (
          <li key={source}>
            <span
              className="legend-line"
              style={{ background: MAPRIMERENOV_SOURCE_COLOURS[source] }}
              aria-hidden="true"
            />
            {MAPRIMERENOV_SOURCE_LABELS[source]}
          </li>
        ))}
      </ul>
    </div>
  );
}
