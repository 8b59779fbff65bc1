/**
 * Loads the real MaPrimeRénov' counts from the sources directory (see sources.ts): the
 * baromètre's départemental and national detail files and the DITP IND-292 file, checked against
 * the DITP metadata (a cumulative indicator), merged by src/ingest/maprimerenov.ts.
 */
import { readFileSync } from 'node:fs';
import type { MaprimerenovDataset } from '../../src/domain/maprimerenov.ts';
import { CsvReader } from '../../src/ingest/csv-reader.ts';
import type { MaprimerenovReport } from '../../src/ingest/maprimerenov.ts';
import {
  DITP_INDICATOR,
  mergeMaprimerenov,
  parseBarometreMaprimerenov,
  parseDitpInd292,
} from '../../src/ingest/maprimerenov.ts';
import { resolveSource, type SourceLookup } from './sources.ts';

/** The merged dataset, the report of each file and the files read. */
export interface MaprimerenovLoad {
  dataset: MaprimerenovDataset;
  reports: {
    departemental: MaprimerenovReport;
    national: MaprimerenovReport;
    ditp: MaprimerenovReport;
  };
  files: string[];
}

/** A source file whose content is not what the loader expects. */
class MaprimerenovSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MaprimerenovSourceError';
  }
}

/** The metadata row of an indicator in ditp-meta-ind-292.csv, by column name. */
function readMeta(text: string): Map<string, Record<string, string>> {
  const rows = new Map<string, Record<string, string>>();
  let names: string[] = [];
  const reader = new CsvReader({
    header(header) {
      names = header.names;
      return undefined;
    },
    record(record) {
      const row = Object.fromEntries(names.map((n, i) => [n, record.fields[i] ?? '']));
      if (row.indic_id !== undefined) rows.set(row.indic_id, row);
    },
  });
  reader.push(text);
  reader.end();
  return rows;
}

/**
 * Reads and merges the three files. Throws MissingSourceError (from sources.ts) when a file is
 * absent, MaprimerenovSourceError when the metadata does not describe IND-292 as cumulative.
 */
export function loadMaprimerenov(lookup: SourceLookup = {}): MaprimerenovLoad {
  const paths = {
    departemental: resolveSource('maprimerenov-barometre-detail-departemental', lookup),
    national: resolveSource('maprimerenov-barometre-detail-national', lookup),
    ditp: resolveSource('maprimerenov-ditp-ind-292', lookup),
    meta: resolveSource('maprimerenov-ditp-meta-ind-292', lookup),
  };
  const meta = readMeta(readFileSync(paths.meta, 'utf8')).get(DITP_INDICATOR);
  if (meta?.indic_categorie_evolution !== 'cumul_non_annuel') {
    throw new MaprimerenovSourceError(
      `${paths.meta} : l'indicateur ${DITP_INDICATOR} devrait être un cumul (indic_categorie_evolution = cumul_non_annuel), trouvé « ${meta?.indic_categorie_evolution ?? 'absent'} ».`,
    );
  }
  const departemental = parseBarometreMaprimerenov(readFileSync(paths.departemental, 'utf8'));
  const national = parseBarometreMaprimerenov(readFileSync(paths.national, 'utf8'));
  const ditp = parseDitpInd292(readFileSync(paths.ditp, 'utf8'));
  return {
    dataset: mergeMaprimerenov(departemental, national, ditp),
    reports: { departemental: departemental.report, national: national.report, ditp: ditp.report },
    files: Object.values(paths),
  };
}
