/**
 * The sections of a programme configuration (`programme-config.ts`) and how each is read from
 * JSON: types, then one reader per section. Cross-section checks stay in `programme-config.ts`.
 */
import { allSet, describeJson as describe, JsonReader } from './json-reader.ts';
import { isIsoDate } from './programme-dates.ts';
import { formatEuros, toCents } from './programme-money.ts';

/** Programme targets (convention art. 2 and 5). */
export interface ProgrammeTargets {
  territories: number;
  carnets: number;
  works: number;
}

/** One part of the proportional cost per territory. */
export interface UnitCostPart {
  id: string;
  label: string;
  amount: number;
  /** Id of the work package it finances. */
  work_package: string;
}

/** Proportional unit costs (convention art. 5). */
export interface UnitCosts {
  per_territory: { amount: number; parts: UnitCostPart[] };
  per_carnet: { amount: number; work_package: string };
}

/** A fixed-cost line: its cap ("dans la limite de") and what invoices show spent so far. */
export interface FixedCostLine {
  id: string;
  label: string;
  work_package: string;
  cap: number;
  /** Spend to date from invoices, € HT; entered by hand (0 until invoices are entered). */
  spent_to_date: number;
}

/** A work package ("brique") of annexe 1 with its fixed budget. */
export interface WorkPackage {
  id: string;
  name: string;
  fixed_budget: number;
}

/** Funding caps (convention art. 5). */
export interface ProgrammeCaps {
  fixed: number;
  proportional: number;
  total: number;
}

/** A funder ("obligé") and its share of every call for funds. */
export interface Funder {
  id: string;
  name: string;
  /** Share of each call, in (0, 1]; the shares sum to 1. */
  share: number;
  /** Amount committed, € HT (= share × total cap). */
  commitment: number;
}

/** A call for funds issued by the programme owner after the steering committee's validation. */
export interface CallForFunds {
  id: string;
  label: string;
  /** Date of the call (`YYYY-MM-DD`), or null when the convention gives none. */
  date: string | null;
  fixed: number;
  variable: number;
  amount: number;
}

/** Programme calendar (`YYYY-MM-DD`). */
export interface ProgrammeCalendar {
  start: string;
  end: string;
  /** Last date for the funders' contributions (art. 5). */
  contributions_deadline: string;
}

/** A partner region ("partenaire privilégié" of a région). */
export interface PartnerRegion {
  /** INSEE région code. */
  code: string;
  name: string;
}

/** A kind of works a carnet records (`type_travaux`); a work may combine several with `+`. */
export interface WorkTypeDefinition {
  /** Value of `type_travaux` in the works file, lower case. */
  id: string;
  label: string;
}

/** {@link JsonReader} with the value kinds of a programme configuration. */
export class ConfigReader extends JsonReader {
  positiveInteger(value: unknown, path: string): number | null {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
      this.fail(path, `doit être un entier positif (reçu : ${describe(value)})`);
      return null;
    }
    return value;
  }

  money(value: unknown, path: string, positive = false): number | null {
    const valid =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (positive ? value > 0 : value >= 0) &&
      value < 1e12 &&
      Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
    if (!valid) {
      const what = positive ? 'un montant strictement positif' : 'un montant positif ou nul';
      this.fail(path, `doit être ${what} en euros, au centime près (reçu : ${describe(value)})`);
      return null;
    }
    return value;
  }

  share(value: unknown, path: string): number | null {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 1) {
      this.fail(
        path,
        `doit être une part comprise entre 0 (exclu) et 1 (reçu : ${describe(value)})`,
      );
      return null;
    }
    return value;
  }

  date(value: unknown, path: string): string | null {
    if (typeof value !== 'string' || !isIsoDate(value)) {
      this.fail(
        path,
        `doit être une date existante au format AAAA-MM-JJ (reçu : ${describe(value)})`,
      );
      return null;
    }
    return value;
  }
}

/** Reads `targets`. */
export function readTargets(r: ConfigReader, value: unknown): ProgrammeTargets | null {
  const o = r.object(value, 'targets', ['territories', 'carnets', 'works']);
  if (o === null) return null;
  const t = {
    territories: r.positiveInteger(o.territories, 'targets.territories'),
    carnets: r.positiveInteger(o.carnets, 'targets.carnets'),
    works: r.positiveInteger(o.works, 'targets.works'),
  };
  return allSet<ProgrammeTargets>(t) ? t : null;
}

/** Reads one part of `unit_costs.per_territory.parts`. */
function readPart(r: ConfigReader, value: unknown, path: string): UnitCostPart | null {
  const o = r.object(value, path, ['id', 'label', 'amount', 'work_package']);
  if (o === null) return null;
  const part = {
    id: r.text(o.id, `${path}.id`),
    label: r.text(o.label, `${path}.label`),
    amount: r.money(o.amount, `${path}.amount`, true),
    work_package: r.text(o.work_package, `${path}.work_package`),
  };
  return allSet<UnitCostPart>(part) ? part : null;
}

/** Reads `unit_costs`; its parts must sum to the unit cost. */
export function readUnitCosts(r: ConfigReader, value: unknown): UnitCosts | null {
  const o = r.object(value, 'unit_costs', ['per_territory', 'per_carnet']);
  if (o === null) return null;
  const path = 'unit_costs.per_territory';
  const territory = r.object(o.per_territory, path, ['amount', 'parts']);
  const carnet = r.object(o.per_carnet, 'unit_costs.per_carnet', ['amount', 'work_package']);
  const amount = territory === null ? null : r.money(territory.amount, `${path}.amount`, true);
  const parts =
    territory === null
      ? null
      : r.each(territory.parts, `${path}.parts`, (item, p) => readPart(r, item, p));
  const carnetAmount =
    carnet === null ? null : r.money(carnet.amount, 'unit_costs.per_carnet.amount', true);
  const carnetPackage =
    carnet === null ? null : r.text(carnet.work_package, 'unit_costs.per_carnet.work_package');
  if (amount === null || parts === null || carnetAmount === null || carnetPackage === null) {
    return null;
  }
  r.uniqueIds(parts, `${path}.parts`);
  const sum = parts.reduce((s, p) => s + toCents(p.amount), 0);
  if (sum !== toCents(amount)) {
    r.fail(
      `${path}.parts`,
      `: la somme des parts (${formatEuros(sum / 100)}) diffère du coût unitaire ${path}.amount (${formatEuros(amount)})`,
    );
  }
  return {
    per_territory: { amount, parts },
    per_carnet: { amount: carnetAmount, work_package: carnetPackage },
  };
}

/** Reads one element of `work_packages`. */
export function readWorkPackage(r: ConfigReader, value: unknown, path: string): WorkPackage | null {
  const o = r.object(value, path, ['id', 'name', 'fixed_budget']);
  if (o === null) return null;
  const wp = {
    id: r.text(o.id, `${path}.id`),
    name: r.text(o.name, `${path}.name`),
    fixed_budget: r.money(o.fixed_budget, `${path}.fixed_budget`),
  };
  return allSet<WorkPackage>(wp) ? wp : null;
}

/** Reads one element of `fixed_costs`. */
export function readFixedLine(r: ConfigReader, value: unknown, path: string): FixedCostLine | null {
  const o = r.object(value, path, ['id', 'label', 'work_package', 'cap', 'spent_to_date']);
  if (o === null) return null;
  const line = {
    id: r.text(o.id, `${path}.id`),
    label: r.text(o.label, `${path}.label`),
    work_package: r.text(o.work_package, `${path}.work_package`),
    cap: r.money(o.cap, `${path}.cap`, true),
    spent_to_date: r.money(o.spent_to_date, `${path}.spent_to_date`),
  };
  return allSet<FixedCostLine>(line) ? line : null;
}

/** Reads `caps`; fixed + proportional must equal total. */
export function readCaps(r: ConfigReader, value: unknown): ProgrammeCaps | null {
  const o = r.object(value, 'caps', ['fixed', 'proportional', 'total']);
  if (o === null) return null;
  const caps = {
    fixed: r.money(o.fixed, 'caps.fixed', true),
    proportional: r.money(o.proportional, 'caps.proportional', true),
    total: r.money(o.total, 'caps.total', true),
  };
  if (!allSet<ProgrammeCaps>(caps)) return null;
  const sum = toCents(caps.fixed) + toCents(caps.proportional);
  if (sum !== toCents(caps.total)) {
    r.fail(
      'caps.total',
      `(${formatEuros(caps.total)}) diffère de caps.fixed + caps.proportional (${formatEuros(sum / 100)})`,
    );
  }
  return caps;
}

/** Reads one element of `funders`. */
export function readFunder(r: ConfigReader, value: unknown, path: string): Funder | null {
  const o = r.object(value, path, ['id', 'name', 'share', 'commitment']);
  if (o === null) return null;
  const funder = {
    id: r.text(o.id, `${path}.id`),
    name: r.text(o.name, `${path}.name`),
    share: r.share(o.share, `${path}.share`),
    commitment: r.money(o.commitment, `${path}.commitment`, true),
  };
  return allSet<Funder>(funder) ? funder : null;
}

/** Reads one element of `calls_for_funds`; fixed + variable must equal amount. */
export function readCall(r: ConfigReader, value: unknown, path: string): CallForFunds | null {
  const o = r.object(value, path, ['id', 'label', 'date', 'fixed', 'variable', 'amount']);
  if (o === null) return null;
  const date = o.date === null ? null : r.date(o.date, `${path}.date`);
  const call = {
    id: r.text(o.id, `${path}.id`),
    label: r.text(o.label, `${path}.label`),
    fixed: r.money(o.fixed, `${path}.fixed`),
    variable: r.money(o.variable, `${path}.variable`),
    amount: r.money(o.amount, `${path}.amount`, true),
  };
  if (!allSet<Omit<CallForFunds, 'date'>>(call) || (o.date !== null && date === null)) return null;
  if (toCents(call.fixed) + toCents(call.variable) !== toCents(call.amount)) {
    r.fail(
      `${path}.amount`,
      `(${formatEuros(call.amount)}) diffère de fixed + variable (${formatEuros((toCents(call.fixed) + toCents(call.variable)) / 100)})`,
    );
  }
  return { ...call, date };
}

/** Reads `calendar`; the end and the deadline follow the start. */
export function readCalendar(r: ConfigReader, value: unknown): ProgrammeCalendar | null {
  const o = r.object(value, 'calendar', ['start', 'end', 'contributions_deadline']);
  if (o === null) return null;
  const calendar = {
    start: r.date(o.start, 'calendar.start'),
    end: r.date(o.end, 'calendar.end'),
    contributions_deadline: r.date(o.contributions_deadline, 'calendar.contributions_deadline'),
  };
  if (!allSet<ProgrammeCalendar>(calendar)) return null;
  if (calendar.end <= calendar.start) {
    r.fail(
      'calendar.end',
      `(${calendar.end}) doit être postérieure à calendar.start (${calendar.start})`,
    );
  }
  if (calendar.contributions_deadline < calendar.start) {
    r.fail(
      'calendar.contributions_deadline',
      `(${calendar.contributions_deadline}) doit être postérieure à calendar.start (${calendar.start})`,
    );
  }
  return calendar;
}

/** Reads one element of `partner_regions`. */
export function readRegion(r: ConfigReader, value: unknown, path: string): PartnerRegion | null {
  const o = r.object(value, path, ['code', 'name']);
  if (o === null) return null;
  let code: string | null = null;
  if (typeof o.code === 'string' && /^\d{2}$/.test(o.code)) code = o.code;
  else
    r.fail(
      `${path}.code`,
      `doit être un code région INSEE à 2 chiffres, entre guillemets (reçu : ${describe(o.code)})`,
    );
  const name = r.text(o.name, `${path}.name`);
  return code === null || name === null ? null : { code, name };
}

const WORK_TYPE_ID = /^[a-z0-9_]+$/;

function readWorkType(r: ConfigReader, value: unknown, path: string): WorkTypeDefinition | null {
  const o = r.object(value, path, ['id', 'label']);
  if (o === null) return null;
  let id: string | null = null;
  if (typeof o.id === 'string' && WORK_TYPE_ID.test(o.id)) id = o.id;
  else {
    r.fail(
      `${path}.id`,
      `doit être un identifiant en minuscules, chiffres et « _ » (reçu : ${describe(o.id)})`,
    );
  }
  const label = r.text(o.label, `${path}.label`);
  return id === null || label === null ? null : { id, label };
}

/** The kinds of works of the programme, ids unique. */
export function readWorkTypes(r: ConfigReader, value: unknown): WorkTypeDefinition[] | null {
  const types = r.each(value, 'work_types', (v, p) => readWorkType(r, v, p));
  if (types !== null) r.uniqueIds(types, 'work_types');
  return types;
}
