import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type {
  ImportDoneMessage,
  ImportKind,
  ImportProgressMessage,
  ImportWorkerMessage,
} from '../../src/ingest/import-protocol.ts';
import { datasetKindOf, runImport } from '../../src/ingest/import-worker.ts';
import { FIXTURES, LYON_SAMPLE } from './ingest-helpers.ts';

function fileOf(path: string): File {
  return new File([readFileSync(path)], path.split('/').pop() ?? 'fichier.csv');
}

interface Run {
  messages: ImportWorkerMessage[];
  transfers: Transferable[][];
  done: ImportDoneMessage | undefined;
  progress: ImportProgressMessage[];
}

async function run(files: File[], kind: ImportKind = 'auto', now?: () => number): Promise<Run> {
  const messages: ImportWorkerMessage[] = [];
  const transfers: Transferable[][] = [];
  await runImport(
    { type: 'start', files, kind, datasetId: 'import-1' },
    (message, transfer = []) => {
      messages.push(message);
      transfers.push(transfer);
    },
    now,
  );
  return {
    messages,
    transfers,
    done: messages.find((message): message is ImportDoneMessage => message.type === 'done'),
    progress: messages.filter((m): m is ImportProgressMessage => m.type === 'progress'),
  };
}

function failure(result: Run): string {
  const last = result.messages.at(-1);
  return last?.type === 'failed' ? last.message : `no failure: ${last?.type}`;
}

describe('datasetKindOf', () => {
  it('calls DPE observed, BDNB buildings, and a stock file observed only when every row is', () => {
    const none = { observed: 0, modelled: 0, predicted: 0 };
    expect(datasetKindOf('dpe', none)).toBe('observed');
    expect(datasetKindOf('bdnb', { ...none, observed: 3 })).toBe('buildings');
    expect(datasetKindOf('stock', { ...none, observed: 3 })).toBe('observed');
    expect(datasetKindOf('stock', { ...none, observed: 3, modelled: 1 })).toBe('modelled');
    expect(datasetKindOf('stock', none)).toBe('modelled');
  });
});

describe('runImport', () => {
  it.skipIf(!existsSync(LYON_SAMPLE))(
    'reads the real ADEME sample into Arrow, with progress and the buffer transferred',
    async () => {
      const result = await run([fileOf(LYON_SAMPLE)]);
      const done = result.done;
      expect(done?.report.rows_read).toBe(2851);
      expect(done?.report.accepted).toBe(2851);
      expect(done?.kind).toBe('observed');
      const table = tableFromIPC(done?.ipc ?? new Uint8Array());
      expect(table.numRows).toBe(2851);
      expect(table.getChild('dataset')?.get(0)).toBe('import-1');
      expect(table.getChild('weight')?.get(0)).toBe(1);
      const lastProgress = result.progress.at(-1);
      expect(lastProgress?.rowsRead).toBe(2851);
      expect(lastProgress?.bytesRead).toBe(lastProgress?.totalBytes);
      expect(result.transfers.at(-1)).toContain(done?.ipc.buffer);
      expect(result.messages.map((m) => m.type).slice(-2)).toEqual(['encoding', 'done']);
    },
  );

  it('accounts for every row of a malformed file and keeps every rejected line', async () => {
    const result = await run([fileOf(resolve(FIXTURES, 'malformed/dpe-ragged-and-quotes.csv'))]);
    const report = result.done?.report;
    expect(report?.rows_read).toBe((report?.accepted ?? 0) + (report?.rejected ?? 0));
    expect(report?.rejected).toBeGreaterThan(0);
    const rejected = result.done?.rejectedRows;
    expect([...(rejected?.lines ?? [])]).toEqual(report?.rejections.map((r) => r.line));
    expect(rejected?.reasons).toEqual(report?.rejections.map((r) => r.reason));
    expect(rejected?.raws).toEqual(report?.rejections.map((r) => r.raw ?? ''));
    expect(rejected?.files).toBeNull();
    expect(tableFromIPC(result.done?.ipc ?? new Uint8Array()).numRows).toBe(report?.accepted);
  });

  it('joins BDNB tables given in any order, main table last', async () => {
    const tables = [
      'batiment_groupe',
      'batiment_groupe_simulations_dpe',
      'batiment_groupe_ffo_bat',
      'batiment_groupe_dpe_representatif_logement',
    ];
    const result = await run(tables.map((table) => fileOf(resolve(FIXTURES, `bdnb/${table}.csv`))));
    expect(result.done?.report.format).toBe('bdnb');
    expect(result.done?.kind).toBe('buildings');
    expect(result.done?.files.at(-1)).toBe('batiment_groupe.csv');
    const table = tableFromIPC(result.done?.ipc ?? new Uint8Array());
    expect(table.numRows).toBe(result.done?.report.accepted);
  });

  it('reads a canonical stock file as a modelled dataset', async () => {
    const result = await run([fileOf(resolve(FIXTURES, 'stock/stock-valid.csv'))], 'stock');
    expect(result.done?.report.format).toBe('stock');
    expect(result.done?.kind).toBe('modelled');
  });

  it('fails with one French message for files it cannot read', async () => {
    const malformed = (name: string) => fileOf(resolve(FIXTURES, `malformed/${name}`));
    expect(failure(await run([malformed('unknown-format.csv')]))).toMatch(/Format non reconnu/);
    expect(failure(await run([malformed('empty.csv')]))).toMatch(/vide/);
    expect(failure(await run([]))).toMatch(/Aucun fichier/);
    const dpe = fileOf(resolve(FIXTURES, 'dpe/dpe-2025-snake-semicolon.csv'));
    expect(failure(await run([dpe, dpe]))).toMatch(/que pour la BDNB/);
    expect(failure(await run([dpe], 'bdnb'))).toMatch(/pas une table BDNB/);
    expect(failure(await run([fileOf(resolve(FIXTURES, 'dpe/dpe-missing-commune.csv'))]))).toMatch(
      /commune/,
    );
  });

  it('posts progress at most every 100 ms, and once more at the end', async () => {
    // Blob parts come out of file.stream() as separate chunks: 30 chunks of 1,000 records.
    const parts = Array.from({ length: 30 }, (_, part) =>
      Array.from({ length: 1000 }, (_, i) => `D${part}-${i};36044;C\n`).join(''),
    );
    const file = () =>
      new File(['numero_dpe;code_insee_ban;etiquette_dpe\n', ...parts], 'grand.csv');
    const frozen = await run([file()], 'dpe', () => 0);
    // With the clock standing still: the first report, then the final one.
    expect(frozen.progress.map((p) => p.rowsRead)).toEqual([0, 30_000]);
    let clock = 0;
    const fast = await run([file()], 'dpe', () => {
      clock += 100;
      return clock;
    });
    expect(fast.progress.length).toBeGreaterThan(30);
    const rows = fast.progress.map((p) => p.rowsRead);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(fast.progress.at(-1)?.rowsPerSecond).toBeGreaterThan(0);
  });
});
