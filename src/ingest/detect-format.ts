/**
 * Recognises what a file holds from its first characters: ADEME DPE, BDNB table, canonical stock
 * CSV, or GeoJSON / TopoJSON. An unknown format is one clear error naming what was expected and
 * what was found.
 */
import type { BdnbTable } from './bdnb-mapper.ts';
import { detectBdnbTable } from './bdnb-mapper.ts';
import type { CsvHeader } from './csv-reader.ts';
import { readCsvHeader } from './csv-reader.ts';
import { DPE_COLUMNS } from './dpe-mapper.ts';
import { describeFoundColumns, matchColumns } from './header-match.ts';
import { ImportError } from './import-error.ts';
import type { ImportFormat } from './import-report.ts';
import { STOCK_COLUMNS } from './stock-mapper.ts';

/** What a file was recognised as. */
export interface DetectedFormat {
  format: ImportFormat;
  /** For BDNB files, the table. */
  table?: BdnbTable;
  /** For CSV files, the header line. */
  header?: CsvHeader;
}

/** What the importers accept, for the error message. */
export const EXPECTED_FORMATS =
  'DPE ADEME (colonnes Code_INSEE_(BAN) ou code_insee_ban, Etiquette_DPE ou etiquette_dpe…), ' +
  'BDNB (batiment_groupe_id avec code_commune_insee, nb_log, classe_bilan_dpe ou etiquette_dpe_initial_map), ' +
  'stock canonique (code_commune, weight…), GeoJSON ou TopoJSON';

const DPE_MARKERS = ['commune', 'label', 'numero', 'ep', 'ghg'] as const;
const STOCK_MARKERS = [
  'code_commune',
  'weight',
  'dpe_label',
  'housing_type',
  'construction_period',
] as const;

/**
 * Detects the format from the start of a file's text (the first chunk). `complete` says whether
 * the text is the whole file. Throws an {@link ImportError} for an empty or unknown file.
 */
export function detectFormat(text: string, complete: boolean, file?: string): DetectedFormat {
  const fileOption = file === undefined ? {} : { file };
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start === '') throw new ImportError('Le fichier est vide.', fileOption);
  if (start.startsWith('PK\u0003\u0004') || start.startsWith('PAR1') || start.includes('\u0000')) {
    throw new ImportError(
      `Fichier binaire (classeur Excel, archive ou Parquet ?) : exporter les données en CSV. Formats acceptés : ${EXPECTED_FORMATS}.`,
      fileOption,
    );
  }
  if (start.startsWith('{') || start.startsWith('[')) {
    if (/"type"\s*:\s*"(?:FeatureCollection|Feature|Topology)"/.test(start))
      return { format: 'geo' };
    throw new ImportError(
      `Fichier JSON sans « "type": "FeatureCollection" » ni « "type": "Topology" » : format non reconnu. Formats acceptés : ${EXPECTED_FORMATS}.`,
      fileOption,
    );
  }
  const header = readCsvHeader(text, complete);
  if (header === null) {
    throw new ImportError(
      'Ligne d’en-tête introuvable dans le début du fichier (ligne trop longue ?).',
      fileOption,
    );
  }
  const table = detectBdnbTable(header.names);
  if (table !== null) return { format: 'bdnb', table, header };
  const dpe = matchColumns(header.names, DPE_COLUMNS).index;
  const stock = matchColumns(header.names, STOCK_COLUMNS).index;
  const dpeScore = DPE_MARKERS.filter((key) => dpe[key] !== undefined).length;
  const stockScore = STOCK_MARKERS.filter((key) => stock[key] !== undefined).length;
  if (dpeScore >= 2 && dpeScore >= stockScore) return { format: 'dpe', header };
  if (stockScore >= 2) return { format: 'stock', header };
  throw new ImportError(
    `Format non reconnu. Formats acceptés : ${EXPECTED_FORMATS}. Colonnes trouvées : ${describeFoundColumns(header.names)}.`,
    fileOption,
  );
}
