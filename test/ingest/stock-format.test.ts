import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/ingest/import-error.ts';
import { fixtureBytes, importText } from './ingest-helpers.ts';

const TERRITORY = {
  epciOf: new Map([
    ['36044', '243600327'],
    ['36001', '200007052'],
    ['01001', '200069193'],
  ]),
  successorOf: new Map<string, string>(),
  reference: 'COG de test',
};

describe('canonical stock CSV, valid file', async () => {
  const run = await importText(fixtureBytes('stock/stock-valid.csv'), {
    territory: TERRITORY,
    dataset: 'stock',
  });

  it('accepts every row with its weight', () => {
    expect(run.report).toMatchObject({ format: 'stock', rows_read: 6, accepted: 6, rejected: 0 });
    expect(run.report.by_label).toEqual({
      A: 2,
      B: 5,
      C: 1,
      D: 30,
      E: 0,
      F: 12.5,
      G: 0,
      unknown: 8,
    });
    expect(run.report.by_epci).toEqual({ '200007052': 10, '200069193': 1, '243600327': 42.5 });
  });

  it('reads every field of a full row', () => {
    expect(run.rows[0]).toEqual({
      dataset: 'stock',
      code_commune: '36044',
      code_epci: '243600327',
      code_departement: '36',
      code_region: '24',
      housing_type: 'maison',
      construction_period: 'avant_1948',
      surface_m2: 95.5,
      heating_energy: 'fioul',
      occupancy: 'residence_principale',
      tenure: 'proprietaire_occupant',
      dpe_label: 'F',
      label_source: 'modelled',
      ep_kwh_m2: 350,
      ef_kwh_m2: 300,
      ghg_kg_m2: 90,
      weight: 12.5,
      lon: 1.6917,
      lat: 46.8103,
    });
  });

  it('derives an empty label from the values, and keeps but counts an inconsistent one', () => {
    expect(run.rows.map((r) => r.dpe_label)).toEqual(['F', 'D', null, 'A', 'B', 'C']);
    expect(run.report.warnings.find((w) => w.code === 'etiquette_calculee')?.count).toBe(1);
    expect(run.report.label_inconsistent_count).toBe(1);
    expect(run.rows[4]?.label_source).toBe('observed');
  });

  it('ignores a tenure given for a secondary residence, and reads keys in any case', () => {
    expect(run.rows[3]).toMatchObject({ occupancy: 'residence_secondaire', tenure: null });
    expect(run.rows[5]?.housing_type).toBe('maison');
  });
});

describe('canonical stock CSV, invalid values', async () => {
  const run = await importText(fixtureBytes('stock/stock-invalid.csv'));

  it('rejects each row with the column and the value at fault', () => {
    expect(run.report).toMatchObject({ rows_read: 14, accepted: 1, rejected: 13 });
    expect(run.report.rejections.map((r) => r.reason)).toEqual([
      'weight doit être > 0 : « 0 »',
      'weight absent (nombre de logements représentés, > 0)',
      'weight n’est pas un nombre : « abc »',
      'housing_type invalide : « villa » (valeurs admises : maison, appartement)',
      'construction_period invalide : « 1950 » (valeurs admises : avant_1948, 1948_1974, 1975_1988, 1989_2000, 2001_2012, apres_2012)',
      'heating_energy invalide : « Électricité » (valeurs admises : electricite, gaz, fioul, bois, reseau_chaleur, gpl, charbon, autre)',
      'dpe_label invalide : « H » (valeurs admises : A à G, ou vide)',
      'code_epci invalide : « 123 » (SIREN attendu)',
      'lon et lat doivent être renseignés ensemble',
      'lat doit être ≤ 90 : « 95 »',
      'surface_m2 doit être > 0 : « -5 »',
      'code commune invalide : « abc » (colonne code_commune)',
      'occupancy invalide : « principale » (valeurs admises : residence_principale, residence_secondaire, vacant)',
    ]);
    expect(run.report.rejections.map((r) => r.line)).toEqual([
      3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    ]);
  });
});

describe('canonical stock CSV, required columns', () => {
  it('names the missing weight column and the columns found', async () => {
    const error = await importText(fixtureBytes('stock/stock-missing-weight.csv'), {
      kind: 'stock',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message).toBe(
      'Fichier de stock : colonne obligatoire absente : weight. Colonnes trouvées : « code_commune », « housing_type », « dpe_label » (3 colonnes).',
    );
  });

  it('warns once about absent optional columns and reads the rows', async () => {
    const run = await importText('code_commune,weight\n36044,3\n');
    expect(run.report.accepted).toBe(1);
    expect(run.report.warnings).toEqual([
      {
        code: 'colonnes_facultatives_absentes',
        message:
          'Colonnes facultatives absentes (champs laissés vides) : housing_type, construction_period, surface_m2, heating_energy, occupancy, tenure, dpe_label, ep_kwh_m2, ef_kwh_m2, ghg_kg_m2, lon, lat.',
        count: 1,
      },
    ]);
  });
});
