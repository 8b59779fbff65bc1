/**
 * The programme entries of `data/manifest.json` (written by scripts/lib/programme-assets.ts and
 * merged by scripts/prepare-assets.ts). A manifest without them, from an older build, falls back
 * to the conventional paths, so that the view still finds the files if they are there.
 */

import { DATA_DIR } from '../../db/manifest.ts';
import { isJsonObject } from '../../domain/json-reader.ts';
import { PROGRAMME_CONFIG_FILE } from '../../domain/programme-config.ts';

/** Paths of the programme assets, relative to the page (prefixed with `data/`). */
export interface ProgrammeAssetPaths {
  config: string;
  territories: string;
  carnets: string;
  works: string;
  /** Whether the manifest declares the CSV files as demonstration data. */
  demo: boolean;
  /** Path of `maprimerenov.json`, or null when the build could not write it. */
  maprimerenov: string | null;
  /** Why `maprimerenov` is null (French). */
  maprimerenovNotice: string | null;
  /** COG vintage of the territory reference (« COG 2026 » in messages). */
  cogYear: number | null;
}

const DEFAULTS = {
  config: `programme/${PROGRAMME_CONFIG_FILE}`,
  territories: 'programme/territoires.csv',
  carnets: 'programme/carnets.csv',
  works: 'programme/travaux.csv',
} as const;

const text = (record: Record<string, unknown>, key: keyof typeof DEFAULTS) => {
  const value = record[key];
  return DATA_DIR + (typeof value === 'string' && value !== '' ? value : DEFAULTS[key]);
};

/** Reads the programme entries of a parsed manifest (see the module documentation). */
export function readProgrammeManifest(json: unknown): ProgrammeAssetPaths {
  const root = isJsonObject(json) ? json : {};
  const programme = isJsonObject(root.programme) ? root.programme : {};
  const mpr = root.maprimerenov;
  const cogYear = Number(root.cog_year);
  return {
    config: text(programme, 'config'),
    territories: text(programme, 'territories'),
    carnets: text(programme, 'carnets'),
    works: text(programme, 'works'),
    demo: programme.demo !== false,
    maprimerenov:
      mpr === null
        ? null
        : DATA_DIR + (typeof mpr === 'string' && mpr !== '' ? mpr : 'maprimerenov.json'),
    maprimerenovNotice:
      typeof root.maprimerenov_notice === 'string' ? root.maprimerenov_notice : null,
    cogYear: Number.isFinite(cogYear) && cogYear > 0 ? cogYear : null,
  };
}
