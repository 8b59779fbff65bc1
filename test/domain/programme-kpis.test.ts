import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ProgrammeConfig, parseProgrammeConfig } from '../../src/domain/programme-config.ts';
import type {
  ProgrammeCarnet,
  ProgrammeData,
  ProgrammeTerritory,
  ProgrammeWork,
} from '../../src/domain/programme-data.ts';
import {
  computeEpciBreakdown,
  computeMonthlySeries,
  computeProgrammeKpis,
  computeRegionBreakdown,
  targetTrajectory,
} from '../../src/domain/programme-kpis.ts';
import {
  computeProgrammeSummary,
  formatProgrammeSummaryText,
} from '../../src/domain/programme-summary.ts';

function casba(): ProgrammeConfig {
  const json = JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../data/programme/casba.json'), 'utf8'),
  );
  const result = parseProgrammeConfig(json);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

const territory = (siren: string, region: string, date: string): ProgrammeTerritory => ({
  siren_epci: siren,
  nom_epci: `EPCI ${siren}`,
  code_region_partenaire: region,
  date_adoption: date,
  operateur: 'Op',
  source: null,
});
const carnet = (id: string, epci: string | null, date: string, region = '32'): ProgrammeCarnet => ({
  id_carnet: id,
  code_commune: '59350',
  nom_commune: 'Lille',
  code_epci: epci,
  code_region: region,
  date_ouverture: date,
  operateur: 'Op',
  source: null,
});
const work = (id: string, date: string): ProgrammeWork => ({
  id_carnet: id,
  date_travaux: date,
  type_travaux: ['chauffage'],
  etiquette_avant: 'F',
  etiquette_apres: 'D',
  conso_ep_avant: null,
  conso_ep_apres: null,
  conso_ef_avant: null,
  conso_ef_apres: null,
  surface_m2: 100,
  cout_ttc: 10_000,
  source: null,
});

// Two territories in Hauts-de-France (32), one in Occitanie (76); five carnets, one of them in a
// non-adopting EPCI and one without EPCI; three works.
const DATA: ProgrammeData = {
  territories: [
    territory('200093201', '32', '2019-04-15'),
    territory('245900410', '32', '2019-09-02'),
    territory('243100518', '76', '2020-01-10'),
  ],
  carnets: [
    carnet('A', '200093201', '2019-05-01'),
    carnet('B', '200093201', '2019-05-20'),
    carnet('C', '245900410', '2019-10-03'),
    carnet('D', '200041630', '2020-02-11', '44'),
    carnet('E', null, '2020-03-01', '44'),
  ],
  works: [work('A', '2019-08-01'), work('C', '2020-01-05'), work('D', '2020-06-30')],
};

describe('computeProgrammeKpis', () => {
  it('counts territories, carnets and works against the targets', () => {
    expect(computeProgrammeKpis(casba(), DATA)).toEqual({
      territories: { value: 3, target: 106, progress: 3 / 106 },
      carnets: { value: 5, target: 80_000, progress: 5 / 80_000 },
      works: { value: 3, target: 12_000, progress: 3 / 12_000 },
    });
  });

  it('counts what stood at a date (inclusive)', () => {
    const k = computeProgrammeKpis(casba(), DATA, { asOf: '2019-10-03' });
    expect([k.territories.value, k.carnets.value, k.works.value]).toEqual([2, 3, 1]);
  });
});

describe('target trajectory and monthly series', () => {
  it.each<[string, number, number, number]>([
    ['2019-03-11', 0, 0, 0],
    ['2019-01-01', 0, 0, 0],
    ['2021-06-30', 106, 80_000, 12_000],
    ['2022-01-01', 106, 80_000, 12_000],
    // 421 of 842 days: exactly half way.
    ['2020-05-05', 53, 40_000, 6_000],
  ])('is linear from start to end: %s → %s / %s / %s', (date, t, c, w) => {
    expect(targetTrajectory(casba(), date)).toEqual({ territories: t, carnets: c, works: w });
  });

  it('runs month by month from March 2019 to June 2021 with cumulative counts', () => {
    const series = computeMonthlySeries(casba(), DATA);
    expect(series).toHaveLength(28);
    expect(series[0]).toMatchObject({
      month: '2019-03',
      date: '2019-03-31',
      territories: 0,
      carnets: 0,
      works: 0,
    });
    expect(series[0]?.target.carnets).toBe(Math.round((80_000 * 20 * 10) / 842) / 10);
    const at = (month: string) => series.find((p) => p.month === month);
    expect(at('2019-05')).toMatchObject({ territories: 1, carnets: 2, works: 0 });
    expect(at('2020-03')).toMatchObject({ territories: 3, carnets: 5, works: 2 });
    expect(at('2021-06')).toMatchObject({ territories: 3, carnets: 5, works: 3 });
    expect(at('2021-06')?.target).toEqual({ territories: 106, carnets: 80_000, works: 12_000 });
    for (let i = 1; i < series.length; i++) {
      expect(series[i]?.carnets ?? 0).toBeGreaterThanOrEqual(series[i - 1]?.carnets ?? 0);
    }
  });

  it('extends past the calendar when data runs later', () => {
    const late = { ...DATA, works: [...DATA.works, work('B', '2021-08-10')] };
    const series = computeMonthlySeries(casba(), late);
    expect(series.at(-1)).toMatchObject({ month: '2021-08', works: 4 });
  });
});

describe('breakdowns', () => {
  it('gives per EPCI carnets, works, conversion and penetration', () => {
    const rows = computeEpciBreakdown(DATA, { '200093201': 4_000, '245900410': 0 });
    expect(
      rows.map((r) => [r.siren_epci, r.adopting, r.carnets, r.works, r.conversion, r.penetration]),
    ).toEqual([
      ['200041630', false, 1, 1, 1, null],
      ['200093201', true, 2, 1, 0.5, 0.5],
      ['243100518', true, 0, 0, null, null],
      ['245900410', true, 1, 1, 1, null],
    ]);
    expect(rows[0]?.code_region).toBe('44');
  });

  it('gives per partner region, in the configuration order, plus the carnets outside', () => {
    const rows = computeRegionBreakdown(casba(), DATA, {
      '200093201': 4_000,
      '245900410': 1_000,
    });
    expect(
      rows.map((r) => [
        r.code,
        r.territories,
        r.carnets,
        r.works,
        r.conversion,
        r.fg_dwellings,
        r.penetration,
      ]),
    ).toEqual([
      ['32', 2, 3, 2, 2 / 3, 5_000, 0.6],
      ['75', 0, 0, 0, null, 0, null],
      ['44', 0, 0, 0, null, 0, null],
      ['76', 1, 0, 0, null, null, null],
      ['24', 0, 0, 0, null, 0, null],
      [null, 0, 2, 1, 0.5, null, null],
    ]);
    expect(rows.at(-1)?.name).toBe('Hors territoires adhérents');
  });

  it('has no outside row when every carnet is in an adopting territory', () => {
    const inside = { ...DATA, carnets: DATA.carnets.slice(0, 3), works: DATA.works.slice(0, 2) };
    expect(computeRegionBreakdown(casba(), inside).map((r) => r.code)).toEqual([
      '32',
      '75',
      '44',
      '76',
      '24',
    ]);
  });
});

describe('computeProgrammeSummary', () => {
  it('computes the budget from the adopting territories and carnets, and the calls split', () => {
    const s = computeProgrammeSummary(casba(), DATA);
    expect(s.budget.proportional.spent).toBe(3 * 6_750 + 5 * 9.8);
    expect(s.calls_for_funds.map((p) => [p.funder, p.amount])).toEqual([
      ['Séolis', 411_150],
      ['Sorégies', 411_150],
    ]);
    expect(s.savings.works_by_method).toEqual({ consommations: 0, etiquettes: 3, non_estime: 0 });
    expect(s.savings.primary_mwh_per_year).toBe(((375 - 215) * 100 * 3) / 1000);
    expect(s.by_region).toHaveLength(6);
    expect(s.monthly).toHaveLength(28);
  });

  it('prints a French summary', () => {
    const text = formatProgrammeSummaryText(
      casba(),
      computeProgrammeSummary(casba(), DATA),
    ).replaceAll('\u202f', ' ');
    expect(text).toContain('Territoires adhérents : 3 / 106');
    expect(text).toContain('Coûts proportionnels : 20 299 € sur 1 500 000 €');
    expect(text).toContain('Séolis 411 150 €, Sorégies 411 150 €');
  });
});
