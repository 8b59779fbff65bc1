import { describe, expect, it } from 'vitest';
import { parseStoredDataset } from '../../src/db/stored-dataset.ts';

function valid(): Record<string, unknown> {
  return {
    info: {
      id: 'import-3',
      name: 'dpe-lyon',
      kind: 'observed',
      synthetic: false,
      caption: 'Import',
    },
    rows: 12,
    dwellings: 12,
    ipc: new Blob([new Uint8Array([1, 2, 3])]),
    savedAt: '2026-11-28T10:00:00.000Z',
  };
}

describe('parseStoredDataset', () => {
  it('keeps a well-formed record, copying only the known fields', () => {
    const record = { ...valid(), extra: 'x', info: { ...(valid().info as object), html: '<b>' } };
    const parsed = parseStoredDataset(record);
    expect(parsed?.info).toEqual({
      id: 'import-3',
      name: 'dpe-lyon',
      kind: 'observed',
      synthetic: false,
      caption: 'Import',
    });
    expect(parsed && Object.keys(parsed).sort()).toEqual([
      'dwellings',
      'info',
      'ipc',
      'rows',
      'savedAt',
    ]);
  });

  it.each<[string, (r: Record<string, unknown>) => void]>([
    [
      'an id that is not import-N (it would shadow the demo)',
      (r) => Object.assign(r.info as object, { id: 'demo' }),
    ],
    ['an unknown kind', (r) => Object.assign(r.info as object, { kind: 'script' })],
    ['a count written as text', (r) => Object.assign(r, { rows: '12' })],
    ['a negative count', (r) => Object.assign(r, { dwellings: -1 })],
    ['rows that are not a Blob', (r) => Object.assign(r, { ipc: 'AAEC' })],
    ['empty rows', (r) => Object.assign(r, { ipc: new Blob([]) })],
    ['no info', (r) => Object.assign(r, { info: null })],
  ])('refuses %s', (_, tamper) => {
    const record = valid();
    tamper(record);
    expect(parseStoredDataset(record)).toBeNull();
  });

  it('refuses values that are not records', () => {
    for (const value of [null, undefined, 3, 'x', [], [valid()]]) {
      expect(parseStoredDataset(value)).toBeNull();
    }
  });
});
