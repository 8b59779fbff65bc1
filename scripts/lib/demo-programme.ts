/**
 * Seeded demonstration data for the programme overlay: FICTITIOUS adopting territories, carnets
 * and works, consistent with the CaSBa convention (calendar, partner regions, targets) and laid on
 * real EPCI and communes of the current COG (2026). Every row carries `source = démonstration`, carnet ids
 * start with `DEMO-`, operators are named « Opérateur fictif … (démo) », and the output directory
 * holds a LISEZMOI.txt saying so.
 *
 * Model (all draws from one seeded mulberry32 stream, so a seed gives the same files):
 * - territories: ~94 % of the territory target (100 of 106), spread over the partner regions in
 *   proportion to their EPCI counts, EPCI drawn without replacement with weight √population;
 *   adoption dates between 3 weeks after the start and 75 % of the calendar, denser early;
 * - carnets: 70–85 % of the carnet target (drawn), shared between territories in proportion to
 *   population × months of activity × a lognormal activity factor (σ 0.5); opening dates from the
 *   adoption to the end with a linear ramp-up (density ∝ time since adoption); commune drawn among
 *   the EPCI's members by population;
 * - works: 12–18 % of carnets (drawn), a carnet's chance proportional to the time left after its
 *   opening (+30 days), dated uniformly in that window; label gain 1 class (45 %), 2 (35 %) or 3
 *   (20 %) from D 15 % / E 30 % / F 30 % / G 25 % before; consumptions drawn in the label bands
 *   (G: 420–650 kWhEP/m²/yr), final = primary × 0.43–0.50 (electric heating, 30 %) or 0.82–0.90;
 *   20 % of works carry labels only, 10 % no final energy, 3 % no surface; surface lognormal,
 *   median 90 m², 30–250 m²; costs TTC per measure in {@link COST_RANGES}, summed over combined
 *   measures and rounded to 10 €.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrng, type Prng } from '../../src/domain/prng.ts';
import { splitCents } from '../../src/domain/programme-budget.ts';
import type { ProgrammeConfig } from '../../src/domain/programme-config.ts';
import type {
  ProgrammeCarnet,
  ProgrammeData,
  ProgrammeTerritory,
  ProgrammeWork,
} from '../../src/domain/programme-data.ts';
import { DEMO_SOURCE } from '../../src/domain/programme-data.ts';
import { addDays, daysBetween } from '../../src/domain/programme-dates.ts';
import type { DpeLabel } from '../../src/domain/stock-schema.ts';
import { DPE_LABELS } from '../../src/domain/stock-schema.ts';
import type { TerritoryCommune, TerritoryEpci } from '../../src/domain/territory.ts';
import {
  formatCarnetsCsv,
  formatTerritoriesCsv,
  formatWorksCsv,
} from '../../src/export/programme-csv.ts';
import { COG_YEAR } from './cog-territory.ts';

/** Default seed of the demo programme. */
export const DEMO_PROGRAMME_SEED = 2019;

/** Default output directory, relative to the repository root (git-ignored). */
export const DEMO_PROGRAMME_DIR = 'data/build/programme-demo';

/** File names of the three tables in the output directory. */
export const DEMO_PROGRAMME_FILES = {
  territories: 'territoires.csv',
  carnets: 'carnets.csv',
  works: 'travaux.csv',
} as const;

/** Cost range TTC (€) of each kind of works of the CaSBa configuration; combined measures add up. */
export const COST_RANGES = {
  isolation_combles: [2_000, 7_000],
  isolation_murs: [9_000, 25_000],
  isolation_plancher: [2_000, 6_000],
  menuiseries: [4_000, 15_000],
  chauffage: [5_000, 18_000],
  eau_chaude: [2_000, 5_000],
  ventilation: [1_500, 5_000],
  renovation_globale: [35_000, 75_000],
  autre: [1_000, 5_000],
} as const satisfies Readonly<Record<string, readonly [number, number]>>;

type DemoWorkType = keyof typeof COST_RANGES;

/** What the generator may be told; unset values are drawn from the seed. */
export interface DemoProgrammeOptions {
  seed?: number;
  /** Adopting territories (default 94 % of the target, rounded). */
  territories?: number;
  /** Carnets as a share of the target (default drawn in 0.70–0.85). */
  carnetShare?: number;
  /** Works per carnet (default drawn in 0.12–0.18). */
  worksRate?: number;
}

/** The generated data and the parameters actually used. */
export interface DemoProgramme {
  data: ProgrammeData;
  parameters: { seed: number; territories: number; carnetShare: number; worksRate: number };
}

/** The territory tables the generator draws from. */
export interface DemoTerritoryInput {
  communes: readonly TerritoryCommune[];
  epcis: readonly TerritoryEpci[];
}

const uniform = (prng: Prng, low: number, high: number) => low + (high - low) * prng.next();

/** Index drawn from cumulative weights (binary search). */
function drawIndex(prng: Prng, cumulative: readonly number[]): number {
  const total = cumulative[cumulative.length - 1] ?? 0;
  const target = prng.next() * total;
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((cumulative[mid] ?? 0) > target) high = mid;
    else low = mid + 1;
  }
  return low;
}

function cumulate(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => {
    sum += w;
    return sum;
  });
}

function pickOption<T>(prng: Prng, options: readonly (readonly [T, number])[]): T {
  const index = drawIndex(prng, cumulate(options.map(([, w]) => w)));
  const option = options[index];
  if (option === undefined) throw new Error('Empty option list');
  return option[0];
}

/** k items drawn without replacement with probability ∝ weight (Efraimidis–Spirakis keys). */
function sampleWeighted<T>(
  prng: Prng,
  items: readonly T[],
  weight: (t: T) => number,
  k: number,
): T[] {
  return items
    .map((item) => ({ item, key: prng.next() ** (1 / Math.max(weight(item), 1e-9)) }))
    .sort((a, b) => b.key - a.key)
    .slice(0, k)
    .map((x) => x.item);
}

function pickTerritories(
  prng: Prng,
  config: ProgrammeConfig,
  epcis: readonly TerritoryEpci[],
  count: number,
): { epci: TerritoryEpci; region: string }[] {
  const byRegion = config.partner_regions.map((r) => epcis.filter((e) => e.code_region === r.code));
  const available = byRegion.reduce((s, list) => s + list.length, 0);
  if (available < count) {
    throw new RangeError(`Only ${available} EPCI in the partner regions, ${count} asked`);
  }
  const quotas = splitCents(
    count,
    byRegion.map((list) => ({ share: list.length })),
  );
  return config.partner_regions.flatMap((region, i) =>
    sampleWeighted(prng, byRegion[i] ?? [], (e) => Math.sqrt(e.population), quotas[i] ?? 0).map(
      (epci) => ({ epci, region: region.code }),
    ),
  );
}

// Lower bounds of the primary-energy bands A..G (ordinary bounds), and a plausible top for G.
const EP_BANDS: Record<DpeLabel, readonly [number, number]> = {
  A: [40, 70],
  B: [70, 110],
  C: [110, 180],
  D: [180, 250],
  E: [250, 330],
  F: [330, 420],
  G: [420, 650],
};

const JUMP_TYPES: Record<1 | 2 | 3, readonly (readonly [DemoWorkType[], number])[]> = {
  1: [
    [['isolation_combles'], 30],
    [['menuiseries'], 20],
    [['chauffage'], 25],
    [['isolation_plancher'], 10],
    [['eau_chaude', 'ventilation'], 10],
    [['autre'], 5],
  ],
  2: [
    [['isolation_combles', 'chauffage'], 30],
    [['isolation_murs'], 20],
    [['isolation_murs', 'menuiseries'], 20],
    [['isolation_combles', 'menuiseries', 'ventilation'], 15],
    [['chauffage', 'eau_chaude', 'isolation_combles'], 15],
  ],
  3: [
    [['renovation_globale'], 70],
    [['isolation_murs', 'isolation_combles', 'chauffage'], 30],
  ],
};

const round1 = (x: number) => Math.round(x * 10) / 10;

function drawWork(prng: Prng, carnet: ProgrammeCarnet, date: string): ProgrammeWork {
  const jump = pickOption<1 | 2 | 3>(prng, [
    [1, 45],
    [2, 35],
    [3, 20],
  ]);
  const before = pickOption<DpeLabel>(prng, [
    ['D', 15],
    ['E', 30],
    ['F', 30],
    ['G', 25],
  ]);
  const after = DPE_LABELS[Math.max(0, DPE_LABELS.indexOf(before) - jump)] ?? 'A';
  const types = pickOption(prng, JUMP_TYPES[jump]);
  const surface = Math.round(Math.min(250, Math.max(30, 90 * Math.exp(0.35 * prng.normal()))));
  const epBefore = round1(uniform(prng, ...EP_BANDS[before]));
  const epAfter = round1(uniform(prng, ...EP_BANDS[after]));
  const electric = prng.next() < 0.3;
  const ratio = () => (electric ? uniform(prng, 0.43, 0.5) : uniform(prng, 0.82, 0.9));
  const efBefore = round1(epBefore * ratio());
  const efAfter = Math.min(efBefore, round1(epAfter * ratio()));
  const detail = prng.next();
  const labelsOnly = detail < 0.2;
  const noFinal = detail >= 0.2 && detail < 0.3;
  const cost = types.reduce((sum, t) => {
    const [low, high] = COST_RANGES[t];
    return sum + uniform(prng, low, high);
  }, 0);
  return {
    id_carnet: carnet.id_carnet,
    date_travaux: date,
    type_travaux: types,
    etiquette_avant: before,
    etiquette_apres: after,
    conso_ep_avant: labelsOnly ? null : epBefore,
    conso_ep_apres: labelsOnly ? null : epAfter,
    conso_ef_avant: labelsOnly || noFinal ? null : efBefore,
    conso_ef_apres: labelsOnly || noFinal ? null : efAfter,
    surface_m2: prng.next() < 0.03 ? null : surface,
    cout_ttc: Math.round(cost / 10) * 10,
    source: DEMO_SOURCE,
  };
}

/**
 * Generates the demo programme on the given territory tables (metropolitan COG): see the
 * module documentation for the model. Deterministic for a seed.
 */
export function generateDemoProgramme(
  input: DemoTerritoryInput,
  config: ProgrammeConfig,
  options: DemoProgrammeOptions = {},
): DemoProgramme {
  const seed = options.seed ?? DEMO_PROGRAMME_SEED;
  const prng = createPrng(seed);
  const territoryCount = options.territories ?? Math.round(config.targets.territories * 0.94);
  // Both draws always happen, so that setting one option does not shift the other draws.
  const drawnShare = round1(uniform(prng, 0.7, 0.85) * 100) / 100;
  const drawnRate = Math.round(uniform(prng, 0.12, 0.18) * 1000) / 1000;
  const carnetShare = options.carnetShare ?? drawnShare;
  const worksRate = options.worksRate ?? drawnRate;
  const { start, end } = config.calendar;
  const span = daysBetween(start, end);

  const chosen = pickTerritories(prng, config, input.epcis, territoryCount);
  const territories: ProgrammeTerritory[] = chosen
    .map(({ epci, region }) => {
      const offset = 21 + Math.round((span * 0.75 - 21) * prng.next() ** 1.4);
      return {
        siren_epci: epci.code_epci,
        nom_epci: epci.nom_epci,
        code_region_partenaire: region,
        date_adoption: addDays(start, offset),
        operateur: '',
        source: DEMO_SOURCE,
      };
    })
    .sort(
      (a, b) =>
        a.date_adoption.localeCompare(b.date_adoption) || a.siren_epci.localeCompare(b.siren_epci),
    );
  territories.forEach((t, i) => {
    t.operateur = `Opérateur fictif n° ${String(i + 1).padStart(3, '0')} (démo)`;
  });

  const epciByCode = new Map(input.epcis.map((e) => [e.code_epci, e]));
  const members = new Map<string, TerritoryCommune[]>();
  for (const c of input.communes) {
    if (c.code_epci === null) continue;
    const list = members.get(c.code_epci) ?? [];
    list.push(c);
    members.set(c.code_epci, list);
  }
  const totalCarnets = Math.round(config.targets.carnets * carnetShare);
  const weights = territories.map((t) => {
    const population = epciByCode.get(t.siren_epci)?.population ?? 0;
    const activity = Math.exp(0.5 * prng.normal());
    return { share: population * daysBetween(t.date_adoption, end) * activity };
  });
  const perTerritory = splitCents(totalCarnets, weights);

  const drafts: Omit<ProgrammeCarnet, 'id_carnet'>[] = [];
  territories.forEach((t, i) => {
    const communes = members.get(t.siren_epci) ?? [];
    const cumulative = cumulate(communes.map((c) => Math.max(c.population, 1)));
    const window = daysBetween(t.date_adoption, end);
    for (let k = 0; k < (perTerritory[i] ?? 0); k++) {
      const commune = communes[drawIndex(prng, cumulative)];
      if (commune === undefined) throw new Error(`EPCI ${t.siren_epci} has no member commune`);
      drafts.push({
        code_commune: commune.code_commune,
        nom_commune: commune.nom_commune,
        code_epci: t.siren_epci,
        code_region: commune.code_region,
        date_ouverture: addDays(t.date_adoption, Math.floor(window * Math.sqrt(prng.next()))),
        operateur: t.operateur,
        source: DEMO_SOURCE,
      });
    }
  });
  drafts.sort(
    (a, b) =>
      a.date_ouverture.localeCompare(b.date_ouverture) ||
      a.code_commune.localeCompare(b.code_commune),
  );
  const carnets: ProgrammeCarnet[] = drafts.map((d, i) => ({
    id_carnet: `DEMO-${String(i + 1).padStart(6, '0')}`,
    ...d,
  }));

  const windows = carnets.map((c) => Math.max(0, daysBetween(addDays(c.date_ouverture, 30), end)));
  const meanWindow = windows.reduce((s, w) => s + w, 0) / Math.max(1, windows.length);
  const works: ProgrammeWork[] = [];
  carnets.forEach((carnet, i) => {
    const window = windows[i] ?? 0;
    if (window <= 0 || meanWindow <= 0) return;
    if (prng.next() >= Math.min(0.95, (worksRate * window) / meanWindow)) return;
    const date = addDays(carnet.date_ouverture, 30 + Math.floor(prng.next() * (window + 1)));
    works.push(drawWork(prng, carnet, date));
  });
  works.sort(
    (a, b) =>
      a.date_travaux.localeCompare(b.date_travaux) || a.id_carnet.localeCompare(b.id_carnet),
  );

  return {
    data: { territories, carnets, works },
    parameters: { seed, territories: territoryCount, carnetShare, worksRate },
  };
}

const README = (demo: DemoProgramme, config: ProgrammeConfig) =>
  [
    'DONNÉES DE DÉMONSTRATION FICTIVES — NE PAS UTILISER COMME DONNÉES RÉELLES',
    '',
    `Générées par scripts/lib/demo-programme.ts (graine ${demo.parameters.seed}) pour le programme ${config.name} (${config.reference}).`,
    `Territoires adhérents : ${demo.data.territories.length} EPCI réels du COG ${COG_YEAR} tirés au hasard dans les régions partenaires ; leur adhésion est inventée.`,
    `Carnets : ${demo.data.carnets.length} (identifiants DEMO-…), travaux : ${demo.data.works.length}. Opérateurs, dates, étiquettes, consommations et coûts sont fictifs.`,
    'Chaque ligne porte source = « démonstration ». Schéma des fichiers : docs/programme-csv.md.',
    '',
  ].join('\r\n');

/** Writes the three CSV files, LISEZMOI.txt and demo.json into `dir`; returns the CSV paths. */
export function writeDemoProgramme(
  dir: string,
  demo: DemoProgramme,
  config: ProgrammeConfig,
): { territories: string; carnets: string; works: string } {
  mkdirSync(dir, { recursive: true });
  const paths = {
    territories: join(dir, DEMO_PROGRAMME_FILES.territories),
    carnets: join(dir, DEMO_PROGRAMME_FILES.carnets),
    works: join(dir, DEMO_PROGRAMME_FILES.works),
  };
  writeFileSync(paths.territories, formatTerritoriesCsv(demo.data.territories));
  writeFileSync(paths.carnets, formatCarnetsCsv(demo.data.carnets));
  writeFileSync(paths.works, formatWorksCsv(demo.data.works));
  writeFileSync(join(dir, 'LISEZMOI.txt'), README(demo, config));
  writeFileSync(
    join(dir, 'demo.json'),
    `${JSON.stringify({ demo: true, notice: 'Données de démonstration fictives', programme: config.reference, ...demo.parameters, counts: { territories: demo.data.territories.length, carnets: demo.data.carnets.length, works: demo.data.works.length } }, null, 2)}\n`,
  );
  return paths;
}
