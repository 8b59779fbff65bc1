import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../scripts/lib/import-files.ts';
import { CORPUS_DIR, LONG_LINE_FILE, writeCorpus } from '../../scripts/make-corpus.ts';
import { ImportError } from '../../src/ingest/import-error.ts';
import type { ImportReport } from '../../src/ingest/import-report.ts';
import { type CorpusCase, loadCorpusCases } from './corpus-expectations.ts';

const cases = loadCorpusCases();
let dir: string;
let generated: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'corpus-'));
  generated = writeCorpus(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function checkReport(report: ImportReport, expected: CorpusCase): void {
  expect(report.rows_read).toBe(report.accepted + report.rejected);
  expect({
    rows_read: report.rows_read,
    accepted: report.accepted,
    rejected: report.rejected,
  }).toEqual({
    rows_read: expected.rows_read,
    accepted: expected.accepted,
    rejected: expected.rejected,
  });
  for (const [substring, count] of Object.entries(expected.reasons ?? {})) {
    const found = report.rejections.filter((r) => r.reason.includes(substring)).length;
    expect(found, `rejets contenant « ${substring} »`).toBe(count);
  }
  for (const [code, count] of Object.entries(expected.warnings ?? {})) {
    expect(report.warnings.find((w) => w.code === code)?.count, `avertissement ${code}`).toBe(
      count,
    );
  }
  if (expected.label_inconsistent !== undefined) {
    expect(report.label_inconsistent_count).toBe(expected.label_inconsistent);
  }
  for (const [label, weight] of Object.entries(expected.by_label ?? {})) {
    expect(report.by_label[label as keyof ImportReport['by_label']]).toBeCloseTo(weight, 9);
  }
}

describe('malformed-input corpus through the command-line reader path', () => {
  it('has at least 40 cases, one per generated file, and the committed files are the generated ones', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(cases.map((c) => c.file).sort()).toEqual(generated);
    for (const file of generated.filter((name) => name !== LONG_LINE_FILE)) {
      expect(readFileSync(join(CORPUS_DIR, file)).equals(readFileSync(join(dir, file))), file).toBe(
        true,
      );
    }
    expect(readFileSync(join(dir, LONG_LINE_FILE)).length).toBeGreaterThan(1024 * 1024);
  });

  it.each(cases.map((c) => [c.file, c] as const))('%s', async (_file, expected) => {
    const path = join(dir, expected.file);
    if (expected.outcome === 'error') {
      const error = await importPaths([path]).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).message).toContain(expected.error_contains);
      expect((error as ImportError).message).not.toMatch(/\n/);
      return;
    }
    const { report } = await importPaths([path]);
    if (expected.kind !== 'empty' && expected.kind !== 'binary')
      expect(report.format).toBe(expected.kind);
    checkReport(report, expected);
  });

  it('gives the same outcome through the real CLI: exit status, one-line stderr, JSON report', () => {
    const run = (file: string) =>
      spawnSync('npx', ['tsx', 'scripts/import.ts', join(dir, file)], { encoding: 'utf8' });
    for (const file of ['empty.csv', 'binary-png.csv', 'topo-no-objects.topo.json']) {
      const expected = cases.find((c) => c.file === file);
      const result = run(file);
      expect(result.status, file).toBe(1);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trim().split('\n');
      expect(lines, file).toHaveLength(1);
      expect(lines[0]).toContain(expected?.error_contains);
      expect(lines[0]).toMatch(new RegExp(`^Erreur \\(${file.replaceAll('.', '\\.')}\\) : `));
    }
    for (const file of ['merged-insee.csv', 'geo-lambert93.geojson']) {
      const expected = cases.find((c) => c.file === file) as CorpusCase;
      const result = run(file);
      expect(result.status, file).toBe(0);
      expect(result.stderr).toBe('');
      checkReport(JSON.parse(result.stdout) as ImportReport, expected);
    }
  }, 300_000);
});
