/**
 * First look at a source: what it contains (text table, JSON contours, spreadsheet, Parquet or an
 * unreadable binary), its text encoding and its header line, from its first 64 KB.
 */
import type { ByteSource } from './byte-source.ts';
import { readBytes } from './byte-source.ts';
import type { CsvHeader } from './csv-header.ts';
import { readCsvHeader } from './csv-reader.ts';
import { detectTextEncoding, type TextEncodingLabel } from './detect-encoding.ts';
import { ImportError } from './import-error.ts';

/** Bytes read to recognise a source. */
const SNIFF_BYTES = 64 * 1024;

/** What the importers accept, for error messages. */
export const EXPECTED_FORMATS =
  'DPE ADEME (colonnes Code_INSEE_(BAN) ou code_insee_ban, Etiquette_DPE ou etiquette_dpe…), ' +
  'BDNB (batiment_groupe_id avec code_commune_insee, nb_log, classe_bilan_dpe ou etiquette_dpe_initial_map), ' +
  'stock canonique (code_commune, weight…), tout tableau dont on associe les colonnes aux champs (étiquette, code INSEE ou coordonnées…), ' +
  'en CSV, classeur Excel (.xlsx) ou Parquet ; GeoJSON ou TopoJSON (contours)';

/** A source recognised as a table of text. */
export interface InspectedSource {
  source: ByteSource;
  encoding: TextEncodingLabel;
  header: CsvHeader;
}

/** What a source holds, from its first bytes. */
export type SourceContent =
  | { type: 'text'; encoding: TextEncodingLabel; text: string; complete: boolean }
  | { type: 'contours' }
  | { type: 'xlsx' }
  | { type: 'parquet' };

function startsWith(head: Uint8Array, bytes: readonly number[]): boolean {
  return bytes.every((byte, k) => head[k] === byte);
}

/** Recognises what a source holds; throws an ImportError for an empty or binary file. */
export async function sniffSource(source: ByteSource): Promise<SourceContent> {
  const file = { file: source.name };
  const head = await readBytes(source, 0, SNIFF_BYTES);
  const complete = head.length >= source.size;
  if (startsWith(head, [0x50, 0x41, 0x52, 0x31])) return { type: 'parquet' };
  // A workbook named as one: a zip named .csv stays a binary file to refuse.
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) && /\.xls[xm]$/i.test(source.name)) {
    return { type: 'xlsx' };
  }
  const encoding = detectTextEncoding(head, complete);
  const text = new TextDecoder(encoding).decode(head, { stream: !complete });
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start === '') throw new ImportError('Le fichier est vide.', file);
  if (start.startsWith('PK\u0003\u0004') || start.includes('\u0000')) {
    throw new ImportError(
      `Fichier binaire (archive, classeur Excel ancien .xls ?) : exporter les données en CSV ou en .xlsx. Formats acceptés : ${EXPECTED_FORMATS}.`,
      file,
    );
  }
  if (start.startsWith('{') || start.startsWith('[')) {
    if (/"type"\s*:\s*"(?:FeatureCollection|Feature|Topology)"/.test(start))
      return { type: 'contours' };
    throw new ImportError(
      `Fichier JSON sans « "type": "FeatureCollection" » ni « "type": "Topology" » : format non reconnu. Formats acceptés : ${EXPECTED_FORMATS}.`,
      file,
    );
  }
  return { type: 'text', encoding, text, complete };
}

/** Reads the header line of a text source. */
function headerOf(source: ByteSource, text: string, complete: boolean): CsvHeader {
  const header = readCsvHeader(text, complete);
  if (header === null) {
    throw new ImportError(
      'Ligne d’en-tête introuvable dans le début du fichier (ligne trop longue ?).',
      { file: source.name },
    );
  }
  return header;
}

/** Inspects a source that must be a table of text. */
export async function inspectSource(source: ByteSource): Promise<InspectedSource> {
  const content = await sniffSource(source);
  if (content.type === 'contours') {
    throw new ImportError(
      'Contours GeoJSON ou TopoJSON : ce dialogue importe des données de logements (DPE ADEME, BDNB, parc canonique).',
      { file: source.name },
    );
  }
  if (content.type !== 'text') throw new Error(`inspectSource: ${content.type} not converted`);
  return {
    source,
    encoding: content.encoding,
    header: headerOf(source, content.text, content.complete),
  };
}
