/**
 * `npm run licenses`: lists every runtime dependency (production dependencies and everything they
 * pull in) with its version and licence, writes `docs/licenses.md`, and exits non-zero when a
 * licence is missing or not compatible with EUPL-1.2. `--out FILE` writes elsewhere; `--check`
 * writes nothing.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { collectRuntimeLicences, licencesMarkdown } from './licenses/license-check.ts';

function main(): number {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const out = outIndex >= 0 ? args[outIndex + 1] : 'docs/licenses.md';
  const packages = collectRuntimeLicences(resolve('.'));
  const width = Math.max(...packages.map((entry) => entry.name.length));
  for (const entry of packages) {
    console.log(
      `${entry.name.padEnd(width)}  ${entry.version.padEnd(10)}  ${entry.licence || '(aucune)'}${entry.compatible ? '' : '  ← NON COMPATIBLE'}`,
    );
  }
  if (!args.includes('--check') && out) {
    writeFileSync(out, licencesMarkdown(packages));
    console.error(`Rapport écrit dans ${out}.`);
  }
  const bad = packages.filter((entry) => !entry.compatible);
  console.error(
    `${packages.length} dépendances d’exécution ; ${bad.length} licence(s) absente(s) ou non compatible(s) avec EUPL-1.2.`,
  );
  for (const entry of bad) {
    console.error(
      `  ${entry.name}@${entry.version} : ${entry.licence || 'aucune licence déclarée'} (${entry.path})`,
    );
  }
  return bad.length === 0 ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
