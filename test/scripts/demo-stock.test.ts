import { beforeAll, describe, expect, it } from 'vitest';
import { computeCalibration } from '../../scripts/lib/calibration.ts';
import { buildCogTerritory, loadCogInput } from '../../scripts/lib/cog-territory.ts';
import {
  DEMO_SEED,
  type DemoStock,
  generateDemoStock,
  stockRowAt,
} from '../../scripts/lib/demo-stock.ts';
import { type CommuneInput, loadModelInputs } from '../../scripts/lib/model-inputs.ts';
import {
  ONRE_2023_MAIN_RESIDENCES,
  ONRE_2023_WHOLE_STOCK_FG,
} from '../../scripts/lib/onre-reference.ts';
import { classifyClimate, classifyDpe, classifyEnergy, labelIndex } from '../../src/domain/dpe.ts';
import {
  CONSTRUCTION_PERIODS,
  DPE_LABELS,
  HEATING_ENERGIES,
  HOUSING_TYPES,
  OCCUPANCIES,
  TENURES,
} from '../../src/domain/stock-schema.ts';
import type { TerritoryCommune, TerritoryEpci } from '../../src/domain/territory.ts';

// One full generation on metropolitan COG 2023, shared by the tests of this file.
let communes: TerritoryCommune[];
let epcis: TerritoryEpci[];
let stock: DemoStock;
let inputByCode: Map<string, CommuneInput>;

beforeAll(() => {
  ({ communes, epcis } = buildCogTerritory(loadCogInput()));
  const inputs = loadModelInputs(communes).communes;
  inputByCode = new Map(communes.map((c, i) => [c.code_commune, inputs[i] as CommuneInput]));
  stock = generateDemoStock(communes, { seed: DEMO_SEED, inputs });
}, 120_000);

const sample = (): TerritoryCommune[] =>
  communes.filter((c) => c.code_departement === '36' || c.code_departement === '75');
const inputsOf = (list: readonly TerritoryCommune[]): CommuneInput[] =>
  list.map((c) => inputByCode.get(c.code_commune) as CommuneInput);
const generate = (seed: number, rowsPerCommune?: { min: number; max: number }) =>
  generateDemoStock(sample(), {
    seed,
    inputs: inputsOf(sample()),
    ...(rowsPerCommune === undefined ? {} : { rowsPerCommune }),
  });

describe('generateDemoStock: determinism', () => {
  it('gives identical columns for the same seed and different ones for another seed', () => {
    const first = generate(7);
    const again = generate(7);
    const other = generate(8);
    for (const column of [
      'commune',
      'housingType',
      'dpeLabel',
      'epKwhM2',
      'ghgKgM2',
      'weight',
    ] as const) {
      expect(again[column]).toEqual(first[column]);
    }
    expect(Array.from(other.epKwhM2)).not.toEqual(Array.from(first.epKwhM2));
  });

  it('keeps the total dwellings of a commune whatever the seed (weights are shares of it)', () => {
    const sum = (s: DemoStock) => s.weight.reduce((a, b) => a + b, 0);
    const a = generate(1);
    const b = generate(2);
    expect(sum(b)).toBeCloseTo(sum(a), 3);
  });

  it('honours rowsPerCommune bounds', () => {
    const few = generate(1, { min: 2, max: 3 });
    const counts = new Map<number, number>();
    for (const c of few.commune) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(3);
  });
});

describe('generateDemoStock: rows', () => {
  it('has a plausible size for the whole of metropolitan France', () => {
    expect(stock.rowCount).toBeGreaterThan(500_000);
    expect(stock.rowCount).toBeLessThan(900_000);
  });

  it('labels every row with classifyDpe of its own values and surface', () => {
    let mismatches = 0;
    for (let i = 0; i < stock.rowCount; i++) {
      const label = classifyDpe({
        epKwhM2: stock.epKwhM2[i] ?? Number.NaN,
        ghgKgM2: stock.ghgKgM2[i] ?? Number.NaN,
        surfaceM2: stock.surfaceM2[i] ?? null,
      });
      if (DPE_LABELS[stock.dpeLabel[i] ?? 99] !== label) mismatches += 1;
    }
    expect(mismatches).toBe(0);
  });

  it('produces canonical rows with valid categories', () => {
    const errors: string[] = [];
    for (let i = 0; i < stock.rowCount; i += 97) {
      const row = stockRowAt(stock, i);
      const main = row.occupancy === 'residence_principale';
      if (row.dataset !== 'demo' || row.label_source !== 'modelled') errors.push(`${i}: source`);
      if (row.lon !== null || row.lat !== null) errors.push(`${i}: coordinates`);
      if (!(String(row.housing_type) in HOUSING_TYPES)) errors.push(`${i}: type`);
      if (!(String(row.construction_period) in CONSTRUCTION_PERIODS)) errors.push(`${i}: period`);
      if (!(String(row.heating_energy) in HEATING_ENERGIES)) errors.push(`${i}: energy`);
      if (!(String(row.occupancy) in OCCUPANCIES)) errors.push(`${i}: occupancy`);
      if (main !== (row.tenure !== null && row.tenure in TENURES)) errors.push(`${i}: tenure`);
      if (!(row.weight > 0) || !((row.surface_m2 ?? 0) >= 12 && (row.surface_m2 ?? 0) < 230)) {
        errors.push(`${i}: weight or surface`);
      }
    }
    expect(errors).toEqual([]);
    expect(() => stockRowAt(stock, stock.rowCount)).toThrow(RangeError);
  });

  it('derives final energy from primary energy with the electricity factor 2.3', () => {
    const electric = Object.keys(HEATING_ENERGIES).indexOf('electricite');
    let checked = 0;
    for (let i = 0; i < stock.rowCount; i++) {
      if (stock.heatingEnergy[i] !== electric) continue;
      expect(stock.efKwhM2[i]).toBeCloseTo((stock.epKwhM2[i] ?? 0) / 2.3, 0);
      checked += 1;
      if (checked > 2000) break;
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('lets the energy axis decide for electric heating and the climate axis often for oil', () => {
    const keys = Object.keys(HEATING_ENERGIES);
    let electricByEnergy = 0;
    let electric = 0;
    let oilByClimate = 0;
    let oil = 0;
    for (let i = 0; i < stock.rowCount; i++) {
      const input = {
        epKwhM2: stock.epKwhM2[i] ?? 0,
        ghgKgM2: stock.ghgKgM2[i] ?? 0,
        surfaceM2: stock.surfaceM2[i],
      };
      const energy = keys[stock.heatingEnergy[i] ?? 0];
      if (energy === 'electricite') {
        electric += 1;
        if (labelIndex(classifyEnergy(input)) >= labelIndex(classifyClimate(input)))
          electricByEnergy += 1;
      } else if (energy === 'fioul') {
        oil += 1;
        if (labelIndex(classifyClimate(input)) > labelIndex(classifyEnergy(input)))
          oilByClimate += 1;
      }
    }
    expect(electricByEnergy / electric).toBeGreaterThan(0.99);
    expect(oilByClimate / oil).toBeGreaterThan(0.3);
  });

  it('gives rows to every metropolitan EPCI', () => {
    const withRows = new Set<string>();
    for (const index of stock.commune) {
      const code = communes[index]?.code_epci;
      if (code) withRows.add(code);
    }
    const missing = epcis.filter((e) => !withRows.has(e.code_epci)).map((e) => e.code_epci);
    expect(epcis.length).toBeGreaterThan(1200);
    expect(missing).toEqual([]);
  });
});

describe('generateDemoStock: calibration', () => {
  it('matches ONRE 1 Jan 2023 label shares of main residences within one point per class', () => {
    const calibration = computeCalibration(stock);
    for (const line of calibration.labels) {
      expect(line.onre_pct).toBe(ONRE_2023_MAIN_RESIDENCES[line.label]);
      expect(Math.abs(line.diff_points), `classe ${line.label}`).toBeLessThanOrEqual(1);
    }
    expect(Math.abs(calibration.fg_whole_stock_pct - ONRE_2023_WHOLE_STOCK_FG)).toBeLessThanOrEqual(
      1,
    );
    expect(calibration.fg_secondary_pct).toBeGreaterThan(calibration.fg_main_pct);
    expect(calibration.fg_vacant_pct).toBeGreaterThan(calibration.fg_main_pct);
  });

  it('counts about 0.55 dwellings per inhabitant (±5 %) and about 82 % main residences', () => {
    const calibration = computeCalibration(stock);
    const population = communes.reduce((sum, c) => sum + c.population, 0);
    expect(calibration.dwellings / (0.55 * population)).toBeGreaterThan(0.95);
    expect(calibration.dwellings / (0.55 * population)).toBeLessThan(1.05);
    expect(calibration.occupancy_pct.residence_principale).toBeGreaterThan(79);
    expect(calibration.occupancy_pct.residence_principale).toBeLessThan(85);
  });

  it('reproduces the documented F+G gradients in direction', () => {
    const { gradients: g, fg_main_pct: national } = computeCalibration(stock);
    expect(g.surface.moins_de_30_m2).toBeGreaterThan((g.surface['100_m2_et_plus'] ?? 0) * 2);
    expect(g.heating_energy.fioul).toBeGreaterThan(g.heating_energy.gaz ?? 100);
    expect(g.heating_energy.fioul).toBeGreaterThan(g.heating_energy.electricite ?? 100);
    expect(g.construction_period.avant_1948).toBeGreaterThan(
      g.construction_period.apres_2012 ?? 100,
    );
    expect(g.tenure.locataire_prive).toBeGreaterThan(g.tenure.proprietaire_occupant ?? 100);
    expect(g.tenure.proprietaire_occupant).toBeGreaterThan(g.tenure.locataire_social ?? 100);
    for (const rural of ['15', '23', '58']) {
      for (const southWest of ['33', '40', '64']) {
        expect(g.departement[rural]).toBeGreaterThan(g.departement[southWest] ?? 100);
      }
      expect(g.departement[rural]).toBeGreaterThan(national);
    }
    // ONRE ranks Île-de-France first (21.7 %); the model keeps it above the national share but
    // below Bourgogne-Franche-Comté and Grand Est (a limit listed in the README).
    const regions = Object.entries(g.region).sort(([, a], [, b]) => b - a);
    expect(regions.slice(0, 5).map(([code]) => code)).toContain('11');
    expect(g.region['11']).toBeGreaterThan(national);
    for (const south of ['76', '93', '94']) {
      expect(g.region[south]).toBeLessThan(national / 2);
    }
  });
});
