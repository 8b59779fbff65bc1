import { useCallback, useMemo, useRef } from 'react';
import { campaignEffectPlot, GROUP_COLOURS } from '../../charts/campaign-effect-plot.ts';
import { PlotFigure } from '../../components/plot-figure.tsx';
import { ShownValue } from '../../components/secret-mark.tsx';
import { TableHead } from '../../components/table-head.tsx';
import type { Campaign } from '../../domain/campaign.ts';
import { EFFECT_OUTCOMES, type EffectOutcome } from '../../domain/campaign-effect.ts';
import type { CampaignMeasure } from '../../domain/campaign-measure.ts';
import { type ShownEffect, shownEffect } from '../../domain/campaign-public.ts';
import { effectReading, formatInterval, formatSignedRate } from '../../domain/campaign-reading.ts';
import { formatCount, formatDecimal, formatInteger } from '../../domain/format.ts';
import { formatMonthLong } from '../../domain/programme-dates.ts';
import { useElementWidth } from '../programme/use-element-width.ts';
import { MeasureContext } from './measure-context.tsx';

const TITLES: Readonly<Record<EffectOutcome, string>> = {
  carnets: 'Carnets ouverts',
  works: 'Travaux réalisés',
};
const rate = (n: number | null) => formatDecimal(n, 1);

/** Props of {@link CampaignEffectPanel}. */
export interface CampaignEffectPanelProps {
  campaign: Campaign;
  measure: CampaignMeasure;
  publicMode: boolean;
  /** Where the programme counts come from (French). */
  source: string;
}

function OutcomeTable({ outcome, shown }: { outcome: EffectOutcome; shown: ShownEffect }) {
  const estimate = shown[outcome];
  const rows = [
    { key: 'target', label: 'Territoires ciblés', group: shown.target },
    { key: 'control', label: 'Territoires de comparaison', group: shown.control },
  ] as const;
  return (
    <table className="campaign-effect-table" data-testid={`campaign-counts-${outcome}`}>
      <TableHead
        labels={[
          'Groupe',
          'Territoires',
          'Logements F/G',
          'Avant',
          'Après',
          'Pour 1 000 F/G, avant → après',
        ]}
        text={6}
      />
      <tbody>
        {rows.map(({ key, label, group }) => (
          <tr key={key} data-group={key}>
            <th scope="row">
              <span className="campaign-swatch" style={{ background: GROUP_COLOURS[key] }} />
              {label}
            </th>
            <td>{formatInteger(group.units)}</td>
            <td>{formatInteger(group.fgDwellings)}</td>
            <td data-cell="before">
              <ShownValue value={group[outcome].before.count} format={formatInteger} />
            </td>
            <td data-cell="after">
              <ShownValue value={group[outcome].after.count} format={formatInteger} />
            </td>
            <td>
              <ShownValue value={group[outcome].before.rate} format={rate} /> →{' '}
              <ShownValue value={group[outcome].after.rate} format={rate} />
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={5}>
            Différence de différences (intervalle à 95 %)
          </th>
          <td data-testid={`campaign-estimate-${outcome}`}>
            <ShownValue
              value={estimate.estimate}
              format={(n) => (n === null ? '–' : formatSignedRate(n))}
            />{' '}
            {estimate.interval !== null && estimate.interval !== 'secret' && (
              <span className="muted">({formatInterval(estimate.interval)})</span>
            )}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

function OutcomeChart(props: {
  outcome: EffectOutcome;
  shown: ShownEffect;
  measure: CampaignMeasure;
  campaign: Campaign;
}) {
  const { outcome, shown, measure, campaign } = props;
  const container = useRef<HTMLDivElement>(null);
  const width = useElementWidth(container, 420);
  const months = useMemo(() => [...measure.window.pre, ...measure.window.post], [measure]);
  const render = useCallback(
    () =>
      campaignEffectPlot({
        outcome,
        months,
        target: shown.target,
        control: shown.control,
        start: campaign.debut,
        end: campaign.fin,
        width,
      }),
    [outcome, months, shown, campaign.debut, campaign.fin, width],
  );
  return (
    <div ref={container} className="campaign-effect-chart">
      <PlotFigure render={render} testId={`campaign-chart-${outcome}`} />
    </div>
  );
}

/**
 * A campaign's measured effect: the months compared, the comparison territories, the counts
 * behind every rate, the estimate and its interval, the monthly chart, the plain-French reading,
 * and the notes and cautions. In public mode the figures go through campaign-public.ts.
 */
export function CampaignEffectPanel({
  campaign,
  measure,
  publicMode,
  source,
}: CampaignEffectPanelProps) {
  const estimate = measure.estimate;
  const shown = useMemo(
    () => (estimate === null ? null : shownEffect(estimate, publicMode)),
    [estimate, publicMode],
  );
  const { window } = measure;
  return (
    <section
      className="campaign-effect"
      aria-labelledby="campaign-effect-title"
      data-testid="campaign-effect"
      data-status={estimate === null ? 'none' : 'estimate'}
      {...(publicMode ? {} : { 'data-measure': JSON.stringify(measure) })}
    >
      <h3 id="campaign-effect-title">Effet mesuré sur les carnets et les travaux</h3>
      <MeasureContext measure={measure} source={source} level={campaign.niveau} />
      {measure.reason !== null && (
        <p className="inline-notice" role="status" data-testid="campaign-effect-reason">
          {measure.reason}
        </p>
      )}
      {shown !== null && estimate !== null && (
        <>
          <p className="small">
            Avant : {formatMonthLong(window.pre[0] ?? '')} –{' '}
            {formatMonthLong(window.pre.at(-1) ?? '')} · après :{' '}
            {formatMonthLong(window.post[0] ?? '')} – {formatMonthLong(window.post.at(-1) ?? '')} (
            {formatCount(window.length, 'mois', 'mois')} de chaque côté).
            {shown.withheld &&
              ' Mode public : effectifs de moins de 11 masqués (« s »), avec ceux qui permettraient de les retrouver.'}
          </p>
          {EFFECT_OUTCOMES.map((outcome) => (
            <div key={outcome} className="campaign-outcome">
              <h4>{TITLES[outcome]}</h4>
              <p className="campaign-reading" data-testid={`campaign-reading-${outcome}`}>
                {effectReading(outcome, shown[outcome], {
                  level: campaign.niveau,
                  months: window.length,
                  intervalLevel: estimate.method.level,
                  cautions: measure.cautions,
                })}
              </p>
              <div className="campaign-outcome-body">
                <OutcomeTable outcome={outcome} shown={shown} />
                <OutcomeChart
                  outcome={outcome}
                  shown={shown}
                  measure={measure}
                  campaign={campaign}
                />
              </div>
            </div>
          ))}
        </>
      )}
      {measure.cautions.length > 0 && (
        <ul className="campaign-cautions" data-testid="campaign-cautions">
          {measure.cautions.map((caution) => (
            <li key={caution}>{caution}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
