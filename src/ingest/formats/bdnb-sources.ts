/**
 * The report's `sources` of a BDNB import: for each side table its usable, unusable and orphan
 * rows (with their warnings), then the main table's rows. Side-table rows are not rows of the
 * dataset: the lexer's rejections of a side file leave the import's rejections.
 */
import { BDNB_SIDES, type BdnbSide } from '../../sql/import/bdnb-sql.ts';
import { lineOfRecord } from '../csv-bytes.ts';
import { TABLE_OF_SIDE } from './bdnb-tables.ts';
import type { MapInput, ParsedTable } from './format.ts';

/** An unusable side row: its line and the example the report shows. */
interface SideProblem {
  line: number;
  example: string;
}

const PROBLEM_EXAMPLES = 10;

/** The lexer's rejections and the unusable rows (no id, duplicate id) of one side file. */
async function sideProblems(
  input: MapInput,
  side: BdnbSide,
  parsed: ParsedTable,
): Promise<{ problems: SideProblem[]; lexed: number }> {
  const { engine, prefix } = input;
  const lexer = await engine.query(
    `SELECT line, reason FROM ${input.lexRejected} WHERE file_index = ${parsed.fileIndex} ORDER BY line`,
  );
  const bad = await engine.query(
    `SELECT ordinal, problem FROM ${prefix}r_${side} WHERE problem IS NOT NULL ORDER BY ordinal`,
  );
  const example = (line: number, reason: unknown) => ({
    line,
    example: `${parsed.file}, ligne ${line} : ${String(reason)}`,
  });
  return {
    problems: [
      ...lexer.map((r) => example(Number(r.line), r.reason)),
      ...bad.map((r) => example(lineOfRecord(parsed.steps, Number(r.ordinal)), r.problem)),
    ],
    lexed: lexer.length,
  };
}

/** Counts one side file (rows, unusable, orphans), warns about its orphans, adds its source. */
async function reportSide(input: MapInput, side: BdnbSide, parsed: ParsedTable) {
  const { engine, prefix, report } = input;
  const { problems, lexed } = await sideProblems(input, side, parsed);
  const used = side === 'ffo' ? 'reached_building' : 'reason IS NULL';
  const [counts] = await engine.query(`SELECT
      (SELECT count(*) FROM ${prefix}r_${side}) AS rows,
      (SELECT count(*) FROM ${prefix}r_${side} WHERE problem IS NOT NULL) AS bad,
      (SELECT count(*) FROM ${prefix}e_${side} AS e WHERE NOT EXISTS (
        SELECT 1 FROM ${prefix}bm AS m WHERE m.id = e.id AND ${used})) AS orphans`);
  const orphans = Number(counts?.orphans ?? 0);
  if (orphans > 0) {
    report.warn(
      'ligne_bdnb_sans_batiment',
      'Lignes de tables BDNB secondaires sans bâtiment correspondant dans batiment_groupe (ou rattachées à un bâtiment rejeté) : ignorées.',
      `${parsed.file} : ${orphans}`,
      orphans,
    );
  }
  report.addSource({
    file: parsed.file,
    table: TABLE_OF_SIDE[side],
    rows_read: Number(counts?.rows ?? 0) + lexed,
    rows_unused: Number(counts?.bad ?? 0) + lexed + orphans,
  });
  await engine.query(`DELETE FROM ${input.lexRejected} WHERE file_index = ${parsed.fileIndex}`);
  return problems;
}

/** Adds the main table's source: rows read (lexer's rejections included) and rejected. */
async function reportMain(input: MapInput, main: ParsedTable): Promise<void> {
  const [counts] = await input.engine.query(`SELECT
    (SELECT count(*) FROM ${main.table}) AS rows,
    (SELECT count(*) FROM ${input.prefix}rejected) AS rejected,
    (SELECT count(*) FROM ${input.lexRejected} WHERE file_index = ${main.fileIndex}) AS lexed`);
  const lexed = Number(counts?.lexed ?? 0);
  input.report.addSource({
    file: main.file,
    table: 'batiment_groupe',
    rows_read: Number(counts?.rows ?? 0) + lexed,
    rows_unused: Number(counts?.rejected ?? 0) + lexed,
  });
}

/** Side tables' usable, unused and orphan rows (and their warnings), then the main table's. */
export async function reportBdnbSources(
  input: MapInput,
  sides: ReadonlySet<BdnbSide>,
  main: ParsedTable,
): Promise<void> {
  const problems: SideProblem[] = [];
  for (const side of BDNB_SIDES) {
    const parsed = input.parsed.find((p) => p.role === side);
    if (!sides.has(side) || parsed === undefined) continue;
    problems.push(...(await reportSide(input, side, parsed)));
  }
  if (problems.length > 0) {
    const message =
      'Lignes des tables BDNB secondaires inutilisables (ignorées) : voir les exemples.';
    input.report.warn('ligne_bdnb_inutilisable', message, undefined, problems.length);
    for (const p of problems.slice(0, PROBLEM_EXAMPLES))
      input.report.warn('ligne_bdnb_inutilisable', message, p.example, 0);
  }
  await reportMain(input, main);
}
