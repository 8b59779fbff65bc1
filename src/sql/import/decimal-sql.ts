/**
 * `parseDecimal` (src/ingest/parse-number.ts) as a DuckDB expression, so that numbers are read in
 * SQL over the parsed table: `69.0`, `69,0`, `1 234,5`, `-3`, `1e3`. The result is NULL for an
 * empty cell and NaN for text that is not a number, as the JavaScript function answers.
 */

/** Characters trimmed around a cell, as JavaScript's `trim()` does for those found in files. */
const SPACES = ' \t\n\r\u000b\u000c\u00a0\u2007\u202f\ufeff';

/** A cell's text without surrounding spaces ('' for NULL). */
export function trimmedSql(expr: string): string {
  return `trim(coalesce(${expr}, ''), '${SPACES}')`;
}

const PLAIN = String.raw`[+-]?\d+[.,]\d+`;
const GROUPED = String.raw`[+-]?\d{1,3}(?:[ \x{00a0}\x{202f}]\d{3})+(?:[.,]\d+)?`;
const SCIENTIFIC = String.raw`[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?`;

/**
 * DOUBLE of a cell: NULL when empty, NaN when not a number. DuckDB's own cast reads what
 * JavaScript's `Number()` reads except `1_000`, `+-1` (DuckDB reads -1), infinities and NaN,
 * which are excluded; the regular expressions run only on the cells the cast refuses (decimal
 * commas, grouped digits).
 */
export function decimalSql(expr: string): string {
  const t = trimmedSql(expr);
  const cast = `TRY_CAST(${t} AS DOUBLE)`;
  const finite = (value: string) =>
    `CASE WHEN isfinite(${value}) THEN ${value} ELSE 'NaN'::DOUBLE END`;
  return `(CASE
    WHEN ${t} = '' THEN NULL
    WHEN isfinite(${cast}) AND NOT contains(${t}, '_') AND NOT starts_with(${t}, '+-') THEN ${cast}
    WHEN regexp_full_match(${t}, '${PLAIN}') THEN replace(${t}, ',', '.')::DOUBLE
    WHEN regexp_full_match(${t}, '${GROUPED}') THEN ${finite(`replace(regexp_replace(${t}, '[ \\x{00a0}\\x{202f}]', '', 'g'), ',', '.')::DOUBLE`)}
    WHEN regexp_full_match(${t}, '${SCIENTIFIC}') THEN ${finite(`TRY_CAST(replace(${t}, ',', '.') AS DOUBLE)`)}
    ELSE 'NaN'::DOUBLE END)`;
}

/**
 * DOUBLE of a number column of the parsed table (see `numberColumnsSql`): the value read with the
 * row, else its text read by {@link decimalSql} (NaN when not a number). `column` is qualified.
 */
export function parsedNumberSql(column: string): string {
  return `CASE WHEN ${column}_v IS NOT NULL OR ${column} IS NULL THEN ${column}_v ELSE ${decimalSql(column)} END`;
}
