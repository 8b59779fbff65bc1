/**
 * Every steering figure of the programme in one object, computed the same way by the command
 * line (`npm run programme -- --json`) and by the browser views, so that both agree.
 */

import { formatDecimal, formatInteger, formatPercent } from './format.ts';
import type {
  CappedAmount,
  FunderPart,
  FundingEnvelope,
  ProgrammeBudget,
} from './programme-budget.ts';
import { computeBudget, computeCallsForFunds, computeFundingEnvelope } from './programme-budget.ts';
import type { ProgrammeConfig } from './programme-config.ts';
import type { ProgrammeData } from './programme-data.ts';
import type {
  EpciBreakdown,
  FgDwellingsByEpci,
  MonthlyPoint,
  ProgrammeKpis,
  RegionBreakdown,
} from './programme-kpis.ts';
import {
  computeEpciBreakdown,
  computeMonthlySeries,
  computeProgrammeKpis,
  computeRegionBreakdown,
  dataAsOf,
} from './programme-kpis.ts';
import { formatEuros } from './programme-money.ts';
import type { SavingsParameters, SavingsSummary } from './savings.ts';
import { DEFAULT_SAVINGS_PARAMETERS, estimateSavings } from './savings.ts';

/** Options of the summary. */
export interface SummaryOptions {
  /** Cut-off date (`YYYY-MM-DD`, inclusive). */
  asOf?: string;
  fgDwellings?: FgDwellingsByEpci;
  savingsParameters?: SavingsParameters;
}

/** The steering figures. Amounts in € HT. */
export interface ProgrammeSummary {
  kpis: ProgrammeKpis;
  budget: ProgrammeBudget;
  /** Total called per funder over the configured calls for funds. */
  calls_for_funds: FunderPart[];
  /** Each configured call and its split. */
  calls_for_funds_detail: ReturnType<typeof computeCallsForFunds>['calls'];
  funding: FundingEnvelope;
  savings: SavingsSummary;
  by_region: RegionBreakdown[];
  by_epci: EpciBreakdown[];
  monthly: MonthlyPoint[];
}

/**
 * Computes the steering figures: KPIs, budget from the adopting territories and carnets (cost
 * model of programme-budget.ts), calls for funds and funding envelope, estimated savings of the
 * works, breakdowns and monthly series.
 */
export function computeProgrammeSummary(
  config: ProgrammeConfig,
  data: ProgrammeData,
  options: SummaryOptions = {},
): ProgrammeSummary {
  const d = dataAsOf(data, options.asOf);
  const kpis = computeProgrammeKpis(config, d);
  const budget = computeBudget(config, {
    territories: kpis.territories.value,
    carnets: kpis.carnets.value,
  });
  const calls = computeCallsForFunds(config);
  return {
    kpis,
    budget,
    calls_for_funds: calls.by_funder,
    calls_for_funds_detail: calls.calls,
    funding: computeFundingEnvelope(config, budget, calls),
    savings: estimateSavings(d.works, options.savingsParameters ?? DEFAULT_SAVINGS_PARAMETERS),
    by_region: computeRegionBreakdown(config, d, options.fgDwellings),
    by_epci: computeEpciBreakdown(d, options.fgDwellings),
    monthly: computeMonthlySeries(config, d),
  };
}

const capLine = (label: string, a: CappedAmount) =>
  `${label} : ${formatEuros(a.spent)} sur ${formatEuros(a.cap)} (${formatPercent(a.cap > 0 ? a.spent / a.cap : 0)})` +
  (a.excess > 0 ? `, dépassement non financé ${formatEuros(a.excess)}` : '');

/** A short French text of the summary, for the terminal. */
export function formatProgrammeSummaryText(config: ProgrammeConfig, s: ProgrammeSummary): string {
  const k = s.kpis;
  const kpiLine = (label: string, v: ProgrammeKpis['territories']) =>
    `  ${label} : ${formatInteger(v.value)} / ${formatInteger(v.target)} (${formatPercent(v.progress)})`;
  return [
    `Programme ${config.name} (${config.reference}), ${config.calendar.start} → ${config.calendar.end}`,
    'Indicateurs :',
    kpiLine('Territoires adhérents', k.territories),
    kpiLine('Carnets ouverts', k.carnets),
    kpiLine('Travaux recensés', k.works),
    'Budget (€ HT) :',
    `  ${capLine('Coûts fixes', s.budget.fixed)}`,
    `  ${capLine('Coûts proportionnels', s.budget.proportional)}`,
    `  ${capLine('Total', s.budget.total)}`,
    `Appels de fonds : ${s.calls_for_funds.map((p) => `${p.funder} ${formatEuros(p.amount)}`).join(', ')}`,
    `Économies estimées : ${formatDecimal(s.savings.final_mwh_per_year)} MWh/an d'énergie finale, ${formatDecimal(s.savings.primary_mwh_per_year)} MWh/an d'énergie primaire, ${formatDecimal(s.savings.tco2e_per_year)} tCO2e/an.`,
    `  ${s.savings.method}`,
    '',
  ].join('\n');
}
