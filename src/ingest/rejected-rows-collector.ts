import { detachString } from './detach-string.ts';
import type { RejectedRows } from './import-protocol.ts';
import type { ImportReportBuilder } from './import-report.ts';

/** Characters of raw lines kept, beyond which further raw lines are dropped (and said so). */
const DEFAULT_MAX_RAW_CHARS = 64 * 1024 * 1024;

/**
 * Every rejected row of an import (line, reason, raw line, file), for the download of the rejected
 * rows: the report itself lists only the first ones.
 */
export class RejectedRowsCollector {
  #lines = new Uint32Array(256);
  readonly #reasons: string[] = [];
  readonly #raws: string[] = [];
  readonly #files: string[] = [];
  #hasFiles = false;
  #rawChars = 0;
  #truncated = false;
  readonly #maxRawChars: number;

  constructor(options: { maxRawChars?: number } = {}) {
    this.#maxRawChars = options.maxRawChars ?? DEFAULT_MAX_RAW_CHARS;
  }

  /** Rejected rows so far. */
  get count(): number {
    return this.#reasons.length;
  }

  /** Records one rejected row. */
  add(line: number, reason: string, raw = '', file?: string): void {
    const index = this.#reasons.length;
    if (index === this.#lines.length) {
      const bigger = new Uint32Array(this.#lines.length * 2);
      bigger.set(this.#lines);
      this.#lines = bigger;
    }
    this.#lines[index] = line;
    this.#reasons.push(reason);
    if (this.#rawChars + raw.length > this.#maxRawChars) {
      this.#truncated = true;
      this.#raws.push('');
    } else {
      this.#rawChars += raw.length;
      // A raw line is a slice of a file chunk: detached so that it does not keep the chunk alive.
      this.#raws.push(detachString(raw));
    }
    this.#files.push(file ?? '');
    if (file !== undefined) this.#hasFiles = true;
  }

  /**
   * Makes `report` also hand its rejections to this collector. `ImportReportBuilder` keeps raw
   * lines only as text joined with the source file's separator, which cannot be split back into
   * line, reason and raw line reliably.
   */
  observe(report: ImportReportBuilder): void {
    const reject = report.reject.bind(report);
    report.reject = (line, reason, raw, file) => {
      this.add(line, reason, raw, file);
      reject(line, reason, raw, file);
    };
  }

  /** The rejected rows, as arrays ready to be posted (the line numbers' buffer can be transferred). */
  toRejectedRows(): RejectedRows {
    return {
      lines: this.#lines.slice(0, this.count),
      reasons: [...this.#reasons],
      raws: [...this.#raws],
      files: this.#hasFiles ? [...this.#files] : null,
      truncated: this.#truncated,
    };
  }
}
