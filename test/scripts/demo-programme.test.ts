import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCogTerritory,
  type CogTerritory,
  loadCogInput,
} from '../../scripts/lib/cog-territory.ts';
import {
  COST_RANGES,
  type DemoProgramme,
  generateDemoProgramme,
  writeDemoProgramme,
} from '../../scripts/lib/demo-programme.ts';
import { labelIndex } from '../../src/domain/dpe.ts';
import { type ProgrammeConfig, parseProgrammeConfig } from '../../src/domain/programme-config.ts';
import { DEMO_SOURCE } from '../../src/domain/programme-data.ts';
import { daysBetween } from '../../src/domain/programme-dates.ts';
import { importProgrammeCsv, type ProgrammeReference } from '../../src/ingest/programme-csv.ts';
import { programmeImportContext } from '../../src/ingest/programme-reference.ts';

let cog: CogTerritory;
let config: ProgrammeConfig;
let demo: DemoProgramme;

beforeAll(() => {
  cog = buildCogTerritory(loadCogInput());
  const result = parseProgrammeConfig(
    JSON.parse(readFileSync(join(import.meta.dirname, '../../data/programme/casba.json'), 'utf8')),
  );
  if (!result.ok) throw new Error(result.errors.join('\n'));
  config = result.config;
  demo = generateDemoProgramme(cog, config);
}, 120_000);

const small = () => ({ ...config, targets: { territories: 12, carnets: 2_000, works: 300 } });

describe('generateDemoProgramme', () => {
  it('is deterministic for a seed and differs for another seed', () => {
    const a = generateDemoProgramme(cog, small(), { seed: 7 });
    const b = generateDemoProgramme(cog, small(), { seed: 7 });
    const c = generateDemoProgramme(cog, small(), { seed: 8 });
    expect(b).toEqual(a);
    expect(c.data.territories.map((t) => t.siren_epci)).not.toEqual(
      a.data.territories.map((t) => t.siren_epci),
    );
  });

  it('has ~100 real, distinct EPCI spread over the five partner regions', () => {
    const { territories } = demo.data;
    expect(territories).toHaveLength(100);
    expect(new Set(territories.map((t) => t.siren_epci)).size).toBe(100);
    const epcis = new Map(cog.epcis.map((e) => [e.code_epci, e]));
    for (const t of territories) {
      expect(epcis.get(t.siren_epci)?.code_region).toBe(t.code_region_partenaire);
    }
    const perRegion = config.partner_regions.map(
      (r) => territories.filter((t) => t.code_region_partenaire === r.code).length,
    );
    expect(perRegion.every((n) => n >= 10)).toBe(true);
    expect(perRegion.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('opens 70–85 % of the carnet target and records works on 12–18 % of them', () => {
    const { carnets, works } = demo.data;
    expect(carnets.length).toBeGreaterThanOrEqual(56_000);
    expect(carnets.length).toBeLessThanOrEqual(68_000);
    expect(carnets.length).toBe(Math.round(80_000 * demo.parameters.carnetShare));
    expect(works.length / carnets.length).toBeGreaterThanOrEqual(0.115);
    expect(works.length / carnets.length).toBeLessThanOrEqual(0.185);
  });

  it('keeps the calendar: adoption ≤ carnet opening ≤ works − 30 days ≤ 30 June 2021', () => {
    const adoption = new Map(demo.data.territories.map((t) => [t.siren_epci, t.date_adoption]));
    const opening = new Map(demo.data.carnets.map((c) => [c.id_carnet, c.date_ouverture]));
    for (const t of demo.data.territories) {
      expect(
        t.date_adoption >= config.calendar.start && t.date_adoption <= config.calendar.end,
      ).toBe(true);
    }
    for (const c of demo.data.carnets) {
      expect(c.date_ouverture >= (adoption.get(c.code_epci ?? '') ?? '9')).toBe(true);
      expect(c.date_ouverture <= config.calendar.end).toBe(true);
    }
    for (const w of demo.data.works) {
      expect(daysBetween(opening.get(w.id_carnet) ?? '', w.date_travaux)).toBeGreaterThanOrEqual(
        30,
      );
      expect(w.date_travaux <= config.calendar.end).toBe(true);
    }
  });

  it('ramps up: more carnets in the last six months than in the first year', () => {
    const { carnets } = demo.data;
    const firstYear = carnets.filter((c) => c.date_ouverture < '2020-03-11').length;
    const lastHalf = carnets.filter((c) => c.date_ouverture >= '2021-01-01').length;
    expect(lastHalf).toBeGreaterThan(firstYear);
  });

  it('opens carnets in the member communes of the territory, more in larger EPCI', () => {
    const communes = new Map(cog.communes.map((c) => [c.code_commune, c]));
    for (const c of demo.data.carnets.slice(0, 5_000)) {
      expect(communes.get(c.code_commune)?.code_epci).toBe(c.code_epci);
    }
    const population = new Map(cog.epcis.map((e) => [e.code_epci, e.population]));
    const perEpci = new Map<string, number>();
    for (const c of demo.data.carnets)
      perEpci.set(c.code_epci ?? '', (perEpci.get(c.code_epci ?? '') ?? 0) + 1);
    const bySize = [...demo.data.territories].sort(
      (a, b) => (population.get(b.siren_epci) ?? 0) - (population.get(a.siren_epci) ?? 0),
    );
    const carnetsOf = (list: typeof bySize) =>
      list.reduce((s, t) => s + (perEpci.get(t.siren_epci) ?? 0), 0);
    expect(carnetsOf(bySize.slice(0, 20))).toBeGreaterThan(5 * carnetsOf(bySize.slice(-20)));
  });

  it('draws plausible works: 1–3 classes gained, consumptions lower after, costs in range', () => {
    for (const w of demo.data.works) {
      const gain = labelIndex(w.etiquette_avant ?? 'A') - labelIndex(w.etiquette_apres ?? 'A');
      expect(gain).toBeGreaterThanOrEqual(1);
      expect(gain).toBeLessThanOrEqual(3);
      if (w.conso_ep_avant !== null)
        expect(w.conso_ep_apres ?? Infinity).toBeLessThan(w.conso_ep_avant);
      if (w.conso_ef_avant !== null)
        expect(w.conso_ef_apres ?? Infinity).toBeLessThanOrEqual(w.conso_ef_avant);
      const [low, high] = w.type_travaux.reduce(
        ([l, h], t) => {
          const [low, high] = COST_RANGES[t as keyof typeof COST_RANGES];
          return [l + low, h + high];
        },
        [0, 0],
      );
      expect(w.cout_ttc ?? -1).toBeGreaterThanOrEqual(Math.floor(low / 10) * 10);
      expect(w.cout_ttc ?? Infinity).toBeLessThanOrEqual(Math.ceil(high / 10) * 10);
    }
    const labelsOnly = demo.data.works.filter((w) => w.conso_ep_avant === null).length;
    expect(labelsOnly / demo.data.works.length).toBeGreaterThan(0.15);
    expect(labelsOnly / demo.data.works.length).toBeLessThan(0.25);
  });

  it('labels every row as demo data', () => {
    const rows = [...demo.data.territories, ...demo.data.carnets, ...demo.data.works];
    expect(rows.every((r) => r.source === DEMO_SOURCE)).toBe(true);
    expect(demo.data.carnets.every((c) => c.id_carnet.startsWith('DEMO-'))).toBe(true);
    expect(demo.data.territories.every((t) => t.operateur.includes('(démo)'))).toBe(true);
  });
});

describe('writeDemoProgramme', () => {
  it('writes files that import without rejection, back to the same rows, with a demo notice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casba-demo-'));
    const data = generateDemoProgramme(cog, small(), { seed: 3 });
    const paths = writeDemoProgramme(dir, data, config);
    expect(readFileSync(join(dir, 'LISEZMOI.txt'), 'utf8')).toContain(
      'DONNÉES DE DÉMONSTRATION FICTIVES',
    );
    expect(JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8'))).toMatchObject({
      demo: true,
      seed: 3,
    });
    const communes = new Map(cog.communes.map((c) => [c.code_commune, c]));
    const epcis = new Map(cog.epcis.map((e) => [e.code_epci, e]));
    const reference: ProgrammeReference = {
      name: 'COG 2023',
      commune: (code) => communes.get(code),
      epci: (siren) => epcis.get(siren),
    };
    const imported = importProgrammeCsv(
      {
        territories: readFileSync(paths.territories, 'utf8'),
        carnets: readFileSync(paths.carnets, 'utf8'),
        works: readFileSync(paths.works, 'utf8'),
      },
      { ...programmeImportContext(config), reference },
    );
    for (const report of Object.values(imported.reports)) {
      expect([report.rejected, report.warnings]).toEqual([0, []]);
    }
    expect(imported.data).toEqual(data.data);
    rmSync(dir, { recursive: true, force: true });
  });
});
