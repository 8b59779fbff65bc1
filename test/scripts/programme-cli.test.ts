import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProgrammeConfig, parseProgrammeConfig } from '../../src/domain/programme-config.ts';
import {
  computeProgrammeSummary,
  type ProgrammeSummary,
} from '../../src/domain/programme-summary.ts';
import {
  importProgrammeCsv,
  type ProgrammeFiles,
  type ProgrammeImportReport,
} from '../../src/ingest/programme-csv.ts';
import { programmeImportContext } from '../../src/ingest/programme-reference.ts';

/** What `--json` prints. */
type CliOutput = ProgrammeSummary & {
  data: { demo: boolean; notice?: string; files: ProgrammeFiles<string> };
  imports: ProgrammeFiles<ProgrammeImportReport>;
};

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const SCRIPT = join(ROOT, 'scripts/programme.ts');
const CASBA = join(ROOT, 'data/programme/casba.json');

function cli(...args: string[]) {
  const result = spawnSync(TSX, [SCRIPT, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// biome-ignore lint/suspicious/noExplicitAny: the tests edit the JSON freely, valid or not.
const casbaJson = (): any => JSON.parse(readFileSync(CASBA, 'utf8'));
function casba(): ProgrammeConfig {
  const r = parseProgrammeConfig(casbaJson());
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.config;
}

const dir = mkdtempSync(join(tmpdir(), 'casba-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// Small files on real COG 2023 codes: Métropole Européenne de Lille (32), Toulouse Métropole (76).
const TERRITORIES = file(
  'territoires.csv',
  'siren_epci;code_region_partenaire;date_adoption;operateur\n200093201;32;2019-04-15;ADIL\n243100518;76;02/09/2019;Soleval\n999999999;32;2019-05-01;Faux\n',
);
const CARNETS = file(
  'carnets.csv',
  [
    'id_carnet;code_commune;date_ouverture;operateur',
    'C1;59350;2019-05-01;ADIL',
    'C2;59009;2020-07-15;ADIL',
    'C3;31555;2020-09-30;Soleval',
    'C4;31555;2020-10-01;Soleval',
  ].join('\n'),
);
const WORKS = file(
  'travaux.csv',
  [
    'id_carnet;date_travaux;type_travaux;etiquette_avant;etiquette_apres;conso_ep_avant;conso_ep_apres;conso_ef_avant;conso_ef_apres;surface_m2;cout_ttc',
    'C1;2019-09-01;isolation_combles;F;D;400;250;300;200;100;5000',
    'C3;2020-12-01;chauffage;G;E;;;;;80;9000',
  ].join('\n'),
);
const SPEND = (() => {
  const json = casbaJson();
  json.fixed_costs[0].spent_to_date = 100_000;
  json.fixed_costs[1].spent_to_date = 75_000.5;
  return file('spend.json', JSON.stringify(json));
})();
const DATA_ARGS = ['--territories', TERRITORIES, '--carnets', CARNETS, '--works', WORKS];

describe('programme CLI on given files', () => {
  let run: ReturnType<typeof cli>;
  let output: CliOutput;
  beforeAll(() => {
    run = cli('--json', '--config', SPEND, ...DATA_ARGS);
    output = JSON.parse(run.stdout) as CliOutput;
  }, 120_000);

  it('prints KPIs against targets', () => {
    expect(run.code).toBe(0);
    expect(output.kpis.territories).toMatchObject({ value: 2, target: 106 });
    expect(output.kpis.carnets).toMatchObject({ value: 4, target: 80_000 });
    expect(output.kpis.works).toMatchObject({ value: 2, target: 12_000 });
    expect(output.data.demo).toBe(false);
  });

  it('prints the budget in € HT with the convention cost model and the detailed lines', () => {
    expect(output.budget.proportional).toMatchObject({
      spent: 2 * 6_750 + 4 * 9.8,
      cap: 1_500_000,
    });
    expect(output.budget.fixed).toMatchObject({
      spent: 160_000,
      cap: 1_200_000,
      uncapped: 175_000.5,
      excess: 15_000.5,
    });
    expect(output.budget.total).toMatchObject({ spent: 160_000 + 13_539.2, cap: 2_700_000 });
    expect(output.budget.fixed.lines).toHaveLength(8);
    expect(output.budget.fixed.lines[1]).toMatchObject({
      id: 'juridique',
      spent: 60_000,
      excess: 15_000.5,
    });
  });

  it('prints the calls for funds split between the funders, and the savings with their method', () => {
    expect(output.calls_for_funds.map((p) => [p.funder, p.amount])).toEqual([
      ['Séolis', 411_150],
      ['Sorégies', 411_150],
    ]);
    // C1: (400−250)×100 EP, (300−200)×100 EF; C3: labels G→E, (500−290)×80 EP, × 0.72 EF.
    expect(output.savings).toMatchObject({
      primary_mwh_per_year: 31.8,
      final_mwh_per_year: 22.1,
      tco2e_per_year: 3.3,
      works_by_method: { consommations: 1, etiquettes: 1, non_estime: 0 },
    });
    expect(output.savings.method).toContain("d'après les étiquettes seules");
  });

  it('reports the rejected rows of each file', () => {
    expect(output.imports.territories).toMatchObject({ rows_read: 3, accepted: 2, rejected: 1 });
    expect(output.imports.territories.rejections[0]?.reason).toContain('siren_epci invalide');
    expect(run.stderr).toContain('Import territoires : 3 lignes lues, 2 acceptées, 1 rejetée.');
  });
});

describe('programme CLI on the demo data', () => {
  const demoDir = join(dir, 'demo');
  let run: ReturnType<typeof cli>;
  beforeAll(() => {
    run = cli('--json', '--demo-dir', demoDir, '--quarter', '2020-Q3', '--out', join(dir, 'q.csv'));
  }, 120_000);

  it('generates the demo files when absent and labels the output as demo', () => {
    expect(run.code).toBe(0);
    expect(existsSync(join(demoDir, 'carnets.csv'))).toBe(true);
    expect(run.stderr).toContain('Données de démonstration FICTIVES générées');
    const output = JSON.parse(run.stdout) as CliOutput;
    expect(output.data).toMatchObject({
      demo: true,
      notice: expect.stringContaining('démonstration'),
    });
    for (const key of ['territories', 'carnets', 'works'] as const) {
      expect(output.kpis[key]).toEqual(
        expect.objectContaining({ value: expect.any(Number), target: expect.any(Number) }),
      );
    }
    expect(Object.keys(output.savings)).toEqual(
      expect.arrayContaining([
        'final_mwh_per_year',
        'primary_mwh_per_year',
        'tco2e_per_year',
        'method',
      ]),
    );
  });

  it('equals the Node-side computation on the same files', () => {
    const output = JSON.parse(run.stdout) as CliOutput;
    const config = casba();
    const read = (name: string) => readFileSync(join(demoDir, name), 'utf8');
    // Without a reference the carnets keep no EPCI, which the KPIs and budget do not need.
    const { data } = importProgrammeCsv(
      {
        territories: read('territoires.csv'),
        carnets: read('carnets.csv'),
        works: read('travaux.csv'),
      },
      programmeImportContext(config),
    );
    const summary = computeProgrammeSummary(config, data);
    expect(output.kpis).toEqual(summary.kpis);
    expect(output.budget).toEqual(summary.budget);
    expect(output.savings).toEqual(summary.savings);
    expect(output.monthly).toEqual(summary.monthly);
  });

  it('writes the quarter’s beneficiaries as a French Excel CSV', () => {
    const csv = readFileSync(join(dir, 'q.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFProgramme;Trimestre;Identifiant du carnet')).toBe(true);
    const lines = csv.split('\r\n').filter((l) => l !== '');
    const carnets = readFileSync(join(demoDir, 'carnets.csv'), 'utf8')
      .split('\r\n')
      .filter((l) => /;2020-0[789]-\d\d;/.test(l));
    expect(lines.length - 1).toBe(carnets.length);
    expect(lines.slice(1).every((l) => l.startsWith('PRO-INNO-14;2020-T3;DEMO-'))).toBe(true);
    expect(run.stderr).toMatch(/Bénéficiaires 2020-Q3 : \d+ carnets écrits/);
  });
});

describe('programme CLI errors', () => {
  it('exits 1 with one French line per configuration problem, no stack trace', () => {
    const json = casbaJson();
    json.targets.carnets = -3;
    json.caps.total = 3_000_000;
    const run = cli('--json', '--config', file('bad.json', JSON.stringify(json)), ...DATA_ARGS);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^Configuration invalide \(.*bad\.json\) : targets\.carnets doit être un entier positif \(reçu : -3\)$/,
    );
    expect(lines[1]).toContain('caps.total');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it.each<[string, number, string[], RegExp]>([
    [
      'unreadable JSON',
      1,
      ['--config', file('broken.json', '{ "id": ')],
      /^Configuration .*broken\.json : JSON illisible/,
    ],
    [
      'missing configuration',
      1,
      ['--config', join(dir, 'absent.json')],
      /^Configuration introuvable : /,
    ],
    [
      'one data file only',
      2,
      ['--territories', TERRITORIES],
      /^Donnez les trois fichiers ensemble/,
    ],
    [
      'bad quarter',
      2,
      ['--quarter', '2020-S3', ...DATA_ARGS],
      /^Trimestre illisible : « 2020-S3 »/,
    ],
    ['unknown option', 2, ['--frobnicate'], /^Option invalide/],
    [
      'missing data file',
      1,
      ['--territories', TERRITORIES, '--carnets', join(dir, 'nope.csv'), '--works', WORKS],
      /^Fichier des carnets introuvable/,
    ],
    [
      'missing required column',
      1,
      [
        '--territories',
        file('t2.csv', 'siren_epci;operateur\n200093201;Op\n'),
        '--carnets',
        CARNETS,
        '--works',
        WORKS,
      ],
      /colonnes obligatoires absentes : code_region_partenaire ; date_adoption/,
    ],
  ])('%s → exit %i', (_, code, args, message) => {
    const run = cli(...args);
    expect(run.code).toBe(code);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
