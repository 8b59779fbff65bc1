/**
 * The command-line import path, shared by `npm run import` and `npm run data:build`: inspect the
 * files (encoding, format, BDNB table), then stream them through the readers of `src/ingest/`.
 * Communes are matched to their EPCI through the COG 2026; codes of communes merged since are
 * attached to their successor (COG history).
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { StockRow } from '../../src/domain/stock-schema.ts';
import type { BdnbTable } from '../../src/ingest/bdnb-mapper.ts';
import { BDNB_TABLES, createBdnbImport } from '../../src/ingest/bdnb-mapper.ts';
import type { ImportOptions } from '../../src/ingest/csv-import.ts';
import type { TextEncodingLabel } from '../../src/ingest/detect-encoding.ts';
import { detectTextEncoding } from '../../src/ingest/detect-encoding.ts';
import { detectFormat } from '../../src/ingest/detect-format.ts';
import { createDpeImport } from '../../src/ingest/dpe-mapper.ts';
import type { GeoFeatureRow } from '../../src/ingest/geo-reader.ts';
import { readGeoText } from '../../src/ingest/geo-reader.ts';
import { ImportError } from '../../src/ingest/import-error.ts';
import type {
  ImportFormat,
  ImportReport,
  ImportReportBuilder,
} from '../../src/ingest/import-report.ts';
import { createStockImport } from '../../src/ingest/stock-mapper.ts';
import { COMMUNE_EPCI_REFERENCE, loadCommuneEpci } from './commune-epci.ts';
import { loadCommuneSuccessors } from './commune-successors.ts';

/** `--kind` values. */
export const IMPORT_KINDS = ['auto', 'dpe', 'bdnb', 'stock', 'geo'] as const;
/** One of {@link IMPORT_KINDS}. */
export type ImportKind = (typeof IMPORT_KINDS)[number];

const SNIFF_BYTES = 64 * 1024;
const READ_CHUNK_BYTES = 1024 * 1024;

/** A file inspected and ready to be read. */
export interface InputFile {
  path: string;
  encoding: TextEncodingLabel;
  format: ImportFormat;
  table?: BdnbTable;
}

/** What an import returns. */
export interface ImportResult {
  report: ImportReport;
  rejectedRowsCsv: string;
  /** Contours accepted, for geometry files. */
  features?: GeoFeatureRow[];
}

/** Options of {@link importInputs}. */
export interface ImportInputsOptions {
  /** Receives every accepted stock row. */
  onRow?: (row: StockRow) => void;
  /** Dataset name written on the rows (default: the first file's name without extension). */
  dataset?: string;
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Checks a file, detects its encoding and (for `auto` and `bdnb`) its format. */
export async function inspectInput(path: string, kind: ImportKind): Promise<InputFile> {
  if (!existsSync(path)) throw new ImportError(`Fichier introuvable : ${path}`);
  if (!statSync(path).isFile()) throw new ImportError(`Ce n’est pas un fichier : ${path}`);
  const head = await readHead(path);
  const complete = head.length < SNIFF_BYTES;
  const encoding = detectTextEncoding(head, complete);
  const text = new TextDecoder(encoding).decode(head, { stream: !complete });
  if (kind !== 'auto' && kind !== 'bdnb') return { path, encoding, format: kind };
  const detected = detectFormat(text, complete, basename(path));
  if (kind === 'bdnb' && detected.format !== 'bdnb') {
    throw new ImportError(
      `${basename(path)} n’est pas une table BDNB reconnue (attendu : ${BDNB_TABLES.join(', ')}).`,
    );
  }
  const input: InputFile = { path, encoding, format: detected.format };
  if (detected.table !== undefined) input.table = detected.table;
  return input;
}

async function streamFile(
  input: InputFile,
  push: (chunk: string) => void,
  report: ImportReportBuilder,
): Promise<void> {
  const decoder = new TextDecoder(input.encoding);
  for await (const chunk of createReadStream(input.path, { highWaterMark: READ_CHUNK_BYTES })) {
    push(decoder.decode(chunk as Buffer, { stream: true }));
  }
  push(decoder.decode());
  if (input.encoding !== 'utf-8') {
    report.warn(
      'encodage',
      `${basename(input.path)} n’est pas en UTF-8 : lu comme ${input.encoding}.`,
    );
  }
}

let territoryLookups: Pick<ImportOptions, 'epciOf' | 'successorOf' | 'epciReference'> | null = null;

function territoryOptions(): Pick<ImportOptions, 'epciOf' | 'successorOf' | 'epciReference'> {
  if (territoryLookups === null) {
    const commune = loadCommuneEpci();
    const successors = loadCommuneSuccessors();
    territoryLookups = {
      epciOf: (code) => commune.get(code),
      successorOf: (code) => successors.get(code),
      epciReference: COMMUNE_EPCI_REFERENCE,
    };
  }
  return territoryLookups;
}

/**
 * Reads inspected files: one DPE, stock or geometry file, or several BDNB tables read together.
 * Throws an {@link ImportError} when they cannot be read.
 */
export async function importInputs(
  inputs: readonly InputFile[],
  options: ImportInputsOptions = {},
): Promise<ImportResult> {
  const first = inputs[0];
  if (first === undefined) throw new ImportError('Aucun fichier à importer.');
  if (inputs.length > 1 && inputs.some((input) => input.format !== 'bdnb')) {
    const formats = inputs.map((input) => `${basename(input.path)} : ${input.format}`).join(', ');
    throw new ImportError(
      `Plusieurs fichiers ne se lisent ensemble que pour la BDNB (tables jointes sur batiment_groupe_id) ; reçu ${formats}.`,
    );
  }
  const common: ImportOptions = { ...territoryOptions() };
  if (options.onRow !== undefined) {
    const onRow = options.onRow;
    common.onRow = (row) => onRow(row);
  }
  const dataset = options.dataset ?? basename(first.path, extname(first.path));

  if (first.format === 'geo') {
    const bytes = readFileSync(first.path);
    const result = readGeoText(new TextDecoder(first.encoding).decode(bytes), {
      file: basename(first.path),
    });
    return {
      report: result.report,
      rejectedRowsCsv: result.rejectedRowsCsv,
      features: result.features,
    };
  }
  if (first.format === 'bdnb') {
    const bdnb = createBdnbImport({ ...common, dataset });
    // Side tables first: the main table is joined to them as it streams.
    const ordered = [...inputs].sort(
      (a, b) => Number(a.table === 'batiment_groupe') - Number(b.table === 'batiment_groupe'),
    );
    for (const input of ordered) {
      const sink = bdnb.openFile(basename(input.path));
      await streamFile(input, (chunk) => sink.push(chunk), bdnb.report);
      sink.end();
    }
    const report = bdnb.end();
    return { report, rejectedRowsCsv: bdnb.report.rejectedRowsCsv() };
  }
  const fileOptions = { ...common, dataset, file: basename(first.path) };
  const csv =
    first.format === 'dpe' ? createDpeImport(fileOptions) : createStockImport(fileOptions);
  await streamFile(first, (chunk) => csv.push(chunk), csv.report);
  const report = csv.end();
  return { report, rejectedRowsCsv: csv.report.rejectedRowsCsv() };
}

/** Inspects then reads files given by path: what `npm run import` does, without printing. */
export async function importPaths(
  paths: readonly string[],
  kind: ImportKind = 'auto',
  options: ImportInputsOptions = {},
): Promise<ImportResult> {
  const inputs: InputFile[] = [];
  for (const path of paths) inputs.push(await inspectInput(path, kind));
  return importInputs(inputs, options);
}
