import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCogTerritory, loadCogInput } from '../../scripts/lib/cog-territory.ts';
import { generateDemoProgramme } from '../../scripts/lib/demo-programme.ts';
import { type ProgrammeConfig, parseProgrammeConfig } from '../../src/domain/programme-config.ts';
import type {
  ProgrammeCarnet,
  ProgrammeData,
  ProgrammeTerritory,
  ProgrammeWork,
} from '../../src/domain/programme-data.ts';
import { computeEpciBreakdown, computeRegionBreakdown } from '../../src/domain/programme-kpis.ts';
import {
  auditPublicProgrammeCounts,
  buildProgrammeCountTree,
  type MemberCommune,
  type PublicPair,
  type PublicProgrammeCounts,
  publicProgrammeCounts,
  suppressProgrammeCounts,
} from '../../src/domain/public-programme-counts.ts';
import { cellId } from '../../src/domain/published-counts.ts';
import { SECRET_THRESHOLD } from '../../src/domain/statistical-secret.ts';

function casba(): ProgrammeConfig {
  const json = JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../data/programme/casba.json'), 'utf8'),
  );
  const result = parseProgrammeConfig(json);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

const territory = (siren: string, region: string): ProgrammeTerritory => ({
  siren_epci: siren,
  nom_epci: `EPCI ${siren}`,
  code_region_partenaire: region,
  date_adoption: '2019-05-01',
  operateur: 'Op',
  source: null,
});
const carnet = (id: string, commune: string, epci: string | null): ProgrammeCarnet => ({
  id_carnet: id,
  code_commune: commune,
  nom_commune: null,
  code_epci: epci,
  code_region: '32',
  date_ouverture: '2020-01-15',
  operateur: 'Op',
  source: null,
});
const work = (id: string): ProgrammeWork => ({
  id_carnet: id,
  date_travaux: '2020-06-01',
  type_travaux: ['isolation_combles'],
  etiquette_avant: 'F',
  etiquette_apres: 'D',
  conso_ep_avant: null,
  conso_ep_apres: null,
  conso_ef_avant: null,
  conso_ef_apres: null,
  surface_m2: null,
  cout_ttc: null,
  source: null,
});

/** `carnets` carnets in a commune, the first `works` of them with one work each. */
function commune(code: string, epci: string | null, carnets: number, works = 0) {
  const rows = Array.from({ length: carnets }, (_, i) => carnet(`${code}-${i}`, code, epci));
  return { carnets: rows, works: rows.slice(0, works).map((c) => work(c.id_carnet)) };
}

// Partner regions 32, 75, 44 (no adopting EPCI) and 76, 24 of the CaSBa configuration.
// 32: A (59001: 30, 59002: 25) and B (59010: 40). 75: C (5, small) and D (33001: 25, 33002: 15).
// Hors: non-adopting E (62001: 12) and 3 carnets without EPCI in 29155. F adopted in 84 (not a
// partner region): under the total.
const PIECES = [
  commune('59001', 'A', 30, 12),
  commune('59002', 'A', 25, 11),
  commune('59010', 'B', 40, 20),
  commune('33010', 'C', 5, 1),
  commune('33001', 'D', 25, 14),
  commune('33002', 'D', 15, 0),
  commune('62001', 'E', 12, 0),
  commune('29155', null, 3, 0),
  commune('69001', 'F', 50, 30),
];
const DATA: ProgrammeData = {
  territories: [
    territory('A', '32'),
    territory('B', '32'),
    territory('C', '75'),
    territory('D', '75'),
    territory('F', '84'),
  ],
  carnets: PIECES.flatMap((p) => p.carnets),
  works: PIECES.flatMap((p) => p.works),
};
const MEMBERSHIP: MemberCommune[] = [
  { code_commune: '59003', code_epci: 'A' },
  { code_commune: '62002', code_epci: 'E' },
  { code_commune: '75056', code_epci: 'Z' },
  { code_commune: '29155', code_epci: null },
];

/** Every published value is the steering figure, and no published value is from 1 to 10. */
function expectSteeringFigures(
  counts: PublicProgrammeCounts,
  config: ProgrammeConfig,
  data: ProgrammeData,
) {
  const same = (pair: PublicPair | undefined, row: { carnets: number; works: number }) => {
    expect(pair).toBeDefined();
    if (pair?.carnets !== null) expect(pair?.carnets).toBe(row.carnets);
    if (pair?.works !== null) expect(pair?.works).toBe(row.works);
  };
  const epcis = computeEpciBreakdown(data);
  expect([...counts.epcis.keys()]).toEqual(epcis.map((e) => e.siren_epci));
  for (const e of epcis) same(counts.epcis.get(e.siren_epci), e);
  const regions = computeRegionBreakdown(config, data);
  expect([...counts.regions.keys()]).toEqual(regions.map((r) => r.code));
  for (const r of regions) same(counts.regions.get(r.code), r);
  same(counts.total, { carnets: data.carnets.length, works: data.works.length });
  for (const pair of [counts.total, ...counts.regions.values(), ...counts.epcis.values()]) {
    for (const v of [pair.carnets, pair.works]) {
      expect(v === null || v === 0 || v >= SECRET_THRESHOLD).toBe(true);
    }
  }
  for (const pair of counts.communes.values()) {
    for (const v of [pair.carnets, pair.works]) {
      expect(v === null || v === 0 || v >= SECRET_THRESHOLD).toBe(true);
    }
  }
}

describe('publicProgrammeCounts on hand-built data', () => {
  const config = casba();
  const partners = config.partner_regions.map((r) => r.code);

  it('builds the four levels: regions, « hors », EPCI under their group or the total', () => {
    const tree = buildProgrammeCountTree(DATA, partners, MEMBERSHIP);
    const parentOf = new Map(
      tree.nodes.map((n) => [
        `${n.level}:${n.code}`,
        n.parent && `${n.parent.level}:${n.parent.code}`,
      ]),
    );
    expect(parentOf.get('epci:A')).toBe('region:32');
    expect(parentOf.get('epci:C')).toBe('region:75');
    expect(parentOf.get('epci:E')).toBe('region:hors');
    expect(parentOf.get('epci:F')).toBeNull();
    expect(parentOf.get('commune:29155')).toBe('region:hors');
    expect(parentOf.get('commune:59003')).toBe('epci:A');
    expect(parentOf.get('commune:62002')).toBe('epci:E');
    // Z is no EPCI of the programme: its commune is not a row.
    expect(parentOf.has('commune:75056')).toBe(false);
    expect(parentOf.has('region:84')).toBe(false);
  });

  it('publishes the steering figures where it publishes, with one pattern for all levels', () => {
    const counts = publicProgrammeCounts(DATA, partners, MEMBERSHIP);
    expect(counts.threshold).toBe(11);
    expectSteeringFigures(counts, config, DATA);
    expect(counts.total).toEqual({ carnets: 205, works: 88 });
    expect(counts.regions.get('32')).toEqual({ carnets: 95, works: 43 });
    expect(counts.regions.get('44')).toEqual({ carnets: 0, works: 0 });
    expect(counts.regions.get(null)).toEqual({ carnets: 15, works: 0 });
    expect(counts.communes.get('59003')).toEqual({ carnets: 0, works: 0 });
    expect(counts.communes.get('62002')).toEqual({ carnets: 0, works: 0 });
    expect(counts.epcis.get('F')).toEqual({ carnets: 50, works: 30 });
    expect([...counts.communes.keys()]).toHaveLength(11);
    expect(counts.summary.cells).toBe(2 * (1 + 6 + 6 + 11));
  });

  it('gives a region with exactly one small EPCI a secondary suppression in that region', () => {
    const tree = suppressProgrammeCounts(DATA, partners, MEMBERSHIP);
    const reason = (level: string, code: string, column = 0) =>
      tree.nodes.find((n) => n.level === level && n.code === code)?.cells[column]?.suppressed;
    expect(reason('epci', 'C')).toBe('primary');
    // Region 75 (45) minus D would give C: D is hidden, then its smallest commune.
    expect(reason('region', '75')).toBeNull();
    expect(reason('epci', 'D')).toBe('secondary');
    expect(reason('commune', '33002')).toBe('secondary');
    expect(reason('commune', '33001')).toBeNull();
    const counts = publicProgrammeCounts(DATA, partners, MEMBERSHIP);
    expect(counts.epcis.get('C')).toEqual({ carnets: null, works: null });
    expect(counts.epcis.get('D')?.carnets).toBeNull();
    expect(counts.regions.get('75')?.carnets).toBe(45);
  });

  it('protects the « hors » group: its small commune without EPCI and the non-adopting EPCI', () => {
    const counts = publicProgrammeCounts(DATA, partners, MEMBERSHIP);
    expect(counts.communes.get('29155')?.carnets).toBeNull();
    // « 15 carnets hors » minus E would give the 3 carnets without EPCI.
    expect(counts.epcis.get('E')?.carnets).toBeNull();
    // 0 works over 15 carnets is published for the group: the zeros below it are implied.
    expect(counts.communes.get('29155')?.works).toBe(0);
  });

  it('passes the audit of all four levels, with every small hidden cell kept out of reach', () => {
    const audit = auditPublicProgrammeCounts(DATA, partners, MEMBERSHIP);
    expect(audit.exact).toBe(true);
    expect(audit.disclosures).toEqual([]);
    expect(audit.passed).toBe(true);
    const c = audit.intervals.find((i) => i.id === cellId('epci', 'C', 'carnets'));
    expect(c?.min).toBe(0);
    expect(c?.max).toBeGreaterThanOrEqual(SECRET_THRESHOLD);
  });

  it('would disclose C if the region totals used another pattern than the EPCI', () => {
    // The EPCI-only pattern (two levels, as the open data once had) against the region totals.
    const twoLevel = suppressProgrammeCounts(DATA, [], MEMBERSHIP);
    const d = twoLevel.nodes.find((n) => n.level === 'epci' && n.code === 'D');
    const c = twoLevel.nodes.find((n) => n.level === 'epci' && n.code === 'C');
    expect(c?.cells[0]?.suppressed).toBe('primary');
    // Without the region level, D is published: then region 75 (45) − D (40) = C (5).
    expect(d?.cells[0]?.suppressed).toBeNull();
    expect((d?.cells[0]?.value ?? 0) + (c?.cells[0]?.value ?? 0)).toBe(45);
  });

  it.each([
    ['a work of an unknown carnet', { ...DATA, works: [...DATA.works, work('x')] }, /inconnu/],
    [
      'a commune in two EPCI',
      { ...DATA, carnets: [...DATA.carnets, carnet('y', '59001', 'B')] },
      /deux EPCI/,
    ],
  ])('rejects %s with a French message', (_, data, message) => {
    expect(() => publicProgrammeCounts(data, partners)).toThrow(message);
  });

  it('rejects a partner region given twice', () => {
    expect(() => publicProgrammeCounts(DATA, ['32', '32'])).toThrow(/en double/);
  });
});

describe('publicProgrammeCounts on the demo programme', () => {
  const config = casba();
  const partners = config.partner_regions.map((r) => r.code);
  let data: ProgrammeData;
  let membership: MemberCommune[];
  beforeAll(() => {
    const cog = buildCogTerritory(loadCogInput());
    data = generateDemoProgramme(cog, config).data;
    membership = cog.communes;
  }, 120_000);

  it('publishes the steering figures and passes the audit of the four levels', () => {
    for (const m of [undefined, membership]) {
      // First call (cold, as on a page load) and second call; logged, not asserted.
      const times: string[] = [];
      let counts: PublicProgrammeCounts | undefined;
      for (let run = 0; run < 2; run++) {
        const start = performance.now();
        counts = publicProgrammeCounts(data, partners, m);
        times.push(`${(performance.now() - start).toFixed(1)} ms`);
      }
      console.log(
        `publicProgrammeCounts (${data.carnets.length} carnets, membership ${m ? 'COG' : 'none'}): ${times.join(', ')}`,
      );
      if (counts === undefined) throw new Error('not run');
      expectSteeringFigures(counts, config, data);
      expect(counts.epcis.size).toBe(100);
      expect(counts.summary.primary).toBeGreaterThan(1000);
      const audit = auditPublicProgrammeCounts(data, partners, m);
      expect(audit.exact).toBe(true);
      expect(audit.disclosures).toEqual([]);
      expect(audit.determined).toBe(0);
      expect(audit.passed).toBe(true);
    }
  }, 60_000);
});
