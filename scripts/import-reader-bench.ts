/**
 * Throughput of the browser's import reader (CSV tokenizer + DPE mapper + columnar buffers, the
 * worker's path without the worker) on a DPE CSV, in Node:
 *
 *   npx tsx scripts/import-reader-bench.ts FICHIER.csv [--runs 3]
 *
 * Prints rows/s and MB/s of each run (the file is read into memory first, so that disk speed is
 * not measured). `npm run bench` generates a 1M-row file in bench/tmp/dpe-1000000.csv.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createDpeImport } from '../src/ingest/dpe-mapper.ts';
import { StockColumns } from '../src/ingest/stock-columns.ts';

const { values, positionals } = parseArgs({
  options: { runs: { type: 'string' } },
  allowPositionals: true,
});
const path = positionals[0];
if (path === undefined) {
  process.stderr.write('Usage : npx tsx scripts/import-reader-bench.ts FICHIER.csv [--runs 3]\n');
  process.exit(2);
}
const bytes = readFileSync(path);
const CHUNK = 1024 * 1024;
for (let run = 0; run < Number(values.runs ?? 3); run++) {
  const started = performance.now();
  const columns = new StockColumns();
  const csv = createDpeImport({ file: path, onRow: (row) => columns.append(row) });
  const decoder = new TextDecoder('utf-8');
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    csv.push(decoder.decode(bytes.subarray(offset, offset + CHUNK), { stream: true }));
  }
  csv.push(decoder.decode());
  const report = csv.end();
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `${JSON.stringify({
      run,
      rows_read: report.rows_read,
      accepted: report.accepted,
      seconds: Number(seconds.toFixed(2)),
      rows_per_second: Math.round(report.rows_read / seconds),
      mb_per_second: Number((bytes.length / 2 ** 20 / seconds).toFixed(1)),
    })}\n`,
  );
}
