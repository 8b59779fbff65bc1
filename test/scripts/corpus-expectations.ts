/** The malformed-input corpus and its expected outcomes (test/fixtures/corpus/expected.json). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR } from '../../scripts/make-corpus.ts';

/** Outcome of a case in one place (command line or browser). */
export interface CorpusOutcome {
  outcome: 'error' | 'report';
  error_contains?: string;
}

/** One case of expected.json. */
export interface CorpusCase extends CorpusOutcome {
  file: string;
  kind: string;
  rows_read?: number;
  accepted?: number;
  rejected?: number;
  /** Substring of a rejection reason → number of rejections containing it. */
  reasons?: Record<string, number>;
  /** Warning code → count (command line). */
  warnings?: Record<string, number>;
  label_inconsistent?: number;
  by_label?: Record<string, number>;
  repair?: string;
  /** Outcome in the browser's import dialog when it differs. */
  browser?: CorpusOutcome;
}

/** The cases of expected.json. */
export function loadCorpusCases(): CorpusCase[] {
  const doc = JSON.parse(readFileSync(join(CORPUS_DIR, 'expected.json'), 'utf8')) as {
    cases: CorpusCase[];
  };
  return doc.cases;
}
