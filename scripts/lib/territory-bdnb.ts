/**
 * BDNB (CSTB) open data of a territory: the CSV archive of each of its départements is downloaded
 * (resumable, `download.ts`) into `data/territories/<code>/bdnb/archives/`, the tables the BDNB
 * import reads are extracted, filtered to the territory's communes with native DuckDB
 * (`batiment_groupe` by `code_commune_insee`, the other tables by `batiment_groupe_id`) and written
 * as `bdnb/<table>.csv`. The archive address follows `BDNB_URL`, a pattern with `{dep}`.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { formatInteger } from '../../src/domain/format.ts';
import { BDNB_TABLES, type BdnbTable } from '../../src/ingest/formats/bdnb-format.ts';
import { downloadFile } from './download.ts';
import type { TerritorySelection } from './territory-selection.ts';
import { extractZipEntry, listZipEntries, type ZipEntry } from './zip-archive.ts';

/** Millésime of the default archives (CSTB open data, Licence Ouverte 2.0). */
const BDNB_MILLESIME = '2026-02-a';

/** Default pattern of a département archive; `{dep}` is the département code. */
const BDNB_URL_DEFAULT = `https://open-data.s3.fr-par.scw.cloud/bdnb_millesime_${BDNB_MILLESIME}/millesime_${BDNB_MILLESIME}_dep{dep}/open_data_millesime_${BDNB_MILLESIME}_dep{dep}_csv.zip`;

/** Name of the environment variable that overrides {@link BDNB_URL_DEFAULT}. */
const BDNB_URL_VARIABLE = 'BDNB_URL';

/** What was fetched. */
export interface BdnbFetchResult {
  /** URL pattern used. */
  source: string;
  fetched_at: string;
  archives: { departement: string; url: string; bytes: number }[];
  /** Paths of the filtered tables, for the import. */
  tables: string[];
  /** Rows kept per table. */
  rows: Record<string, number>;
}

/** Options of {@link fetchTerritoryBdnb}. */
export interface BdnbFetchOptions {
  dir: string;
  territory: TerritorySelection;
  pattern?: string;
  log?: (line: string) => void;
  fetchImpl?: typeof fetch;
}

const sqlText = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The archive URL of a département. */
function bdnbArchiveUrl(pattern: string, departement: string): string {
  return pattern.replaceAll('{dep}', departement);
}

const TABLE_NAMES = Object.keys(BDNB_TABLES) as BdnbTable[];

function tableOf(entry: ZipEntry): string | null {
  const name = basename(entry.name);
  return TABLE_NAMES.find((table) => name === `${table}.csv`) ?? null;
}

/** Downloads, extracts and filters the BDNB of the territory; see the module documentation. */
export async function fetchTerritoryBdnb(options: BdnbFetchOptions): Promise<BdnbFetchResult> {
  const log = options.log ?? (() => {});
  const pattern = options.pattern ?? process.env[BDNB_URL_VARIABLE] ?? BDNB_URL_DEFAULT;
  const fetchedAt = new Date().toISOString();
  const archivesDir = join(options.dir, 'archives');
  const extractDir = join(options.dir, 'extraction');
  mkdirSync(archivesDir, { recursive: true });
  rmSync(extractDir, { recursive: true, force: true });
  mkdirSync(extractDir, { recursive: true });
  const result: BdnbFetchResult = {
    source: pattern,
    fetched_at: fetchedAt,
    archives: [],
    tables: [],
    rows: {},
  };
  const extracted = new Map<string, string[]>();
  for (const departement of options.territory.departements) {
    const url = bdnbArchiveUrl(pattern, departement);
    const target = join(archivesDir, `bdnb-${departement}.zip`);
    let last = 0;
    log(`  BDNB ${departement} : téléchargement de ${url}`);
    await downloadFile(url, target, {
      ...(options.fetchImpl === undefined ? {} : { fetchImpl: options.fetchImpl }),
      onProgress: ({ received, total }) => {
        if (Date.now() - last < 1000) return;
        last = Date.now();
        const of = total === null ? '' : ` sur ${formatInteger(total / 1e6)}`;
        log(`  BDNB ${departement} : ${formatInteger(received / 1e6)} Mo${of}`);
      },
      verify: async (part) => {
        await listZipEntries(part.path);
      },
    });
    result.archives.push({ departement, url, bytes: statSync(target).size });
    for (const entry of await listZipEntries(target)) {
      const table = tableOf(entry);
      if (table === null) continue;
      const path = join(extractDir, `${departement}-${table}.csv`);
      log(`  BDNB ${departement} : extraction de ${table} (${formatInteger(entry.size / 1e6)} Mo)`);
      await extractZipEntry(target, entry, path);
      extracted.set(table, [...(extracted.get(table) ?? []), path]);
    }
  }
  if (!extracted.has('batiment_groupe')) {
    throw new Error('archive BDNB sans table batiment_groupe.csv : rien à filtrer.');
  }
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    // The archives' CSV are comma-separated (the sniffer can be fooled by a small table); a short
    // row is padded rather than fatal, so that the import judges it with its line and reason.
    const read = (paths: readonly string[]) =>
      `read_csv([${paths.map(sqlText).join(', ')}], all_varchar = true, header = true, delim = ',', quote = '"', null_padding = true, union_by_name = true)`;
    const communes = options.territory.communes.map(sqlText).join(', ');
    await connection.run(
      `CREATE TABLE kept AS SELECT * FROM ${read(extracted.get('batiment_groupe') ?? [])} WHERE code_commune_insee IN (${communes})`,
    );
    for (const table of TABLE_NAMES) {
      const paths = extracted.get(table);
      if (paths === undefined) continue;
      const out = join(options.dir, `${table}.csv`);
      const select =
        table === 'batiment_groupe'
          ? 'SELECT * FROM kept'
          : `SELECT * FROM ${read(paths)} WHERE batiment_groupe_id IN (SELECT batiment_groupe_id FROM kept)`;
      await connection.run(`CREATE OR REPLACE TABLE filtered AS ${select}`);
      await connection.run(`COPY filtered TO ${sqlText(out)} (HEADER, DELIMITER ',')`);
      const count = await connection.runAndReadAll('SELECT count(*) AS n FROM filtered');
      const rows = Number((count.getRowObjectsJS()[0] as { n: bigint | number }).n);
      result.rows[table] = rows;
      result.tables.push(out);
      log(`  BDNB : ${table}, ${formatInteger(rows)} ligne(s) du territoire`);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(extractDir, { recursive: true, force: true });
  }
  return result;
}
