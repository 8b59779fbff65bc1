/**
 * `npm test`: every check in one command — type check, lint, unit tests, browser tests.
 * Prints each tool's own output, then one closing line `N passed, N failed` that CI reads:
 * type check, lint, unused code (knip) and layer rules count as one check each, plus every
 * Vitest test.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTests: number;
  success: boolean;
}

const onlyUnit = process.argv.includes('--unit');
let passed = 0;
let failed = 0;
let skipped = 0;

function run(label: string, command: string, args: string[]): boolean {
  console.error(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return result.status === 0;
}

function countCheck(label: string, ok: boolean): void {
  if (ok) passed += 1;
  else failed += 1;
  console.error(`${ok ? '✔' : '✘'} ${label}`);
}

function runVitest(project: string): void {
  mkdirSync('test-artifacts', { recursive: true });
  const report = `test-artifacts/vitest-${project}.json`;
  rmSync(report, { force: true });
  const ok = run(`Vitest (${project})`, 'npx', [
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  try {
    const json = JSON.parse(readFileSync(report, 'utf8')) as VitestJson;
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    skipped += json.numPendingTests + json.numTodoTests;
    // A suite that fails to load has no failed test but an unsuccessful run: count it.
    if (!ok && json.numFailedTests === 0) failed += 1;
  } catch {
    failed += 1;
    console.error(
      `Rapport Vitest introuvable pour le projet ${project} : exécution comptée en échec.`,
    );
  }
}

countCheck(
  'Vérification des types (tsc)',
  run('Vérification des types', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']),
);
countCheck('Lint et format (Biome)', run('Lint et format', 'npx', ['biome', 'check', '.']));
countCheck(
  'Code inutilisé (knip)',
  run('Fichiers, exports et dépendances inutilisés', 'npx', ['knip']),
);
countCheck(
  'Règles de couches',
  run('Règles de couches (README « Architecture : couches »)', 'npx', [
    'tsx',
    'scripts/check-layers.ts',
  ]),
);
runVitest('unit');
if (!onlyUnit) runVitest('e2e');

const summary = `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
console.log(summary);
process.exit(failed > 0 ? 1 : 0);
