/**
 * The report of an import: what was read, accepted and rejected and why, so that every row is
 * accounted for (`rows_read = accepted + rejected`).
 */

import { quoteCsvField } from '../domain/csv-writer.ts';
import type { DpeLabel, StockRow } from '../domain/stock-schema.ts';
import { detachString } from './detach-string.ts';
import type { FormatId } from './formats/format.ts';

/** Formats the importers recognise: those of the registry, and contours. */
export type ImportFormat = FormatId | 'geo';

/** How many rejections the report lists; all are counted, and all raw lines are kept apart. */
export const REPORT_REJECTIONS_LIMIT = 100;
/** Distinct example values kept per warning. */
const WARNING_EXAMPLES_LIMIT = 10;
/** Characters of rejected raw lines kept for the download, beyond which a warning says so. */
const DEFAULT_MAX_REJECTED_RAW_CHARS = 64 * 1024 * 1024;

/** A rejected row: its physical line, why (in French), and the line as written. */
export interface ImportRejection {
  line: number;
  reason: string;
  raw?: string;
  /** File the line comes from, when an import reads several files. */
  file?: string;
}

/**
 * A soft problem, counted once per row read where it was seen (accepted or not), or once per file
 * for header-level warnings.
 */
export interface ImportWarning {
  code: string;
  message: string;
  count: number;
  /** A few distinct offending values, to help fix the file. */
  examples?: string[];
}

/** Weighted dwelling counts per label; `unknown` for rows without a label. */
export type LabelCounts = Record<DpeLabel | 'unknown', number>;

/** One file read by an import that reads several (BDNB). */
export interface ImportSource {
  file: string;
  /** What the file holds, e.g. the BDNB table name. */
  table: string;
  rows_read: number;
  /** Rows that could not be used (malformed, duplicated, or matching no row of the main table). */
  rows_unused: number;
}

/** The import report; see the module documentation. */
export interface ImportReport {
  format: ImportFormat;
  rows_read: number;
  accepted: number;
  rejected: number;
  /** The first {@link REPORT_REJECTIONS_LIMIT} rejections. */
  rejections: ImportRejection[];
  warnings: ImportWarning[];
  /** Weighted count (dwellings) of accepted rows per label. */
  by_label: LabelCounts;
  /** Weighted count of accepted rows per EPCI (SIREN), when EPCI are known. */
  by_epci?: Record<string, number>;
  /** Rows whose published label differs from the label of their own values (kept as published). */
  label_inconsistent_count: number;
  /** Files read, for imports that join several files. */
  sources?: ImportSource[];
  /**
   * Weighted count of rows whose label is predicted (BDNB simulations), per reliability class from
   * 1 (unreliable) to 5, or `inconnue`.
   */
  predicted_by_reliability?: Record<string, number>;
  /** For geometry files: what the features are and which properties were read. */
  geo?: GeoSummary;
}

/** What a geometry file was read as. */
export interface GeoSummary {
  level: 'commune' | 'epci';
  code_property: string;
  name_property: string | null;
  /** TopoJSON object read. */
  object?: string;
}

/** An empty label count. */
export function emptyLabelCounts(): LabelCounts {
  return { A: 0, B: 0, C: 0, D: 0, E: 0, F: 0, G: 0, unknown: 0 };
}

/** Warnings counted by code: the first message kept, a few distinct examples each. */
export class WarningTally {
  readonly #warnings = new Map<string, { message: string; count: number; examples: Set<string> }>();

  /** Counts `times` occurrences of `code`; `times` 0 only adds an example to a counted warning. */
  add(code: string, message: string, example?: string, times = 1): void {
    if (times <= 0 && !this.#warnings.has(code)) return;
    let entry = this.#warnings.get(code);
    if (entry === undefined) {
      entry = { message, count: 0, examples: new Set() };
      this.#warnings.set(code, entry);
    }
    entry.count += times;
    if (
      example !== undefined &&
      entry.examples.size < WARNING_EXAMPLES_LIMIT &&
      !entry.examples.has(example)
    ) {
      entry.examples.add(detachString(example));
    }
  }

  /** The warnings in the order first counted. */
  list(): ImportWarning[] {
    return [...this.#warnings].map(([code, entry]) => {
      const warning: ImportWarning = { code, message: entry.message, count: entry.count };
      if (entry.examples.size > 0) warning.examples = [...entry.examples];
      return warning;
    });
  }
}

/** Builds an {@link ImportReport} row by row and keeps the rejected lines for download. */
export class ImportReportBuilder {
  readonly format: ImportFormat;
  #rowsRead = 0;
  #accepted = 0;
  #rejected = 0;
  #inconsistent = 0;
  readonly #rejections: ImportRejection[] = [];
  readonly #rejectedRows: ImportRejection[] = [];
  #rejectedChars = 0;
  readonly #maxRejectedChars: number;
  readonly #warnings = new WarningTally();
  readonly #byLabel = emptyLabelCounts();
  readonly #byEpci = new Map<string, number>();
  #trackEpci = false;
  #headerRaw = '';
  #separator = ';';
  #sources: ImportSource[] | undefined;
  #predicted: Record<string, number> | undefined;

  constructor(format: ImportFormat, options: { maxRejectedRawChars?: number } = {}) {
    this.format = format;
    this.#maxRejectedChars = options.maxRejectedRawChars ?? DEFAULT_MAX_REJECTED_RAW_CHARS;
  }

  /** Header line and separator of the file, for the rejected-rows CSV. */
  setHeader(raw: string, separator: string): void {
    this.#headerRaw = raw;
    this.#separator = separator;
  }

  /** Declares that EPCI are resolved, so that `by_epci` appears even when empty. */
  trackEpci(): void {
    this.#trackEpci = true;
  }

  /** Counts one row read from the file (before it is accepted or rejected). */
  read(): void {
    this.#rowsRead++;
  }

  /** Records an accepted row; stock rows are also counted by label and EPCI. */
  accept(row?: StockRow): void {
    this.#accepted++;
    if (row === undefined) return;
    this.#byLabel[row.dpe_label ?? 'unknown'] += row.weight;
    if (row.code_epci !== null) {
      this.#byEpci.set(row.code_epci, (this.#byEpci.get(row.code_epci) ?? 0) + row.weight);
    }
  }

  /** Records a rejected row with its line, French reason and the line as written. */
  reject(line: number, rawReason: string, raw?: string, file?: string): void {
    this.#rejected++;
    // Reasons quote the bad value, a slice of the chunk it was read from: kept as is, one reason
    // per chunk would keep the whole file in memory.
    const reason = detachString(rawReason);
    if (this.#rejections.length < REPORT_REJECTIONS_LIMIT) {
      const rejection: ImportRejection = { line, reason };
      if (raw !== undefined) rejection.raw = detachString(raw);
      if (file !== undefined) rejection.file = file;
      this.#rejections.push(rejection);
    }
    if (raw === undefined) return;
    if (this.#rejectedChars + raw.length > this.#maxRejectedChars) {
      this.warn(
        'lignes_rejetees_tronquees',
        'Trop de lignes rejetées : le fichier des lignes rejetées est incomplet.',
      );
      return;
    }
    this.#rejectedChars += raw.length;
    const rejected: ImportRejection = { line, reason, raw: detachString(raw) };
    if (file !== undefined) rejected.file = file;
    this.#rejectedRows.push(rejected);
  }

  /** Every rejected row that had a raw line, in order (the report lists only the first ones). */
  rejectedRows(): readonly ImportRejection[] {
    return this.#rejectedRows;
  }

  /**
   * Counts a soft problem under `code` (`times` occurrences); the first message is kept, examples
   * are deduplicated.
   */
  warn(code: string, message: string, example?: string, times = 1): void {
    this.#warnings.add(code, message, example, times);
  }

  /** Counts rows whose published label differs from their own values. */
  countInconsistentLabel(times = 1): void {
    this.#inconsistent += times;
  }

  /**
   * Bulk accounting of an import mapped in SQL: rows read and accepted, and the rejected ones
   * (`first` are listed in the report, the others only counted).
   */
  addCounts(counts: { read: number; accepted: number; rejected: number }): void {
    this.#rowsRead += counts.read;
    this.#accepted += counts.accepted;
    this.#rejected += counts.rejected;
  }

  /** Lists rejections in the report (up to its limit) without counting them again. */
  listRejections(rejections: readonly ImportRejection[]): void {
    for (const rejection of rejections) {
      if (this.#rejections.length >= REPORT_REJECTIONS_LIMIT) return;
      this.#rejections.push(rejection);
    }
  }

  /** Adds a weighted count of accepted rows to a label and, when known, to an EPCI. */
  addWeight(label: DpeLabel | 'unknown', epci: string | null, weight: number): void {
    this.#byLabel[label] += weight;
    if (epci !== null) this.#byEpci.set(epci, (this.#byEpci.get(epci) ?? 0) + weight);
  }

  /** Weighted counts of predicted labels per reliability class (BDNB), when there are any. */
  setPredictedByReliability(weights: Readonly<Record<string, number>>): void {
    this.#predicted = Object.keys(weights).length === 0 ? undefined : { ...weights };
  }

  /** Adds the summary of one file read (multi-file imports). */
  addSource(source: ImportSource): void {
    this.#sources ??= [];
    this.#sources.push(source);
  }

  /** The report. Throws if a row was neither accepted nor rejected (a bug, never the data's fault). */
  build(): ImportReport {
    if (this.#rowsRead !== this.#accepted + this.#rejected) {
      throw new Error(
        `Import accounting broken: ${this.#rowsRead} read, ${this.#accepted} accepted, ${this.#rejected} rejected`,
      );
    }
    const report: ImportReport = {
      format: this.format,
      rows_read: this.#rowsRead,
      accepted: this.#accepted,
      rejected: this.#rejected,
      rejections: [...this.#rejections],
      warnings: this.#warnings.list(),
      by_label: { ...this.#byLabel },
      label_inconsistent_count: this.#inconsistent,
    };
    if (this.#trackEpci || this.#byEpci.size > 0) {
      report.by_epci = Object.fromEntries([...this.#byEpci].sort(([a], [b]) => a.localeCompare(b)));
    }
    if (this.#sources !== undefined) report.sources = [...this.#sources];
    if (this.#predicted !== undefined) report.predicted_by_reliability = { ...this.#predicted };
    return report;
  }

  /**
   * The rejected rows as a CSV to download: the original header preceded by `ligne_source` and
   * `motif_rejet`, then each rejected line as written, preceded by its line number and reason.
   */
  rejectedRowsCsv(): string {
    const sep = this.#separator;
    const lines = [['ligne_source', 'motif_rejet', this.#headerRaw].join(sep)];
    for (const row of this.#rejectedRows) {
      lines.push([String(row.line), quoteCsvField(row.reason, sep), row.raw].join(sep));
    }
    return `${lines.join('\n')}\n`;
  }
}
