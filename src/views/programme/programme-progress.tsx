import { type CSSProperties, useCallback, useMemo, useRef } from 'react';
import {
  programmeTimeseriesPlot,
  TIMESERIES_COLOURS,
  type TimeseriesKey,
  TRAJECTORY_COLOUR,
} from '../../charts/programme-timeseries-plot.ts';
import { PlotFigure } from '../../components/plot-figure.tsx';
import { ProgrammeSection } from '../../components/programme/programme-section.tsx';
import type { MonthlyPoint } from '../../domain/programme-kpis.ts';
import { publicMonthlySeries } from '../../domain/public-figures.ts';
import { useElementWidth } from './use-element-width.ts';

const PANELS: readonly { key: TimeseriesKey; title: string; noun: string }[] = [
  { key: 'territories', title: 'Territoires adhérents', noun: 'territoires' },
  { key: 'carnets', title: 'Carnets ouverts', noun: 'carnets' },
  { key: 'works', title: 'Travaux recensés', noun: 'travaux' },
];

function Panel({
  monthly,
  panel,
  width,
}: {
  monthly: readonly MonthlyPoint[];
  panel: (typeof PANELS)[number];
  width: number;
}) {
  const render = useCallback(
    () => programmeTimeseriesPlot(monthly, panel.key, { width, noun: panel.noun }),
    [monthly, panel, width],
  );
  return (
    <figure className="timeseries-panel">
      <figcaption>{panel.title}</figcaption>
      <PlotFigure render={render} testId={`timeseries-${panel.key}`} />
    </figure>
  );
}

/** A legend's sample of a curve. */
function LegendLine({ stroke, width, dash }: { stroke: string; width: string; dash?: string }) {
  return (
    <svg width="28" height="10" aria-hidden="true">
      <line
        x1="0"
        y1="5"
        x2="28"
        y2="5"
        stroke={stroke}
        strokeWidth={width}
        strokeDasharray={dash}
      />
    </svg>
  );
}

/** Monthly cumulative counts of the three KPIs against the linear target trajectory. */
export function ProgrammeProgress({
  monthly,
  demo,
  secretThreshold,
}: {
  monthly: readonly MonthlyPoint[];
  demo: boolean;
  /** In public mode, the statistical-secret threshold; else null. */
  secretThreshold: number | null;
}) {
  const series = useMemo(
    () => (secretThreshold === null ? monthly : publicMonthlySeries(monthly, secretThreshold)),
    [monthly, secretThreshold],
  );
  const container = useRef<HTMLDivElement>(null);
  const width = useElementWidth(container, 900);
  const columns = width >= 900 ? 3 : width >= 560 ? 2 : 1;
  const panelWidth = Math.max(240, Math.floor((width - (columns - 1) * 16) / columns));
  return (
    <ProgrammeSection
      titleId="programme-progress-title"
      title="Progression mensuelle cumulée"
      demo={demo}
      testId="programme-timeseries"
      data={{ 'data-months': monthly.length }}
    >
      <ul className="timeseries-legend" aria-label="Légende des courbes">
        {PANELS.map((panel) => (
          <li key={panel.key}>
            <LegendLine stroke={TIMESERIES_COLOURS[panel.key]} width="2.5" />
            {panel.title} (réalisé, cumul en fin de mois)
          </li>
        ))}
        <li>
          <LegendLine stroke={TRAJECTORY_COLOUR} width="2" dash="5,4" />
          Trajectoire cible linéaire, du début à la fin de la convention
        </li>
      </ul>
      {secretThreshold !== null && (
        <p className="muted small">
          Mode public : un cumul national de 1 à {secretThreshold - 1} carnets ou travaux n’est pas
          tracé (secret statistique).
        </p>
      )}
      <div
        ref={container}
        className="timeseries-grid"
        style={{ '--timeseries-columns': columns } as CSSProperties}
      >
        {PANELS.map((panel) => (
          <Panel key={panel.key} monthly={series} panel={panel} width={panelWidth} />
        ))}
      </div>
    </ProgrammeSection>
  );
}
