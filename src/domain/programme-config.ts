/**
 * Configuration of a CEE programme (targets, cost model, funders, calendar, partner regions) and
 * its validator. The default, `data/programme/casba.json`, transcribes the CaSBa convention
 * (PRO-INNO-14, art. 2, 5 and 6, annexe 1); another programme is served by editing that file.
 *
 * Amounts are euros HT with at most two decimals. Keys starting with `_` are comments and are
 * ignored; any other unknown key is an error, so that a typo never silently drops a value, and
 * `__proto__`, `constructor` and `prototype` are refused everywhere.
 */
import { allSet } from './json-reader.ts';
import {
  type CallForFunds,
  ConfigReader,
  type FixedCostLine,
  type Funder,
  type PartnerRegion,
  type ProgrammeCalendar,
  type ProgrammeCaps,
  type ProgrammeTargets,
  readCalendar,
  readCall,
  readCaps,
  readFixedLine,
  readFunder,
  readRegion,
  readTargets,
  readUnitCosts,
  readWorkPackage,
  readWorkTypes,
  type UnitCosts,
  type WorkPackage,
  type WorkTypeDefinition,
} from './programme-config-sections.ts';
import { formatEuros, toCents } from './programme-money.ts';

/** Name of the configuration file, in `data/programme/` and beside a programme's CSV files. */
export const PROGRAMME_CONFIG_FILE = 'casba.json';

/** The default configuration, relative to the repository root (and, without `data/`, to the page's data). */
export const DEFAULT_PROGRAMME_CONFIG = `data/programme/${PROGRAMME_CONFIG_FILE}`;

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
  /** Kinds of works the works file may record (`type_travaux`). */
  work_types: WorkTypeDefinition[];
}

/** Outcome of {@link parseProgrammeConfig}. */
export type ProgrammeConfigResult =
  | { ok: true; config: ProgrammeConfig; warnings: string[] }
  | { ok: false; errors: string[] };

/** Tolerance on the sum of funder shares (binary fractions such as 1/3 do not add up exactly). */
const SHARE_TOLERANCE = 1e-9;

/** Cross-field checks once every part has been read. */
function checkConsistency(r: ConfigReader, c: ProgrammeConfig, warnings: string[]): void {
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
  const r = new ConfigReader();
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
    'work_types',
  ]);
  if (root === null) return { ok: false, errors: r.errors };
  const parsed = {
    id: r.text(root.id, 'id'),
    name: r.text(root.name, 'name'),
    reference: r.text(root.reference, 'reference'),
    targets: readTargets(r, root.targets),
    unit_costs: readUnitCosts(r, root.unit_costs),
    work_packages: r.each(root.work_packages, 'work_packages', (v, p) => readWorkPackage(r, v, p)),
    fixed_costs: r.each(root.fixed_costs, 'fixed_costs', (v, p) => readFixedLine(r, v, p)),
    caps: readCaps(r, root.caps),
    funders: r.each(root.funders, 'funders', (v, p) => readFunder(r, v, p)),
    calls_for_funds: r.each(
      root.calls_for_funds,
      'calls_for_funds',
      (v, p) => readCall(r, v, p),
      true,
    ),
    calendar: readCalendar(r, root.calendar),
    partner_regions: r.each(root.partner_regions, 'partner_regions', (v, p) => readRegion(r, v, p)),
    work_types: readWorkTypes(r, root.work_types),
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
