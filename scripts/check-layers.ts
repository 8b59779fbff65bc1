/**
 * Checks the layer rules (README « Architecture : couches », `scripts/lib/layer-rules.ts`) over
 * the imports of src/, scripts/ and bench/: `npx tsx scripts/check-layers.ts`, run by `npm test`.
 * Prints one French line per broken rule on stderr and exits 1 if there is any.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkLayers,
  type ImportEdge,
  importSpecifiers,
  resolveSpecifier,
} from './lib/layer-rules.ts';

const ROOTS = ['src', 'scripts', 'bench'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'results' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const files = ROOTS.filter((root) => existsSync(root)).flatMap(sourceFiles);
const edges: ImportEdge[] = files.flatMap((from) =>
  importSpecifiers(readFileSync(from, 'utf8')).map(({ specifier, typeOnly }) => ({
    from,
    to: resolveSpecifier(from, specifier),
    typeOnly,
  })),
);
const problems = checkLayers(edges, (path) => existsSync(path) && statSync(path).isFile());
for (const problem of problems) console.error(problem);
console.error(
  problems.length === 0
    ? `Couches respectées : ${files.length} fichiers, ${edges.length} imports.`
    : `${problems.length} règle(s) de couches enfreinte(s).`,
);
process.exit(problems.length === 0 ? 0 : 1);
