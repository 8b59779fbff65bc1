import { ShownValue } from '../../components/secret-mark.tsx';
import type { EffectOutcome } from '../../domain/campaign-effect.ts';
import { shownEffect } from '../../domain/campaign-public.ts';
import { formatInterval, formatSignedRate } from '../../domain/campaign-reading.ts';
import type { CampaignMeasuresState } from './use-campaign-measures.ts';

/**
 * A campaign's estimate for one outcome in a table cell: « +2,1 (de −0,5 à +4,7) », « s » when the
 * statistical secret withholds it, « – » without estimate (the reason is in the title).
 */
export function EstimateCell({
  measures,
  id,
  outcome,
}: {
  measures: CampaignMeasuresState;
  id: string;
  outcome: EffectOutcome;
}) {
  if (measures.status !== 'ready') return <span className="muted">…</span>;
  const measure = measures.measures.get(id);
  if (measure?.estimate == null) {
    return <span title={measure?.reason ?? undefined}>–</span>;
  }
  const shown = shownEffect(measure.estimate, measures.publicMode)[outcome];
  return (
    <span data-testid={`estimate-${outcome}`}>
      <ShownValue value={shown.estimate} format={(n) => (n === null ? '–' : formatSignedRate(n))} />
      {shown.interval !== null && shown.interval !== 'secret' && (
        <span className="muted small"> ({formatInterval(shown.interval)})</span>
      )}
    </span>
  );
}
