import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { regionOfDepartement } from '../../src/ingest/departement-region.ts';

describe('regionOfDepartement', () => {
  it('agrees with the COG of @etalab/decoupage-administratif for every département', () => {
    const path = createRequire(import.meta.url).resolve(
      '@etalab/decoupage-administratif/data/departements.json',
    );
    const departements = (
      JSON.parse(readFileSync(path, 'utf8')) as { code: string; region: string }[]
    ).filter((d) => d.code.length === 2 || Number(d.code) <= 976);
    expect(departements.length).toBe(102);
    expect(departements.filter((d) => regionOfDepartement(d.code) !== d.region)).toEqual([]);
  });

  it('knows no région for an unknown département', () => {
    expect(regionOfDepartement('20')).toBeNull();
    expect(regionOfDepartement('')).toBeNull();
  });
});
