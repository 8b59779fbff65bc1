import { runQuery } from '../../db/duckdb.ts';
import { fetchJsonAsset } from '../../db/fetch-asset.ts';
import { MANIFEST_FILE } from '../../db/manifest.ts';
import { tableRows } from '../../db/table-rows.ts';
import type { ProgrammeConfig } from '../../domain/programme-config.ts';
import { parseProgrammeConfig } from '../../domain/programme-config.ts';
import {
  type CommuneReferenceRow,
  type CommuneSuccessorRow,
  type EpciReferenceRow,
  programmeCommuneReferenceSql,
  programmeCommuneSuccessorSql,
  programmeEpciReferenceSql,
} from '../../sql/programme-reference-sql.ts';
import { type ProgrammeAssetPaths, readProgrammeManifest } from './programme-manifest.ts';

/** What every programme load needs: the asset paths, the configuration, the COG reference. */
export interface ProgrammeBase {
  paths: ProgrammeAssetPaths;
  config: ProgrammeConfig;
  /** Soft problems of the configuration (French). */
  configWarnings: string[];
  referenceName: string;
  communes: CommuneReferenceRow[];
  epcis: EpciReferenceRow[];
  /** COG history: absorbed commune code → current commune. */
  successors: CommuneSuccessorRow[];
  epciNames: ReadonlyMap<string, string>;
}

/** Loading state of {@link useProgrammeBase}. */
export type ProgrammeBaseState =
  | { status: 'loading' }
  | { status: 'ready'; base: ProgrammeBase }
  | { status: 'error'; error: unknown };

/** A configuration file that does not validate: one French line per problem. */
class ProgrammeConfigError extends Error {
  readonly errors: readonly string[];

  constructor(file: string, errors: readonly string[]) {
    super(`Configuration du programme invalide (${file}) : ${errors.join(' ; ')}`);
    this.name = 'ProgrammeConfigError';
    this.errors = errors;
  }
}

/**
 * Loads the programme's asset paths from the manifest, its validated configuration and the COG
 * reference tables of the attached stock database (the stock must be attached).
 */
export async function loadProgrammeBase(): Promise<ProgrammeBase> {
  const paths = readProgrammeManifest(await fetchJsonAsset(MANIFEST_FILE));
  const [configJson, communes, epcis, successors] = await Promise.all([
    fetchJsonAsset(paths.config),
    runQuery(programmeCommuneReferenceSql()).then((t) => tableRows<CommuneReferenceRow>(t)),
    runQuery(programmeEpciReferenceSql()).then((t) => tableRows<EpciReferenceRow>(t)),
    runQuery(programmeCommuneSuccessorSql()).then((t) => tableRows<CommuneSuccessorRow>(t)),
  ]);
  const parsed = parseProgrammeConfig(configJson);
  if (!parsed.ok) throw new ProgrammeConfigError(paths.config, parsed.errors);
  return {
    paths,
    config: parsed.config,
    configWarnings: parsed.warnings,
    referenceName: `COG ${paths.cogYear ?? ''}`.trim(),
    communes,
    epcis,
    successors,
    epciNames: new Map(epcis.map((e) => [e.code_epci, e.nom_epci])),
  };
}

/** What every programme import takes from the base: calendar, partner regions, COG reference. */
export function programmeImportContext(base: ProgrammeBase) {
  return {
    config: base.config,
    referenceName: base.referenceName,
    communes: base.communes,
    epcis: base.epcis,
    successors: base.successors,
  };
}
