import { describe, expect, it } from 'vitest';
import type { ProgrammeCarnet, ProgrammeWork } from '../../src/domain/programme-data.ts';
import { countProgrammeByTerritory } from '../../src/domain/programme-territory-counts.ts';

const carnet = (id: string, commune: string, epci: string | null): ProgrammeCarnet => ({
  id_carnet: id,
  code_commune: commune,
  nom_commune: null,
  code_epci: epci,
  code_region: null,
  date_ouverture: '2020-01-01',
  operateur: 'op',
  source: null,
});
const work = (id: string): ProgrammeWork => ({
  id_carnet: id,
  date_travaux: '2020-06-01',
  type_travaux: [],
  etiquette_avant: null,
  etiquette_apres: null,
  conso_ep_avant: null,
  conso_ep_apres: null,
  conso_ef_avant: null,
  conso_ef_apres: null,
  surface_m2: null,
  cout_ttc: null,
  source: null,
});

describe('countProgrammeByTerritory', () => {
  it('counts carnets and works per commune and per EPCI, works at their carnet’s commune', () => {
    const counts = countProgrammeByTerritory({
      territories: [],
      carnets: [
        carnet('a', '36001', 'E1'),
        carnet('b', '36001', 'E1'),
        carnet('c', '36002', 'E1'),
        carnet('d', '29155', null),
      ],
      works: [work('a'), work('c'), work('d'), work('zz')],
    });
    expect(Object.fromEntries(counts.communes)).toEqual({
      '36001': { carnets: 2, works: 1 },
      '36002': { carnets: 1, works: 1 },
      '29155': { carnets: 1, works: 1 },
    });
    expect(Object.fromEntries(counts.epcis)).toEqual({ E1: { carnets: 3, works: 2 } });
    // The work of an unknown carnet is counted as such, not dropped.
    expect(counts.unplaced).toBe(1);
  });
});
