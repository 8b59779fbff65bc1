import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData } from '../../scripts/data-build.ts';
import { startStaticServer } from '../../scripts/lib/static-server.ts';
import { fetchTerritoryBdnb } from '../../scripts/lib/territory-bdnb.ts';
import { resolveTerritory } from '../../scripts/lib/territory-selection.ts';
import { listZipEntries } from '../../scripts/lib/zip-archive.ts';
import { zipArchive } from './zip-writer.ts';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/ingest/bdnb');
const TABLES = [
  'batiment_groupe',
  'batiment_groupe_ffo_bat',
  'batiment_groupe_dpe_representatif_logement',
  'batiment_groupe_simulations_dpe',
];

describe('BDNB archive of a territory', () => {
  let dir: string;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casba-bdnb-'));
    // The real layout: csv/<table>.csv with QGIS .csvt files and tables the import does not read.
    const files: Record<string, string> = {
      'csv/batiment_groupe_adresse.csv':
        'batiment_groupe_id,cle_interop_adr\nbdnb-bg-0001,36044_0001\n',
      'csv/batiment_groupe.csvt': '"String","String"\n',
      'doc/LISEZMOI.txt': 'BDNB open data\n',
    };
    for (const table of TABLES) {
      files[`csv/${table}.csv`] = readFileSync(join(FIXTURES, `${table}.csv`), 'utf8');
    }
    const served = join(dir, 'served');
    mkdirSync(served);
    writeFileSync(join(served, 'bdnb-dep36.zip'), zipArchive(files));
    const started = await startStaticServer(served);
    server = started.server;
    url = started.url;
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('downloads, extracts the four tables and keeps the buildings of the territory', async () => {
    const territory = resolveTerritory('commune', '36044');
    const lines: string[] = [];
    const result = await fetchTerritoryBdnb({
      dir: join(dir, 'territories', '36044', 'bdnb'),
      territory,
      pattern: `${url}bdnb-dep{dep}.zip`,
      log: (line) => lines.push(line),
    });
    expect(result.archives).toEqual([
      expect.objectContaining({ departement: '36', url: `${url}bdnb-dep36.zip` }),
    ]);
    expect(
      await listZipEntries(join(dir, 'territories', '36044', 'bdnb', 'archives', 'bdnb-36.zip')),
    ).toHaveLength(7);
    const source = readFileSync(join(FIXTURES, 'batiment_groupe.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    const inCommune = source.filter((line) => line.split(',')[1] === '36044');
    expect(inCommune.length).toBeLessThan(source.length);
    expect(result.rows.batiment_groupe).toBe(inCommune.length);
    expect(Object.keys(result.rows).sort()).toEqual([...TABLES].sort());
    expect(lines.some((line) => /extraction de batiment_groupe/.test(line))).toBe(true);

    const built = await buildData(result.tables, join(dir, 'data'), () => {});
    const report = built.inputs[0]?.report;
    expect(report?.format).toBe('bdnb');
    expect(report?.rows_read).toBe(inCommune.length);
    expect((report?.accepted ?? 0) + (report?.rejected ?? 0)).toBe(report?.rows_read);
  }, 120_000);
});
