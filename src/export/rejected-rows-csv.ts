import { type CsvColumn, formatFrenchCsv, quoteCsvField } from '../domain/csv-writer.ts';

/** One rejected row of an import. */
export interface RejectedRow {
  /** Physical line of the source file (the header being line 1). */
  line: number;
  reason: string;
  /** The line as written in the source file. */
  raw: string;
  /** Source file, for imports of several files. */
  file?: string;
}

/** Rejected rows as parallel arrays, as the import hands them over (`ImportRun.rejectedRows`). */
export interface RejectedRowColumns {
  lines: ArrayLike<number>;
  reasons: readonly string[];
  raws: readonly string[];
  files: readonly string[] | null;
}

const COLUMNS: readonly CsvColumn<RejectedRow>[] = [
  { header: 'Ligne', value: (row) => row.line },
  { header: 'Motif du rejet', value: (row) => row.reason },
  { header: 'Ligne telle que lue', value: (row) => row.raw },
];

const FILE_COLUMN: CsvColumn<RejectedRow> = { header: 'Fichier', value: (row) => row.file ?? '' };

/**
 * The rejected rows of an import as a CSV for French Excel (`;`, UTF-8 BOM, CRLF): line number,
 * reason and the raw line as one cell (preceded by the file name when several files were read).
 * Cells that a spreadsheet would run as a formula get a leading apostrophe.
 */
export function rejectedRowsCsv(
  rows: Iterable<RejectedRow>,
  options: { withFile?: boolean } = {},
): string {
  return formatFrenchCsv(options.withFile === true ? [FILE_COLUMN, ...COLUMNS] : COLUMNS, rows);
}

/** Iterates parallel arrays as {@link RejectedRow}s. */
export function* rejectedRowsOf(columns: RejectedRowColumns): Generator<RejectedRow> {
  for (let index = 0; index < columns.reasons.length; index++) {
    const row: RejectedRow = {
      line: columns.lines[index] ?? 0,
      reason: columns.reasons[index] ?? '',
      raw: columns.raws[index] ?? '',
    };
    const file = columns.files?.[index];
    if (file !== undefined) row.file = file;
    yield row;
  }
}

/**
 * The rejected rows in the source file's own layout, for `npm run import -- --rejected`: its header
 * preceded by `ligne_source` and `motif_rejet`, then each rejected line as written, preceded by its
 * line number and reason (and file, for several files).
 */
export function sourceRejectedCsv(
  columns: RejectedRowColumns,
  headerRaw: string,
  separator: string,
): string {
  const withFile = columns.files !== null;
  const head = [...(withFile ? ['fichier'] : []), 'ligne_source', 'motif_rejet', headerRaw];
  const lines = [head.join(separator)];
  for (const row of rejectedRowsOf(columns)) {
    const cells = [String(row.line), quoteCsvField(row.reason, separator), row.raw];
    lines.push(
      [...(withFile ? [quoteCsvField(row.file ?? '', separator)] : []), ...cells].join(separator),
    );
  }
  return `${lines.join('\n')}\n`;
}
