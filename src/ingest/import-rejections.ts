/**
 * The rejections of an import run: spreadsheet forced text read in SQL, one table of every
 * rejection with its line (the lexer's and the mapping's), and their raw lines fetched again from
 * the source by ordinal.
 */
import { createSmallTable } from './engine-tables.ts';
import type { ImportEngine } from './import-engine.ts';
import type { ImportReportBuilder } from './import-report.ts';
import type { InspectedSource } from './inspect-source.ts';
import { fetchRawLines, fetchRawRecords } from './raw-records.ts';

/** Raw characters of rejected lines kept in all, by default. */
export const MAX_RAW_CHARS = 64 * 1024 * 1024;

/** Reads spreadsheet forced-text cells `="0123"` of the selected columns as their text. */
export async function unwrapExcelText(
  engine: ImportEngine,
  table: string,
  select: readonly { as: string }[],
  report: ImportReportBuilder,
): Promise<void> {
  const pattern = `'^="((?:[^"]|"")*)"$'`;
  const isText = (c: string) => `regexp_full_match(${c}, ${pattern})`;
  const [row] = await engine.query(
    `SELECT ${select.map(({ as }) => `count(*) FILTER (WHERE ${isText(as)})`).join(' + ')} AS n FROM ${table}`,
  );
  const cells = Number(row?.n ?? 0);
  if (cells === 0) return;
  const sets = select.map(
    ({ as }) =>
      `${as} = CASE WHEN ${isText(as)} THEN replace(${as}[3:-2], '""', '"') ELSE ${as} END`,
  );
  await engine.query(`UPDATE ${table} SET ${sets.join(', ')}`);
  report.warn(
    'texte_force_tableur',
    'Cellules de tableur écrites ="…" (texte forcé) lues comme leur texte ; les autres formules ne sont pas calculées.',
    undefined,
    cells,
  );
}

/**
 * One table of every rejection, `(file_index, line, reason, raw, ordinal)`: the lexer's (with their
 * raw line) and the mapping's, whose line comes from their ordinal and the file's line steps.
 */
export async function rejectionsTable(
  engine: ImportEngine,
  prefix: string,
  mappedRejected: string,
  parsed: readonly { steps: readonly number[] }[],
): Promise<string> {
  const steps: [number, number, number][] = [];
  parsed.forEach((p, fileIndex) => {
    for (let k = 0; k < p.steps.length; k += 2) {
      steps.push([fileIndex, p.steps[k] ?? 0, p.steps[k + 1] ?? 0]);
    }
  });
  await createSmallTable(
    engine,
    `${prefix}steps`,
    [
      ['file_index', 'INTEGER'],
      ['ordinal', 'BIGINT'],
      ['delta', 'BIGINT'],
    ],
    steps,
  );
  const table = `${prefix}rejections`;
  await engine.query(`CREATE TABLE ${table} AS
SELECT file_index, line::BIGINT AS line, reason, raw, NULL::BIGINT AS ordinal FROM ${prefix}lex_rejected
UNION ALL
SELECT r.file_index, (r.ordinal + st.delta)::BIGINT AS line, r.reason, NULL::VARCHAR AS raw, r.ordinal::BIGINT
FROM ${mappedRejected} AS r ASOF JOIN ${prefix}steps AS st
  ON r.file_index = st.file_index AND r.ordinal >= st.ordinal`);
  return table;
}

/** Raw lines of rejection rows: kept by the lexer, or read again from the source by ordinal. */
export function rawFetcher(
  parsed: readonly {
    input: InspectedSource;
    linePerRecord: boolean;
    readColumns: readonly number[];
  }[],
) {
  return async (
    rows: readonly Record<string, unknown>[],
    maxChars = MAX_RAW_CHARS,
  ): Promise<string[]> => {
    const wanted = new Map<number, Set<number>>();
    for (const row of rows) {
      if (row.raw !== null && row.raw !== undefined) continue;
      const file = Number(row.file_index);
      let set = wanted.get(file);
      if (set === undefined) {
        set = new Set();
        wanted.set(file, set);
      }
      set.add(Number(row.ordinal));
    }
    const found = new Map<string, string>();
    for (const [file, ordinals] of wanted) {
      const entry = parsed[file];
      if (entry === undefined) continue;
      const { input } = entry;
      const raws = entry.linePerRecord
        ? await fetchRawLines(input.source, ordinals, maxChars)
        : await fetchRawRecords(
            input.source,
            input.encoding,
            ordinals,
            maxChars,
            entry.readColumns,
          );
      for (const [ordinal, raw] of raws) found.set(`${file}:${ordinal}`, raw);
    }
    return rows.map((row) =>
      row.raw !== null && row.raw !== undefined
        ? String(row.raw)
        : (found.get(`${Number(row.file_index)}:${Number(row.ordinal)}`) ?? ''),
    );
  };
}
