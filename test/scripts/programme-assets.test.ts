import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCogTerritory,
  type CogTerritory,
  loadCogInput,
} from '../../scripts/lib/cog-territory.ts';
import {
  buildProgrammeAssets,
  MAPRIMERENOV_ASSET,
  ProgrammeConfigError,
} from '../../scripts/lib/programme-assets.ts';
import { programmeReferenceRows } from '../../scripts/lib/programme-inputs.ts';
import { resolveSource } from '../../scripts/lib/sources.ts';
import type { MaprimerenovAsset } from '../../src/domain/maprimerenov.ts';
import { cumulativeAt } from '../../src/domain/maprimerenov.ts';
import { parseProgrammeConfig } from '../../src/domain/programme-config.ts';
import { DEMO_SOURCE, isDemoData } from '../../src/domain/programme-data.ts';
import { computeProgrammeSummary } from '../../src/domain/programme-summary.ts';
import { importProgrammeCsv } from '../../src/ingest/programme-csv.ts';
import { programmeImportContext } from '../../src/ingest/programme-reference.ts';

const CONFIG = join(import.meta.dirname, '../../data/programme/casba.json');

let cog: CogTerritory;
let dir: string;
const quiet = () => undefined;
/** A small demo, for the tests that are not about its content. */
const SMALL = { territories: 10, carnetShare: 0.01 };

beforeAll(() => {
  cog = buildCogTerritory(loadCogInput());
  dir = mkdtempSync(join(tmpdir(), 'programme-assets-'));
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let ditpPath: string | null = null;
try {
  ditpPath = resolveSource('maprimerenov-ditp-ind-292');
} catch {
  ditpPath = null;
}

describe('buildProgrammeAssets', () => {
  it('writes the validated configuration and the demo CSVs, readable by the browser importer', () => {
    const out = join(dir, 'full');
    const fragment = buildProgrammeAssets(out, { territory: cog, log: quiet });
    expect(fragment.programme).toMatchObject({
      config: 'programme/casba.json',
      territories: 'programme/territoires.csv',
      carnets: 'programme/carnets.csv',
      works: 'programme/travaux.csv',
      readme: 'programme/LISEZMOI.txt',
      demo: true,
    });
    // The configuration is copied as is.
    expect(readFileSync(join(out, fragment.programme.config), 'utf8')).toBe(
      readFileSync(CONFIG, 'utf8'),
    );
    expect(readFileSync(join(out, fragment.programme.readme), 'utf8')).toContain('FICTIVES');
    const parsed = parseProgrammeConfig(JSON.parse(readFileSync(CONFIG, 'utf8')));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const text = (path: string) => readFileSync(join(out, path), 'utf8');
    const imported = importProgrammeCsv(
      {
        territories: text(fragment.programme.territories),
        carnets: text(fragment.programme.carnets),
        works: text(fragment.programme.works),
      },
      programmeImportContext(parsed.config, programmeReferenceRows(cog)),
    );
    // Everything written is accepted, counted in the manifest, and marked as demo data.
    for (const report of Object.values(imported.reports)) expect(report.rejected).toBe(0);
    expect(fragment.programme.counts).toEqual({
      territories: imported.data.territories.length,
      carnets: imported.data.carnets.length,
      works: imported.data.works.length,
    });
    expect(isDemoData(imported.data)).toBe(true);
    expect(imported.data.carnets.every((c) => c.source === DEMO_SOURCE)).toBe(true);
    const summary = computeProgrammeSummary(parsed.config, imported.data);
    expect(summary.kpis.territories.value).toBe(fragment.programme.counts.territories);
  }, 120_000);

  it.skipIf(ditpPath === null)(
    'writes the MaPrimeRénov’ series with its sources; France at 2024-08 equals the file’s FRANCE value',
    () => {
      const out = join(dir, 'mpr');
      const fragment = buildProgrammeAssets(out, { territory: cog, demo: SMALL, log: quiet });
      expect(fragment.maprimerenov).toBe(MAPRIMERENOV_ASSET);
      expect(fragment.maprimerenov_notice).toBeUndefined();
      const asset = JSON.parse(
        readFileSync(join(out, MAPRIMERENOV_ASSET), 'utf8'),
      ) as MaprimerenovAsset;
      const line = readFileSync(ditpPath ?? '', 'utf8')
        .split(/\r?\n/)
        .find((l) => l.startsWith('IND-292,FRANCE,2024-08-01,'));
      const expected = Number(line?.split(',')[5]);
      expect(expected).toBe(2_320_747);
      expect(cumulativeAt(asset.national, '2024-08')).toBe(expected);
      expect(asset.departements).toHaveLength(101);
      expect(asset.sources.map((s) => s.licence_name)).toEqual(
        Array(4).fill('Licence Ouverte 2.0 (Etalab)'),
      );
      expect(asset.reports.ditp.rejected).toBe(0);
    },
    120_000,
  );

  it('writes no MaPrimeRénov’ file when its sources are missing, says why in French, and goes on', () => {
    const out = join(dir, 'no-mpr');
    mkdirSync(out, { recursive: true });
    // A stale file from an earlier build must not survive.
    writeFileSync(join(out, MAPRIMERENOV_ASSET), '{}');
    const empty = mkdtempSync(join(tmpdir(), 'no-sources-'));
    const lines: string[] = [];
    const fragment = buildProgrammeAssets(out, {
      territory: cog,
      demo: SMALL,
      lookup: { sourcesDir: empty },
      log: (line) => lines.push(line),
    });
    expect(fragment.maprimerenov).toBeNull();
    expect(fragment.maprimerenov_notice).toMatch(/^Données MaPrimeRénov' non disponibles : /);
    expect(fragment.maprimerenov_notice).toContain('Fichier source manquant');
    expect(existsSync(join(out, MAPRIMERENOV_ASSET))).toBe(false);
    expect(existsSync(join(out, fragment.programme.carnets))).toBe(true);
    expect(lines.some((line) => line.startsWith('Attention'))).toBe(true);
    rmSync(empty, { recursive: true, force: true });
  }, 120_000);

  it('stops on an invalid configuration with one French line per problem', () => {
    const bad = join(dir, 'bad.json');
    const config = JSON.parse(readFileSync(CONFIG, 'utf8')) as { targets: { carnets: number } };
    config.targets.carnets = -3;
    writeFileSync(bad, JSON.stringify(config));
    expect(() =>
      buildProgrammeAssets(join(dir, 'bad'), { configPath: bad, territory: cog, log: quiet }),
    ).toThrow(ProgrammeConfigError);
    try {
      buildProgrammeAssets(join(dir, 'bad'), { configPath: bad, territory: cog, log: quiet });
    } catch (error) {
      expect((error as Error).message).toMatch(
        /Configuration du programme invalide .*targets\.carnets/,
      );
    }
  });
});
