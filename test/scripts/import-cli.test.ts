import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/ingest/import-report.ts';

const ROOT = process.cwd();
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');
const FIXTURES = resolve(ROOT, 'test/fixtures/ingest');
const LYON_SAMPLE = resolve(ROOT, '../shared/data/dpe/dpe-v2-logements-neufs-lyon8-sample.csv');

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runCli(...args: string[]): CliRun {
  const result = spawnSync(TSX, ['scripts/import.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function reportOf(run: CliRun): ImportReport {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as ImportReport;
}

/** A failure is one line of French on stderr, nothing on stdout, and no stack trace. */
function expectOneLineError(run: CliRun, status: number, message: RegExp): void {
  expect(run.status).toBe(status);
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stderr.trimEnd()).toMatch(message);
}

const temp = mkdtempSync(join(tmpdir(), 'import-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe.skipIf(!existsSync(LYON_SAMPLE))(
  'npm run import on the real ADEME export (skipped when ../shared/data/dpe/ is absent)',
  () => {
    it('reports the 2,851 rows and the label counts of the file, as native DuckDB counts them', async () => {
      const report = reportOf(runCli(LYON_SAMPLE));
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      const result = await connection.runAndReadAll(
        `SELECT Etiquette_DPE AS label, count(*)::INTEGER AS n FROM read_csv('${LYON_SAMPLE}', all_varchar = true) GROUP BY ALL ORDER BY label`,
      );
      const counts = result.getRowObjects().map((r) => [String(r.label), Number(r.n)]);
      connection.closeSync();
      expect(counts).toEqual([
        ['A', 93],
        ['B', 831],
        ['C', 1904],
        ['D', 15],
        ['E', 8],
      ]);
      expect(report).toMatchObject({ format: 'dpe', rows_read: 2851, accepted: 2851, rejected: 0 });
      expect(report.by_label).toEqual({ ...Object.fromEntries(counts), F: 0, G: 0, unknown: 0 });
      // Lyon (arrondissement 69388) is in the Métropole de Lyon; 16 DPE are in Ancy (69008).
      expect(report.by_epci).toEqual({ '200040566': 16, '200046977': 2835 });
      expect(report.label_inconsistent_count).toBe(3);
    });
  },
);

describe('npm run import on the fixtures', () => {
  it('detects the DPE format and writes the rejected rows on request', () => {
    const rejected = join(temp, 'rejets.csv');
    const report = reportOf(
      runCli(join(FIXTURES, 'dpe/dpe-2025-snake-semicolon.csv'), '--rejected', rejected),
    );
    expect(report).toMatchObject({ format: 'dpe', rows_read: 12, accepted: 8, rejected: 4 });
    expect(report.rejections.map((r) => r.line)).toEqual([6, 7, 8, 10]);
    expect(report.by_epci).toEqual({
      '200046977': 3,
      '200054781': 1,
      '200054807': 1,
      '200069193': 3,
    });
    const lines = readFileSync(rejected, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]?.startsWith('ligne_source;motif_rejet;numero_dpe;')).toBe(true);
  });

  it('reads a Windows-1252 file and says so', () => {
    const report = reportOf(runCli(join(FIXTURES, 'dpe/dpe-windows-1252.csv')));
    expect(report).toMatchObject({ rows_read: 2, accepted: 2 });
    expect(report.by_label).toMatchObject({ F: 1, G: 1 });
    expect(report.by_epci).toEqual({ '243600327': 2 });
    expect(report.warnings.map((w) => w.code)).toContain('encodage');
  });

  it('counts communes absent from the COG 2023 in a warning instead of dropping them', () => {
    const path = join(temp, 'commune-absente.csv');
    writeFileSync(path, 'code_commune;weight;dpe_label\n36044;2;F\n01999;3;G\n');
    const report = reportOf(runCli(path, '--kind', 'stock'));
    expect(report).toMatchObject({ format: 'stock', rows_read: 2, accepted: 2 });
    expect(report.by_label).toMatchObject({ F: 2, G: 3 });
    expect(report.by_epci).toEqual({ '243600327': 2 });
    expect(report.warnings.find((w) => w.code === 'commune_hors_referentiel')).toMatchObject({
      count: 1,
      examples: ['01999'],
    });
  });

  it('joins the BDNB tables given in any order', () => {
    const tables = [
      'batiment_groupe',
      'batiment_groupe_simulations_dpe',
      'batiment_groupe_ffo_bat',
      'batiment_groupe_dpe_representatif_logement',
    ].map((table) => join(FIXTURES, `bdnb/${table}.csv`));
    const report = reportOf(runCli(...tables));
    expect(report).toMatchObject({ format: 'bdnb', rows_read: 11, accepted: 6, rejected: 5 });
    expect(report.by_label).toEqual({ A: 3, B: 0, C: 20, D: 4, E: 12, F: 1, G: 0, unknown: 2 });
    expect(report.sources?.map((s) => s.table).at(-1)).toBe('batiment_groupe');
  });

  it('reads TopoJSON contours', () => {
    const report = reportOf(runCli(join(FIXTURES, 'geo/epci-mini.topo.json'), '--kind', 'geo'));
    expect(report).toMatchObject({ format: 'geo', rows_read: 2, accepted: 2 });
  });

  it('exits 0 with the malformed rows rejected, each with its line', () => {
    const report = reportOf(runCli(join(FIXTURES, 'malformed/dpe-ragged-and-quotes.csv')));
    expect(report.rejections.map((r) => r.line)).toEqual([3, 4, 5, 6, 8]);
  });
});

describe('npm run import failures: one line on stderr, never a stack trace', () => {
  it.each<[string, string[], number, RegExp]>([
    [
      'a missing file',
      ['test/fixtures/ingest/absent.csv'],
      1,
      /^Erreur : Fichier introuvable : test\/fixtures\/ingest\/absent\.csv$/,
    ],
    [
      'an empty file',
      ['test/fixtures/ingest/malformed/empty.csv'],
      1,
      /^Erreur \(empty\.csv\) : Le fichier est vide\.$/,
    ],
    [
      'an unknown format',
      ['test/fixtures/ingest/malformed/unknown-format.csv'],
      1,
      /^Erreur \(unknown-format\.csv\) : Format non reconnu\. Formats acceptés : .* Colonnes trouvées : « nom », « prenom », « ville » \(3 colonnes\)\.$/,
    ],
    [
      'a broken spreadsheet',
      ['test/fixtures/ingest/malformed/not-csv.xlsx'],
      1,
      /^Erreur \(not-csv\.xlsx\) : Classeur Excel illisible/,
    ],
    [
      'a missing required column',
      ['test/fixtures/ingest/dpe/dpe-missing-commune.csv'],
      1,
      /^Erreur \(dpe-missing-commune\.csv\) : Fichier DPE : colonne obligatoire absente : code commune \(Code_INSEE_\(BAN\) ou code_insee_ban\)\. Colonnes trouvées : « numero_dpe »/,
    ],
    [
      'a DPE file read as a stock file',
      ['test/fixtures/ingest/dpe/dpe-missing-commune.csv', '--kind', 'stock'],
      1,
      /^Erreur \(dpe-missing-commune\.csv\) : Fichier de stock : colonnes obligatoires absentes : code_commune ; weight\./,
    ],
    [
      'two files that are not BDNB tables',
      [
        'test/fixtures/ingest/stock/stock-valid.csv',
        'test/fixtures/ingest/dpe/dpe-windows-1252.csv',
      ],
      1,
      /^Erreur : Plusieurs fichiers ne s’importent ensemble que pour la BDNB/,
    ],
    ['no file', [], 2, /^Aucun fichier\. Usage : npm run import -- <fichier>/],
    ['an unknown kind', ['x.csv', '--kind', 'xls'], 2, /^--kind inconnu : « xls »\. Usage/],
    ['an unknown option', ['x.csv', '--verbose'], 2, /Usage : npm run import/],
  ])('%s', (_name, args, status, message) => {
    expectOneLineError(runCli(...args), status, message);
  });
});
