import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  collectRuntimeLicences,
  declaredLicence,
  isCompatibleExpression,
} from '../../scripts/licenses/license-check.ts';

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(value));
}

/** A project with app → lib (MIT) → deep (GPL-3.0), a nested copy, and a dev dependency. */
function fixtureProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'licences-'));
  writeJson(join(root, 'package.json'), {
    dependencies: { lib: '1', dual: '1' },
    devDependencies: { devonly: '1' },
  });
  const modules = join(root, 'node_modules');
  writeJson(join(modules, 'lib/package.json'), {
    name: 'lib',
    version: '1.0.0',
    license: 'MIT',
    dependencies: { deep: '2', shared: '1' },
    optionalDependencies: { absent: '1' },
  });
  writeJson(join(modules, 'lib/node_modules/deep/package.json'), {
    name: 'deep',
    version: '2.0.0',
    license: 'GPL-3.0-only',
  });
  writeJson(join(modules, 'deep/package.json'), { name: 'deep', version: '1.0.0', license: 'MIT' });
  writeJson(join(modules, 'shared/package.json'), {
    name: 'shared',
    version: '1.0.0',
    licenses: [{ type: 'Apache-2.0' }],
  });
  writeJson(join(modules, 'dual/package.json'), {
    name: 'dual',
    version: '3.0.0',
    license: '(GPL-2.0-only OR MIT)',
  });
  writeJson(join(modules, 'devonly/package.json'), {
    name: 'devonly',
    version: '1.0.0',
    license: 'UNLICENSED',
  });
  return root;
}

describe('isCompatibleExpression', () => {
  it.each([
    ['MIT', true],
    ['(MIT OR Apache-2.0)', true],
    ['(GPL-3.0-only OR MIT)', true],
    ['MIT AND ISC', true],
    ['MIT AND GPL-3.0-only', false],
    ['Apache-2.0 WITH LLVM-exception', true],
    ['(EDL-1.0 OR EPL-1.0)', true],
    ['GPL-3.0-only', false],
    ['SSPL-1.0', false],
    ['UNLICENSED', false],
    ['BSD', false],
    ['(MIT', false],
    ['', false],
  ])('%j → %s', (expression, expected) => {
    expect(isCompatibleExpression(expression)).toBe(expected);
  });
});

describe('declaredLicence', () => {
  it('reads the string, object and legacy list forms', () => {
    expect(declaredLicence({ license: ' MIT ' })).toBe('MIT');
    expect(declaredLicence({ license: { type: 'ISC' } })).toBe('ISC');
    expect(declaredLicence({ licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] })).toBe(
      '(MIT OR Apache-2.0)',
    );
    expect(declaredLicence({})).toBe('');
  });
});

describe('collectRuntimeLicences', () => {
  it('follows production dependencies transitively, nested copies first, not dev ones', () => {
    const packages = collectRuntimeLicences(fixtureProject());
    expect(packages.map((p) => `${p.name}@${p.version} ${p.compatible}`)).toEqual([
      'deep@2.0.0 false',
      'dual@3.0.0 true',
      'lib@1.0.0 true',
      'shared@1.0.0 true',
    ]);
    expect(packages[0]?.path).toBe(
      join('node_modules', 'lib', 'node_modules', 'deep', 'package.json'),
    );
  });

  it('names a declared dependency that is not installed', () => {
    const root = fixtureProject();
    writeJson(join(root, 'package.json'), { dependencies: { missing: '1' } });
    expect(() => collectRuntimeLicences(root)).toThrow(/missing introuvable/);
  });
});

describe('npm run licenses', () => {
  it('lists the real runtime dependencies, all compatible with EUPL-1.2, and exits 0', () => {
    const run = spawnSync('npx', ['tsx', 'scripts/licenses.ts', '--check'], { encoding: 'utf8' });
    expect(run.stderr).toMatch(/0 licence\(s\) absente\(s\) ou non compatible\(s\)/);
    expect(run.status).toBe(0);
    for (const name of ['react', 'maplibre-gl', '@duckdb/duckdb-wasm', 'apache-arrow']) {
      expect(run.stdout).toMatch(new RegExp(`^${name.replace('/', '\\/')}\\s+\\d`, 'm'));
    }
    expect(run.stdout).not.toMatch(/^vitest\s/m);
  });

  it('exits non-zero on an incompatible licence', () => {
    const root = fixtureProject();
    const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
    const run = spawnSync(tsx, [join(process.cwd(), 'scripts/licenses.ts'), '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('deep@2.0.0 : GPL-3.0-only');
  });
});
