/**
 * Steering indicators of the programme: KPIs against the targets, the monthly cumulative series
 * with the target trajectory, and the breakdowns per partner region and per EPCI (carnets, works,
 * conversion, penetration in the F/G stock).
 */
import type { ProgrammeConfig } from './programme-config.ts';
import type { ProgrammeCarnet, ProgrammeData } from './programme-data.ts';
import { daysBetween, endOfMonth, monthOf, monthsBetween } from './programme-dates.ts';

/** A count against its target. */
export interface KpiValue {
  value: number;
  target: number;
  /** value / target (may exceed 1). */
  progress: number;
}

/** The three programme KPIs. */
export interface ProgrammeKpis {
  territories: KpiValue;
  carnets: KpiValue;
  works: KpiValue;
}

/** Optional cut-off date (`YYYY-MM-DD`, inclusive): rows dated later are not counted. */
export interface AsOf {
  asOf?: string;
}

function upTo<T>(rows: readonly T[], date: (row: T) => string, asOf: string | undefined): T[] {
  return asOf === undefined ? [...rows] : rows.filter((row) => date(row) <= asOf);
}

/** The data as it stood at `asOf` (everything when undefined). */
export function dataAsOf(data: ProgrammeData, asOf?: string): ProgrammeData {
  return {
    territories: upTo(data.territories, (t) => t.date_adoption, asOf),
    carnets: upTo(data.carnets, (c) => c.date_ouverture, asOf),
    works: upTo(data.works, (w) => w.date_travaux, asOf),
  };
}

const kpi = (value: number, target: number): KpiValue => ({
  value,
  target,
  progress: target > 0 ? value / target : 0,
});

/** Adopting territories, carnets opened and works recorded, against the targets. */
export function computeProgrammeKpis(
  config: ProgrammeConfig,
  data: ProgrammeData,
  options: AsOf = {},
): ProgrammeKpis {
  const d = dataAsOf(data, options.asOf);
  return {
    territories: kpi(
      new Set(d.territories.map((t) => t.siren_epci)).size,
      config.targets.territories,
    ),
    carnets: kpi(d.carnets.length, config.targets.carnets),
    works: kpi(d.works.length, config.targets.works),
  };
}

/** Targets expected at a date along the trajectory. */
export interface TargetTrajectory {
  territories: number;
  carnets: number;
  works: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The target trajectory at a date: linear in days from 0 at `calendar.start` to the full target
 * at `calendar.end`, constant outside (0 before, the target after); rounded to 0.1. Linear is a
 * reading aid, not a commitment of the convention, which sets end targets only.
 */
export function targetTrajectory(config: ProgrammeConfig, date: string): TargetTrajectory {
  const span = daysBetween(config.calendar.start, config.calendar.end);
  const elapsed = daysBetween(config.calendar.start, date);
  const fraction = Math.min(1, Math.max(0, elapsed / span));
  return {
    territories: round1(config.targets.territories * fraction),
    carnets: round1(config.targets.carnets * fraction),
    works: round1(config.targets.works * fraction),
  };
}

/** One month of the cumulative series. */
export interface MonthlyPoint {
  /** `YYYY-MM`. */
  month: string;
  /** Last day of the month, at which the cumulative counts and the trajectory are taken. */
  date: string;
  territories: number;
  carnets: number;
  works: number;
  target: TargetTrajectory;
}

function cumulativeByMonth(dates: readonly string[], months: readonly string[]): number[] {
  const perMonth = new Map<string, number>();
  for (const date of dates) perMonth.set(monthOf(date), (perMonth.get(monthOf(date)) ?? 0) + 1);
  const first = months[0] ?? '';
  let running = dates.filter((d) => monthOf(d) < first).length;
  return months.map((month) => {
    running += perMonth.get(month) ?? 0;
    return running;
  });
}

/**
 * Monthly cumulative counts from the month of `calendar.start` to the month of `calendar.end`
 * (extended to the last dated row if any is later), each with the target trajectory at the end of
 * the month. Territories are counted at their adoption date.
 */
export function computeMonthlySeries(config: ProgrammeConfig, data: ProgrammeData): MonthlyPoint[] {
  const dates = [
    ...data.territories.map((t) => t.date_adoption),
    ...data.carnets.map((c) => c.date_ouverture),
    ...data.works.map((w) => w.date_travaux),
  ];
  const lastData = dates.reduce((a, b) => (a.localeCompare(b) < 0 ? b : a), config.calendar.end);
  const months = monthsBetween(monthOf(config.calendar.start), monthOf(lastData));
  const territories = cumulativeByMonth(
    data.territories.map((t) => t.date_adoption),
    months,
  );
  const carnets = cumulativeByMonth(
    data.carnets.map((c) => c.date_ouverture),
    months,
  );
  const works = cumulativeByMonth(
    data.works.map((w) => w.date_travaux),
    months,
  );
  return months.map((month, i) => {
    const date = endOfMonth(month);
    return {
      month,
      date,
      territories: territories[i] ?? 0,
      carnets: carnets[i] ?? 0,
      works: works[i] ?? 0,
      target: targetTrajectory(config, date),
    };
  });
}

/** F/G dwellings ("passoires") per EPCI SIREN, from the stock, for the penetration rate. */
export type FgDwellingsByEpci = Readonly<Record<string, number>>;

/** Counts and rates of one breakdown row. */
export interface BreakdownCounts {
  territories: number;
  carnets: number;
  works: number;
  /** works / carnets; null without carnets. */
  conversion: number | null;
  /** F/G dwellings of the row's adopting EPCI; null when not given for all of them. */
  fg_dwellings: number | null;
  /** Carnets per 1,000 F/G dwellings; null when `fg_dwellings` is null or 0. */
  penetration: number | null;
}

/** A partner region's row; `code` null gathers carnets outside any adopting territory. */
export interface RegionBreakdown extends BreakdownCounts {
  code: string | null;
  name: string;
}

/** An EPCI's row: adopting territories, and EPCI where carnets were opened without adoption. */
export interface EpciBreakdown extends BreakdownCounts {
  siren_epci: string;
  nom_epci: string | null;
  adopting: boolean;
  /** Partner region of the adopting territory, else the région of its carnets' communes. */
  code_region: string | null;
  date_adoption: string | null;
  operateur: string | null;
}

function rates(carnets: number, works: number, fg: number | null) {
  return {
    conversion: carnets > 0 ? works / carnets : null,
    fg_dwellings: fg,
    penetration: fg !== null && fg > 0 ? (carnets * 1000) / fg : null,
  };
}

function worksPerCarnet(data: ProgrammeData): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of data.works) counts.set(w.id_carnet, (counts.get(w.id_carnet) ?? 0) + 1);
  return counts;
}

/**
 * Per EPCI: each adopting territory (even without carnets), then each EPCI where carnets were
 * opened without adopting; sorted by SIREN. Carnets are assigned by their commune's EPCI.
 */
export function computeEpciBreakdown(
  data: ProgrammeData,
  fgDwellings?: FgDwellingsByEpci,
): EpciBreakdown[] {
  const works = worksPerCarnet(data);
  const rows = new Map<string, { carnets: number; works: number; first: ProgrammeCarnet | null }>();
  for (const c of data.carnets) {
    if (c.code_epci === null) continue;
    const row = rows.get(c.code_epci) ?? { carnets: 0, works: 0, first: c };
    row.carnets++;
    row.works += works.get(c.id_carnet) ?? 0;
    rows.set(c.code_epci, row);
  }
  const adopting = new Map(data.territories.map((t) => [t.siren_epci, t]));
  const sirens = [...new Set([...adopting.keys(), ...rows.keys()])].sort();
  return sirens.map((siren) => {
    const territory = adopting.get(siren);
    const counts = rows.get(siren) ?? { carnets: 0, works: 0, first: null };
    const fg = fgDwellings?.[siren];
    return {
      siren_epci: siren,
      nom_epci: territory?.nom_epci ?? null,
      adopting: territory !== undefined,
      code_region: territory?.code_region_partenaire ?? counts.first?.code_region ?? null,
      date_adoption: territory?.date_adoption ?? null,
      operateur: territory?.operateur ?? null,
      territories: territory === undefined ? 0 : 1,
      carnets: counts.carnets,
      works: counts.works,
      ...rates(counts.carnets, counts.works, fg ?? null),
    };
  });
}

/**
 * Per partner region (in the configuration's order): its adopting territories and their carnets
 * and works; then, when there are any, one row (code null) for carnets whose commune is in no
 * adopting territory. Penetration uses the F/G dwellings of the region's adopting EPCI and needs
 * all of them.
 */
export function computeRegionBreakdown(
  config: ProgrammeConfig,
  data: ProgrammeData,
  fgDwellings?: FgDwellingsByEpci,
): RegionBreakdown[] {
  const epcis = computeEpciBreakdown(data, fgDwellings);
  const regionRow = (code: string | null, name: string, members: EpciBreakdown[]) => {
    const carnets = members.reduce((s, e) => s + e.carnets, 0);
    const works = members.reduce((s, e) => s + e.works, 0);
    const fgKnown =
      code !== null && fgDwellings !== undefined && members.every((e) => e.fg_dwellings !== null);
    const fg = fgKnown ? members.reduce((s, e) => s + (e.fg_dwellings ?? 0), 0) : null;
    return {
      code,
      name,
      territories: members.reduce((s, e) => s + e.territories, 0),
      carnets,
      works,
      ...rates(carnets, works, fg),
    };
  };
  const rows: RegionBreakdown[] = config.partner_regions.map((region) =>
    regionRow(
      region.code,
      region.name,
      epcis.filter((e) => e.adopting && e.code_region === region.code),
    ),
  );
  const outside = epcis.filter((e) => !e.adopting);
  const withoutEpci = data.carnets.filter((c) => c.code_epci === null);
  if (outside.length > 0 || withoutEpci.length > 0) {
    const row = regionRow(null, 'Hors territoires adhérents', outside);
    const works = worksPerCarnet(data);
    row.carnets += withoutEpci.length;
    row.works += withoutEpci.reduce((s, c) => s + (works.get(c.id_carnet) ?? 0), 0);
    Object.assign(row, rates(row.carnets, row.works, null));
    rows.push(row);
  }
  return rows;
}
