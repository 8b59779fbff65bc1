import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProgrammeConfig } from '../../src/domain/programme-config.ts';

const CASBA_TEXT = readFileSync(
  resolve(import.meta.dirname, '../../data/programme/casba.json'),
  'utf8',
);

/** The configuration file with `patch` applied to its text, parsed as a browser would. */
function tampered(find: string, replace: string): ReturnType<typeof parseProgrammeConfig> {
  expect(CASBA_TEXT).toContain(find);
  return parseProgrammeConfig(JSON.parse(CASBA_TEXT.replace(find, replace)));
}

function errorsOf(result: ReturnType<typeof parseProgrammeConfig>): string[] {
  return result.ok ? [] : result.errors;
}

describe('parseProgrammeConfig against a tampered file', () => {
  it.each([
    [
      '__proto__ at the root',
      '"targets": {',
      '"__proto__": { "polluted": true }, "targets": {',
      'configuration.__proto__',
    ],
    [
      '__proto__ in a nested object',
      '"targets": {',
      '"targets": { "__proto__": { "carnets": 1 },',
      'targets.__proto__',
    ],
    [
      'constructor key',
      '"caps": {',
      '"caps": { "constructor": { "prototype": {} },',
      'caps.constructor',
    ],
    ['prototype key', '"targets": {', '"targets": { "prototype": 1,', 'targets.prototype'],
  ])('refuses %s with a French error and pollutes nothing', (_, find, replace, path) => {
    const result = tampered(find, replace);
    expect(result.ok).toBe(false);
    expect(errorsOf(result)).toContainEqual(
      expect.stringMatching(new RegExp(`^${path.replace(/[.$]/g, '\\$&')} : clé interdite`)),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).carnets).toBeUndefined();
  });

  it.each([
    [
      'a count written as text',
      '"territories": 106',
      '"territories": "106"',
      'targets.territories doit être un entier positif (reçu : « 106 »)',
    ],
    [
      'a negative count',
      '"works": 12000',
      '"works": -12000',
      'targets.works doit être un entier positif (reçu : -12000)',
    ],
    [
      'an overflowing amount',
      '"total": 2700000',
      '"total": 1e400',
      'caps.total doit être un montant strictement positif',
    ],
    [
      'an amount written as text',
      '"fixed": 1200000',
      '"fixed": "1200000"',
      'caps.fixed doit être un montant strictement positif',
    ],
    ['an extra key', '"targets": {', '"targets": { "bonus": 3,', 'targets.bonus : clé inconnue'],
  ])('refuses %s', (_, find, replace, message) => {
    const result = tampered(find, replace);
    expect(result.ok).toBe(false);
    expect(errorsOf(result).some((error) => error.startsWith(message))).toBe(true);
  });

  it('never throws and never accepts an arbitrary JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseProgrammeConfig(value);
        expect(result.ok).toBe(false);
        expect(errorsOf(result).length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses any one target replaced by a non-positive-integer value', () => {
    const base = JSON.parse(CASBA_TEXT) as { targets: Record<string, unknown> };
    const badValue = fc.oneof(
      fc.integer({ max: 0 }),
      fc.double({ noInteger: true }),
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer()),
    );
    fc.assert(
      fc.property(fc.constantFrom('territories', 'carnets', 'works'), badValue, (key, value) => {
        const json = structuredClone(base);
        json.targets[key] = value;
        const result = parseProgrammeConfig(json);
        expect(result.ok).toBe(false);
        expect(errorsOf(result).some((error) => error.startsWith(`targets.${key} `))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
