/**
 * The import Web Worker: streams the user's files (`file.stream()` → TextDecoder) through the
 * readers and mappers of `src/ingest/`, posts progress about every 100 ms, and ends with the
 * report, the accepted rows as Arrow IPC (transferred, never one object per row) and the rejected
 * rows. The page never parses anything, so it stays responsive on files of hundreds of MB.
 */
import type { LabelSource, StockRow } from '../domain/stock-schema.ts';
import type { BdnbTable } from './bdnb-mapper.ts';
import { BDNB_TABLES, createBdnbImport } from './bdnb-mapper.ts';
import type { TextEncodingLabel } from './detect-encoding.ts';
import { detectTextEncoding } from './detect-encoding.ts';
import { detectFormat } from './detect-format.ts';
import { createDpeImport } from './dpe-mapper.ts';
import { ImportError } from './import-error.ts';
import type {
  ImportDoneMessage,
  ImportedDatasetKind,
  ImportKind,
  ImportRequest,
  ImportWorkerMessage,
} from './import-protocol.ts';
import type { ImportFormat, ImportReport, ImportReportBuilder } from './import-report.ts';
import { RejectedRowsCollector } from './rejected-rows-collector.ts';
import { StockColumns } from './stock-columns.ts';
import { createStockImport } from './stock-mapper.ts';

/** Posts a message to the page, transferring the listed buffers. */
export type PostImportMessage = (message: ImportWorkerMessage, transfer?: Transferable[]) => void;

const SNIFF_BYTES = 64 * 1024;
const PROGRESS_INTERVAL_MS = 100;
const MAX_CHUNK_BYTES = 1024 * 1024;

interface InputFile {
  file: File;
  encoding: TextEncodingLabel;
  format: ImportFormat;
  table?: BdnbTable;
}

/** Nature of the imported dataset: DPE are observed; a stock file is observed only if every row says so. */
export function datasetKindOf(
  format: ImportFormat,
  labelSources: Readonly<Record<LabelSource, number>>,
): ImportedDatasetKind {
  if (format === 'dpe') return 'observed';
  if (format === 'bdnb') return 'buildings';
  const other = labelSources.modelled + labelSources.predicted;
  return labelSources.observed > 0 && other === 0 ? 'observed' : 'modelled';
}

async function inspectFile(file: File, kind: ImportKind): Promise<InputFile> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const complete = file.size <= SNIFF_BYTES;
  const encoding = detectTextEncoding(head, complete);
  if (kind === 'dpe' || kind === 'stock') return { file, encoding, format: kind };
  const text = new TextDecoder(encoding).decode(head, { stream: !complete });
  const detected = detectFormat(text, complete, file.name);
  if (detected.format === 'geo') {
    throw new ImportError(
      'Contours GeoJSON ou TopoJSON : ce dialogue importe des données de logements (DPE ADEME, BDNB, parc canonique).',
      { file: file.name },
    );
  }
  if (kind === 'bdnb' && detected.format !== 'bdnb') {
    throw new ImportError(
      `${file.name} n’est pas une table BDNB reconnue (attendu : ${BDNB_TABLES.join(', ')}).`,
      { file: file.name },
    );
  }
  const input: InputFile = { file, encoding, format: detected.format };
  if (detected.table !== undefined) input.table = detected.table;
  return input;
}

/** Posts progress at most every {@link PROGRESS_INTERVAL_MS}, and always when forced. */
class ProgressReporter {
  readonly #post: PostImportMessage;
  readonly #now: () => number;
  readonly #start: number;
  readonly #totalBytes: number;
  #last = Number.NEGATIVE_INFINITY;
  bytesRead = 0;

  constructor(post: PostImportMessage, now: () => number, totalBytes: number) {
    this.#post = post;
    this.#now = now;
    this.#start = now();
    this.#totalBytes = totalBytes;
  }

  elapsedMs(): number {
    return this.#now() - this.#start;
  }

  rate(rows: number): number {
    const seconds = this.elapsedMs() / 1000;
    return seconds > 0 ? rows / seconds : 0;
  }

  update(rowsRead: number, file: string, force = false): void {
    const now = this.#now();
    if (!force && now - this.#last < PROGRESS_INTERVAL_MS) return;
    this.#last = now;
    this.#post({
      type: 'progress',
      bytesRead: this.bytesRead,
      totalBytes: this.#totalBytes,
      rowsRead,
      rowsPerSecond: this.rate(rowsRead),
      file,
    });
  }
}

async function streamFile(
  input: InputFile,
  push: (chunk: string) => void,
  report: ImportReportBuilder,
  onChunk: (bytes: number) => void,
): Promise<void> {
  const decoder = new TextDecoder(input.encoding);
  const reader = input.file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    // Streams may hand over very large chunks (Node gives a whole in-memory file at once): slices
    // keep the reader's strings small and progress regular.
    for (let offset = 0; offset < value.byteLength; offset += MAX_CHUNK_BYTES) {
      const slice = value.subarray(offset, offset + MAX_CHUNK_BYTES);
      push(decoder.decode(slice, { stream: true }));
      onChunk(slice.byteLength);
    }
  }
  push(decoder.decode());
  if (input.encoding !== 'utf-8') {
    report.warn('encodage', `${input.file.name} n’est pas en UTF-8 : lu comme ${input.encoding}.`);
  }
}

async function importFiles(
  request: ImportRequest,
  post: PostImportMessage,
  now: () => number,
): Promise<ImportDoneMessage> {
  const first = request.files[0];
  if (first === undefined) throw new ImportError('Aucun fichier à importer.');
  const progress = new ProgressReporter(
    post,
    now,
    request.files.reduce((sum, file) => sum + file.size, 0),
  );
  const inputs = await Promise.all(request.files.map((file) => inspectFile(file, request.kind)));
  if (inputs.length > 1 && inputs.some((input) => input.format !== 'bdnb')) {
    const formats = inputs.map((input) => `${input.file.name} : ${input.format}`).join(', ');
    throw new ImportError(
      `Plusieurs fichiers ne s’importent ensemble que pour la BDNB (tables jointes sur batiment_groupe_id) ; reçu ${formats}.`,
    );
  }
  const format = inputs[0]?.format ?? 'dpe';
  const columns = new StockColumns();
  const rejected = new RejectedRowsCollector();
  const labelSources: Record<LabelSource, number> = { observed: 0, modelled: 0, predicted: 0 };
  const onRow = (row: StockRow) => {
    columns.append(row);
    labelSources[row.label_source]++;
  };
  const read = async (
    input: InputFile,
    push: (chunk: string) => void,
    builder: ImportReportBuilder,
  ) => {
    await streamFile(input, push, builder, (bytes) => {
      progress.bytesRead += bytes;
      progress.update(columns.length + rejected.count, input.file.name);
    });
  };

  let report: ImportReport;
  let ordered = inputs;
  if (format === 'bdnb') {
    const bdnb = createBdnbImport({ dataset: request.datasetId, onRow });
    rejected.observe(bdnb.report);
    // Side tables first: the main table is joined to them as it streams.
    ordered = [...inputs].sort(
      (a, b) => Number(a.table === 'batiment_groupe') - Number(b.table === 'batiment_groupe'),
    );
    for (const input of ordered) {
      const sink = bdnb.openFile(input.file.name);
      await read(input, (chunk) => sink.push(chunk), bdnb.report);
      sink.end();
    }
    report = bdnb.end();
  } else {
    const options = { dataset: request.datasetId, file: first.name, onRow };
    const csv = format === 'dpe' ? createDpeImport(options) : createStockImport(options);
    rejected.observe(csv.report);
    await read(inputs[0] as InputFile, (chunk) => csv.push(chunk), csv.report);
    report = csv.end();
  }
  const rowsRead = columns.length + rejected.count;
  progress.update(rowsRead, ordered.at(-1)?.file.name ?? first.name, true);
  const rowsPerSecond = progress.rate(rowsRead);
  const elapsedMs = progress.elapsedMs();
  post({ type: 'encoding', rows: columns.length });
  const ipc = columns.toIpc();
  return {
    type: 'done',
    report,
    ipc,
    // Built here: a Blob of 100 MB takes seconds to build and would freeze the page.
    ipcBlob: new Blob([ipc as Uint8Array<ArrayBuffer>]),
    kind: datasetKindOf(format, labelSources),
    rejectedRows: rejected.toRejectedRows(),
    files: ordered.map((input) => input.file.name),
    elapsedMs,
    rowsPerSecond,
  };
}

/**
 * Runs one import and posts its messages: progress, then `done` (with the Arrow IPC and the
 * rejected rows' line numbers transferred) or `failed` with one French message.
 */
export async function runImport(
  request: ImportRequest,
  post: PostImportMessage,
  now: () => number = () => performance.now(),
): Promise<void> {
  let done: ImportDoneMessage;
  try {
    done = await importFiles(request, post, now);
  } catch (error) {
    if (error instanceof ImportError) {
      post({
        type: 'failed',
        message: error.message,
        ...(error.file === undefined ? {} : { file: error.file }),
      });
    } else {
      const reason = error instanceof Error ? error.message : String(error);
      post({ type: 'failed', message: `Erreur inattendue pendant la lecture : ${reason}` });
    }
    return;
  }
  post(done, [done.ipc.buffer as ArrayBuffer, done.rejectedRows.lines.buffer as ArrayBuffer]);
}

// Imported by unit tests in Node too, where there is no worker scope to listen on.
if (typeof WorkerGlobalScope !== 'undefined') {
  const scope = globalThis as unknown as {
    onmessage: ((event: MessageEvent<ImportRequest>) => void) | null;
    postMessage(message: unknown, transfer: Transferable[]): void;
  };
  scope.onmessage = (event) => {
    if (event.data?.type !== 'start') return;
    void runImport(event.data, (message, transfer = []) => scope.postMessage(message, transfer));
  };
}
