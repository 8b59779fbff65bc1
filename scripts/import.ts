/**
 * Validates building-stock files and prints their import report as JSON on stdout:
 *
 *   npx tsx scripts/import.ts <fichier> [autres fichiers BDNB…] [--kind auto|dpe|bdnb|stock|geo]
 *                             [--rejected rejets.csv]
 *
 * Files are streamed (a file of hundreds of MB is never held in memory, except GeoJSON/TopoJSON,
 * which are parsed whole). Communes are matched to their EPCI through the COG 2023. Exit status 0
 * when the files were read (even with rejected rows), 1 when they could not be (missing file,
 * unknown format, missing columns), 2 on a usage error; the error is one line of French on stderr.
 */
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import type { BdnbTable } from '../src/ingest/bdnb-mapper.ts';
import { BDNB_TABLES, createBdnbImport } from '../src/ingest/bdnb-mapper.ts';
import type { ImportOptions } from '../src/ingest/csv-import.ts';
import type { TextEncodingLabel } from '../src/ingest/detect-encoding.ts';
import { detectTextEncoding } from '../src/ingest/detect-encoding.ts';
import { detectFormat } from '../src/ingest/detect-format.ts';
import { createDpeImport } from '../src/ingest/dpe-mapper.ts';
import { readGeoText } from '../src/ingest/geo-reader.ts';
import { ImportError } from '../src/ingest/import-error.ts';
import type {
  ImportFormat,
  ImportReport,
  ImportReportBuilder,
} from '../src/ingest/import-report.ts';
import { createStockImport } from '../src/ingest/stock-mapper.ts';
import { COMMUNE_EPCI_REFERENCE, loadCommuneEpci } from './lib/commune-epci.ts';

const KINDS = ['auto', 'dpe', 'bdnb', 'stock', 'geo'] as const;
type Kind = (typeof KINDS)[number];
const SNIFF_BYTES = 64 * 1024;
const READ_CHUNK_BYTES = 1024 * 1024;
const USAGE =
  'Usage : npm run import -- <fichier> [autres fichiers BDNB…] [--kind auto|dpe|bdnb|stock|geo] [--rejected rejets.csv]';

/** A usage error: exit status 2. */
class UsageError extends Error {}

interface InputFile {
  path: string;
  encoding: TextEncodingLabel;
  format: ImportFormat;
  table?: BdnbTable;
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

async function inspect(path: string, kind: Kind): Promise<InputFile> {
  if (!existsSync(path)) throw new ImportError(`Fichier introuvable : ${path}`);
  if (!statSync(path).isFile()) throw new ImportError(`Ce n’est pas un fichier : ${path}`);
  const head = await readHead(path);
  const encoding = detectTextEncoding(head);
  const complete = head.length < SNIFF_BYTES;
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

async function importFiles(
  inputs: InputFile[],
  rejectedPath: string | undefined,
): Promise<ImportReport> {
  const first = inputs[0];
  if (first === undefined) throw new UsageError(USAGE);
  if (inputs.length > 1 && inputs.some((input) => input.format !== 'bdnb')) {
    const formats = inputs.map((input) => `${basename(input.path)} : ${input.format}`).join(', ');
    throw new ImportError(
      `Plusieurs fichiers ne se lisent ensemble que pour la BDNB (tables jointes sur batiment_groupe_id) ; reçu ${formats}.`,
    );
  }
  const commune = loadCommuneEpci();
  const common: ImportOptions = {
    epciOf: (code) => commune.get(code),
    epciReference: COMMUNE_EPCI_REFERENCE,
  };
  const dataset = basename(first.path, extname(first.path));

  if (first.format === 'geo') {
    const result = readGeoText(readFileSync(first.path, 'utf8'), { file: basename(first.path) });
    if (rejectedPath !== undefined) writeFileSync(rejectedPath, result.rejectedRowsCsv);
    return result.report;
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
    if (rejectedPath !== undefined) writeFileSync(rejectedPath, bdnb.report.rejectedRowsCsv());
    return report;
  }
  const options = { ...common, dataset, file: basename(first.path) };
  const csv = first.format === 'dpe' ? createDpeImport(options) : createStockImport(options);
  await streamFile(first, (chunk) => csv.push(chunk), csv.report);
  const report = csv.end();
  if (rejectedPath !== undefined) writeFileSync(rejectedPath, csv.report.rejectedRowsCsv());
  return report;
}

const OPTIONS = {
  kind: { type: 'string' },
  rejected: { type: 'string' },
  help: { type: 'boolean' },
} as const;

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. ${USAGE}`);
  }
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv);
  if (parsed.values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const kind = (parsed.values.kind ?? 'auto') as Kind;
  if (!KINDS.includes(kind)) throw new UsageError(`--kind inconnu : « ${kind} ». ${USAGE}`);
  if (parsed.positionals.length === 0) throw new UsageError(`Aucun fichier. ${USAGE}`);
  if (parsed.positionals.length > 1 && kind !== 'auto' && kind !== 'bdnb') {
    throw new UsageError(
      `Un seul fichier pour --kind ${kind} (plusieurs seulement pour la BDNB). ${USAGE}`,
    );
  }
  const inputs: InputFile[] = [];
  for (const path of parsed.positionals) inputs.push(await inspect(path, kind));
  const report = await importFiles(inputs, parsed.values.rejected);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return 0;
}

/** One line, no stack trace: the message names the file and what is wrong. */
function oneLine(error: unknown): string {
  if (error instanceof ImportError) {
    return `Erreur${error.file === undefined ? '' : ` (${error.file})`} : ${error.message}`;
  }
  if (error instanceof UsageError) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES')
    return `Erreur : fichier illisible (droits insuffisants) : ${(error as Error).message}`;
  return `Erreur inattendue : ${error instanceof Error ? error.message : String(error)}`;
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`${oneLine(error).replace(/\s*\n\s*/g, ' ')}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
