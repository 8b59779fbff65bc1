import { describe, expect, it } from 'vitest';
import {
  describeFoundColumns,
  fieldAt,
  matchColumns,
  missingColumnsError,
  normaliseHeaderName,
  projectColumns,
} from '../../src/ingest/header-match.ts';

describe('normaliseHeaderName', () => {
  it.each([
    ['N°DPE', 'n_dpe'],
    ['numero_dpe', 'numero_dpe'],
    ['Code_INSEE_(BAN)', 'code_insee_ban'],
    ['Conso_5_usages_par_m²_é_primaire', 'conso_5_usages_par_m2_e_primaire'],
    ['Conso_5_usages/m²_é_finale', 'conso_5_usages_m2_e_finale'],
    ['Zone_climatique_', 'zone_climatique'],
    ['_geopoint', 'geopoint'],
    ['  Type_Bâtiment ', 'type_batiment'],
    ['', ''],
  ])('%j → %j', (name, normal) => {
    expect(normaliseHeaderName(name)).toBe(normal);
  });
});

describe('matchColumns', () => {
  const specs = [
    { key: 'commune', names: ['Code_INSEE_(BAN)', 'code_insee_ban'] },
    { key: 'ef', names: ['Conso_5_usages/m²_é_finale', 'conso_5_usages_par_m2_ef'] },
  ] as const;

  it('matches either header style, in any case and punctuation', () => {
    expect(matchColumns(['x', 'CODE INSEE (BAN)'], specs).index).toEqual({ commune: 1 });
    expect(matchColumns(['conso_5_usages_par_m2_ef', 'code_insee_ban'], specs).index).toEqual({
      commune: 1,
      ef: 0,
    });
  });

  it('is exact in meaning: a total is not a value per m²', () => {
    expect(matchColumns(['Conso_5_usages_é_finale'], specs).index).toEqual({});
  });

  it('reads the first of duplicated columns and reports the duplicates it uses', () => {
    const { index, duplicates } = matchColumns(
      ['code_insee_ban', 'x', 'Code_INSEE_(BAN)', 'x'],
      specs,
    );
    expect(index).toEqual({ commune: 0 });
    expect(duplicates).toEqual(['code_insee_ban']);
  });

  it('projects the matched columns and reads absent ones as empty', () => {
    const { index } = matchColumns(['a', 'code_insee_ban'], specs);
    const { columns, slot } = projectColumns(index, specs);
    expect(columns).toEqual([1]);
    expect(slot).toEqual({ commune: 0, ef: -1 });
    expect(fieldAt(['69388'], slot.commune)).toBe('69388');
    expect(fieldAt(['69388'], slot.ef)).toBe('');
  });
});

describe('missing-column messages', () => {
  it('lists what is missing and the first columns found', () => {
    const header = Array.from({ length: 15 }, (_, i) => `c${i}`);
    expect(describeFoundColumns(header)).toBe(
      '« c0 », « c1 », « c2 », « c3 », « c4 », « c5 », « c6 », « c7 », « c8 », « c9 », « c10 », « c11 »… (12 premières sur 15)',
    );
    const error = missingColumnsError('Fichier DPE', ['code commune', 'étiquette'], ['a'], 'f.csv');
    expect(error.message).toBe(
      'Fichier DPE : colonnes obligatoires absentes : code commune ; étiquette. Colonnes trouvées : « a » (1 colonne).',
    );
    expect(error.file).toBe('f.csv');
  });
});
