import { existsSync, readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { dpeSampleCsv } from '../../src/ingest/formats/dpe-format.ts';
import { ImportError } from '../../src/ingest/import-error.ts';
import { fixtureBytes, importText, LYON_SAMPLE } from './ingest-helpers.ts';

const TERRITORY = {
  epciOf: new Map([
    ['69123', '200046977'],
    ['75056', '200054781'],
    ['13055', '200054807'],
    ['01001', '200069193'],
  ]),
  successorOf: new Map<string, string>(),
  reference: 'COG de test',
};

describe('ADEME DPE, 2025 snake_case header, semicolons, decimal commas, no BOM, unquoted', async () => {
  const run = await importText(fixtureBytes('dpe/dpe-2025-snake-semicolon.csv'), {
    territory: TERRITORY,
    dataset: 'dpe-test',
  });

  it('accounts for every row: accepted, or rejected with its line and a reason naming the value', () => {
    expect(run.report).toMatchObject({ format: 'dpe', rows_read: 12, accepted: 8, rejected: 4 });
    expect(run.report.rejections.map((r) => [r.line, r.reason])).toEqual([
      [6, 'code commune absent (colonne Code_INSEE_(BAN) ou code_insee_ban vide)'],
      [7, 'code commune invalide : « 99999 » (colonne Code_INSEE_(BAN) ou code_insee_ban)'],
      [8, 'ni étiquette DPE ni consommations (énergie primaire et GES) : ligne inutilisable'],
      [10, 'numéro de DPE en double : « 2569E0000001A » (première occurrence gardée)'],
    ]);
    expect(run.report.rejections[3]?.raw).toMatch(/^2569E0000001A;2025-02-03;D;/);
    expect([...run.rejected.lines]).toEqual([6, 7, 8, 10]);
  });

  it('keeps published labels, derives a missing one, and counts the inconsistent one', () => {
    expect(run.rows.map((r) => r.dpe_label)).toEqual(['D', 'G', 'E', 'C', 'B', 'A', 'B', 'C']);
    expect(run.report.by_label).toEqual({ A: 1, B: 2, C: 2, D: 1, E: 1, F: 0, G: 1, unknown: 0 });
    expect(run.report.label_inconsistent_count).toBe(1);
    expect(run.report.warnings.find((w) => w.code === 'etiquette_calculee')?.count).toBe(1);
  });

  it('maps a full row to the canonical model: arrondissement, Lambert-93, decimal commas', () => {
    const [first] = run.rows;
    expect(first).toMatchObject({
      dataset: 'dpe-test',
      code_commune: '69123',
      code_epci: '200046977',
      code_departement: '69',
      code_region: '84',
      housing_type: 'appartement',
      construction_period: '1948_1974',
      surface_m2: 64.5,
      heating_energy: 'gaz',
      occupancy: null,
      tenure: null,
      dpe_label: 'D',
      label_source: 'observed',
      ep_kwh_m2: 200.5,
      ef_kwh_m2: 95,
      ghg_kg_m2: 40.1,
      weight: 1,
    });
    expect(first?.lon).toBeCloseTo(4.8565, 3);
    expect(first?.lat).toBeCloseTo(45.7339, 3);
  });

  it('maps codes, categories and positions row by row', () => {
    expect(run.rows.map((r) => r.code_commune)).toEqual([
      '69123',
      '75056',
      '13055',
      '01001',
      '01001',
      '01001',
      '69123',
      '69123',
    ]);
    expect(run.rows.map((r) => r.heating_energy)).toEqual([
      'gaz',
      'fioul',
      'electricite',
      'bois',
      'reseau_chaleur',
      'gpl',
      'electricite',
      'autre',
    ]);
    expect(run.rows.map((r) => r.construction_period)).toEqual([
      '1948_1974',
      'avant_1948',
      '1975_1988',
      '2001_2012',
      'apres_2012',
      '1975_1988',
      'apres_2012',
      null,
    ]);
    expect(run.rows.map((r) => r.housing_type)).toEqual([
      'appartement',
      'maison',
      'appartement',
      'maison',
      'maison',
      'appartement',
      'appartement',
      'appartement',
    ]);
    expect(run.rows[6]).toMatchObject({ lon: 4.8345, lat: 45.7676 });
    expect(run.rows.filter((r) => r.lon === null)).toHaveLength(6);
    expect(run.report.by_epci).toEqual({
      '200046977': 3,
      '200054781': 1,
      '200054807': 1,
      '200069193': 3,
    });
  });

  it('warns about what it could not map, with the offending values', () => {
    const warnings = Object.fromEntries(run.report.warnings.map((w) => [w.code, w]));
    expect(warnings.energie_non_reconnue).toMatchObject({
      count: 1,
      examples: ['Pompe à chaleur géothermique'],
    });
    expect(warnings.periode_non_reconnue).toMatchObject({ count: 1, examples: ['1970-1980'] });
    expect(warnings.arrondissement_ramene_a_la_commune?.examples).toEqual([
      '69388 → 69123',
      '75101 → 75056',
      '13201 → 13055',
      '69381 → 69123',
    ]);
  });

  it('gives the same result whatever the size of the windows read', async () => {
    const small = await importText(fixtureBytes('dpe/dpe-2025-snake-semicolon.csv'), {
      territory: TERRITORY,
      dataset: 'dpe-test',
      chunkBytes: 7,
    });
    expect(small.report).toEqual(run.report);
    expect(small.rows).toEqual(run.rows);
  });
});

describe('ADEME DPE, pre-2025 header: BOM, CRLF, all fields quoted, multi-line address', async () => {
  const run = await importText(fixtureBytes('dpe/dpe-pre2025-bom-crlf-quoted.csv'));

  it('reads the five records', () => {
    expect(run.report).toMatchObject({ rows_read: 5, accepted: 5, rejected: 0 });
  });

  it('places the Lambert-93 origin at 3°E 46.5°N', () => {
    expect(run.rows[0]?.lon).toBeCloseTo(3, 6);
    expect(run.rows[0]?.lat).toBeCloseTo(46.5, 6);
  });

  it('checks labels with the rules of their date, altitude and surface', () => {
    // Line 3: 30 m² after 1 July 2024, C by the small-dwelling bounds; line 5: same values in 2023,
    // D by the ordinary bounds, published C; line 6: E only above 800 m in H1b; line 7: GHG at 11.0.
    expect(run.rows.map((r) => r.dpe_label)).toEqual(['D', 'C', 'C', 'E', 'B']);
    expect(run.report.label_inconsistent_count).toBe(1);
    expect(run.rows.map((r) => r.heating_energy)).toEqual([
      'gaz',
      'electricite',
      'electricite',
      'bois',
      'reseau_chaleur',
    ]);
    expect(run.rows.map((r) => r.code_commune)).toEqual([
      '03036',
      '69123',
      '69123',
      '05023',
      '69123',
    ]);
  });

  it('gives the physical line of a row rejected after a record spanning two lines', async () => {
    const text = new TextDecoder().decode(fixtureBytes('dpe/dpe-pre2025-bom-crlf-quoted.csv'));
    const lines = text.split('\r\n');
    // The record of lines 3–4 spans two lines; line 6 gets an invalid commune.
    lines[5] = lines[5]?.replace('"05023"', '"99999"') ?? '';
    const broken = await importText(lines.join('\r\n'));
    expect(broken.report.rejections.map((r) => [r.line, r.reason.slice(0, 21)])).toEqual([
      [6, 'code commune invalide'],
    ]);
  });
});

describe('ADEME DPE, malformed rows', async () => {
  const run = await importText(fixtureBytes('malformed/dpe-ragged-and-quotes.csv'));

  it('rejects ragged rows and stray or unclosed quotes, and reads on', () => {
    expect(run.report).toMatchObject({ rows_read: 8, accepted: 3, rejected: 5 });
    expect(run.report.rejections.map((r) => [r.line, r.reason.split(' (')[0]])).toEqual([
      [3, 'nombre de champs incorrect : 2 au lieu de 3'],
      [4, 'nombre de champs incorrect : 4 au lieu de 3'],
      [5, 'guillemet isolé dans un champ sans guillemets'],
      [6, 'caractère inattendu après un guillemet fermant'],
      [8, 'guillemet ouvrant jamais refermé'],
    ]);
    expect(run.report.warnings.find((w) => w.code === 'lignes_vides')?.count).toBe(2);
  });

  it('keeps the rejected rows as they were written, with their line and reason', () => {
    expect(run.rejected.lines[0]).toBe(3);
    expect(run.rejected.raws[0]).toBe('2501E0000002B,01001');
    expect(run.rejected.reasons).toHaveLength(5);
  });
});

describe('ADEME DPE, repeated DPE numbers', () => {
  it('keeps the first occurrence that passes the other checks, and rejects the later ones', async () => {
    const run = await importText(
      [
        'numero_dpe,code_insee_ban,etiquette_dpe',
        '2569E0000001A,99999,D', // line 2: rejected for its commune, so not the one kept
        '2569E0000001A,69123,D', // line 3: kept
        '2569E0000002B,69123,E', // line 4: kept
        '2569E0000001A,69123,C', // line 5: duplicate of line 3
        ' 2569E0000002B ,69123,E', // line 6: same number once trimmed
        '2569E0000003C,69123,X', // line 7: rejected for its label, alone
        '2569E0000003C,69123,F', // line 8: kept
      ].join('\n'),
      { territory: TERRITORY, dataset: 'dpe-test' },
    );
    expect(run.report).toMatchObject({ rows_read: 7, accepted: 3, rejected: 4 });
    expect(run.report.rejections.map((r) => [r.line, r.reason])).toEqual([
      [2, 'code commune invalide : « 99999 » (colonne Code_INSEE_(BAN) ou code_insee_ban)'],
      [5, 'numéro de DPE en double : « 2569E0000001A » (première occurrence gardée)'],
      [6, 'numéro de DPE en double : « 2569E0000002B » (première occurrence gardée)'],
      [7, 'étiquette DPE invalide : « X », et pas de consommations pour la recalculer'],
    ]);
    expect(run.rows.map((r) => r.dpe_label)).toEqual(['D', 'E', 'F']);
  });
});

describe('ADEME DPE, raw lines of rejected rows', () => {
  it.each([
    ['read by the lexer (a line end inside quotes)', '"1 rue\nde Lyon"'],
    ['read whole by DuckDB (one record per line)', '1 rue de Lyon'],
  ])('quotes the rejected line itself when %s', async (_, address) => {
    const rejected = '2569E0000003C,99999,D,3 rue de Lyon';
    const run = await importText(
      [
        'numero_dpe,code_insee_ban,etiquette_dpe,adresse_ban',
        // A stray quote in a column the import does not read: not a reason to skip the record.
        '2569E0000001A,69123,D,2 rue "du" Lac',
        `2569E0000002B,69123,E,${address}`,
        rejected,
        '2569E0000004D,69123,F,4 rue de Lyon',
      ].join('\n'),
      { territory: TERRITORY, dataset: 'dpe-test' },
    );
    expect(run.report).toMatchObject({ rows_read: 4, accepted: 3, rejected: 1 });
    expect(run.report.rejections.map((r) => r.raw)).toEqual([rejected]);
  });
});

describe('ADEME DPE, required columns', () => {
  it.each([
    [
      'dpe/dpe-missing-commune.csv',
      'Fichier DPE : colonne obligatoire absente : code commune (Code_INSEE_(BAN) ou code_insee_ban). Colonnes trouvées : « numero_dpe », « etiquette_dpe », « conso_5_usages_par_m2_ep », « emission_ges_5_usages_par_m2 », « nom_commune_ban » (5 colonnes).',
    ],
    [
      'dpe/dpe-missing-label-and-values.csv',
      'Fichier DPE : colonne obligatoire absente : étiquette (Etiquette_DPE ou etiquette_dpe) ou, à défaut, énergie primaire (Conso_5_usages_par_m²_é_primaire ou conso_5_usages_par_m2_ep) et GES (Emission_GES_5_usages_par_m² ou emission_ges_5_usages_par_m2). Colonnes trouvées : « numero_dpe », « code_insee_ban », « etiquette_ges », « conso_5_usages_par_m2_ep » (4 colonnes).',
    ],
  ])(
    '%s fails with one message listing what is missing and what was found',
    async (path, message) => {
      const error = await importText(fixtureBytes(path), { kind: 'dpe' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).message).toBe(message);
    },
  );

  it('an empty file fails, a header-only file reads zero rows', async () => {
    const error = await importText('', { kind: 'dpe' }).catch((e: unknown) => e);
    expect((error as ImportError).message).toBe('Le fichier est vide.');
    const run = await importText(fixtureBytes('malformed/header-only.csv'), { kind: 'dpe' });
    expect(run.report).toMatchObject({ rows_read: 0, accepted: 0, rejected: 0 });
  });
});

describe.skipIf(!existsSync(LYON_SAMPLE))(
  'the real ADEME export of Lyon 8e (skipped when ../shared/data/dpe/ is absent)',
  async () => {
    const run = await importText(new Uint8Array(readFileSync(LYON_SAMPLE)), {
      chunkBytes: 64 * 1024,
    });

    it('reads every record and finds the label counts that native DuckDB finds', async () => {
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      const result = await connection.runAndReadAll(
        `SELECT Etiquette_DPE AS label, count(*)::INTEGER AS n FROM read_csv('${LYON_SAMPLE}', all_varchar = true) GROUP BY ALL`,
      );
      const counts = Object.fromEntries(
        result.getRowObjects().map((r) => [String(r.label ?? 'unknown'), Number(r.n)]),
      );
      connection.closeSync();
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      expect(total).toBe(2851);
      expect(run.report.rows_read).toBe(total);
      expect(run.report.accepted).toBe(total);
      const byLabel = Object.fromEntries(
        Object.entries(run.report.by_label).filter(([, n]) => n > 0),
      );
      expect(byLabel).toEqual(counts);
    });

    it('maps the arrondissement 69388 to Lyon and places every DPE near Lyon', () => {
      const lyon = run.rows.filter((r) => r.code_commune === '69123');
      expect(lyon).toHaveLength(2835);
      expect(run.rows.every((r) => r.lon !== null && Math.abs(r.lon - 4.75) < 0.3)).toBe(true);
      expect(run.rows.every((r) => r.lat !== null && Math.abs(r.lat - 45.75) < 0.15)).toBe(true);
    });

    it('counts the 3 labels that their own values contradict', () => {
      expect(run.report.label_inconsistent_count).toBe(3);
    });
  },
);

describe('ADEME DPE, labels that are not A–G', () => {
  it('recomputes an invalid label from the values, or rejects the row when there are none', async () => {
    const text =
      'numero_dpe;code_insee_ban;etiquette_dpe;conso_5_usages_par_m2_ep;emission_ges_5_usages_par_m2\n' +
      '1;36044;N;100;5\n2;36044;H;;\n3;36044;;100;\n4;36044;c;;\n';
    const run = await importText(text);
    expect(run.rows.map((r) => r.dpe_label)).toEqual(['B', 'C']);
    expect(run.report.rejections.map((r) => r.reason)).toEqual([
      'étiquette DPE invalide : « H », et pas de consommations pour la recalculer',
      'étiquette DPE absente et GES absent : étiquette impossible à recalculer',
    ]);
    expect(
      run.report.warnings.find((w) => w.code === 'etiquette_invalide_recalculee'),
    ).toMatchObject({
      count: 1,
      examples: ['N'],
    });
  });
});

describe('the DPE sample read when the import dialog opens (warm-up)', () => {
  it('goes through acceptance, a computed label, positions and both kinds of rejection', async () => {
    const run = await importText(new TextEncoder().encode(dpeSampleCsv()), {
      territory: TERRITORY,
      dataset: 'sample',
    });
    expect(run.report).toMatchObject({ format: 'dpe', rows_read: 5, accepted: 3, rejected: 2 });
    expect(run.report.rejections.map((r) => r.line)).toEqual([5, 6]);
    expect(run.report.rejections[1]?.reason).toMatch(/^numéro de DPE en double/);
    expect(run.rows.map((r) => [r.code_commune, r.dpe_label])).toEqual([
      ['69123', 'D'],
      ['75056', 'G'],
      ['13055', 'C'],
    ]);
    // Lambert-93 in Lyon, no position in Paris, a geopoint in Marseille.
    expect(run.rows[0]?.lon).toBeCloseTo(4.85, 1);
    expect(run.rows[1]?.lon).toBeNull();
    expect(run.rows[2]?.lat).toBeCloseTo(43.2965, 3);
  });
});
