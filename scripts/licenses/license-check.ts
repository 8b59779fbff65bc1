/**
 * Runtime dependency licences: walks the production dependencies of package.json and their own
 * dependencies through node_modules, reads each package's version and licence, and checks the
 * licence against those that can be shipped inside an EUPL-1.2 application.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Licences compatible with distributing this EUPL-1.2 application with the package bundled:
 * permissive licences, and the weak copyleft MPL-2.0 (file-level, the files stay under MPL).
 */
const COMPATIBLE_LICENCES: ReadonlySet<string> = new Set([
  '0BSD',
  'Apache-2.0',
  'BlueOak-1.0.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'CC0-1.0',
  'CC-BY-4.0',
  // Eclipse Distribution License: the BSD-3-Clause text under another name.
  'EDL-1.0',
  'EUPL-1.2',
  'ISC',
  'MIT',
  'MIT-0',
  'MPL-2.0',
  'Python-2.0',
  'Unlicense',
  'WTFPL',
  'Zlib',
]);

/**
 * Packages whose declared licence is not an SPDX identifier, with the licence read in their
 * LICENSE file. Keyed by name@version: a new version is reviewed again.
 */
const REVIEWED_LICENCES: Readonly<Record<string, { licence: string; why: string }>> = {
  'arc@0.2.0': {
    licence: 'BSD-2-Clause',
    why: 'déclare « BSD » ; LICENSE.md est le texte BSD à 2 clauses',
  },
  'splaytree-ts@1.0.2': {
    licence: 'BSD-3-Clause',
    why: 'déclare « BDS-3-Clause » (coquille) ; LICENSE est le texte BSD à 3 clauses',
  },
};

/** One package found. */
export interface PackageLicence {
  name: string;
  version: string;
  /** The licence as declared (SPDX expression), or '' when none is. */
  licence: string;
  /** The licence read in the LICENSE file when the declaration is not SPDX (see REVIEWED_LICENCES). */
  reviewed: string | null;
  compatible: boolean;
  /** Path of its package.json relative to the project. */
  path: string;
}

interface Manifest {
  name?: string;
  version?: string;
  license?: unknown;
  licenses?: unknown;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

function readManifest(path: string): Manifest {
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/** The declared licence: `license` (string or `{ type }`), or the legacy `licenses` list. */
export function declaredLicence(manifest: Manifest): string {
  const { license, licenses } = manifest;
  if (typeof license === 'string') return license.trim();
  if (
    license &&
    typeof license === 'object' &&
    typeof (license as { type?: unknown }).type === 'string'
  ) {
    return (license as { type: string }).type;
  }
  if (Array.isArray(licenses)) {
    const types = licenses
      .map((entry) => (typeof entry === 'string' ? entry : (entry as { type?: unknown })?.type))
      .filter((type): type is string => typeof type === 'string');
    if (types.length > 0) return types.length === 1 ? (types[0] ?? '') : `(${types.join(' OR ')})`;
  }
  return '';
}

/**
 * Whether an SPDX expression is compatible: every term of an AND, at least one of an OR
 * (parentheses honoured; `WITH` exceptions only widen a licence, so the base licence decides).
 */
export function isCompatibleExpression(
  expression: string,
  allowed: ReadonlySet<string> = COMPATIBLE_LICENCES,
): boolean {
  const tokens = expression.match(/\(|\)|[^\s()]+/g) ?? [];
  let position = 0;
  const parseOr = (): boolean => {
    let value = parseAnd();
    while (tokens[position]?.toUpperCase() === 'OR') {
      position++;
      const right = parseAnd();
      value = value || right;
    }
    return value;
  };
  const parseAnd = (): boolean => {
    let value = parseTerm();
    while (tokens[position]?.toUpperCase() === 'AND') {
      position++;
      const right = parseTerm();
      value = value && right;
    }
    return value;
  };
  const parseTerm = (): boolean => {
    const token = tokens[position++];
    if (token === '(') {
      const value = parseOr();
      if (tokens[position++] !== ')') throw new Error('parenthèse non fermée');
      return value;
    }
    if (token === undefined || token === ')') throw new Error('licence attendue');
    if (tokens[position]?.toUpperCase() === 'WITH') position += 2;
    return allowed.has(token.replace(/\+$/, ''));
  };
  try {
    const value = parseOr();
    return position === tokens.length && value;
  } catch {
    return false;
  }
}

/** Finds `name` as Node would from the package at `fromDir`: nearest node_modules upwards. */
function resolvePackage(name: string, fromDir: string, root: string): string | null {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (dir === root || dirname(dir) === dir) return null;
    dir = dirname(dir);
  }
}

/**
 * Every package reachable from the production dependencies of `root/package.json` (dependencies
 * and installed optional dependencies; peer dependencies when installed), sorted by name.
 * Throws when a declared dependency is not installed.
 */
export function collectRuntimeLicences(root: string): PackageLicence[] {
  const top = readManifest(join(root, 'package.json'));
  const found = new Map<string, PackageLicence>();
  const queue: { name: string; from: string; optional: boolean }[] = Object.keys(
    top.dependencies ?? {},
  ).map((name) => ({ name, from: root, optional: false }));
  while (queue.length > 0) {
    const next = queue.shift();
    if (next === undefined) break;
    const path = resolvePackage(next.name, next.from, root);
    if (path === null) {
      if (next.optional) continue;
      throw new Error(`Dépendance ${next.name} introuvable dans node_modules : lancez npm ci.`);
    }
    const relative = path.slice(root.length + 1);
    if (found.has(relative)) continue;
    const manifest = readManifest(path);
    const licence = declaredLicence(manifest);
    const name = manifest.name ?? next.name;
    const version = manifest.version ?? '';
    const reviewed = REVIEWED_LICENCES[`${name}@${version}`]?.licence ?? null;
    const effective = reviewed ?? licence;
    found.set(relative, {
      name,
      version,
      licence,
      reviewed,
      compatible: effective !== '' && isCompatibleExpression(effective),
      path: relative,
    });
    const dir = dirname(path);
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      queue.push({ name, from: dir, optional: false });
    }
    for (const name of Object.keys({
      ...manifest.optionalDependencies,
      ...manifest.peerDependencies,
    })) {
      queue.push({ name, from: dir, optional: true });
    }
  }
  return [...found.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
  );
}

/** The report as a markdown document (French). */
export function licencesMarkdown(packages: readonly PackageLicence[]): string {
  const counts = new Map<string, number>();
  for (const entry of packages) counts.set(entry.licence, (counts.get(entry.licence) ?? 0) + 1);
  const lines = [
    '# Licences des dépendances d’exécution',
    '',
    'Généré par `npm run licenses` (ne pas modifier à la main) : les dépendances de production de',
    '`package.json` et toutes leurs dépendances installées, avec la licence déclarée dans leur',
    '`package.json`, comparée aux licences compatibles avec la diffusion de ce projet sous EUPL-1.2',
    `(${[...COMPATIBLE_LICENCES].join(', ')}).`,
    '',
    `${packages.length} paquets ; par licence : ${[...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([licence, count]) => `${licence || '(aucune)'} ${count}`)
      .join(', ')}.`,
    '',
    '| paquet | version | licence | compatible |',
    '|---|---|---|---|',
    ...packages.map(
      (entry) =>
        `| ${entry.name} | ${entry.version} | ${entry.licence || '(aucune)'}${entry.reviewed ? ` → ${entry.reviewed} (${REVIEWED_LICENCES[`${entry.name}@${entry.version}`]?.why ?? 'revu'})` : ''} | ${entry.compatible ? 'oui' : '**non**'} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
