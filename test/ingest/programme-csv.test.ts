import { describe, expect, it } from 'vitest';
import type { ProgrammeCarnet, ProgrammeTerritory } from '../../src/domain/programme-data.ts';
import { ImportError } from '../../src/ingest/import-error.ts';
import {
  createCarnetsImport,
  createTerritoriesImport,
  createWorksImport,
  importProgrammeCsv,
  type ProgrammeCsvImport,
  type ProgrammeImportContext,
  type ProgrammeReference,
} from '../../src/ingest/programme-csv.ts';

// A tiny territory reference (real COG 2026 codes).
const EPCIS: Record<string, { nom_epci: string; code_region: string }> = {
  '200093201': { nom_epci: 'Métropole Européenne de Lille', code_region: '32' },
  '243100518': { nom_epci: 'Toulouse Métropole', code_region: '76' },
  '200041630': { nom_epci: 'CA Ardenne Métropole', code_region: '44' },
  '200066389': { nom_epci: 'CA Saint-Lô Agglo', code_region: '28' },
};
const COMMUNES: Record<
  string,
  { nom_commune: string; code_epci: string | null; code_region: string }
> = {
  '59350': { nom_commune: 'Lille', code_epci: '200093201', code_region: '32' },
  '59009': { nom_commune: "Villeneuve-d'Ascq", code_epci: '200093201', code_region: '32' },
  '31555': { nom_commune: 'Toulouse', code_epci: '243100518', code_region: '76' },
  '08105': { nom_commune: 'Charleville-Mézières', code_epci: '200041630', code_region: '44' },
  '75056': { nom_commune: 'Paris', code_epci: '200054781', code_region: '11' },
  '59006': { nom_commune: "L'Orée de Mormal", code_epci: '200043321', code_region: '32' },
};
// COG history: Bermeries (59070, a commune of the COG 2023) merged into L'Orée de Mormal.
const SUCCESSORS: Record<string, string> = { '59070': '59006' };
const REFERENCE: ProgrammeReference = {
  name: 'COG 2026',
  commune: (code) => COMMUNES[code],
  epci: (siren) => EPCIS[siren],
  successor: (code) => SUCCESSORS[code],
};
const CONTEXT: ProgrammeImportContext = {
  calendar: { start: '2019-03-11', end: '2021-06-30' },
  partnerRegions: [
    { code: '32', name: 'Hauts-de-France' },
    { code: '75', name: 'Nouvelle-Aquitaine' },
    { code: '44', name: 'Grand Est' },
    { code: '76', name: 'Occitanie' },
    { code: '24', name: 'Centre-Val de Loire' },
  ],
  workTypes: [
    'isolation_combles',
    'isolation_murs',
    'isolation_plancher',
    'menuiseries',
    'chauffage',
    'eau_chaude',
    'ventilation',
    'renovation_globale',
    'autre',
  ],
  reference: REFERENCE,
};

function run<T>(im: ProgrammeCsvImport<T>, text: string) {
  im.push(text);
  return im.end();
}

const TERRITORIES = [
  'siren_epci;code_region_partenaire;date_adoption;operateur',
  '200093201;32;2019-04-15;ADIL du Nord',
  '243100518;76;02/09/2019;Soleval',
].join('\n');

const territoriesRows = (): ProgrammeTerritory[] =>
  run(createTerritoriesImport(CONTEXT), TERRITORIES).rows;

const CARNETS = [
  'id_carnet,code_commune,date_ouverture,operateur',
  'C1,59350,2019-05-01,ADIL du Nord',
  'C2,31555,15/10/2019,Soleval',
  'C3,08105,2020-01-20,Espace Info Énergie',
].join('\r\n');

const carnetRows = (): ProgrammeCarnet[] =>
  run(createCarnetsImport(CONTEXT, territoriesRows()), CARNETS).rows;

describe('territories', () => {
  it('reads both date formats and fills the EPCI name', () => {
    const { rows, report } = run(createTerritoriesImport(CONTEXT), TERRITORIES);
    expect(report).toMatchObject({ file: 'territoires', rows_read: 2, accepted: 2, rejected: 0 });
    expect(rows).toEqual([
      {
        siren_epci: '200093201',
        nom_epci: 'Métropole Européenne de Lille',
        code_region_partenaire: '32',
        date_adoption: '2019-04-15',
        operateur: 'ADIL du Nord',
        source: null,
      },
      expect.objectContaining({ siren_epci: '243100518', date_adoption: '2019-09-02' }),
    ]);
  });

  it.each<[string, string]>([
    [
      '200093202;32;2019-04-15;Op',
      'siren_epci invalide : « 200093202 » (9 chiffres dont une clé de contrôle attendus)',
    ],
    ['20009320;32;2019-04-15;Op', 'siren_epci invalide'],
    [';32;2019-04-15;Op', 'siren_epci absent'],
    ['732829320;32;2019-04-15;Op', 'EPCI inconnu du COG 2026 : 732829320'],
    [
      '200041630;84;2019-04-15;Op',
      'code_region_partenaire « 84 » : pas une région partenaire du programme (attendu : 32, 75, 44, 76, 24)',
    ],
    [
      '200041630;44;2019-02-28;Op',
      'date_adoption hors du calendrier du programme (2019-03-11 → 2021-06-30) : 2019-02-28',
    ],
    ['200041630;44;2021-07-01;Op', 'date_adoption hors du calendrier'],
    [
      '200041630;44;31/02/2020;Op',
      'date_adoption illisible : « 31/02/2020 » (formats acceptés : AAAA-MM-JJ ou JJ/MM/AAAA, date existante)',
    ],
    ['200041630;44;2020.01.05;Op', 'date_adoption illisible'],
    ['200041630;44;;Op', 'date_adoption absente'],
    ['200041630;44;2020-01-05;', 'operateur absent'],
    ['200093201;32;2020-01-05;Autre', 'territoire en double : SIREN 200093201 déjà lu ligne 2'],
    ['200041630;44;2020-01-05', 'nombre de champs incorrect : 3 au lieu de 4'],
  ])('rejects %j: %s', (line, reason) => {
    const { report } = run(createTerritoriesImport(CONTEXT), `${TERRITORIES}\n${line}\n`);
    expect(report.rows_read).toBe(3);
    expect(report.accepted).toBe(2);
    expect(report.rejections).toEqual([
      { line: 4, reason: expect.stringContaining(reason), raw: line },
    ]);
  });

  it('accepts a SIREN with spaces and warns when the partner région is not the EPCI’s own', () => {
    const { rows, report } = run(
      createTerritoriesImport(CONTEXT),
      'SIREN EPCI;Région partenaire;Date d’adoption;Opérateur\n200 066 389;24;2020-02-03;Op\n',
    );
    expect(rows[0]?.siren_epci).toBe('200066389');
    expect(report.warnings).toEqual([
      expect.objectContaining({
        code: 'region_partenaire_differente',
        count: 1,
        examples: ['200066389 : 24 ≠ 28'],
      }),
    ]);
  });

  it('without a reference, checks the shape only', () => {
    const { rows } = run(
      createTerritoriesImport({ ...CONTEXT, reference: undefined }),
      'siren_epci,code_region_partenaire,date_adoption,operateur\n732829320,32,2020-01-01,Op\n',
    );
    expect(rows).toEqual([expect.objectContaining({ siren_epci: '732829320', nom_epci: null })]);
  });

  it('stops with a French error naming the missing columns', () => {
    expect(() =>
      run(createTerritoriesImport(CONTEXT), 'siren_epci;operateur\n200093201;Op\n'),
    ).toThrow(
      /Fichier des territoires adhérents : colonnes obligatoires absentes : code_region_partenaire ; date_adoption/,
    );
    expect(() => run(createTerritoriesImport(CONTEXT), '')).toThrow(ImportError);
  });
});

describe('carnets', () => {
  it('resolves the commune’s EPCI and région, accepts DD/MM/YYYY, CRLF and commas', () => {
    const { rows, report } = run(createCarnetsImport(CONTEXT, territoriesRows()), CARNETS);
    expect(report).toMatchObject({ rows_read: 3, accepted: 3, rejected: 0 });
    expect(rows[1]).toEqual({
      id_carnet: 'C2',
      code_commune: '31555',
      nom_commune: 'Toulouse',
      code_epci: '243100518',
      code_region: '76',
      date_ouverture: '2019-10-15',
      operateur: 'Soleval',
      source: null,
    });
    expect(report.warnings).toEqual([
      expect.objectContaining({
        code: 'carnet_hors_territoire_adherent',
        count: 1,
        examples: ['08105'],
      }),
    ]);
  });

  it.each<[string, string]>([
    ['C1,59009,2019-06-01,Op', 'id_carnet en double : « C1 » déjà lu ligne 2'],
    [',59009,2019-06-01,Op', 'id_carnet absent'],
    ['C9,99999,2019-06-01,Op', 'code_commune invalide : « 99999 »'],
    ['C9,59999,2019-06-01,Op', 'code_commune inconnu du COG 2026 : 59999'],
    ['C9,,2019-06-01,Op', 'code_commune absent'],
    ['C9,59009,2018-12-31,Op', 'date_ouverture hors du calendrier du programme'],
    ['C9,59009,2019-06-31,Op', 'date_ouverture illisible'],
    ['C9,59009,2019-06-01,', 'operateur absent'],
  ])('rejects %j: %s', (line, reason) => {
    const { report } = run(
      createCarnetsImport(CONTEXT, territoriesRows()),
      `${CARNETS}\r\n${line}\r\n`,
    );
    expect([report.rows_read, report.accepted, report.rejected]).toEqual([4, 3, 1]);
    expect(report.rejections[0]).toMatchObject({
      line: 5,
      reason: expect.stringContaining(reason),
    });
  });

  it('maps arrondissements and spreadsheet-damaged codes, warns about early carnets', () => {
    const { rows, report } = run(
      createCarnetsImport(CONTEXT, territoriesRows()),
      'id_carnet;code_commune;date_ouverture;operateur\nP1;75108;2019-05-01;Op\nL1;59350.0;2019-04-01;Op\n',
    );
    expect(rows.map((r) => r.code_commune)).toEqual(['75056', '59350']);
    expect(report.warnings.map((w) => w.code).sort()).toEqual([
      'arrondissement_ramene_a_la_commune',
      'carnet_avant_adhesion',
      'carnet_hors_territoire_adherent',
    ]);
  });

  it('lands a commune merged since on its commune nouvelle and says so', () => {
    const { rows, report } = run(
      createCarnetsImport(CONTEXT, territoriesRows()),
      'id_carnet;code_commune;date_ouverture;operateur\nB1;59070;2019-05-01;Op\nX1;59999;2019-05-01;Op\n',
    );
    expect(rows).toMatchObject([
      { id_carnet: 'B1', code_commune: '59006', nom_commune: "L'Orée de Mormal" },
    ]);
    expect(rows[0]?.code_epci).toBe('200043321');
    expect(report.warnings.find((w) => w.code === 'commune_fusionnee')).toEqual({
      code: 'commune_fusionnee',
      message:
        'Communes fusionnées (historique du COG 2026) : carnets rattachés à la commune nouvelle.',
      count: 1,
      examples: ['59070 → 59006'],
    });
    expect(report.rejections).toMatchObject([
      { line: 3, reason: 'code_commune inconnu du COG 2026 : 59999' },
    ]);
  });
});

const WORK_HEADER =
  'id_carnet;date_travaux;type_travaux;etiquette_avant;etiquette_apres;conso_ep_avant;conso_ep_apres;conso_ef_avant;conso_ef_apres;surface_m2;cout_ttc';
const WORKS = [
  WORK_HEADER,
  'C1;2019-09-01;isolation_combles+chauffage;F;D;380,5;220;300;180;95;18 500,50',
  'C2;2020-03-01;menuiseries;e;d;;;;;;',
  'C3;2021-06-30;chauffage;;;310;240;;;80;',
].join('\n');

describe('works', () => {
  it('reads labels, consumptions with decimal commas, combined types, optional cells', () => {
    const { rows, report } = run(createWorksImport(CONTEXT, carnetRows()), WORKS);
    expect(report).toMatchObject({ rows_read: 3, accepted: 3, rejected: 0, warnings: [] });
    expect(rows[0]).toEqual({
      id_carnet: 'C1',
      date_travaux: '2019-09-01',
      type_travaux: ['isolation_combles', 'chauffage'],
      etiquette_avant: 'F',
      etiquette_apres: 'D',
      conso_ep_avant: 380.5,
      conso_ep_apres: 220,
      conso_ef_avant: 300,
      conso_ef_apres: 180,
      surface_m2: 95,
      cout_ttc: 18_500.5,
      source: null,
    });
    expect(rows[1]).toMatchObject({
      etiquette_avant: 'E',
      etiquette_apres: 'D',
      surface_m2: null,
      cout_ttc: null,
    });
    expect(rows[2]).toMatchObject({
      etiquette_avant: null,
      conso_ep_avant: 310,
      conso_ef_avant: null,
    });
  });

  it.each<[string, string]>([
    [
      'C9;2020-01-01;chauffage;F;D;;;;;;',
      'id_carnet inconnu : « C9 » (aucun carnet accepté avec cet identifiant)',
    ],
    [
      'C1;2019-04-30;chauffage;F;D;;;;;;',
      "date_travaux (2019-04-30) antérieure à l'ouverture du carnet (2019-05-01)",
    ],
    ['C1;2021-07-01;chauffage;F;D;;;;;;', 'date_travaux hors du calendrier du programme'],
    [
      'C1;2020-01-01;pompe_a_chaleur;F;D;;;;;;',
      'type_travaux inconnu : « pompe_a_chaleur » (valeurs admises',
    ],
    ['C1;2020-01-01;;F;D;;;;;;', 'type_travaux absent'],
    ['C1;2020-01-01;chauffage;H;D;;;;;;', 'etiquette_avant invalide : « H » (A à G attendu)'],
    ['C1;2020-01-01;chauffage;D;E;;;;;;', "étiquette après travaux (E) moins bonne qu'avant (D)"],
    [
      'C1;2020-01-01;chauffage;F;;;;;;;',
      'etiquette_apres absente alors que etiquette_avant est renseignée',
    ],
    [
      'C1;2020-01-01;chauffage;;;200;250;;;;',
      'conso_ep_apres (250) supérieure à conso_ep_avant (200)',
    ],
    [
      'C1;2020-01-01;chauffage;;;;;200;210;;',
      'conso_ef_apres (210) supérieure à conso_ef_avant (200)',
    ],
    ['C1;2020-01-01;chauffage;;;-5;-10;;;;', 'conso_ep_avant négatif : -5'],
    ['C1;2020-01-01;chauffage;;;abc;100;;;;', "conso_ep_avant n'est pas un nombre : « abc »"],
    ['C1;2020-01-01;chauffage;;;;;;;90;', 'ni étiquettes ni consommations avant et après travaux'],
    ['C1;2020-01-01;chauffage;F;D;;;;;0;', 'surface_m2 nulle'],
    ['C1;2020-01-01;chauffage;F;D;;;;;-80;', 'surface_m2 négatif'],
    ['C1;2020-01-01;chauffage;F;D;;;;;;-100', 'cout_ttc négatif : -100'],
    [
      'C1;2019-09-01;chauffage+isolation_combles;F;D;;;;;;',
      'travaux en double (même carnet, date et type) : déjà lus ligne 2',
    ],
  ])('rejects %j: %s', (line, reason) => {
    const { report } = run(createWorksImport(CONTEXT, carnetRows()), `${WORKS}\n${line}\n`);
    expect([report.rows_read, report.accepted, report.rejected]).toEqual([4, 3, 1]);
    expect(report.rejections[0]?.reason).toContain(reason);
  });

  it('needs at least one complete pair of before/after columns', () => {
    expect(() =>
      run(
        createWorksImport(CONTEXT, carnetRows()),
        'id_carnet;date_travaux;type_travaux;etiquette_avant\nC1;2020-01-01;chauffage;F\n',
      ),
    ).toThrow(/etiquette_avant et etiquette_apres, ou conso_ep_avant et conso_ep_apres/);
  });

  it('ignores cout_ht with a warning (the schema wants TTC)', () => {
    const { rows, report } = run(
      createWorksImport(CONTEXT, carnetRows()),
      'id_carnet;date_travaux;type_travaux;etiquette_avant;etiquette_apres;cout_ht\nC1;2020-01-01;chauffage;F;D;1000\n',
    );
    expect(rows[0]?.cout_ttc).toBeNull();
    expect(report.warnings.map((w) => w.code)).toEqual(['colonne_cout_ht_ignoree']);
  });
});

describe('importProgrammeCsv', () => {
  it('chains the three files: a rejected carnet makes its works unknown', () => {
    const { data, reports } = importProgrammeCsv(
      {
        territories: TERRITORIES,
        carnets: `${CARNETS}\r\nC4,59350,2017-01-01,Op\r\n\r\n`,
        works: `${WORKS}\nC4;2020-01-01;chauffage;F;D;;;;;;\n`,
      },
      CONTEXT,
    );
    expect(data.carnets.map((c) => c.id_carnet)).toEqual(['C1', 'C2', 'C3']);
    expect(data.works).toHaveLength(3);
    for (const report of Object.values(reports)) {
      expect(report.rows_read).toBe(report.accepted + report.rejected);
    }
    expect(reports.carnets.warnings.find((w) => w.code === 'lignes_vides')?.count).toBe(1);
    expect(reports.works.rejections[0]?.reason).toContain('id_carnet inconnu : « C4 »');
  });

  it('keeps rows read in chunks the same as in one piece', () => {
    const whole = run(createCarnetsImport(CONTEXT, territoriesRows()), CARNETS);
    const im = createCarnetsImport(CONTEXT, territoriesRows());
    for (let i = 0; i < CARNETS.length; i += 7) im.push(CARNETS.slice(i, i + 7));
    expect(im.end()).toEqual(whole);
  });
});
