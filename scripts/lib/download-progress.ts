/**
 * Download progress on stderr, in French: which file of how many, bytes received of how many.
 * On a terminal one line is redrawn in place; otherwise (CI logs, pipes) a line is printed
 * when a file starts, every few seconds while it downloads, and when it ends.
 */
import { formatMegabytes, formatPercent } from '../../src/domain/format.ts';
import type { DownloadProgress } from './download.ts';

/** Where a download reports what it is doing. */
export interface ProgressReporter {
  /** A file starts: its rank (from 1), how many files in all, its path, where it comes from. */
  start(rank: number, count: number, path: string, from: string): void;
  update(progress: DownloadProgress): void;
  /** A file is done (or given up): the line that stays. */
  end(line: string): void;
  /** A line of its own (a retry, a warning). */
  note(line: string): void;
}

/** The output a reporter writes to: stderr, or a test's buffer. */
export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Bytes received, and of how many when known: « 7,8 Mo / 15,2 Mo (51 %) ». */
function describeProgress({ received, total }: DownloadProgress): string {
  if (total === null || total === 0) return formatMegabytes(received);
  return `${formatMegabytes(received)} / ${formatMegabytes(total)} (${formatPercent(received / total, 0)})`;
}

/** A reporter writing to `output` (default stderr); `intervalMs` paces non-terminal lines. */
export function createProgressReporter(
  output: ProgressOutput = process.stderr,
  intervalMs = 2_000,
  clock: () => number = Date.now,
): ProgressReporter {
  const tty = output.isTTY === true;
  let prefix = '';
  let last = 0;
  let drawn = false;
  const clear = () => {
    if (tty && drawn) output.write('\r\x1b[K');
    drawn = false;
  };
  return {
    start(rank, count, path, from) {
      clear();
      prefix = `[${rank}/${count}] ${path}`;
      last = clock();
      if (tty) {
        output.write(`↓ ${prefix} depuis ${from}`);
        drawn = true;
      } else output.write(`↓ ${prefix} depuis ${from}\n`);
    },
    update(progress) {
      const now = clock();
      if (now - last < (tty ? 100 : intervalMs)) return;
      last = now;
      if (tty) {
        clear();
        output.write(`↓ ${prefix} : ${describeProgress(progress)}`);
        drawn = true;
      } else output.write(`  ${prefix} : ${describeProgress(progress)}\n`);
    },
    end(line) {
      clear();
      output.write(`${line}\n`);
    },
    note(line) {
      clear();
      output.write(`${line}\n`);
    },
  };
}
