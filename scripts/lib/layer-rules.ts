/**
 * The layer rules of src/ (README « Architecture : couches ») and their check over an import
 * graph: which folder may import which, what the command-line tools may use, no import cycle,
 * every relative import resolves. Pure: `scripts/check-layers.ts` reads the files.
 */
import { dirname, join, normalize } from 'node:path';

/** What the screens may import: every layer below them. */
const VIEW_IMPORTS: readonly string[] = [
  'domain',
  'sql',
  'ingest',
  'opendata',
  'db',
  'map',
  'charts',
  'export',
  'state',
  'components',
];

/**
 * The folders of src/ each layer may import besides itself. `app` is the top of src/ (main.tsx,
 * app.tsx); `scripts` are the command-line tools and the bench.
 */
const LAYERS: Readonly<Record<string, readonly string[]>> = {
  domain: [],
  sql: ['domain'],
  ingest: ['domain', 'sql'],
  opendata: ['domain'],
  db: ['domain', 'sql', 'ingest'],
  map: ['domain'],
  charts: ['domain'],
  export: ['domain', 'sql', 'map'],
  state: ['domain', 'sql'],
  components: ['domain', 'map', 'charts', 'ingest', 'db'],
  views: VIEW_IMPORTS,
  app: [...VIEW_IMPORTS, 'views'],
  scripts: ['domain', 'sql', 'ingest', 'opendata', 'db', 'map', 'export', 'state'],
};

/** The DuckDB module: started and watched by db/ and the views only, never by a component. */
const DUCKDB_MODULE = 'src/db/duckdb.ts';

/** One relative import of a module, resolved to a path from the repository root. */
export interface ImportEdge {
  from: string;
  to: string;
  /** `import type` / `export type`: erased from the built code, so it cannot make a cycle. */
  typeOnly: boolean;
}

/** One relative module specifier of a source. */
export interface ImportSpecifier {
  specifier: string;
  typeOnly: boolean;
}

/** Layer of a path from the repository root; null outside src/, scripts/ and bench/. */
export function layerOf(path: string): string | null {
  const parts = path.split('/');
  if (parts[0] === 'src') return parts.length === 2 ? 'app' : (parts[1] ?? null);
  if (parts[0] === 'scripts' || parts[0] === 'bench') return 'scripts';
  return null;
}

/**
 * The relative module specifiers of a TypeScript source: static imports and re-exports, dynamic
 * imports, and `new URL('./x-worker.ts', import.meta.url)` workers. Comments are dropped first so
 * that an example in a JSDoc is not read as an import.
 */
export function importSpecifiers(source: string): ImportSpecifier[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const statements = [
    ...code.matchAll(/\b(import|export)(\s+type)?\b[^;]*?\bfrom\s+'(\.[^']*)'/g),
  ].map((match) => ({ specifier: match[3] ?? '', typeOnly: match[2] !== undefined }));
  const others = [
    /^\s*import\s+'(\.[^']*)'/gm,
    /\bimport\(\s*'(\.[^']*)'\s*\)/g,
    /\bnew URL\(\s*'(\.[^']*)',\s*import\.meta\.url\s*\)/g,
  ].flatMap((pattern) =>
    [...code.matchAll(pattern)].map((match) => ({ specifier: match[1] ?? '', typeOnly: false })),
  );
  return [...statements, ...others];
}

/** The path from the repository root that a relative specifier of `from` points to. */
export function resolveSpecifier(from: string, specifier: string): string {
  return normalize(join(dirname(from), specifier));
}

/** Why an import breaks a layer rule, in French; null when it is allowed. */
function layerViolation(edge: ImportEdge): string | null {
  const from = layerOf(edge.from);
  const to = layerOf(edge.to);
  if (from === null || to === null || from === to) return null;
  if (to === 'scripts') return 'src/ ne dépend d’aucun outil en ligne de commande ni du banc';
  if (!(LAYERS[from] ?? []).includes(to)) {
    return `la couche ${from} n’importe que ${[from, ...(LAYERS[from] ?? [])].join(', ')}`;
  }
  if (from === 'components' && edge.to === DUCKDB_MODULE) {
    return 'un composant n’utilise pas le module DuckDB : la vue le lui passe';
  }
  return null;
}

/**
 * Cycles of imports kept in the built code (type-only imports left out), each as its modules in
 * order with the first repeated at the end, shortest first.
 */
export function findCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to, typeOnly } of edges) {
    if (!typeOnly) next.set(from, [...(next.get(from) ?? []), to]);
  }
  const cycles = new Map<string, string[]>();
  for (const start of [...next.keys()].sort()) {
    // Breadth-first from `start`: the shortest way back to it, if any.
    const previous = new Map<string, string>();
    const queue = [start];
    for (let index = 0; index < queue.length; index++) {
      const node = queue[index] as string;
      for (const target of next.get(node) ?? []) {
        if (target === start) {
          const path = [node];
          while (path[0] !== start) path.unshift(previous.get(path[0] as string) as string);
          const key = [...path].sort().join('|');
          if (!cycles.has(key)) cycles.set(key, [...path, start]);
          queue.length = 0;
          break;
        }
        if (!previous.has(target) && target !== start) {
          previous.set(target, node);
          queue.push(target);
        }
      }
    }
  }
  return [...cycles.values()].sort((a, b) => a.length - b.length);
}

/**
 * Every broken rule of an import graph, one French line each: forbidden layer imports, imports of
 * a missing file (`exists` says whether a path is a file), and cycles.
 */
export function checkLayers(
  edges: readonly ImportEdge[],
  exists: (path: string) => boolean,
): string[] {
  const problems: string[] = [];
  for (const edge of edges) {
    if (!exists(edge.to)) problems.push(`${edge.from} → ${edge.to} : fichier introuvable`);
    const violation = layerViolation(edge);
    if (violation !== null) problems.push(`${edge.from} → ${edge.to} : ${violation}`);
  }
  for (const cycle of findCycles(edges)) problems.push(`cycle d’imports : ${cycle.join(' → ')}`);
  return problems;
}
