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

  it('keeps the provenance of fetched open data, and drops an altered one', () => {
    const provenance = {
      source: 'ADEME, DPE des logements existants (dpe03existant), Licence Ouverte 2.0',
      url: 'https://data.ademe.fr/data-fair/api/v1/datasets/dpe03existant',
      fetched_at: '2026-12-04T12:00:00.000Z',
      records: 12,
      territory: 'Métropole de Lyon (200046977)',
    };
    const record = { ...valid(), info: { ...(valid().info as object), provenance } };
    expect(parseStoredDataset(record)?.info.provenance).toEqual(provenance);
    const altered = {
      ...valid(),
      info: { ...(valid().info as object), provenance: { ...provenance, records: '12' } },
    };
    expect(parseStoredDataset(altered)?.info).not.toHaveProperty('provenance');
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
