import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProgrammeConfig } from '../../src/domain/programme-config.ts';
import { auditPublishedTable, cellId } from '../../src/domain/published-counts.ts';
import { SECRET_THRESHOLD } from '../../src/domain/statistical-secret.ts';
import { parseOpenDataFiles } from '../../src/export/open-data.ts';
import { importProgrammeCsv } from '../../src/ingest/programme-csv.ts';
import { programmeImportContext } from '../../src/ingest/programme-reference.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const SCRIPT = join(ROOT, 'scripts/opendata.ts');
const CASBA = (() => {
  const parsed = parseProgrammeConfig(
    JSON.parse(readFileSync(join(ROOT, 'data/programme/casba.json'), 'utf8')),
  );
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.config;
})();

function cli(...args: string[]) {
  const result = spawnSync(TSX, [SCRIPT, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'casba-opendata-'));
const demoDir = join(dir, 'demo');
const out = join(dir, 'out');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Summary {
  cells: number;
  primary: number;
  secondary: number;
  communes: number;
  epci: number;
  demo: boolean;
  totals: { carnets: number; travaux: number };
  audit: { passed: boolean };
  patternAudit: { passed: boolean; hidden: number };
}

describe('npm run opendata on the demo programme', () => {
  let run: ReturnType<typeof cli>;
  beforeAll(() => {
    run = cli('--out', out, '--demo-dir', demoDir);
  }, 180_000);

  it('writes the three files and prints a JSON summary', () => {
    expect(run.stderr).toContain('FICTIVES');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as Summary;
    expect(summary.demo).toBe(true);
    expect(summary.audit.passed).toBe(true);
    // The whole pattern the dashboard shows (regions included) hides at least what the files hide.
    expect(summary.patternAudit.passed).toBe(true);
    expect(summary.patternAudit.hidden).toBeGreaterThan(1000);
    expect(summary.primary).toBeGreaterThan(0);
    expect(summary.cells).toBe((summary.communes + summary.epci + 1) * 2);
    for (const name of ['communes.csv', 'epci.csv', 'README.md']) {
      expect(existsSync(join(out, name))).toBe(true);
    }
    const readme = readFileSync(join(out, 'README.md'), 'utf8');
    expect(readme).toContain('DONNÉES DE DÉMONSTRATION FICTIVES');
    expect(readme).toContain('Licence Ouverte');
  });

  it('passes the recovery check: no hidden cell below 11 is determined from the published totals', () => {
    const summary = JSON.parse(run.stdout) as Summary;
    const communesCsv = readFileSync(join(out, 'communes.csv'), 'utf8');
    const epciCsv = readFileSync(join(out, 'epci.csv'), 'utf8');
    expect(communesCsv.charCodeAt(0)).not.toBe(0xfeff);
    expect(communesCsv.startsWith('code_commune,code_epci,carnets,travaux\r\n')).toBe(true);
    expect(epciCsv.startsWith('code_epci,carnets,travaux\r\n')).toBe(true);
    const published = parseOpenDataFiles(communesCsv, epciCsv, [
      summary.totals.carnets,
      summary.totals.travaux,
    ]);

    // True values, recomputed here from the demo CSV files (not from the exporter).
    const read = (name: string) => readFileSync(join(demoDir, name), 'utf8');
    const { data } = importProgrammeCsv(
      {
        territories: read('territoires.csv'),
        carnets: read('carnets.csv'),
        works: read('travaux.csv'),
      },
      programmeImportContext(CASBA),
    );
    const epciOf = new Map(published.cells.map((c) => [c.code, c.parent]));
    const communeOf = new Map(data.carnets.map((c) => [c.id_carnet, c.code_commune]));
    const truth = new Map<string, number>();
    const add = (commune: string, column: string) => {
      const epci = epciOf.get(commune);
      expect(epci).toBeDefined();
      for (const id of [
        cellId('commune', commune, column),
        epci ? cellId('epci', epci, column) : null,
        cellId('total', '', column),
      ]) {
        if (id !== null) truth.set(id, (truth.get(id) ?? 0) + 1);
      }
    };
    for (const c of data.carnets) add(c.code_commune, 'carnets');
    for (const w of data.works) add(communeOf.get(w.id_carnet) ?? '', 'travaux');

    // Every published figure is the true one, and none is from 1 to 10.
    for (const row of published.cells) {
      row.values.forEach((v, i) => {
        const column = published.columns[i] ?? '';
        if (v !== null) expect(v).toBe(truth.get(cellId('commune', row.code, column)) ?? 0);
        expect(v === null || v === 0 || v >= SECRET_THRESHOLD).toBe(true);
      });
    }
    const audit = auditPublishedTable(published, (id) => truth.get(id) ?? 0, SECRET_THRESHOLD);
    expect(audit.exact).toBe(true);
    expect(audit.hidden).toBeGreaterThan(1000);
    expect(audit.disclosures).toEqual([]);
    expect(audit.passed).toBe(true);
  });
});

describe('npm run opendata: errors', () => {
  it('asks for --out in one French line', () => {
    const run = cli();
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('Dossier de sortie manquant');
  });

  it('wants the three data files together', () => {
    const run = cli('--out', join(dir, 'x'), '--carnets', join(dir, 'c.csv'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('trois fichiers');
  });

  it('reports a missing file and writes nothing', () => {
    const missing = join(dir, 'absent.csv');
    const run = cli(
      '--out',
      join(dir, 'y'),
      '--territories',
      missing,
      '--carnets',
      missing,
      '--works',
      missing,
    );
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`Fichier des territoires introuvable : ${missing}`);
    expect(existsSync(join(dir, 'y'))).toBe(false);
  });
});
