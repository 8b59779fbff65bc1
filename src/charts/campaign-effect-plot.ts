import * as Plot from '@observablehq/plot';
import type { EffectOutcome } from '../domain/campaign-effect.ts';
import type { ShownGroup } from '../domain/campaign-public.ts';
import { formatDecimal, formatInteger } from '../domain/format.ts';
import { formatMonthLong, formatMonthTick, monthDate } from './programme-month.ts';

/** Colours of the two groups: the targets in the accent blue, the comparison in grey. */
export const GROUP_COLOURS = { target: '#1d4f91', control: '#7b8794' } as const;

const GROUP_NAMES = { target: 'Territoires ciblés', control: 'Territoires de comparaison' };
const NOUNS: Readonly<Record<EffectOutcome, string>> = { carnets: 'carnets', works: 'travaux' };

/** What {@link campaignEffectPlot} draws. */
export interface CampaignEffectPlotInput {
  outcome: EffectOutcome;
  /** Months of the window, before then after. */
  months: readonly string[];
  target: ShownGroup;
  control: ShownGroup;
  /** Campaign dates (`YYYY-MM-DD`). */
  start: string;
  end: string;
  width: number;
}

interface Datum {
  date: Date;
  month: string;
  group: keyof typeof GROUP_NAMES;
  count: number | null;
  rate: number;
}

const dayDate = (iso: string) =>
  new Date(
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))),
  );

/**
 * Monthly carnets (or works) per 1,000 F/G dwellings of the targets and of the comparison
 * territories over the window, points at mid-month, with the campaign's start and end marked. A
 * month withheld by the statistical secret is a gap.
 */
export function campaignEffectPlot(input: CampaignEffectPlotInput): SVGSVGElement | HTMLElement {
  const data: Datum[] = (['target', 'control'] as const).flatMap((group) => {
    const figures = input[group];
    return input.months.map((month, i) => {
      const count = figures[input.outcome].monthly[i] ?? null;
      const mid = monthDate(month);
      mid.setUTCDate(15);
      return {
        date: mid,
        month,
        group,
        count,
        rate:
          count === null || figures.fgDwellings <= 0
            ? Number.NaN
            : (1000 * count) / figures.fgDwellings,
      };
    });
  });
  const first = monthDate(input.months[0] ?? '2000-01');
  const last = monthDate(input.months.at(-1) ?? '2000-01');
  last.setUTCMonth(last.getUTCMonth() + 1);
  const start = dayDate(input.start);
  const end = dayDate(input.end);
  const marks = [
    { date: start, label: 'début' },
    ...(end > start && end < last ? [{ date: end, label: 'fin' }] : []),
  ].filter((mark) => mark.date >= first && mark.date <= last);
  const noun = NOUNS[input.outcome];
  return Plot.plot({
    width: input.width,
    height: 230,
    marginLeft: 48,
    marginRight: 32,
    marginTop: 22,
    marginBottom: 30,
    style: { fontSize: '11px', fontFamily: 'inherit', overflow: 'visible' },
    ariaLabel: `${noun} par mois pour 1 000 passoires : territoires ciblés et de comparaison`,
    x: { type: 'utc', domain: [first, last], label: null, tickFormat: formatMonthTick, ticks: 6 },
    y: {
      grid: true,
      label: `${noun} / 1 000 F/G`,
      tickFormat: (v: number) => formatDecimal(v, 1),
      zero: true,
    },
    color: {
      domain: ['target', 'control'],
      range: [GROUP_COLOURS.target, GROUP_COLOURS.control],
    },
    marks: [
      Plot.ruleX(marks, { x: 'date', stroke: '#c2410c', strokeDasharray: '4,3' }),
      Plot.text(marks, { x: 'date', text: 'label', frameAnchor: 'top', dy: -14, fill: '#c2410c' }),
      Plot.lineY(data, { x: 'date', y: 'rate', stroke: 'group', strokeWidth: 2 }),
      Plot.dot(data, { x: 'date', y: 'rate', fill: 'group', r: 2.5 }),
      Plot.tip(
        data,
        Plot.pointerX({
          x: 'date',
          y: 'rate',
          title: (d: Datum) =>
            `${GROUP_NAMES[d.group]}, ${formatMonthLong(d.month)}\n${
              d.count === null
                ? 's (secret statistique)'
                : `${formatInteger(d.count)} ${noun}, ${formatDecimal(d.rate, 2)} pour 1 000 F/G`
            }`,
        }),
      ),
    ],
  });
}
