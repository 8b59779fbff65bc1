/**
 * `npm run test:slow`: the import command on a multi-GB DPE file, generated on the fly in a
 * temporary directory (streamed, deleted afterwards), checked for exact accounting and bounded
 * memory. Not part of `npm test`.
 *
 *   npx tsx scripts/import-slow-check.ts [--gb 2.5] [--max-rss-mb 1500]
 *
 * Every 997th row has an invalid commune code and every 1009th row repeats the previous DPE
 * number, so the expected accepted and rejected counts are known exactly. The peak resident
 * memory of the import process is read from /proc (VmHWM) and printed with the throughput; the
 * process runs with a 512 MB JS heap, so that memory growing with the rows fails the check.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export const HEADER =
  'numero_dpe;date_etablissement_dpe;type_batiment;surface_habitable_logement;etiquette_dpe;etiquette_ges;conso_5_usages_par_m2_ep;conso_5_usages_par_m2_ef;emission_ges_5_usages_par_m2;type_energie_principale_chauffage;code_insee_ban;adresse_ban';
const LABELS = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
const EP = [50, 90, 150, 220, 300, 380, 480];
const GHG = [3, 8, 20, 40, 60, 85, 120];
const COMMUNES = ['36044', '36088', '69123', '69381', '75056', '13201', '01015', '59350'];
const ENERGIES = ['Électricité', 'Gaz naturel', 'Fioul domestique', 'Bois – Bûches'];
const INVALID_EVERY = 997;
const DUPLICATE_EVERY = 1009;
/** JS heap of the import process, MB. */
const HEAP_MB = 512;

interface Generated {
  rows: number;
  invalid: number;
  duplicates: number;
  bytes: number;
}

const isInvalid = (i: number) => i % INVALID_EVERY === INVALID_EVERY - 1;
/** Repeats the previous row's number, when that row was accepted (a rejected row is not seen). */
const isDuplicate = (i: number) =>
  !isInvalid(i) && !isInvalid(i - 1) && i % DUPLICATE_EVERY === DUPLICATE_EVERY - 1;

export function row(i: number): string {
  const k = i % 7;
  const invalid = isInvalid(i);
  const duplicate = isDuplicate(i);
  const id = duplicate ? i - 1 : i;
  // ADEME's shape (4 digits, a letter, 7 digits, a letter), unique for the first billion rows.
  const numero = `23${String(Math.floor(id / 1e7) % 100).padStart(2, '0')}E${String(id % 1e7).padStart(7, '0')}${String.fromCharCode(65 + (id % 26))}`;
  const commune = invalid ? '99999' : COMMUNES[i % COMMUNES.length];
  const ep = EP[k] ?? 0;
  return `${numero};2024-0${1 + (i % 9)}-1${i % 10};${i % 2 === 0 ? 'appartement' : 'maison'};${30 + (i % 90)},5;${LABELS[k]};${LABELS[k]};${ep};${(ep / 2.3).toFixed(1)};${GHG[k]};${ENERGIES[i % ENERGIES.length]};${commune};${i % 200} rue de la République, bâtiment ${i % 7}, escalier ${i % 5}, ${commune}\n`;
}

/** Streams rows into `path` until it holds `bytes`; returns what was written. */
async function generate(path: string, bytes: number): Promise<Generated> {
  const out = createWriteStream(path);
  let written = HEADER.length + 1;
  out.write(`${HEADER}\n`);
  const generated: Generated = { rows: 0, invalid: 0, duplicates: 0, bytes: 0 };
  let chunk = '';
  for (let i = 0; written < bytes; i++) {
    const line = row(i);
    chunk += line;
    written += Buffer.byteLength(line);
    generated.rows++;
    if (isInvalid(i)) generated.invalid++;
    else if (isDuplicate(i)) generated.duplicates++;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  generated.bytes = statSync(path).size;
  return generated;
}

function peakRssKb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Runs the import command in one Node process (tsx as a loader) and watches its memory. */
async function runImport(path: string): Promise<{
  stdout: string;
  stderr: string;
  status: number | null;
  peakMb: number;
  seconds: number;
}> {
  const started = Date.now();
  // A small JS heap: an import whose memory grew with the rows would fail here, not pass.
  const heap = `--max-old-space-size=${HEAP_MB}`;
  const child = spawn(process.execPath, [heap, '--import', 'tsx', 'scripts/import.ts', path], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (data: Buffer) => {
    stdout += data.toString();
  });
  child.stderr.on('data', (data: Buffer) => {
    stderr += data.toString();
  });
  let peakKb = 0;
  const timer = setInterval(() => {
    if (child.pid !== undefined) peakKb = Math.max(peakKb, peakRssKb(child.pid));
  }, 100);
  const [status] = (await once(child, 'exit')) as [number | null];
  clearInterval(timer);
  return { stdout, stderr, status, peakMb: peakKb / 1024, seconds: (Date.now() - started) / 1000 };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { gb: { type: 'string' }, 'max-rss-mb': { type: 'string' } },
  });
  const gb = Number(values.gb ?? 2.5);
  const maxRssMb = Number(values['max-rss-mb'] ?? 1500);
  const bytes = Math.round(gb * 1024 ** 3);
  const dir = mkdtempSync(join(tmpdir(), 'import-slow-'));
  const fs = statfsSync(dir);
  const free = fs.bavail * fs.bsize;
  if (free < bytes * 1.2) {
    rmSync(dir, { recursive: true, force: true });
    process.stderr.write(
      `Espace disque insuffisant dans ${tmpdir()} : ${(free / 1024 ** 3).toFixed(1)} Go libres pour un fichier de ${gb} Go.\n`,
    );
    return 1;
  }
  const path = join(dir, 'dpe-slow.csv');
  try {
    const t0 = Date.now();
    const generated = await generate(path, bytes);
    process.stderr.write(
      `Fichier généré : ${generated.rows.toLocaleString('fr-FR')} lignes, ${(generated.bytes / 1024 ** 3).toFixed(2)} Go en ${((Date.now() - t0) / 1000).toFixed(0)} s.\n`,
    );
    const run = await runImport(path);
    if (run.status !== 0) {
      process.stderr.write(`Échec de l’import (code ${run.status}) : ${run.stderr.trim()}\n`);
      return 1;
    }
    const report = JSON.parse(run.stdout) as {
      rows_read: number;
      accepted: number;
      rejected: number;
    };
    const expected = {
      rows_read: generated.rows,
      accepted: generated.rows - generated.invalid - generated.duplicates,
      rejected: generated.invalid + generated.duplicates,
    };
    const checks = [
      ['lignes lues = lignes générées', report.rows_read === expected.rows_read],
      ['acceptées + rejetées = lues', report.accepted + report.rejected === report.rows_read],
      [
        'acceptées et rejetées attendues',
        report.accepted === expected.accepted && report.rejected === expected.rejected,
      ],
      [`pic de mémoire ≤ ${maxRssMb} Mo`, run.peakMb <= maxRssMb],
    ] as const;
    const summary = {
      generated_rows: generated.rows,
      file_gb: Number((generated.bytes / 1024 ** 3).toFixed(2)),
      report: { rows_read: report.rows_read, accepted: report.accepted, rejected: report.rejected },
      expected,
      import_seconds: Number(run.seconds.toFixed(1)),
      rows_per_second: Math.round(report.rows_read / run.seconds),
      mb_per_second: Number((generated.bytes / 1024 ** 2 / run.seconds).toFixed(1)),
      peak_rss_mb: Math.round(run.peakMb),
      checks: Object.fromEntries(checks),
    };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    const failed = checks.filter(([, ok]) => !ok).map(([name]) => name);
    if (failed.length > 0) {
      process.stderr.write(`Échec : ${failed.join(' ; ')}.\n`);
      return 1;
    }
    process.stderr.write(
      'Import d’un fichier de plusieurs Go : tout est compté, mémoire bornée.\n',
    );
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('import-slow-check.ts') === true)
  main().then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      process.stderr.write(`Erreur : ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
