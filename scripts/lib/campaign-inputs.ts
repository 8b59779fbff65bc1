/**
 * What `npm run campaign` reads besides the campaigns file, exactly as the browser reads it: the
 * territory reference and the F/G dwellings per commune from the stock database (same SQL, run by
 * native DuckDB on the file the browser attaches), the programme configuration and the three
 * programme CSV files through the same importer and reference.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { CampaignCommune, CampaignEpci } from '../../src/domain/campaign-comparison.ts';
import type { AvailableDataset, FgDwellingsRow } from '../../src/domain/campaign-inputs.ts';
import { formatRowAccount } from '../../src/domain/format.ts';
import { PROGRAMME_CONFIG_FILE, type ProgrammeConfig } from '../../src/domain/programme-config.ts';
import type { ProgrammeData } from '../../src/domain/programme-data.ts';
import { isImportError } from '../../src/ingest/import-error.ts';
import { importProgrammeCsv, type ProgrammeFiles } from '../../src/ingest/programme-csv.ts';
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
import { sqlString } from '../../src/sql/sql-string.ts';
import { DEMO_PROGRAMME_FILES } from './demo-programme.ts';
import { CliError, loadProgrammeConfig, PROGRAMME_FILE_NAMES } from './programme-inputs.ts';

/** The stock database's reference and datasets. */
export interface CampaignStock {
  communes: CampaignCommune[];
  epcis: CampaignEpci[];
  datasets: AvailableDataset[];
  cogYear: number | null;
  /** Merged commune codes → current commune (COG history), for the carnets' old codes. */
  successors: Map<string, string>;
  /** F/G dwellings per commune, for the datasets asked for. */
  fg: (datasets: readonly string[]) => Promise<FgDwellingsRow[]>;
  close: () => void;
}

/** Opens the stock database read-only, laid out like the browser's catalogs. */
export async function openCampaignStock(path: string): Promise<CampaignStock> {
  if (!existsSync(path)) {
    throw new CliError([
      `Base du parc introuvable : ${path} (construisez-la par npm run data:demo, ou donnez --stock).`,
    ]);
  }
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const rows = async <T>(sql: string) =>
    (await connection.runAndReadAll(sql)).getRowObjectsJS() as unknown as T[];
  try {
    await connection.run(`ATTACH ${sqlString(path)} AS stock (READ_ONLY)`);
    await connection.run(createImportedStockSql());
    await connection.run(createAllStockViewSql());
    const [hasSuccessors] = await rows<{ n: number }>(attachedSuccessorTableSql());
    await connection.run(communeSuccessorSetupSql((hasSuccessors?.n ?? 0) > 0));
    const successorRows = await rows<CommuneSuccessorRow>(programmeCommuneSuccessorSql());
    const communes = await rows<CampaignCommune>(campaignCommuneReferenceSql());
    const epcis = await rows<CampaignEpci>(campaignEpciReferenceSql());
    const datasets = await rows<AvailableDataset>(
      'SELECT id, name FROM stock.main.datasets ORDER BY rowid',
    );
    const [year] = await rows<{ y: number | null }>(
      'SELECT max(cog_year)::DOUBLE AS y FROM stock.main.territory_commune',
    );
    return {
      communes,
      epcis,
      datasets,
      cogYear: year?.y ?? null,
      successors: new Map(successorRows.map((r) => [r.old_code, r.code_commune])),
      fg: (ids) => rows<FgDwellingsRow>(fgDwellingsByCommuneSql(ids)),
      close: () => {
        connection.closeSync();
        instance.closeSync();
      },
    };
  } catch (error) {
    connection.closeSync();
    instance.closeSync();
    if (error instanceof CliError) throw error;
    throw new CliError([`Base du parc illisible (${path}) : ${(error as Error).message}`]);
  }
}

/** The programme files of a directory (names of the demo: territoires.csv, carnets.csv, travaux.csv). */
export function programmeFilesIn(dir: string): ProgrammeFiles<string> {
  const files = {
    territories: resolve(dir, DEMO_PROGRAMME_FILES.territories),
    carnets: resolve(dir, DEMO_PROGRAMME_FILES.carnets),
    works: resolve(dir, DEMO_PROGRAMME_FILES.works),
  };
  const missing = (Object.keys(files) as (keyof typeof files)[]).filter(
    (kind) => !existsSync(files[kind]),
  );
  if (missing.length > 0) {
    throw new CliError([
      ...missing.map((kind) => `${PROGRAMME_FILE_NAMES[kind]} introuvable : ${files[kind]}`),
      'Construisez les données de démonstration par npm run data:demo, ou donnez --programme-dir.',
    ]);
  }
  return files;
}

/** The configuration the browser uses: `casba.json` beside the programme files, else `fallback`. */
export function loadCampaignConfig(dir: string, given: string | undefined, fallback: string) {
  const beside = join(dir, PROGRAMME_CONFIG_FILE);
  return loadProgrammeConfig(resolve(given ?? (existsSync(beside) ? beside : fallback)));
}

/** Imports the programme files against the stock database's reference, as the browser does. */
export function importCampaignProgramme(
  files: ProgrammeFiles<string>,
  config: ProgrammeConfig,
  stock: CampaignStock,
): ProgrammeData {
  const names = {
    territories: DEMO_PROGRAMME_FILES.territories,
    carnets: DEMO_PROGRAMME_FILES.carnets,
    works: DEMO_PROGRAMME_FILES.works,
  };
  try {
    const imported = importProgrammeCsv(
      {
        territories: readFileSync(files.territories, 'utf8'),
        carnets: readFileSync(files.carnets, 'utf8'),
        works: readFileSync(files.works, 'utf8'),
      },
      programmeImportContext(config, {
        name: `COG ${stock.cogYear ?? ''}`.trim(),
        communes: stock.communes,
        epcis: stock.epcis,
        successors: stock.successors,
      }),
      names,
    );
    for (const report of Object.values(imported.reports)) {
      console.error(
        `Import ${report.file} : ${formatRowAccount(report.rows_read, report.accepted, report.rejected)}.`,
      );
    }
    return imported.data;
  } catch (error) {
    if (isImportError(error)) {
      throw new CliError([`${error.message}${error.file ? ` (${error.file})` : ''}`]);
    }
    throw error;
  }
}
