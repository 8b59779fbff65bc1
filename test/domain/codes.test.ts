import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arrondissementToCommune,
  departementOfCommune,
  isDepartementCode,
  isInseeCommuneCode,
  isMunicipalArrondissement,
  isSiren,
  normaliseInseeCode,
} from '../../src/domain/codes.ts';

describe('isInseeCommuneCode', () => {
  it.each<[string, boolean]>([
    ['01001', true],
    ['95690', true],
    ['2A004', true],
    ['2B033', true],
    ['75056', true],
    ['97101', true],
    ['97611', true],
    ['00001', false],
    ['20001', false],
    ['21231', true],
    ['29019', true],
    ['96001', false],
    ['97701', false],
    ['98001', false],
    ['2C001', false],
    ['2a004', false],
    ['1001', false],
    ['010011', false],
    [' 01001', false],
    ['0100A', false],
    ['', false],
  ])('%j → %s', (code, expected) => {
    expect(isInseeCommuneCode(code)).toBe(expected);
  });
});

describe('normaliseInseeCode', () => {
  it.each<[string, string | null]>([
    ['01001', '01001'],
    ['  75056 ', '75056'],
    ['2a004', '2A004'],
    ['2b033', '2B033'],
    ['1001', '01001'],
    ['1001.0', '01001'],
    ['75056.0', '75056'],
    ['97101', '97101'],
    ['9710', '09710'],
    ['2004', '02004'],
    ['0000', null],
    ['123', null],
    ['20001', null],
    ['abcde', null],
    ['', null],
    ['1001.5', null],
  ])('%j → %j', (raw, expected) => {
    expect(normaliseInseeCode(raw)).toBe(expected);
  });
});

describe('isSiren', () => {
  it.each<[string, boolean]>([
    ['732829320', true],
    ['356000000', true],
    ['200000172', true],
    ['217400423', true],
    ['732829321', false],
    ['73282932', false],
    ['7328293200', false],
    ['73282932A', false],
    ['', false],
  ])('%j → %s', (code, expected) => {
    expect(isSiren(code)).toBe(expected);
  });

  const epciFile = resolve(process.cwd(), '../shared/data/cog/epci-2023.json');
  it.skipIf(!existsSync(epciFile))(
    'accepts every EPCI and member-commune SIREN of the COG 2023 EPCI list (skipped when ../shared/data/cog/epci-2023.json is absent)',
    () => {
      const epcis = JSON.parse(readFileSync(epciFile, 'utf8')) as {
        code: string;
        membres: { siren: string }[];
      }[];
      const sirens = epcis.flatMap((epci) => [epci.code, ...epci.membres.map((m) => m.siren)]);
      expect(sirens.length).toBeGreaterThan(30_000);
      expect(sirens.filter((siren) => !isSiren(siren))).toEqual([]);
    },
  );
});

describe('departementOfCommune', () => {
  it.each<[string, string | null]>([
    ['01001', '01'],
    ['2A004', '2A'],
    ['2B033', '2B'],
    ['97101', '971'],
    ['97611', '976'],
    ['75056', '75'],
    ['20001', null],
    ['x', null],
  ])('%j → %j', (code, expected) => {
    expect(departementOfCommune(code)).toBe(expected);
  });
});

describe('isDepartementCode', () => {
  it('accepts 01–95, 2A, 2B and 971–976, and the département of every valid commune code', () => {
    expect(['01', '19', '21', '2A', '2B', '59', '95', '971', '976'].every(isDepartementCode)).toBe(
      true,
    );
    expect(
      ['00', '20', '96', '97', '970', '977', '2C', '2a', '1', '010', ' 01'].some(isDepartementCode),
    ).toBe(false);
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9AB]{5}$/), (code) => {
        const departement = departementOfCommune(code);
        return departement === null || isDepartementCode(departement);
      }),
    );
  });
});

describe('municipal arrondissements', () => {
  it.each<[string, boolean, string]>([
    ['75101', true, '75056'],
    ['75120', true, '75056'],
    ['75121', false, '75121'],
    ['75100', false, '75100'],
    ['69381', true, '69123'],
    ['69389', true, '69123'],
    ['69390', false, '69390'],
    ['13201', true, '13055'],
    ['13216', true, '13055'],
    ['13217', false, '13217'],
    ['75056', false, '75056'],
    ['2A004', false, '2A004'],
    ['', false, ''],
  ])('%j: arrondissement %s, commune %j', (code, isArrondissement, commune) => {
    expect(isMunicipalArrondissement(code)).toBe(isArrondissement);
    expect(arrondissementToCommune(code)).toBe(commune);
  });
});

const departement = fc.oneof(
  fc
    .integer({ min: 1, max: 95 })
    .filter((n) => n !== 20)
    .map((n) => String(n).padStart(2, '0')),
  fc.constantFrom('2A', '2B'),
);
const metropolitanCode = fc
  .tuple(departement, fc.integer({ min: 0, max: 999 }))
  .map(([dep, n]) => `${dep}${String(n).padStart(3, '0')}`);
const overseasCode = fc
  .tuple(fc.integer({ min: 971, max: 976 }), fc.integer({ min: 0, max: 99 }))
  .map(([dep, n]) => `${dep}${String(n).padStart(2, '0')}`);
const communeCode = fc.oneof(metropolitanCode, overseasCode);

describe('properties', () => {
  it('accepts every generated commune code, normalised to itself', () => {
    fc.assert(
      fc.property(communeCode, (code) => {
        expect(isInseeCommuneCode(code)).toBe(true);
        expect(normaliseInseeCode(code)).toBe(code);
        expect(normaliseInseeCode(` ${code.toLowerCase()} `)).toBe(code);
        expect(code.startsWith(departementOfCommune(code) ?? '∅')).toBe(true);
      }),
    );
  });

  it('restores the leading zero dropped by spreadsheets', () => {
    fc.assert(
      fc.property(
        metropolitanCode.filter((code) => code.startsWith('0')),
        (code) => {
          expect(normaliseInseeCode(String(Number(code)))).toBe(code);
        },
      ),
    );
  });

  it('normalises idempotently', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 8 }), communeCode), (raw) => {
        const once = normaliseInseeCode(raw);
        expect(once === null || normaliseInseeCode(once) === once).toBe(true);
      }),
    );
  });

  it('accepts a SIREN with its Luhn digit and rejects any other last digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8}$/), (body) => {
        const valid = [...'0123456789'].filter((digit) => isSiren(body + digit));
        expect(valid).toHaveLength(1);
      }),
    );
  });

  it('maps arrondissements to a commune that is not an arrondissement', () => {
    fc.assert(
      fc.property(communeCode, (code) => {
        const commune = arrondissementToCommune(code);
        expect(isMunicipalArrondissement(commune)).toBe(false);
        expect(commune === code).toBe(!isMunicipalArrondissement(code));
      }),
    );
  });
});
