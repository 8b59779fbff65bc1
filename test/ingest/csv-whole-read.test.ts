/**
 * The fast path (`csv-whole-read.ts`: a whole UTF-8 file read by one `read_csv`, no byte lexer)
 * never changes an import's outcome: random DPE files, clean or with what the lexer judges (blank
 * lines, separator-only lines, stray quotes, text after a closing quote, line ends inside quotes,
 * ragged rows, mixed line ends), give the same report, rows and rejected lines with and without
 * it; and clean files do take it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/ingest/byte-source.ts';
import type { ImportEngine } from '../../src/ingest/import-engine.ts';
import { type ImportProgress, runImport } from '../../src/ingest/run-import.ts';
import { testEngine } from './ingest-helpers.ts';

const HEADER = [
  'numero_dpe',
  'date_etablissement_dpe',
  'etiquette_dpe',
  'conso_5_usages_par_m2_ep',
  'emission_ges_5_usages_par_m2',
  'surface_habitable_logement',
  'type_energie_principale_chauffage',
  'code_insee_ban',
  'commentaire_libre',
];

/** Lines the lexer has to judge, each with whether the fast path must give way to it. */
const ODD_LINES = {
  blank: '',
  separators: ';;;;;;;;',
  spaces: '   ;  ;;;;;;;',
  strayQuoteRead: '2336E9000001A;2024-03-04;D;220;20;80;Électri"cité;36044;x',
  strayQuoteUnread: '2336E9000002A;2024-03-04;D;220;20;80;Gaz naturel;36044;a"b',
  textAfterQuote: '2336E9000003A;2024-03-05;D;220;20;80;"Gaz"naturel;36044;x',
  lineEndInQuotes: '2336E9000004A;2024-03-05;C;150;12;70;Gaz naturel;69123;"deux\nlignes"',
  ragged: '2336E9000005A;2024-03-05;C;150;12',
  forcedText: '2336E9000006A;2024-03-05;C;150;12;70;Gaz naturel;="01015";x',
} as const;

const row = fc
  .record({
    id: fc.integer({ min: 0, max: 40 }),
    label: fc.constantFrom('A', 'C', 'D', 'F', 'G', 'X', ''),
    ep: fc.constantFrom('90', '220,5', '480', '', 'abc'),
    ghg: fc.constantFrom('5', '40', '120', ''),
    surface: fc.constantFrom('45', '80,5', '', '-3'),
    energy: fc.constantFrom('Gaz naturel', 'Électricité', 'Fioul domestique', ''),
    commune: fc.constantFrom('36044', '69123', '75056', '99999', '01015', ''),
    quoted: fc.boolean(),
  })
  .map((r) => {
    const q = (value: string) => (r.quoted && value !== '' ? `"${value}"` : value);
    const id = `2336E${String(r.id).padStart(7, '0')}A`;
    return [
      id,
      '2024-03-01',
      q(r.label),
      r.ep,
      r.ghg,
      r.surface,
      q(r.energy),
      q(r.commune),
      'x',
    ].join(';');
  });

const file = fc.record({
  lines: fc.array(
    fc.oneof(
      { weight: 6, arbitrary: row },
      { weight: 1, arbitrary: fc.constantFrom(...Object.values(ODD_LINES)) },
    ),
    { minLength: 1, maxLength: 25 },
  ),
  lineEnd: fc.constantFrom('\n', '\r\n', 'mixed'),
  bom: fc.boolean(),
  finalLineEnd: fc.boolean(),
});

function write(f: typeof file extends fc.Arbitrary<infer T> ? T : never): Uint8Array {
  const all = [HEADER.join(';'), ...f.lines];
  const end = (k: number) => (f.lineEnd === 'mixed' ? (k % 2 === 0 ? '\r\n' : '\n') : f.lineEnd);
  const text = all.map((line, k) => (k < all.length - 1 || f.finalLineEnd ? line + end(k) : line));
  return new TextEncoder().encode(`${f.bom ? '\uFEFF' : ''}${text.join('')}`);
}

/** The engine, counting the windows of records that the lexer's path hands to DuckDB. */
function spied(engine: ImportEngine, fast: boolean) {
  const spy = { windows: 0 };
  const wrapped: ImportEngine = {
    ...engine,
    query: (sql) => {
      if (/^INSERT INTO \S+_s\d+ .*header = false/s.test(sql)) spy.windows++;
      return engine.query(sql);
    },
  };
  if (!fast) delete (wrapped as { putSource?: unknown }).putSource;
  return { engine: wrapped, spy };
}

async function outcome(engine: ImportEngine, bytes: Uint8Array) {
  try {
    const run = await runImport({
      engine,
      dataset: 'test',
      kind: 'dpe',
      sources: [bytesSource('dpe.csv', bytes)],
    });
    try {
      const rows = await engine.query(`${run.acceptedInOrderSql}`);
      const rejected = await run.rejectedRows();
      return {
        report: run.report,
        rows,
        rejected: { ...rejected, lines: [...rejected.lines] },
      };
    } finally {
      await run.dispose();
    }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

describe('import fast path (whole file, no lexer)', () => {
  it('gives the outcome of the lexer path on random files, and is taken for clean ones', async () => {
    const native = await testEngine();
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(file, async (f) => {
        const bytes = write(f);
        const slow = spied(native, false);
        const fast = spied(native, true);
        const expected = await outcome(slow.engine, bytes);
        const actual = await outcome(fast.engine, bytes);
        expect(actual).toEqual(expected);
        const clean =
          f.lineEnd !== 'mixed' &&
          f.lines.every(
            (line) =>
              !Object.values(ODD_LINES).includes(line as never) ||
              line === ODD_LINES.strayQuoteUnread,
          );
        if (clean && 'report' in actual) {
          expect(fast.spy.windows).toBe(0);
          taken++;
        }
      }),
      { numRuns: 60 },
    );
    expect(taken).toBeGreaterThan(10);
  }, 240_000);

  it('says that DuckDB is still reading once the lines are counted, with their count', async () => {
    const native = await testEngine();
    const clean = (k: number) => `2336E900001${k}A;2024-03-05;C;150;12;70;Gaz naturel;69123;x`;
    const lines = [HEADER.join(';'), clean(1), clean(2), clean(3)];
    // DuckDB's read made slower than the counting, as it is for a large file.
    const slowRead: ImportEngine = {
      ...native,
      query: async (sql) => {
        if (/^INSERT INTO \S+_s0 .*header = true/s.test(sql)) {
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
        return native.query(sql);
      },
    };
    const steps: ImportProgress[] = [];
    const run = await runImport({
      engine: slowRead,
      dataset: 'test',
      kind: 'dpe',
      sources: [bytesSource('dpe.csv', new TextEncoder().encode(`${lines.join('\n')}\n`))],
      onProgress: (progress) => steps.push(progress),
    });
    await run.dispose();
    const parsing = steps.findIndex((p) => p.step === 'parsing');
    expect(parsing).toBeGreaterThan(-1);
    expect(steps[parsing]).toMatchObject({ rowsRead: 3, bytesRead: steps[parsing]?.totalBytes });
    expect(steps.slice(parsing + 1).map((p) => p.step)).toEqual(['mapping', 'report']);
  });

  it('keeps a stray quote in a column the import does not read, on both paths', async () => {
    const native = await testEngine();
    const lines = [HEADER.join(';'), ODD_LINES.strayQuoteRead, ODD_LINES.strayQuoteUnread];
    const bytes = new TextEncoder().encode(`${lines.join('\n')}\n`);
    for (const fast of [true, false]) {
      const result = await outcome(spied(native, fast).engine, bytes);
      if (result.report === undefined || result.rejected === undefined) {
        throw new Error(`import failed: ${result.error}`);
      }
      expect(result.report.accepted).toBe(1);
      expect(result.rejected.lines).toEqual([2]);
      expect(result.rejected.reasons[0]).toContain('guillemet isolé');
    }
  });
});
