/**
 * The plain-French reading of a campaign's effect, the same on screen, in the annual report and
 * on the command line: « +2,1 carnets pour 1 000 passoires par rapport aux communes comparables
 * (intervalle à 95 % : de −0,5 à +4,7) ; … ».
 */
import type { CampaignLevel } from './campaign.ts';
import type { EffectOutcome } from './campaign-effect.ts';
import type { ShownEstimate } from './campaign-public.ts';
import { formatDecimal, formatInteger } from './format.ts';

const NOUNS: Readonly<Record<EffectOutcome, string>> = { carnets: 'carnets', works: 'travaux' };

/** A signed rate: « +2,1 », « −0,5 » (true minus sign), « 0,0 ». */
export function formatSignedRate(value: number): string {
  const text = formatDecimal(Math.abs(value), 1);
  if (text === formatDecimal(0, 1)) return text;
  return `${value > 0 ? '+' : '−'}${text}`;
}

/** The interval as « de −0,5 à +4,7 ». */
export function formatInterval([low, high]: readonly [number, number]): string {
  return `de ${formatSignedRate(low)} à ${formatSignedRate(high)}`;
}

/** Options of {@link effectReading}. */
export interface ReadingContext {
  level: CampaignLevel;
  /** Months on each side. */
  months: number;
  /** Coverage of the interval (0.95). */
  intervalLevel: number;
  cautions: readonly string[];
}

/** The reading of one outcome (see the module documentation). */
export function effectReading(
  outcome: EffectOutcome,
  shown: ShownEstimate,
  context: ReadingContext,
): string {
  const noun = NOUNS[outcome];
  const peers = context.level === 'commune' ? 'communes comparables' : 'EPCI comparables';
  if (shown.estimate === 'secret') {
    return `Effet sur les ${noun} masqué : effectifs soumis au secret statistique (mode public).`;
  }
  if (shown.estimate === null) return `Effet sur les ${noun} incalculable.`;
  const period = `sur ${formatInteger(context.months)} mois`;
  const parts = [
    `${formatSignedRate(shown.estimate)} ${noun} pour 1 000 passoires ${period} par rapport aux ${peers}`,
  ];
  if (shown.interval !== null && shown.interval !== 'secret') {
    const [low, high] = shown.interval;
    parts[0] += ` (intervalle à ${formatInteger(context.intervalLevel * 100)} % : ${formatInterval(shown.interval)})`;
    parts.push(
      low <= 0 && high >= 0
        ? 'l’intervalle contient 0 : pas d’effet démontré'
        : high < 0
          ? 'baisse au-delà du hasard'
          : 'hausse au-delà du hasard',
    );
  }
  if (context.cautions.length > 0) parts.push('effectifs faibles ou peu de territoires : prudence');
  return `${parts.join(' ; ')}.`;
}
