import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearSavedMappings, readSavedMappings, saveMapping } from '../../src/db/mapping-store.ts';

/** A Map-backed localStorage: Node has none. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => {
      items.delete(key);
    },
    setItem: (key, value) => {
      items.set(key, String(value));
    },
  };
}

describe('saved column mappings', () => {
  beforeEach(() => {
    Object.defineProperty(globalThis, 'localStorage', {
      value: memoryStorage(),
      configurable: true,
    });
  });
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'localStorage');
  });

  it('saves a mapping under a name, replaces it by name, newest first', () => {
    expect(saveMapping({ name: 'Extrait', mapping: { label: 'Etiquette_DPE', lat: 'lat' } })).toBe(
      true,
    );
    expect(saveMapping({ name: 'Autre', mapping: { label: 'classe' } })).toBe(true);
    expect(saveMapping({ name: 'Extrait', mapping: { label: 'Etiquette', lon: 'lon' } })).toBe(
      true,
    );
    expect(readSavedMappings()).toEqual([
      { name: 'Extrait', mapping: { label: 'Etiquette', lon: 'lon' } },
      { name: 'Autre', mapping: { label: 'classe' } },
    ]);
    clearSavedMappings();
    expect(readSavedMappings()).toEqual([]);
  });

  it('drops what a tampered store holds beyond known fields and texts', () => {
    localStorage.setItem(
      'casba.correspondances',
      JSON.stringify([
        { name: 'Bon', mapping: { label: 'classe', inconnu: 'x', lat: 3 } },
        { name: '', mapping: { label: 'classe' } },
        'texte',
      ]),
    );
    expect(readSavedMappings()).toEqual([{ name: 'Bon', mapping: { label: 'classe' } }]);
    localStorage.setItem('casba.correspondances', '{pas du json');
    expect(readSavedMappings()).toEqual([]);
  });
});
