import { describe, expect, it } from 'vitest';
import type {
  ProgrammeCarnet,
  ProgrammeData,
  ProgrammeWork,
} from '../../src/domain/programme-data.ts';
import { DEMO_SOURCE } from '../../src/domain/programme-data.ts';
import { suppressProgrammeCounts } from '../../src/domain/public-programme-counts.ts';
import { auditPublishedTable } from '../../src/domain/published-counts.ts';
import { trueTreeValues } from '../../src/domain/secret-publication.ts';
import { SECRET_THRESHOLD } from '../../src/domain/statistical-secret.ts';
import {
  buildOpenDataExport,
  formatCommunesCsv,
  formatEpciCsv,
  formatOpenDataReadme,
  type MemberCommune,
  openDataTable,
  parseOpenDataFiles,
} from '../../src/export/open-data.ts';

function carnet(
  id: string,
  commune: string,
  epci: string | null,
  source: string | null = null,
): ProgrammeCarnet {
  return {
    id_carnet: id,
    code_commune: commune,
    nom_commune: null,
    code_epci: epci,
    code_region: '32',
    date_ouverture: '2020-01-15',
    operateur: 'ADIL',
    source,
  };
}

function work(id: string, date = '2020-06-01'): ProgrammeWork {
  return {
    id_carnet: id,
    date_travaux: date,
    type_travaux: ['isolation_combles'],
    etiquette_avant: 'F',
    etiquette_apres: 'D',
    conso_ep_avant: null,
    conso_ep_apres: null,
    conso_ef_avant: null,
    conso_ef_apres: null,
    surface_m2: 90,
    cout_ttc: 5000,
    source: null,
  };
}

/** `n` carnets in a commune, ids prefixed by the commune code. */
const carnets = (commune: string, epci: string | null, n: number) =>
  Array.from({ length: n }, (_, i) => carnet(`${commune}-${i}`, commune, epci));

// Adopting EPCI 200000001 (communes 59001–59004), a carnet in 62001 of non-adopting EPCI
// 200000002 (which also holds 62002), one in the island commune 29155 (no EPCI).
const MEMBERSHIP: MemberCommune[] = [
  { code_commune: '59001', code_epci: '200000001' },
  { code_commune: '59002', code_epci: '200000001' },
  { code_commune: '59003', code_epci: '200000001' },
  { code_commune: '59004', code_epci: '200000001' },
  { code_commune: '62001', code_epci: '200000002' },
  { code_commune: '62002', code_epci: '200000002' },
  { code_commune: '75056', code_epci: '200054781' },
  { code_commune: '29155', code_epci: null },
];

function data(): ProgrammeData {
  return {
    territories: [
      {
        siren_epci: '200000001',
        nom_epci: null,
        code_region_partenaire: '32',
        date_adoption: '2019-04-01',
        operateur: 'ADIL',
        source: null,
      },
    ],
    carnets: [
      ...carnets('59001', '200000001', 30),
      ...carnets('59002', '200000001', 25),
      ...carnets('59003', '200000001', 4),
      ...carnets('62001', '200000002', 12),
      ...carnets('29155', null, 1),
    ],
    works: [
      ...Array.from({ length: 12 }, (_, i) => work(`59001-${i}`)),
      work('59001-0', '2020-09-01'),
      ...Array.from({ length: 11 }, (_, i) => work(`59002-${i}`)),
      work('59003-0', '2021-02-03'),
    ],
  };
}

describe('openDataTable', () => {
  it('publishes every member commune of the EPCI present, with its EPCI (none in the « hors » group)', () => {
    const tree = suppressProgrammeCounts(data(), ['32'], MEMBERSHIP);
    const table = openDataTable(tree);
    expect(table.columns).toEqual(['carnets', 'travaux']);
    expect(table.cells.map((c) => [c.code, c.parent])).toEqual([
      ['29155', null],
      ['59001', '200000001'],
      ['59002', '200000001'],
      ['59003', '200000001'],
      ['59004', '200000001'],
      ['62001', '200000002'],
      ['62002', '200000002'],
    ]);
    expect(table.parents.map((p) => p.code)).toEqual(['200000001', '200000002']);
    // Published figures are the true counts of the tree (59001: 30 carnets, 13 works).
    const truth = trueTreeValues(tree);
    for (const cell of table.cells) {
      cell.values.forEach((v, i) => {
        const id = `commune:${cell.code}:${table.columns[i]}`;
        if (v !== null) expect(v).toBe(truth.get(id));
      });
    }
    expect(truth.get('commune:59001:travaux')).toBe(13);
    expect(table.total).toEqual([72, 25]);
  });
});

describe('open-data CSV', () => {
  const published = {
    columns: ['carnets', 'travaux'],
    cells: [
      { code: '01001', parent: '200000001', values: [null, 0] },
      { code: '2A004', parent: null, values: [15, null] },
    ],
    parents: [{ code: '200000001', values: [40, 12] }],
    total: [55, 20],
  };

  it('writes comma-separated UTF-8 without BOM, CRLF, `s` for a suppressed cell', () => {
    expect(formatCommunesCsv(published)).toBe(
      'code_commune,code_epci,carnets,travaux\r\n01001,200000001,s,0\r\n2A004,,15,s\r\n',
    );
    expect(formatEpciCsv(published)).toBe('code_epci,carnets,travaux\r\n200000001,40,12\r\n');
  });

  it('reads its own files back', () => {
    const text = parseOpenDataFiles(
      formatCommunesCsv(published),
      formatEpciCsv(published),
      [55, 20],
    );
    expect(text).toEqual(published);
  });

  it.each([
    ['a wrong header', 'commune,code_epci,carnets\r\n01001,200000001,4\r\n'],
    [
      'a value that is not a count',
      'code_commune,code_epci,carnets,travaux\r\n01001,200000001,4.5,0\r\n',
    ],
    ['a short line', 'code_commune,code_epci,carnets,travaux\r\n01001,200000001,4\r\n'],
  ])('rejects %s', (_, communes) => {
    expect(() => parseOpenDataFiles(communes, formatEpciCsv(published), null)).toThrow(RangeError);
  });
});

describe('formatOpenDataReadme', () => {
  const input = {
    programme: { name: 'CaSBa', reference: 'PRO-INNO-14' },
    demo: false,
    territoryReference: 'COG 2023',
    period: { first: '2019-04-08', last: '2021-06-30' },
    communes: 7,
    epci: 2,
    columns: ['carnets', 'travaux'],
    totals: [72, null],
    summary: { cells: 20, primary: 6, secondary: 3 },
    threshold: 11,
  };

  it('describes the columns, the rules, the vintage and the licences', () => {
    const text = formatOpenDataReadme(input);
    for (const expected of [
      '`code_commune`',
      '`code_epci`',
      '`carnets`',
      '`travaux`',
      'de 1 à 10 unités',
      'Secret secondaire',
      'du 2019-04-08 au 2021-06-30',
      'COG 2023',
      'Licence Ouverte / Open Licence version 2.0',
      'EUPL 1.2',
      'carnets : 72 ; travaux : secret',
      'dont 6 masquées par secret primaire et 3 par secret secondaire',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('FICTIVES');
  });

  it('warns when the data is the demo', () => {
    expect(formatOpenDataReadme({ ...input, demo: true })).toContain(
      'DONNÉES DE DÉMONSTRATION FICTIVES',
    );
  });
});

describe('buildOpenDataExport', () => {
  const programme = { name: 'CaSBa', reference: 'PRO-INNO-14' };

  it('publishes files that pass the recovery check, and says whether the data is the demo', () => {
    const demoData = data();
    demoData.carnets[0] = { ...carnet('59001-0', '59001', '200000001', DEMO_SOURCE) };
    const result = buildOpenDataExport({
      data: demoData,
      membership: MEMBERSHIP,
      partnerRegions: ['32'],
      programme,
      territoryReference: 'COG 2023',
    });
    expect(result.audit.passed).toBe(true);
    expect(result.audit.disclosures).toEqual([]);
    expect(result.summary).toMatchObject({
      communes: 7,
      epci: 2,
      demo: true,
      totals: { carnets: 72, travaux: 25 },
    });
    expect(result.summary.primary).toBeGreaterThan(0);
    // 59003 (4 carnets, 1 work) and the island (1 carnet) are hidden; nothing from 1 to 10 shows.
    expect(result.patternAudit.passed).toBe(true);
    const lines = result.files.communes.split('\r\n');
    expect(lines).toContain('59003,200000001,s,s');
    // The island's « 0 travaux » is implied by the « hors » group the dashboard shows (0 works over
    // 13 carnets): the zero rule publishes it, its carnet stays hidden.
    expect(lines).toContain('29155,,s,0');
    for (const line of lines.slice(1, -1)) {
      for (const field of line.split(',').slice(2)) {
        expect(field === 's' || Number(field) === 0 || Number(field) >= 11).toBe(true);
      }
    }
    expect(result.files.readme).toContain('FICTIVES');
  });

  it('fails the recovery check when a secondary suppression is undone', () => {
    const suppressed = suppressProgrammeCounts(data(), ['32'], MEMBERSHIP);
    const secondary = suppressed.nodes.find(
      (n) => n.level === 'commune' && n.cells[0]?.suppressed === 'secondary',
    );
    expect(secondary).toBeDefined();
    const result = buildOpenDataExport({
      data: data(),
      membership: MEMBERSHIP,
      partnerRegions: ['32'],
      programme,
      territoryReference: 'COG 2023',
    });
    const code = secondary?.code ?? '';
    const tampered = result.files.communes.replace(
      new RegExp(`^${code},([^,]*),s,`, 'm'),
      `${code},$1,${secondary?.cells[0]?.value},`,
    );
    expect(tampered).not.toBe(result.files.communes);
    const truth = trueTreeValues(suppressed);
    const audit = auditPublishedTable(
      parseOpenDataFiles(tampered, result.files.epci, [72, 25]),
      (id) => truth.get(id),
      SECRET_THRESHOLD,
    );
    expect(audit.passed).toBe(false);
    expect(audit.disclosures.map((d) => d.kind)).toContain('determined');
  });
});
