import { describe, expect, it } from 'vitest';
import {
  checkLayers,
  findCycles,
  type ImportEdge,
  importSpecifiers,
  layerOf,
  resolveSpecifier,
} from '../../scripts/lib/layer-rules.ts';

const edge = (from: string, to: string, typeOnly = false): ImportEdge => ({ from, to, typeOnly });
const everyFile = () => true;

describe('layerOf', () => {
  it('names the folder of src/, app for its top files, scripts for the tools and the bench', () => {
    expect(layerOf('src/domain/dpe.ts')).toBe('domain');
    expect(layerOf('src/views/analysis/analysis-view.tsx')).toBe('views');
    expect(layerOf('src/app.tsx')).toBe('app');
    expect(layerOf('scripts/lib/sources.ts')).toBe('scripts');
    expect(layerOf('bench/page/bench-page.ts')).toBe('scripts');
    expect(layerOf('test/domain/dpe.test.ts')).toBeNull();
  });
});

describe('importSpecifiers', () => {
  it('reads static, type-only, dynamic and worker imports, and skips comments and packages', () => {
    const source = [
      "import { a } from './a.ts';",
      'import {',
      '  b,',
      '  type B,',
      "} from '../b.ts';",
      "import type { C } from './c.ts';",
      "export type { D } from './d.ts';",
      "export { e } from './e.ts';",
      "import './styles.css';",
      "import React from 'react';",
      "const f = await import('./f.ts');",
      "const worker = new Worker(new URL('./g-worker.ts', import.meta.url), { type: 'module' });",
      "/** Example: import { h } from './h.ts'; */",
      "// import { i } from './i.ts';",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual([
      { specifier: './a.ts', typeOnly: false },
      { specifier: '../b.ts', typeOnly: false },
      { specifier: './c.ts', typeOnly: true },
      { specifier: './d.ts', typeOnly: true },
      { specifier: './e.ts', typeOnly: false },
      { specifier: './styles.css', typeOnly: false },
      { specifier: './f.ts', typeOnly: false },
      { specifier: './g-worker.ts', typeOnly: false },
    ]);
  });

  it('resolves a specifier from the importing file', () => {
    expect(resolveSpecifier('src/views/analysis/x.tsx', '../../domain/dpe.ts')).toBe(
      'src/domain/dpe.ts',
    );
  });
});

describe('checkLayers', () => {
  it('accepts imports down the layers', () => {
    const edges = [
      edge('src/views/a.tsx', 'src/domain/b.ts'),
      edge('src/views/a.tsx', 'src/components/c.tsx'),
      edge('src/sql/d.ts', 'src/domain/b.ts'),
      edge('src/app.tsx', 'src/views/a.tsx'),
      edge('scripts/e.ts', 'src/db/f.ts'),
      edge('src/components/c.tsx', 'src/db/manifest.ts', true),
    ];
    expect(checkLayers(edges, everyFile)).toEqual([]);
  });

  it('refuses imports up or across the layers, type-only ones too', () => {
    const problems = checkLayers(
      [
        edge('src/components/tabs.tsx', 'src/views/use-view.ts', true),
        edge('src/domain/a.ts', 'src/sql/b.ts', true),
        edge('src/state/s.ts', 'src/map/palettes.ts'),
        edge('src/charts/c.ts', 'src/ingest/i.ts'),
        edge('scripts/lib/x.ts', 'src/charts/c.ts', true),
        edge('scripts/bench/y.ts', 'src/views/h.ts'),
        edge('src/db/z.ts', 'scripts/lib/x.ts'),
        edge('src/components/notice.tsx', 'src/db/duckdb.ts'),
      ],
      everyFile,
    );
    expect(problems).toHaveLength(8);
    expect(problems[0]).toBe(
      'src/components/tabs.tsx → src/views/use-view.ts : la couche components n’importe que components, domain, map, charts, ingest, db',
    );
    expect(problems[6]).toContain('src/ ne dépend d’aucun outil');
    expect(problems[7]).toContain('module DuckDB');
  });

  it('reports an import of a missing file', () => {
    const exists = (path: string) => path !== 'src/domain/gone.ts';
    expect(checkLayers([edge('src/sql/a.ts', 'src/domain/gone.ts')], exists)).toEqual([
      'src/sql/a.ts → src/domain/gone.ts : fichier introuvable',
    ]);
  });
});

describe('findCycles', () => {
  it('finds each cycle of runtime imports once, and none through a type-only import', () => {
    const edges = [
      edge('a.ts', 'b.ts'),
      edge('b.ts', 'c.ts'),
      edge('c.ts', 'a.ts'),
      edge('d.ts', 'e.ts'),
      edge('e.ts', 'd.ts', true),
      edge('f.ts', 'f.ts'),
    ];
    expect(findCycles(edges)).toEqual([
      ['f.ts', 'f.ts'],
      ['a.ts', 'b.ts', 'c.ts', 'a.ts'],
    ]);
  });
});
