import { describe, expect, it } from 'vitest';
import { detectBdnbTable } from '../../src/ingest/formats/bdnb-format.ts';
import { ImportError } from '../../src/ingest/import-error.ts';
import { fixtureBytes, importFiles } from './ingest-helpers.ts';

const SIDE_TABLES = [
  'batiment_groupe_ffo_bat',
  'batiment_groupe_dpe_representatif_logement',
  'batiment_groupe_simulations_dpe',
];
const TERRITORY = {
  epciOf: new Map([
    ['36001', '200007052'],
    ['69123', '200046977'],
  ]),
  successorOf: new Map<string, string>(),
  reference: 'COG de test',
};

const allFiles = (order: string[] = [...SIDE_TABLES, 'batiment_groupe']) =>
  order.map((table) => [`${table}.csv`, fixtureBytes(`bdnb/${table}.csv`)] as const);

async function failure(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe('BDNB tables joined on batiment_groupe_id', async () => {
  const { report, rows } = await importFiles(allFiles(), { territory: TERRITORY, dataset: 'bdnb' });

  it('accounts for every building group of batiment_groupe', () => {
    expect(report).toMatchObject({ format: 'bdnb', rows_read: 11, accepted: 6, rejected: 5 });
    expect(report.rejections.map((r) => [r.line, r.reason])).toEqual([
      [4, 'nb_log = 0 : aucun logement dans ce bâtiment'],
      [5, 'nb_log absent pour « bdnb-bg-0004 » : nombre de logements inconnu'],
      [6, 'nb_log inconnu : aucune ligne de batiment_groupe_ffo_bat pour « bdnb-bg-0005 »'],
      [9, 'code commune invalide : « XYZ » (colonne code_commune_insee)'],
      [10, 'batiment_groupe_id en double : « bdnb-bg-0001 » (première occurrence gardée)'],
    ]);
  });

  it('weighs each building by its dwellings, observed labels first, then predicted ones', () => {
    expect(rows.map((r) => [r.weight, r.dpe_label, r.label_source])).toEqual([
      [12, 'E', 'observed'],
      [1, 'F', 'predicted'],
      [4, 'D', 'observed'],
      [20, 'C', 'predicted'],
      [3, 'A', 'observed'],
      [2, null, 'observed'],
    ]);
    expect(report.by_label).toEqual({ A: 3, B: 0, C: 20, D: 4, E: 12, F: 1, G: 0, unknown: 2 });
    expect(report.predicted_by_reliability).toEqual({ '1': 20, '4': 1 });
    expect(report.label_inconsistent_count).toBe(1);
  });

  it('maps a building group with its representative DPE to the canonical model', () => {
    expect(rows[0]).toEqual({
      dataset: 'bdnb',
      code_commune: '36044',
      code_epci: '243600327',
      code_departement: '36',
      code_region: '24',
      housing_type: 'appartement',
      construction_period: '1948_1974',
      surface_m2: 55.5,
      heating_energy: 'gaz',
      occupancy: null,
      tenure: null,
      dpe_label: 'E',
      label_source: 'observed',
      ep_kwh_m2: 300,
      ef_kwh_m2: 250,
      ghg_kg_m2: 45,
      weight: 12,
      lon: 1.6917,
      lat: 46.8103,
    });
    expect(rows[1]).toMatchObject({
      housing_type: 'maison',
      construction_period: 'avant_1948',
      ep_kwh_m2: null,
    });
    expect(rows[3]).toMatchObject({ code_commune: '69123', code_epci: '200046977' });
  });

  it('takes the EPCI from code_epci_insee, else from the commune', () => {
    expect(report.by_epci).toEqual({ '200007052': 4, '200046977': 20, '243600327': 18 });
  });

  it('reports each file, its unused rows and why', () => {
    expect(report.sources).toEqual([
      {
        file: 'batiment_groupe_ffo_bat.csv',
        table: 'batiment_groupe_ffo_bat',
        rows_read: 10,
        rows_unused: 2,
      },
      {
        file: 'batiment_groupe_dpe_representatif_logement.csv',
        table: 'batiment_groupe_dpe_representatif_logement',
        rows_read: 3,
        rows_unused: 0,
      },
      {
        file: 'batiment_groupe_simulations_dpe.csv',
        table: 'batiment_groupe_simulations_dpe',
        rows_read: 3,
        rows_unused: 0,
      },
      { file: 'batiment_groupe.csv', table: 'batiment_groupe', rows_read: 11, rows_unused: 5 },
    ]);
    const warnings = Object.fromEntries(report.warnings.map((w) => [w.code, w]));
    expect(warnings.ligne_bdnb_inutilisable?.examples).toEqual([
      'batiment_groupe_ffo_bat.csv, ligne 11 : nombre de champs incorrect : 3 au lieu de 8',
    ]);
    expect(warnings.ligne_bdnb_sans_batiment?.count).toBe(1);
  });

  it('gives the same report whatever the order of the files', async () => {
    const reversed = await importFiles(allFiles(['batiment_groupe', ...SIDE_TABLES].reverse()), {
      territory: TERRITORY,
      dataset: 'bdnb',
    });
    expect(reversed.report.by_label).toEqual(report.by_label);
    expect(reversed.rows).toEqual(rows);
  });
});

describe('BDNB exports in other shapes', () => {
  it('reads a joined export holding the columns of several tables in one file', async () => {
    const text =
      'batiment_groupe_id;code_commune_insee;nb_log;annee_construction;classe_bilan_dpe;conso_5_usages_ep_m2;emission_ges_5_usages_m2\n' +
      'g1;36044;6;1960;F;400;20\ng2;36044;0;1960;;;\ng3;36001;2;2015;;;\n';
    const { report, rows } = await importFiles([['joint.csv', text]]);
    expect(report).toMatchObject({ rows_read: 3, accepted: 2, rejected: 1 });
    expect(rows.map((r) => [r.weight, r.dpe_label, r.construction_period])).toEqual([
      [6, 'F', '1948_1974'],
      [2, null, 'apres_2012'],
    ]);
  });

  it('names the missing tables', async () => {
    const main = await failure(
      importFiles([['batiment_groupe.csv', fixtureBytes('bdnb/batiment_groupe.csv')]]),
    );
    expect(main.message).toBe(
      'BDNB : tables manquantes : batiment_groupe_ffo_bat (nb_log) ; batiment_groupe_dpe_representatif_logement (classe_bilan_dpe) ou batiment_groupe_simulations_dpe (etiquette_dpe_initial_map). Fichiers lus : batiment_groupe.csv.',
    );
    const side = await failure(
      importFiles([['ffo.csv', fixtureBytes('bdnb/batiment_groupe_ffo_bat.csv')]]),
    );
    expect(side.message).toBe(
      'BDNB : table batiment_groupe manquante (colonnes batiment_groupe_id et code_commune_insee). Fichiers lus : ffo.csv.',
    );
  });

  it('refuses a BDNB table it does not join, naming the expected ones', async () => {
    const error = await failure(
      importFiles([['adresse.csv', 'batiment_groupe_id,cle_interop_adr\ng1,x\n']], {
        kind: 'bdnb',
      }),
    );
    expect(error.message).toMatch(
      /^BDNB : table non reconnue\. Attendu : batiment_groupe, batiment_groupe_ffo_bat, .*Colonnes trouvées : « batiment_groupe_id », « cle_interop_adr » \(2 colonnes\)\.$/,
    );
  });

  it('recognises each table from its columns', () => {
    expect(detectBdnbTable(['batiment_groupe_id', 'nb_log'])).toBe('batiment_groupe_ffo_bat');
    expect(detectBdnbTable(['Batiment_Groupe_ID', 'Classe_Bilan_DPE'])).toBe(
      'batiment_groupe_dpe_representatif_logement',
    );
    expect(detectBdnbTable(['batiment_groupe_id', 'code_commune_insee', 'nb_log'])).toBe(
      'batiment_groupe',
    );
    expect(detectBdnbTable(['nb_log'])).toBeNull();
  });
});
