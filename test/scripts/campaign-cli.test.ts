import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCogTerritory, loadCogInput } from '../../scripts/lib/cog-territory.ts';
import { loadCommuneSuccessors } from '../../scripts/lib/commune-successors.ts';
import { generateDemoStock } from '../../scripts/lib/demo-stock.ts';
import { loadModelInputs } from '../../scripts/lib/model-inputs.ts';
import { attachFile, startNodeWasm } from '../../scripts/lib/node-wasm.ts';
import { writeStockDatabase } from '../../scripts/lib/stock-database.ts';
import { tableRows } from '../../src/db/table-rows.ts';
import type { CampaignCommune, CampaignEpci } from '../../src/domain/campaign-comparison.ts';
import { campaignFileText } from '../../src/domain/campaign-file.ts';
import {
  type AvailableDataset,
  campaignDatasetIds,
  type FgDwellingsRow,
  measureCampaigns,
} from '../../src/domain/campaign-inputs.ts';
import type { CampaignMeasure } from '../../src/domain/campaign-measure.ts';
import { parseProgrammeConfig } from '../../src/domain/programme-config.ts';
import { importProgrammeCsv } from '../../src/ingest/programme-csv.ts';
import { programmeImportContext } from '../../src/ingest/programme-reference.ts';
import {
  campaignCommuneReferenceSql,
  campaignEpciReferenceSql,
} from '../../src/sql/campaign-reference-sql.ts';
import {
  attachedSuccessorTableSql,
  communeSuccessorSetupSql,
  createAllStockViewSql,
  createImportedStockSql,
} from '../../src/sql/imported-stock-sql.ts';
import { fgDwellingsByCommuneSql } from '../../src/sql/programme-fg-dwellings-sql.ts';
import {
  type CommuneSuccessorRow,
  programmeCommuneSuccessorSql,
} from '../../src/sql/programme-reference-sql.ts';
import { sampleCampaign } from '../domain/campaign-fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const SCRIPT = join(ROOT, 'scripts/campaign.ts');
const CASBA = join(ROOT, 'data/programme/casba.json');
const EPCIS = ['243600236', '200068880'];

let dir: string;
let stockPath: string;
let programmeDir: string;
let campaignsPath: string;

function cli(...args: string[]) {
  const result = spawnSync(TSX, [SCRIPT, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `n` carnets a month in `commune` over `months`, ids from `start`. */
function carnetRows(commune: string, months: string[], n: number, ids: { next: number }): string[] {
  return months.flatMap((month) =>
    Array.from({ length: n }, () => `T-${ids.next++};${commune};${month}-12;Opérateur test`),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'campaign-cli-'));
  stockPath = join(dir, 'stock.duckdb');
  const territory = buildCogTerritory(loadCogInput());
  const communes = territory.communes.filter((c) => EPCIS.includes(c.code_epci ?? ''));
  const epcis = territory.epcis.filter((e) => EPCIS.includes(e.code_epci));
  await writeStockDatabase(stockPath, {
    communes,
    epcis: epcis.map((e) => ({ ...e, has_contour: true })),
    cogYear: 2026,
    successors: loadCommuneSuccessors(),
    datasets: [{ id: 'demo', name: 'Démo', kind: 'modelled', synthetic: true, caption: 'Essai' }],
    stock: generateDemoStock(communes, {
      seed: 5,
      rowsPerCommune: { min: 20, max: 60 },
      inputs: loadModelInputs(communes).communes,
    }),
  });
  programmeDir = join(dir, 'programme');
  mkdirSync(programmeDir);
  copyFileSync(CASBA, join(programmeDir, 'casba.json'));
  writeFileSync(
    join(programmeDir, 'territoires.csv'),
    'siren_epci;code_region_partenaire;date_adoption;operateur\n243600236;24;2019-08-17;Opérateur test\n200068880;24;2019-04-01;Opérateur test\n',
  );
  const before = ['2020-07', '2020-08', '2020-09'];
  const after = ['2020-10', '2020-11', '2020-12'];
  const ids = { next: 1 };
  const carnets = [
    'id_carnet;code_commune;date_ouverture;operateur',
    ...carnetRows('36171', before, 1, ids),
    ...carnetRows('36065', before, 1, ids),
    ...carnetRows('36171', after, 6, ids),
    ...carnetRows('36065', after, 6, ids),
    ...carnetRows('36088', [...before, ...after], 4, ids),
    ...carnetRows('36152', [...before, ...after], 1, ids),
    ...carnetRows('36171', ['2021-06'], 1, ids),
  ];
  writeFileSync(join(programmeDir, 'carnets.csv'), `${carnets.join('\n')}\n`);
  writeFileSync(
    join(programmeDir, 'travaux.csv'),
    'id_carnet;date_travaux;type_travaux;etiquette_avant;etiquette_apres\nT-1;2020-11-02;isolation_combles;F;D\nT-8;2020-12-01;chauffage;G;E\n',
  );
  campaignsPath = join(dir, 'campagnes.json');
  writeFileSync(
    campaignsPath,
    campaignFileText(
      [sampleCampaign(), sampleCampaign({ id: 'camp-2', debut: '2026-10-01', fin: '2026-11-01' })],
      '2020-12-01T08:00:00.000Z',
    ),
  );
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * The browser's path: DuckDB-WASM with the app's settings and Arrow decoding on the same file, the
 * same SQL, the same import and the same measure.
 */
async function measureLikeTheBrowser(): Promise<CampaignMeasure[]> {
  const wasm = await startNodeWasm();
  attachFile(wasm, stockPath, 'stock');
  const rows = <T>(sql: string): T[] => tableRows<T>(wasm.appQuery(sql));
  wasm.rawQuery(createImportedStockSql());
  wasm.rawQuery(createAllStockViewSql());
  const [hasSuccessors] = rows<{ n: number }>(attachedSuccessorTableSql());
  wasm.rawQuery(communeSuccessorSetupSql((hasSuccessors?.n ?? 0) > 0));
  const successors = rows<CommuneSuccessorRow>(programmeCommuneSuccessorSql());
  const communes = rows<CampaignCommune>(campaignCommuneReferenceSql());
  const epcis = rows<CampaignEpci>(campaignEpciReferenceSql());
  const datasets: AvailableDataset[] = [{ id: 'demo', name: 'Démo' }];
  const campaigns = [sampleCampaign()];
  const fgRows = rows<FgDwellingsRow>(
    fgDwellingsByCommuneSql(campaignDatasetIds(campaigns, datasets)),
  );
  const parsed = parseProgrammeConfig(JSON.parse(readFileSync(CASBA, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const config = parsed.config;
  const text = (name: string) => readFileSync(join(programmeDir, name), 'utf8');
  const programme = importProgrammeCsv(
    {
      territories: text('territoires.csv'),
      carnets: text('carnets.csv'),
      works: text('travaux.csv'),
    },
    programmeImportContext(config, {
      name: 'COG 2026',
      communes,
      epcis,
      successors: new Map(successors.map((r) => [r.old_code, r.code_commune])),
    }),
    { territories: 'territoires.csv', carnets: 'carnets.csv', works: 'travaux.csv' },
  ).data;
  return measureCampaigns(campaigns, {
    programme,
    programmeStart: config.calendar.start,
    reference: { communes, epcis },
    datasets,
    fgRows,
  });
}

describe('npm run campaign -- effect', () => {
  it('prints, as JSON, the measure the browser computes from the same inputs', async () => {
    const run = cli(
      'effect',
      '--campaign',
      campaignsPath,
      '--id',
      'camp-1',
      '--programme-dir',
      programmeDir,
      '--stock',
      stockPath,
      '--json',
    );
    expect(run.stderr).toContain('Import carnets : 73 lignes lues, 73 acceptées, 0 rejetée.');
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as CampaignMeasure[];
    expect(printed).toHaveLength(1);
    const estimate = printed[0]?.estimate;
    expect(estimate?.target.carnets.before.count).toBe(6);
    expect(estimate?.target.carnets.after.count).toBe(36);
    expect(estimate?.control.carnets.before.count).toBe(15);
    expect(estimate?.target.works.after.count).toBe(2);
    expect(printed[0]?.comparison.territories.map((t) => t.code)).toContain('36088');
    expect(printed).toEqual(await measureLikeTheBrowser());
  });

  it('writes the reading in French, and says when the data does not cover a campaign', () => {
    const run = cli(
      'effect',
      '--campaign',
      campaignsPath,
      '--programme-dir',
      programmeDir,
      '--stock',
      stockPath,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /→ [+−]\d+,\d carnets pour 1 000 passoires sur 3 mois par rapport aux communes comparables \(intervalle à 95 % : de /,
    );
    expect(run.stdout).toContain(
      'Pas d’estimation : Les données du programme couvrent de mars 2019 à juin 2021 : elles ne couvrent pas le mois de début de la campagne (octobre 2026)',
    );
  });

  it('refuses a tampered file with the French list of errors, and a wrong usage', () => {
    const tampered = join(dir, 'altere.json');
    const json = JSON.parse(readFileSync(campaignsPath, 'utf8'));
    json.campagnes[0].fin = '2020-13-01';
    json.campagnes[1].niveau = 'region';
    writeFileSync(tampered, JSON.stringify(json));
    const run = cli('effect', '--campaign', tampered, '--stock', stockPath);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      `Fichier de campagnes refusé (${tampered}) : campagnes[0].fin : date existante au format AAAA-MM-JJ (reçu : « 2020-13-01 »)`,
      `Fichier de campagnes refusé (${tampered}) : campagnes[1].niveau : une valeur parmi commune, epci (reçu : « region »)`,
    ]);
    expect(run.stdout).toBe('');
    expect(cli('effet').code).toBe(2);
  });
});
