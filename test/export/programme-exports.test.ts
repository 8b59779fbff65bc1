import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ProgrammeConfig, parseProgrammeConfig } from '../../src/domain/programme-config.ts';
import type { ProgrammeData } from '../../src/domain/programme-data.ts';
import { parseQuarter } from '../../src/domain/programme-dates.ts';
import {
  formatAdoptingAuthoritiesCsv,
  listAdoptingAuthorities,
} from '../../src/export/adopting-authorities.ts';
import {
  formatCeeBeneficiariesCsv,
  listQuarterBeneficiaries,
} from '../../src/export/cee-beneficiaries.ts';
import {
  formatCarnetsCsv,
  formatTerritoriesCsv,
  formatWorksCsv,
} from '../../src/export/programme-csv.ts';
import { importProgrammeCsv } from '../../src/ingest/programme-csv.ts';
import { programmeImportContext } from '../../src/ingest/programme-reference.ts';

function casba(): ProgrammeConfig {
  const json = JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../data/programme/casba.json'), 'utf8'),
  );
  const result = parseProgrammeConfig(json);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

const DATA: ProgrammeData = {
  territories: [
    {
      siren_epci: '243100518',
      nom_epci: 'Toulouse Métropole',
      code_region_partenaire: '76',
      date_adoption: '2019-09-02',
      operateur: '=HYPERLINK("x")',
      source: null,
    },
    {
      siren_epci: '200093201',
      nom_epci: 'Métropole Européenne de Lille',
      code_region_partenaire: '32',
      date_adoption: '2019-04-15',
      operateur: 'ADIL; du Nord',
      source: 'démonstration',
    },
  ],
  carnets: [
    {
      id_carnet: 'C3',
      code_commune: '31555',
      nom_commune: 'Toulouse',
      code_epci: '243100518',
      code_region: '76',
      date_ouverture: '2020-07-01',
      operateur: 'Soleval',
      source: null,
    },
    {
      id_carnet: 'C1',
      code_commune: '59350',
      nom_commune: 'Lille',
      code_epci: '200093201',
      code_region: '32',
      date_ouverture: '2020-09-30',
      operateur: 'ADIL',
      source: null,
    },
    {
      id_carnet: 'C2',
      code_commune: '59009',
      nom_commune: "Villeneuve-d'Ascq",
      code_epci: '200093201',
      code_region: '32',
      date_ouverture: '2020-07-01',
      operateur: 'ADIL',
      source: null,
    },
    {
      id_carnet: 'C4',
      code_commune: '08105',
      nom_commune: 'Charleville-Mézières',
      code_epci: '200041630',
      code_region: '44',
      date_ouverture: '2020-08-15',
      operateur: 'EIE',
      source: null,
    },
    {
      id_carnet: 'C5',
      code_commune: '59350',
      nom_commune: 'Lille',
      code_epci: '200093201',
      code_region: '32',
      date_ouverture: '2020-10-01',
      operateur: 'ADIL',
      source: null,
    },
    {
      id_carnet: 'C6',
      code_commune: '59350',
      nom_commune: 'Lille',
      code_epci: '200093201',
      code_region: '32',
      date_ouverture: '2020-06-30',
      operateur: 'ADIL',
      source: null,
    },
  ],
  works: [
    {
      id_carnet: 'C1',
      date_travaux: '2020-12-01',
      type_travaux: ['isolation_murs', 'menuiseries'],
      etiquette_avant: 'F',
      etiquette_apres: 'D',
      conso_ep_avant: 380.5,
      conso_ep_apres: 220,
      conso_ef_avant: null,
      conso_ef_apres: null,
      surface_m2: 95.5,
      cout_ttc: 18_500.5,
      source: null,
    },
    {
      id_carnet: 'C3',
      date_travaux: '2021-01-10',
      type_travaux: ['chauffage'],
      etiquette_avant: null,
      etiquette_apres: null,
      conso_ep_avant: 310,
      conso_ep_apres: 240,
      conso_ef_avant: 280,
      conso_ef_apres: 200,
      surface_m2: null,
      cout_ttc: null,
      source: null,
    },
  ],
};

const lines = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((l) => l !== '');

describe('CEE beneficiaries of a quarter', () => {
  it('lists the carnets opened from the first to the last day of the quarter, by date then id', () => {
    const q = parseQuarter('2020-Q3');
    if (q === null) throw new Error('quarter');
    const rows = listQuarterBeneficiaries(casba(), DATA, q, {
      epciName: () => 'CA Ardenne Métropole',
    });
    expect(rows.map((r) => r.carnet.id_carnet)).toEqual(['C2', 'C3', 'C4', 'C1']);
    expect(rows[2]).toMatchObject({
      adopting: false,
      nom_epci: 'CA Ardenne Métropole',
      region_partenaire: null,
    });
  });

  it('writes the French Excel CSV with the documented columns', () => {
    const csv = formatCeeBeneficiariesCsv(casba(), DATA, '2020-Q3');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines(csv)).toEqual([
      "Programme;Trimestre;Identifiant du carnet;Date d'ouverture;Code commune (INSEE);Commune;SIREN de l'EPCI;EPCI;Territoire adhérent;Région partenaire;Opérateur de terrain",
      "PRO-INNO-14;2020-T3;C2;01/07/2020;59009;Villeneuve-d'Ascq;200093201;Métropole Européenne de Lille;oui;Hauts-de-France;ADIL",
      'PRO-INNO-14;2020-T3;C3;01/07/2020;31555;Toulouse;243100518;Toulouse Métropole;oui;Occitanie;Soleval',
      'PRO-INNO-14;2020-T3;C4;15/08/2020;08105;Charleville-Mézières;200041630;;non;;EIE',
      'PRO-INNO-14;2020-T3;C1;30/09/2020;59350;Lille;200093201;Métropole Européenne de Lille;oui;Hauts-de-France;ADIL',
    ]);
  });

  it('writes only the header for a quarter without carnets, and refuses an unreadable quarter', () => {
    expect(lines(formatCeeBeneficiariesCsv(casba(), DATA, '2019-Q1'))).toHaveLength(1);
    expect(() => formatCeeBeneficiariesCsv(casba(), DATA, '2020-S2')).toThrow(
      /Trimestre illisible/,
    );
  });
});

describe('adopting authorities', () => {
  it('lists adopting territories by adoption date with their counts', () => {
    const rows = listAdoptingAuthorities(casba(), DATA);
    expect(rows.map((r) => [r.siren_epci, r.region_partenaire, r.carnets, r.works])).toEqual([
      ['200093201', 'Hauts-de-France', 4, 1],
      ['243100518', 'Occitanie', 1, 1],
    ]);
  });

  it('writes the CSV with decimal commas and neutralised formula cells', () => {
    const csv = formatAdoptingAuthoritiesCsv(casba(), DATA, {
      fgDwellings: { '200093201': 30_000 },
    });
    expect(lines(csv)).toEqual([
      "SIREN de l'EPCI;EPCI;Code région partenaire;Région partenaire;Date d'adoption;Opérateur de terrain;Carnets ouverts;Travaux recensés;Taux de conversion (%);Logements F/G;Carnets pour 1 000 logements F/G",
      '200093201;Métropole Européenne de Lille;32;Hauts-de-France;15/04/2019;"ADIL; du Nord";4;1;25;30000;0,1',
      `243100518;Toulouse Métropole;76;Occitanie;02/09/2019;"'=HYPERLINK(""x"")";1;1;100;;`,
    ]);
  });

  it('counts as of a steering committee date', () => {
    const rows = listAdoptingAuthorities(casba(), DATA, { asOf: '2020-06-30' });
    expect(rows.map((r) => [r.siren_epci, r.carnets])).toEqual([
      ['200093201', 1],
      ['243100518', 0],
    ]);
    expect(listAdoptingAuthorities(casba(), DATA, { asOf: '2019-08-31' })).toHaveLength(1);
  });
});

describe('programme CSV writer', () => {
  it('writes the import schemas, which read back to the same rows', () => {
    const reference = {
      name: 'test',
      commune: (code: string) => {
        const c = DATA.carnets.find((x) => x.code_commune === code);
        return (
          c && {
            nom_commune: c.nom_commune ?? '',
            code_epci: c.code_epci,
            code_region: c.code_region ?? '',
          }
        );
      },
      epci: (siren: string) => {
        const t = DATA.territories.find((x) => x.siren_epci === siren);
        return t && { nom_epci: t.nom_epci ?? '', code_region: t.code_region_partenaire };
      },
    };
    const { data, reports } = importProgrammeCsv(
      {
        territories: formatTerritoriesCsv(DATA.territories),
        carnets: formatCarnetsCsv(DATA.carnets),
        works: formatWorksCsv(DATA.works),
      },
      { ...programmeImportContext(casba()), reference },
    );
    expect(reports.territories.rejected + reports.carnets.rejected + reports.works.rejected).toBe(
      0,
    );
    // The formula-looking operator comes back with its protective apostrophe.
    expect(data.territories[0]?.operateur).toBe(`'=HYPERLINK("x")`);
    expect(data.territories[1]).toEqual(DATA.territories[1]);
    expect(data.carnets).toEqual(DATA.carnets);
    expect(data.works).toEqual(DATA.works);
  });
});
