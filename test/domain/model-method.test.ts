import { describe, expect, it } from 'vitest';
import { CLIMATE_MODULATION, climateZoneOf } from '../../src/domain/climate-zones.ts';
import {
  FEW_CELLS_THRESHOLD,
  modelSupportWarning,
  parseModelMethod,
  variablesOf,
} from '../../src/domain/model-method.ts';

describe('parseModelMethod', () => {
  it('keeps the known fields and drops malformed entries', () => {
    const method = parseModelMethod({
      summary: 'Parc modélisé',
      inputs: [{ title: 'Recensement', producer: 'INSEE', vintage: '2020', url: 'u' }, 3],
      variables: [
        { key: 'period', label: 'Période', basis: 'census', detail: 'par EPCI' },
        { key: 'energy', label: 'Énergie', basis: 'deviné', detail: '' },
      ],
      assumptions: ['a', 1],
    });
    expect(method?.inputs).toHaveLength(1);
    expect(method?.variables.map((v) => v.key)).toEqual(['period']);
    expect(method?.assumptions).toEqual(['a']);
    expect(parseModelMethod(undefined)).toBeNull();
    expect(parseModelMethod([1])).toBeNull();
  });

  it('lists the variables an indicator rests on', () => {
    const method = parseModelMethod({
      variables: [
        { key: 'dwellings', label: 'Logements', basis: 'modelled', detail: '' },
        { key: 'label', label: 'Étiquette', basis: 'modelled', detail: '' },
      ],
    });
    if (method === null) throw new Error('method expected');
    expect(variablesOf(method, 'dwellings').map((v) => v.key)).toEqual(['dwellings']);
    expect(variablesOf(method, 'fg_share').map((v) => v.key)).toEqual(['label']);
    expect(variablesOf(method, 'heating_ef_gwh')).toEqual([]);
  });
});

describe('modelSupportWarning', () => {
  it('flags few cells, communes without census, and assumptions only', () => {
    expect(modelSupportWarning({ cells: 200, communes: 10, censusCommunes: 10 })).toBeNull();
    expect(
      modelSupportWarning({ cells: FEW_CELLS_THRESHOLD - 1, communes: 1, censusCommunes: 1 }),
    ).toContain(`${FEW_CELLS_THRESHOLD - 1} cellule(s)`);
    expect(modelSupportWarning({ cells: 500, communes: 3, censusCommunes: 0 })).toContain(
      'aucune donnée du recensement',
    );
    expect(modelSupportWarning({ cells: 500, communes: 3, censusCommunes: 2 })).toContain(
      '1 commune(s) sur 3',
    );
    // A few island communes out of a whole country are no reason to flag it.
    expect(
      modelSupportWarning({ cells: 9e5, communes: 34_816, censusCommunes: 34_812 }),
    ).toBeNull();
  });
});

describe('climate zones', () => {
  it('gives every metropolitan département a zone of the RT 2012 annex', () => {
    const codes = [
      ...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter(
        (c) => c !== '20',
      ),
      '2A',
      '2B',
    ];
    expect(codes.filter((code) => climateZoneOf(code) === null)).toEqual([]);
    expect(climateZoneOf('75')).toBe('H1a');
    expect(climateZoneOf('25')).toBe('H1c');
    expect(climateZoneOf('48')).toBe('H2d');
    expect(climateZoneOf('971')).toBeNull();
    expect(CLIMATE_MODULATION.H1b).toBeGreaterThan(CLIMATE_MODULATION.H3);
  });
});
