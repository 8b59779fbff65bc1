/**
 * Configuration of a CEE programme (targets, cost model, funders, calendar, partner regions) and
 * its validator. The default, `data/programme/casba.json`, transcribes the CaSBa convention
 * (PRO-INNO-14, art. 2, 5 and 6, annexe 1); another programme is served by editing that file.
 *
 * Amounts are euros HT with at most two decimals. Keys starting with `_` are comments and are
 * ignored; any other unknown key is an error, so that a typo never silently drops a value, and
 * `__proto__`, `constructor` and `prototype` are refused everywhere.
 */
import { formatDecimal, formatInteger } from './format.ts';
import { isIsoDate } from './programme-dates.ts';

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

/** A validated programme configuration. */
export interface ProgrammeConfig {
  id: string;
  name: string;
  /** Official reference of the programme, e.g. PRO-INNO-14. */
  reference: string;
  targets: ProgrammeTargets;
  unit_costs: UnitCosts;
  work_packages: WorkPackage[];
  fixed_costs: FixedCostLine[];
  caps: ProgrammeCaps;
  funders: Funder[];
  calls_for_funds: CallForFunds[];
  calendar: ProgrammeCalendar;
  partner_regions: PartnerRegion[];
}

/** Outcome of {@link parseProgrammeConfig}. */
export type ProgrammeConfigResult =
  | { ok: true; config: ProgrammeConfig; warnings: string[] }
  | { ok: false; errors: string[] };

/** Tolerance on the sum of funder shares (binary fractions such as 1/3 do not add up exactly). */
const SHARE_TOLERANCE = 1e-9;

/** Euros → integer cents; the validator has checked that the amount has at most two decimals. */
export function toCents(euros: number): number {
  return Math.round(euros * 100);
}

/** `1200000` → `1 200 000 €`, `9.8` → `9,80 €` (French grouping). */
export function formatEuros(euros: number): string {
  const text = Number.isInteger(euros) ? formatInteger(euros) : formatDecimal(euros, 2);
  return `${text} €`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'absent';
  if (typeof value === 'string') return `« ${value} »`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Keys that, merged into an object, would rewrite its prototype. The validator copies values one
 * by one and never merges, but a file carrying them is tampered with, not commented.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Collects errors, each naming the path of the offending value. */
class Reader {
  readonly errors: string[] = [];

  fail(path: string, message: string): void {
    this.errors.push(`${path} ${message}`);
  }

  object(value: unknown, path: string, keys: readonly string[]): JsonObject | null {
    if (!isObject(value)) {
      this.fail(path, `doit être un objet (reçu : ${describe(value)})`);
      return null;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        this.fail(
          `${path}.${key}`,
          ': clé interdite (elle pourrait modifier les objets JavaScript)',
        );
      } else if (!key.startsWith('_') && !keys.includes(key)) {
        this.fail(`${path}.${key}`, `: clé inconnue (clés attendues : ${keys.join(', ')})`);
      }
    }
    return value;
  }

  list(value: unknown, path: string, allowEmpty = false): unknown[] | null {
    if (!Array.isArray(value)) {
      this.fail(path, `doit être une liste (reçu : ${describe(value)})`);
      return null;
    }
    if (value.length === 0 && !allowEmpty) {
      this.fail(path, 'doit contenir au moins un élément');
      return null;
    }
    return value;
  }

  text(value: unknown, path: string): string | null {
    if (typeof value !== 'string' || value.trim() === '') {
      this.fail(path, `doit être un texte non vide (reçu : ${describe(value)})`);
      return null;
    }
    return value;
  }

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

  uniqueIds(items: readonly { id: string }[], path: string): void {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id))
        this.fail(`${path}[${i}].id`, `: identifiant « ${item.id} » en double`);
      seen.add(item.id);
    });
  }
}

/** Reads every element of a list with `read`; null when the list or any element is invalid. */
function readEach<T>(
  r: Reader,
  value: unknown,
  path: string,
  read: (item: unknown, path: string) => T | null,
  allowEmpty = false,
): T[] | null {
  const items = r.list(value, path, allowEmpty);
  if (items === null) return null;
  const out = items.map((item, i) => read(item, `${path}[${i}]`));
  return out.every((x): x is T => x !== null) ? out : null;
}

function allSet<T extends object>(o: { [K in keyof T]: T[K] | null }): o is T {
  return Object.values(o).every((v) => v !== null);
}

function readTargets(r: Reader, value: unknown): ProgrammeTargets | null {
  const o = r.object(value, 'targets', ['territories', 'carnets', 'works']);
  if (o === null) return null;
  const t = {
    territories: r.positiveInteger(o.territories, 'targets.territories'),
    carnets: r.positiveInteger(o.carnets, 'targets.carnets'),
    works: r.positiveInteger(o.works, 'targets.works'),
  };
  return allSet<ProgrammeTargets>(t) ? t : null;
}

function readPart(r: Reader, value: unknown, path: string): UnitCostPart | null {
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

function readUnitCosts(r: Reader, value: unknown): UnitCosts | null {
  const o = r.object(value, 'unit_costs', ['per_territory', 'per_carnet']);
  if (o === null) return null;
  const path = 'unit_costs.per_territory';
  const territory = r.object(o.per_territory, path, ['amount', 'parts']);
  const carnet = r.object(o.per_carnet, 'unit_costs.per_carnet', ['amount', 'work_package']);
  const amount = territory === null ? null : r.money(territory.amount, `${path}.amount`, true);
  const parts =
    territory === null
      ? null
      : readEach(r, territory.parts, `${path}.parts`, (item, p) => readPart(r, item, p));
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

function readWorkPackage(r: Reader, value: unknown, path: string): WorkPackage | null {
  const o = r.object(value, path, ['id', 'name', 'fixed_budget']);
  if (o === null) return null;
  const wp = {
    id: r.text(o.id, `${path}.id`),
    name: r.text(o.name, `${path}.name`),
    fixed_budget: r.money(o.fixed_budget, `${path}.fixed_budget`),
  };
  return allSet<WorkPackage>(wp) ? wp : null;
}

function readFixedLine(r: Reader, value: unknown, path: string): FixedCostLine | null {
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

function readCaps(r: Reader, value: unknown): ProgrammeCaps | null {
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

function readFunder(r: Reader, value: unknown, path: string): Funder | null {
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

function readCall(r: Reader, value: unknown, path: string): CallForFunds | null {
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

function readCalendar(r: Reader, value: unknown): ProgrammeCalendar | null {
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

function readRegion(r: Reader, value: unknown, path: string): PartnerRegion | null {
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

/** Cross-field checks once every part has been read. */
function checkConsistency(r: Reader, c: ProgrammeConfig, warnings: string[]): void {
  r.uniqueIds(c.work_packages, 'work_packages');
  r.uniqueIds(c.fixed_costs, 'fixed_costs');
  r.uniqueIds(c.funders, 'funders');
  r.uniqueIds(c.calls_for_funds, 'calls_for_funds');
  const packages = new Set(c.work_packages.map((wp) => wp.id));
  const known = [...packages].join(', ');
  const checkPackage = (id: string, path: string) => {
    if (!packages.has(id)) r.fail(path, `: lot inconnu « ${id} » (lots déclarés : ${known})`);
  };
  c.unit_costs.per_territory.parts.forEach((p, i) => {
    checkPackage(p.work_package, `unit_costs.per_territory.parts[${i}].work_package`);
  });
  checkPackage(c.unit_costs.per_carnet.work_package, 'unit_costs.per_carnet.work_package');
  c.fixed_costs.forEach((line, i) => {
    checkPackage(line.work_package, `fixed_costs[${i}].work_package`);
  });

  const linesCents = c.fixed_costs.reduce((s, l) => s + toCents(l.cap), 0);
  if (linesCents > toCents(c.caps.fixed)) {
    r.fail(
      'fixed_costs',
      `: la somme des plafonds des lignes (${formatEuros(linesCents / 100)}) dépasse caps.fixed (${formatEuros(c.caps.fixed)})`,
    );
  }
  c.work_packages.forEach((wp, i) => {
    const cents = c.fixed_costs
      .filter((l) => l.work_package === wp.id)
      .reduce((s, l) => s + toCents(l.cap), 0);
    if (cents !== toCents(wp.fixed_budget)) {
      r.fail(
        `work_packages[${i}].fixed_budget`,
        `(${formatEuros(wp.fixed_budget)}) diffère de la somme des plafonds des lignes fixes du lot « ${wp.id} » (${formatEuros(cents / 100)})`,
      );
    }
  });

  const shares = c.funders.reduce((s, f) => s + f.share, 0);
  if (Math.abs(shares - 1) > SHARE_TOLERANCE) {
    r.fail('funders', `: la somme des parts (share) vaut ${shares} au lieu de 1`);
  }
  const commitments = c.funders.reduce((s, f) => s + toCents(f.commitment), 0);
  if (commitments !== toCents(c.caps.total)) {
    r.fail(
      'funders',
      `: la somme des engagements (${formatEuros(commitments / 100)}) diffère de caps.total (${formatEuros(c.caps.total)})`,
    );
  }
  c.funders.forEach((f, i) => {
    const expected = Math.round(toCents(c.caps.total) * f.share);
    if (Math.abs(toCents(f.commitment) - expected) > 1) {
      r.fail(
        `funders[${i}].commitment`,
        `(${formatEuros(f.commitment)}) diffère de share × caps.total (${formatEuros(expected / 100)})`,
      );
    }
  });

  const sumOf = (key: 'fixed' | 'variable' | 'amount') =>
    c.calls_for_funds.reduce((s, call) => s + toCents(call[key]), 0);
  const limits: ['fixed' | 'variable' | 'amount', string, number][] = [
    ['fixed', 'caps.fixed', c.caps.fixed],
    ['variable', 'caps.proportional', c.caps.proportional],
    ['amount', 'caps.total', c.caps.total],
  ];
  for (const [key, capPath, cap] of limits) {
    if (sumOf(key) > toCents(cap)) {
      r.fail(
        'calls_for_funds',
        `: le cumul des montants « ${key} » des appels (${formatEuros(sumOf(key) / 100)}) dépasse ${capPath} (${formatEuros(cap)})`,
      );
    }
  }
  c.calls_for_funds.forEach((call, i) => {
    if (call.date !== null && (call.date < c.calendar.start || call.date > c.calendar.end)) {
      r.fail(
        `calls_for_funds[${i}].date`,
        `(${call.date}) est hors du calendrier du programme (${c.calendar.start} → ${c.calendar.end})`,
      );
    }
  });

  const regions = new Set<string>();
  c.partner_regions.forEach((region, i) => {
    if (regions.has(region.code)) {
      r.fail(`partner_regions[${i}].code`, `: région « ${region.code} » en double`);
    }
    regions.add(region.code);
  });

  const targetCost =
    c.targets.territories * toCents(c.unit_costs.per_territory.amount) +
    c.targets.carnets * toCents(c.unit_costs.per_carnet.amount);
  if (targetCost > toCents(c.caps.proportional)) {
    warnings.push(
      `Les cibles coûtent ${formatEuros(targetCost / 100)} en coûts proportionnels, au-delà de caps.proportional (${formatEuros(c.caps.proportional)}) : le plafond s'appliquera avant d'atteindre les cibles.`,
    );
  }
}

/**
 * Validates a parsed JSON value as a programme configuration. Errors are French, one per
 * problem, each starting with the path of the value concerned (« targets.carnets doit être un
 * entier positif (reçu : -3) »). Consistency checks (parts summing to the unit cost, line caps
 * within the fixed cap and matching the work packages, caps adding up, funder shares summing to 1
 * and commitments to the total cap, calls within the caps) run once every field is readable.
 */
export function parseProgrammeConfig(json: unknown): ProgrammeConfigResult {
  const r = new Reader();
  const root = r.object(json, 'configuration', [
    'id',
    'name',
    'reference',
    'targets',
    'unit_costs',
    'work_packages',
    'fixed_costs',
    'caps',
    'funders',
    'calls_for_funds',
    'calendar',
    'partner_regions',
  ]);
  if (root === null) return { ok: false, errors: r.errors };
  const parsed = {
    id: r.text(root.id, 'id'),
    name: r.text(root.name, 'name'),
    reference: r.text(root.reference, 'reference'),
    targets: readTargets(r, root.targets),
    unit_costs: readUnitCosts(r, root.unit_costs),
    work_packages: readEach(r, root.work_packages, 'work_packages', (v, p) =>
      readWorkPackage(r, v, p),
    ),
    fixed_costs: readEach(r, root.fixed_costs, 'fixed_costs', (v, p) => readFixedLine(r, v, p)),
    caps: readCaps(r, root.caps),
    funders: readEach(r, root.funders, 'funders', (v, p) => readFunder(r, v, p)),
    calls_for_funds: readEach(
      r,
      root.calls_for_funds,
      'calls_for_funds',
      (v, p) => readCall(r, v, p),
      true,
    ),
    calendar: readCalendar(r, root.calendar),
    partner_regions: readEach(r, root.partner_regions, 'partner_regions', (v, p) =>
      readRegion(r, v, p),
    ),
  };
  if (!allSet<ProgrammeConfig>(parsed) || r.errors.length > 0) {
    return { ok: false, errors: r.errors };
  }
  const warnings: string[] = [];
  checkConsistency(r, parsed, warnings);
  return r.errors.length > 0
    ? { ok: false, errors: r.errors }
    : { ok: true, config: parsed, warnings };
}
