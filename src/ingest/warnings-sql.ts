/**
 * Soft problems of an import mapped in SQL, counted as the former row-by-row mappers counted them:
 * once per occurrence (a row may show several), with up to ten distinct example values in the
 * order of the file.
 */
import type { ImportEngine } from './import-engine.ts';
import type { ImportReportBuilder } from './import-report.ts';

/** Where a warning occurs: a condition and, optionally, the example it gives. */
export interface WarningOccurrence {
  /** SQL condition over the rows, aliased `w`. */
  when: string;
  /** SQL text expression of the example, over `w` and the parsed row `s`. */
  example?: string;
}

/** A warning code, its French message and where it occurs. */
export interface WarningSpec {
  code: string;
  message: string;
  occurrences: readonly WarningOccurrence[];
}

const EXAMPLES = 10;
/** A column of the parsed row (`s.`) in an example expression. */
const READS_PARSED = /(^|[^\w.])s\./;

/** French messages of the warnings that several formats count, by code. */
const SHARED_MESSAGES = {
  annee_invalide: 'Années de construction illisibles ignorées.',
  type_logement_non_reconnu:
    'Types de bâtiment non reconnus (ni maison, ni appartement, ni immeuble) : laissés vides.',
  periode_non_reconnue:
    'Périodes de construction non reconnues ou à cheval sur deux périodes canoniques : laissées vides.',
  energie_non_reconnue: 'Énergies de chauffage non reconnues, classées « autre ».',
  etiquette_invalide: 'Étiquettes DPE invalides ignorées.',
  valeur_non_numerique: 'Valeurs non numériques lues comme absentes.',
  valeur_aberrante:
    'Consommations ou émissions négatives ou aberrantes (plus de 10 000 kWh/m²/an, ou 3 000 kgCO2e/m²/an) lues comme absentes.',
} as const;

/** Code of a warning that several formats count, with one message. */
type SharedWarningCode = keyof typeof SHARED_MESSAGES;

/** A shared warning occurring in `occurrences`. */
export function sharedWarning(
  code: SharedWarningCode,
  occurrences: readonly WarningOccurrence[],
): WarningSpec {
  return { code, message: SHARED_MESSAGES[code], occurrences };
}

/** A shared warning occurring once: where `when` holds, with `example`. */
export function sharedWarningWhen(
  code: SharedWarningCode,
  when: string,
  example?: string,
): WarningSpec {
  return sharedWarning(code, [example === undefined ? { when } : { when, example }]);
}

/**
 * Counts `specs` over the rows of `rows` (aliased `w`; `w.ordinal` orders the examples, and is
 * the `rowid` of the parsed table `parsed`, aliased `s` in examples) and adds them to the report.
 */
export async function collectWarnings(
  engine: ImportEngine,
  rows: string,
  parsed: string | null,
  specs: readonly WarningSpec[],
  report: ImportReportBuilder,
): Promise<void> {
  const counts = specs.flatMap((spec, s) =>
    spec.occurrences.map((o, k) => `count(*) FILTER (WHERE ${o.when}) AS w${s}_${k}`),
  );
  if (counts.length === 0) return;
  const [row] = await engine.query(`SELECT ${counts.join(', ')} FROM ${rows} AS w`);
  for (const [s, spec] of specs.entries()) {
    const total = spec.occurrences.reduce((sum, _, k) => sum + Number(row?.[`w${s}_${k}`] ?? 0), 0);
    if (total === 0) continue;
    const withExamples = spec.occurrences
      .map((o, k) => ({ ...o, k }))
      .filter((o) => o.example !== undefined && Number(row?.[`w${s}_${o.k}`] ?? 0) > 0);
    if (withExamples.length === 0) {
      report.warn(spec.code, spec.message, undefined, total);
      continue;
    }
    // The parsed row is joined only for examples that read it: joining it to the 2.5 M rows of
    // an arrondissement warning (20 M-row file) cost 2.6 s for an example made of `w` alone.
    const joined = (example: string) =>
      parsed === null || !READS_PARSED.test(example)
        ? ''
        : ` LEFT JOIN ${parsed} AS s ON s.rowid = w.ordinal`;
    const union = withExamples
      .map(
        (o) =>
          `SELECT ${o.example} AS example, w.ordinal, ${o.k} AS k FROM ${rows} AS w${joined(o.example ?? '')} WHERE ${o.when}`,
      )
      .join(' UNION ALL ');
    const examples = await engine.query(
      `SELECT example FROM (${union}) WHERE example IS NOT NULL GROUP BY example ORDER BY min(ordinal), min(k) LIMIT ${EXAMPLES}`,
    );
    report.warn(spec.code, spec.message, undefined, total);
    for (const example of examples)
      report.warn(spec.code, spec.message, String(example.example), 0);
  }
}
