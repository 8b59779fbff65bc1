/**
 * The convention's cost model (art. 5 and 6): proportional spend computed from the adopting
 * territories and opened carnets, fixed spend from the invoices entered per line, each within its
 * cap, and calls for funds split between the funders by share.
 *
 * Every sum is made in integer cents and converted back to euros once, so that 80,000 × 9.80 is
 * exactly 784,000 and a split always adds up to the call to the cent.
 */
import type { ProgrammeConfig } from './programme-config.ts';
import type { CallForFunds, Funder } from './programme-config-sections.ts';
import { toCents } from './programme-money.ts';

/** Counts the proportional costs are computed from. */
export interface BudgetInput {
  /** Adopting territories (one field operator per territory at most). */
  territories: number;
  /** Carnets opened. */
  carnets: number;
}

/** Spend against a cap, € HT. `spent + excess = uncapped`, `spent + remaining = cap`. */
export interface CappedAmount {
  /** Spend counted, within the cap. */
  spent: number;
  cap: number;
  /** Spend before applying the cap. */
  uncapped: number;
  /** What the cap leaves unfunded (uncapped − spent). */
  excess: number;
  /** What is left under the cap (cap − spent). */
  remaining: number;
}

/** One part of the per-territory cost, multiplied by the territories. */
export interface ProportionalPartSpend {
  id: string;
  label: string;
  work_package: string;
  unit_amount: number;
  amount: number;
}

/** Proportional costs: territories × unit cost + carnets × unit cost, within its cap. */
export interface ProportionalBudget extends CappedAmount {
  territories: number;
  carnets: number;
  per_territory: number;
  per_carnet: number;
  territories_amount: number;
  carnets_amount: number;
  parts: ProportionalPartSpend[];
}

/** A fixed-cost line: invoices to date counted within the line's cap. */
export interface FixedLineSpend extends CappedAmount {
  id: string;
  label: string;
  work_package: string;
}

/** Fixed costs: the lines' counted spend, within the fixed cap. */
export interface FixedBudget extends CappedAmount {
  lines: FixedLineSpend[];
}

/** Spend per work package (before the fixed / proportional / total caps). */
export interface WorkPackageSpend {
  id: string;
  name: string;
  fixed_budget: number;
  fixed: number;
  proportional: number;
}

/** The programme's budget at a point in time. */
export interface ProgrammeBudget {
  fixed: FixedBudget;
  proportional: ProportionalBudget;
  /** Fixed + proportional spend, within the total cap. */
  total: CappedAmount;
  work_packages: WorkPackageSpend[];
}

const euros = (cents: number): number => cents / 100;

function capped(uncappedCents: number, capCents: number): CappedAmount {
  const spent = Math.min(uncappedCents, capCents);
  return {
    spent: euros(spent),
    cap: euros(capCents),
    uncapped: euros(uncappedCents),
    excess: euros(uncappedCents - spent),
    remaining: euros(capCents - spent),
  };
}

function checkCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

/**
 * Computes the spend of the programme: proportional = territories × per-territory cost +
 * carnets × per-carnet cost, capped at `caps.proportional` (the uncapped figure and the excess
 * are reported); fixed = Σ lines' `spent_to_date`, each within its line cap, then within
 * `caps.fixed`; total = fixed + proportional within `caps.total`.
 */
export function computeBudget(config: ProgrammeConfig, input: BudgetInput): ProgrammeBudget {
  checkCount(input.territories, 'territories');
  checkCount(input.carnets, 'carnets');
  const perTerritory = toCents(config.unit_costs.per_territory.amount);
  const perCarnet = toCents(config.unit_costs.per_carnet.amount);
  const territoriesCents = input.territories * perTerritory;
  const carnetsCents = input.carnets * perCarnet;
  const proportional: ProportionalBudget = {
    ...capped(territoriesCents + carnetsCents, toCents(config.caps.proportional)),
    territories: input.territories,
    carnets: input.carnets,
    per_territory: euros(perTerritory),
    per_carnet: euros(perCarnet),
    territories_amount: euros(territoriesCents),
    carnets_amount: euros(carnetsCents),
    parts: config.unit_costs.per_territory.parts.map((part) => ({
      id: part.id,
      label: part.label,
      work_package: part.work_package,
      unit_amount: part.amount,
      amount: euros(input.territories * toCents(part.amount)),
    })),
  };

  const lines: FixedLineSpend[] = config.fixed_costs.map((line) => ({
    id: line.id,
    label: line.label,
    work_package: line.work_package,
    ...capped(toCents(line.spent_to_date), toCents(line.cap)),
  }));
  const linesCounted = lines.reduce((sum, line) => sum + toCents(line.spent), 0);
  const linesInvoiced = lines.reduce((sum, line) => sum + toCents(line.uncapped), 0);
  const fixedCapped = capped(linesCounted, toCents(config.caps.fixed));
  // The line caps already cut part of the invoices: the fixed budget's excess includes it.
  const fixed: FixedBudget = {
    ...fixedCapped,
    uncapped: euros(linesInvoiced),
    excess: euros(linesInvoiced - toCents(fixedCapped.spent)),
    lines,
  };

  const total = capped(
    toCents(fixed.spent) + toCents(proportional.spent),
    toCents(config.caps.total),
  );

  const work_packages = config.work_packages.map((wp) => {
    const fixedCents = lines
      .filter((l) => l.work_package === wp.id)
      .reduce((sum, l) => sum + toCents(l.spent), 0);
    const partsCents = proportional.parts
      .filter((p) => p.work_package === wp.id)
      .reduce((sum, p) => sum + toCents(p.amount), 0);
    const carnetCents = config.unit_costs.per_carnet.work_package === wp.id ? carnetsCents : 0;
    return {
      id: wp.id,
      name: wp.name,
      fixed_budget: wp.fixed_budget,
      fixed: euros(fixedCents),
      proportional: euros(partsCents + carnetCents),
    };
  });

  return { fixed, proportional, total, work_packages };
}

/** Something that takes a share of an amount. */
export interface ShareHolder {
  share: number;
}

/**
 * Splits `cents` (an integer) by shares, exactly: each part is the floor of its exact share, and
 * the cents left over go one each to the largest fractional remainders, ties to the earlier
 * holder in the list. The parts always sum to `cents`, and each is within one cent of its exact
 * share. Shares are normalised by their sum.
 */
export function splitCents(cents: number, holders: readonly ShareHolder[]): number[] {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be an integer, got ${cents}`);
  if (holders.length === 0) throw new RangeError('Nothing to split between: no share holder');
  const totalShare = holders.reduce((sum, h) => sum + h.share, 0);
  if (!(totalShare > 0) || holders.some((h) => !(h.share >= 0))) {
    throw new RangeError('Shares must be non-negative with a positive sum');
  }
  const sign = cents < 0 ? -1 : 1;
  const magnitude = Math.abs(cents);
  const exact = holders.map((h) => (magnitude * h.share) / totalShare);
  // Round away float noise (0.5 × 3 = 1.4999999…) before flooring.
  const parts = exact.map((x) => Math.floor(x + 1e-9));
  let left = magnitude - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, fraction: x - Math.floor(x + 1e-9) }))
    .sort((a, b) => b.fraction - a.fraction || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
    const index = order[k]?.i ?? 0;
    parts[index] = (parts[index] ?? 0) + 1;
  }
  return parts.map((p) => sign * p);
}

/** A funder's part of an amount. */
export interface FunderPart {
  funder_id: string;
  funder: string;
  amount: number;
}

/** Splits an amount in euros between the funders by share, exactly to the cent. */
export function splitBetweenFunders(amount: number, funders: readonly Funder[]): FunderPart[] {
  const parts = splitCents(toCents(amount), funders);
  return funders.map((f, i) => ({ funder_id: f.id, funder: f.name, amount: euros(parts[i] ?? 0) }));
}

/** A configured call for funds and its split between the funders. */
export type CallSplit = CallForFunds & { parts: FunderPart[] };

/** Calls for funds so far: each call split, and the total called per funder. */
export interface CallsForFunds {
  calls: CallSplit[];
  /** Sum of the calls' parts per funder (what each funder was asked to pay). */
  by_funder: FunderPart[];
  total: number;
}

/** Splits each configured call for funds between the funders and sums the parts per funder. */
export function computeCallsForFunds(config: ProgrammeConfig): CallsForFunds {
  const calls = config.calls_for_funds.map((call) => ({
    id: call.id,
    label: call.label,
    date: call.date,
    fixed: call.fixed,
    variable: call.variable,
    amount: call.amount,
    parts: splitBetweenFunders(call.amount, config.funders),
  }));
  const by_funder = config.funders.map((f) => ({
    funder_id: f.id,
    funder: f.name,
    amount: euros(
      calls.reduce(
        (sum, call) => sum + toCents(call.parts.find((p) => p.funder_id === f.id)?.amount ?? 0),
        0,
      ),
    ),
  }));
  const total = euros(calls.reduce((sum, call) => sum + toCents(call.amount), 0));
  return { calls, by_funder, total };
}

/** Where a funder stands: committed, called, and its share of the spend to date. */
export interface FunderPosition {
  funder_id: string;
  funder: string;
  share: number;
  commitment: number;
  called: number;
  /** Its share of the total spend counted to date (what it finances so far). */
  share_of_spend: number;
  /** Commitment not yet called. */
  remaining_commitment: number;
}

/** The funding envelope: what was spent, called, and what is left. */
export interface FundingEnvelope {
  cap: number;
  spent: number;
  called: number;
  /** Cap − spend counted. */
  remaining_to_spend: number;
  /** Cap − calls. */
  remaining_to_call: number;
  /** Spend counted not yet covered by calls (0 when the calls are ahead of spending). */
  spend_not_called: number;
  funders: FunderPosition[];
}

/** Compares the spend to date with the calls for funds, per funder and in total. */
export function computeFundingEnvelope(
  config: ProgrammeConfig,
  budget: ProgrammeBudget,
  calls: CallsForFunds = computeCallsForFunds(config),
): FundingEnvelope {
  const spendParts = splitBetweenFunders(budget.total.spent, config.funders);
  const capCents = toCents(config.caps.total);
  const spentCents = toCents(budget.total.spent);
  const calledCents = toCents(calls.total);
  return {
    cap: config.caps.total,
    spent: budget.total.spent,
    called: calls.total,
    remaining_to_spend: euros(capCents - spentCents),
    remaining_to_call: euros(capCents - calledCents),
    spend_not_called: euros(Math.max(0, spentCents - calledCents)),
    funders: config.funders.map((f, i) => {
      const called = calls.by_funder[i]?.amount ?? 0;
      return {
        funder_id: f.id,
        funder: f.name,
        share: f.share,
        commitment: f.commitment,
        called,
        share_of_spend: spendParts[i]?.amount ?? 0,
        remaining_commitment: euros(toCents(f.commitment) - toCents(called)),
      };
    }),
  };
}
