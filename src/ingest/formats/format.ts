/**
 * What a format of the registry (`src/ingest/formats.ts`) is: how it recognises a header, which
 * columns it reads, and how it maps the parsed table to canonical stock rows in SQL. Adding a
 * format is one file implementing {@link TabularFormat} plus its line in the registry.
 */
import type { LabelSource } from '../../domain/stock-schema.ts';
import type { CsvColumnSelect } from '../../sql/import/read-csv-sql.ts';
import type { CommuneLocator } from '../commune-locator.ts';
import type { ImportEngine } from '../import-engine.ts';
import type { ImportedDatasetKind } from '../import-protocol.ts';
import type { ImportReportBuilder } from '../import-report.ts';

/** Id of a format of the registry ('dpe', 'bdnb', 'stock', 'mapped'…): adding one is no edit here. */
export type FormatId = string;

/** One parsed file of an import, as a table of VARCHAR columns (`rowid` = ordinal). */
export interface ParsedTable {
  /** TEMP table holding the selected columns. */
  table: string;
  /** Header names of the file. */
  names: readonly string[];
  file: string;
  /** Position of the file in reading order (`file_index` of the rows). */
  fileIndex: number;
  /** Line of each row: pairs (ordinal, line − ordinal) where the offset changes. */
  steps: readonly number[];
  /** For multi-file formats, what the file is (e.g. the BDNB table). */
  role?: string;
}

/** What a format's mapping gets. */
export interface MapInput {
  engine: ImportEngine;
  /** Prefix of the TEMP tables the mapping may create. */
  prefix: string;
  /** The parsed files: one, or several for a multi-file format. */
  parsed: readonly ParsedTable[];
  /** Dataset id written on every accepted row. */
  dataset: string;
  report: ImportReportBuilder;
  /**
   * TEMP table of the records the lexer rejected (`file_index`, `line`, `reason`, `raw`): rows of
   * the import's rejections unless the format removes them (side tables of a multi-file format).
   */
  lexRejected: string;
  /** Commune of points, for rows with coordinates but no commune code. */
  locator?: CommuneLocator;
  checkCancelled: () => void;
}

/**
 * What a mapping makes: `accepted` (the canonical stock columns, plus `ordinal` and `file_index`)
 * and `rejected` (`ordinal`, `file_index`, `reason`), tables or parenthesised `SELECT`s. Rows of
 * the parsed tables are in exactly one of them.
 */
export interface MapOutput {
  accepted: string;
  rejected: string;
}

/** Columns to read from a file, and how to map them. */
export interface FormatPlan {
  /** Source column index → column(s) of the parsed table. */
  select: readonly CsvColumnSelect[];
  /** For multi-file formats: what this file is. */
  role?: string;
}

/** A format of the registry; see the module documentation. */
export interface TabularFormat {
  id: FormatId;
  /** French name, for messages and the import dialog. */
  label: string;
  /**
   * How the import dialog offers to force this format, and `--kind` of `npm run import` takes its
   * id; absent for a format never forced (the mapped table, reached through its mapping step).
   */
  choice?: { label: string; hint: string };
  /** Whether several files make one dataset (BDNB tables). */
  multiFile: boolean;
  /** How strongly a header looks like this format; 0 when not at all. */
  score(names: readonly string[]): number;
  /**
   * The columns of one file to read. Throws an `ImportError` naming the missing required columns;
   * counts header-level warnings in `report`.
   */
  plan(names: readonly string[], report: ImportReportBuilder, file: string): FormatPlan;
  /** Checks the set of files of a multi-file import before any is parsed (throws ImportError). */
  checkFiles?(
    plans: readonly { file: string; role?: string; select?: FormatPlan['select'] }[],
  ): void;
  map(input: MapInput): Promise<MapOutput>;
  /** Nature of the dataset, from the label sources of its accepted rows. */
  datasetKind(labelSources: Readonly<Record<LabelSource, number>>): ImportedDatasetKind;
}
