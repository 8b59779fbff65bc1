import { describe, expect, it } from 'vitest';
import { formatInteger } from '../../src/domain/format.ts';
import { OBSERVED_CAVEAT } from '../../src/domain/provenance.ts';
import {
  type TerritoryTableRow,
  territoryTableColumns,
  territoryTableCsv,
  territoryTableFileName,
} from '../../src/export/territory-table-csv.ts';
import { CsvReader } from '../../src/ingest/csv-reader.ts';

const ROWS: TerritoryTableRow[] = [
  {
    code: '200000172',
    name: 'CC Faucigny-Glières',
    records: 1234,
    dwellings: 12_345.6,
    fg_count: 2100.4,
    fg_share: 0.170_149,
    eg_share: 0.4,
    g_plus_count: 0,
    mean_ep: 243.66,
    mean_ef: 180.04,
    total_ef_gwh: 187.261_49,
    ghg_t: -0.000_1,
    heating_ef_gwh: 100,
  },
  {
    code: '243600327',
    name: '=HYPERLINK("http://x";"clic")',
    records: 4,
    dwellings: 9,
    fg_count: null,
    fg_share: null,
    eg_share: null,
    g_plus_count: null,
    mean_ep: null,
    mean_ef: null,
    total_ef_gwh: null,
    ghg_t: null,
  },
];

const OPTIONS = {
  level: 'epci' as const,
  datasetName: 'Parc de démonstration',
  filters: { labels: ['F', 'G'] as const, periods: ['avant_1948'] as const },
  observed: false,
  indicators: ['dwellings', 'fg_share', 'mean_ep', 'total_ef_gwh', 'ghg_t'] as const,
};

describe('territoryTableCsv', () => {
  it('writes French Excel CSV: BOM, `;`, decimal comma, CRLF, French headers with units', () => {
    expect(territoryTableCsv(ROWS, OPTIONS)).toBe(
      '\uFEFF' +
        [
          'Code EPCI (SIREN);Nom;Enregistrements;Logements;Part de passoires F/G (%);' +
            'Consommation moyenne en énergie primaire (kWhEP/m²/an);' +
            'Consommation totale en énergie finale (GWh/an);' +
            'Émissions de gaz à effet de serre (tCO2e/an);Effectif faible;Jeu de données;Filtres',
          '200000172;CC Faucigny-Glières;1234;12346;17,01;243,7;187,261;0;non;Parc de démonstration;' +
            '"Période de construction : Avant 1948 ; Étiquette DPE : F, G"',
          `243600327;"'=HYPERLINK(""http://x"";""clic"")";4;9;;;;;oui;Parc de démonstration;` +
            '"Période de construction : Avant 1948 ; Étiquette DPE : F, G"',
        ].join('\r\n') +
        '\r\n',
    );
  });

  it('reads back with a CSV reader, one field per column on every line', () => {
    const csv = territoryTableCsv(ROWS, { ...OPTIONS, indicators: undefined });
    const lines: string[][] = [];
    const reader = new CsvReader({
      header: () => undefined,
      record: (record) => lines.push([...record.fields]),
    });
    reader.push(csv);
    reader.end();
    const width = territoryTableColumns({ ...OPTIONS, indicators: undefined }).length;
    // Code, name, records, the nine canonical indicators, flag, dataset, filters.
    expect(width).toBe(15);
    expect(lines).toHaveLength(2);
    expect(lines.every((fields) => fields.length === width)).toBe(true);
    expect(reader.header?.separator).toBe(';');
    expect(lines[1]?.[1]).toBe(`'=HYPERLINK("http://x";"clic")`);
  });

  it('flags small record counts for observed data, and says when nothing is filtered', () => {
    const csv = territoryTableCsv([ROWS[0] as TerritoryTableRow], {
      ...OPTIONS,
      level: 'commune',
      observed: true,
      filters: {},
      indicators: ['heating_ef_gwh'],
    });
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFFCode commune (INSEE);Nom;Enregistrements;Consommation de chauffage (GWh/an);' +
        'Effectif faible;Jeu de données;Filtres',
    );
    expect(csv.split('\r\n')[1]).toBe(
      '200000172;CC Faucigny-Glières;1234;100;non;Parc de démonstration;Aucun filtre',
    );
    const few = territoryTableCsv([{ ...(ROWS[0] as TerritoryTableRow), records: 10 }], {
      ...OPTIONS,
      observed: true,
    });
    expect(few.split('\r\n')[1]).toContain(';oui;');
  });

  it('writes the provenance of fetched open data in a last column, with the ADEME caveat', () => {
    const csv = territoryTableCsv([ROWS[0] as TerritoryTableRow], {
      ...OPTIONS,
      observed: true,
      filters: {},
      indicators: ['fg_share'],
      provenance: {
        source: 'ADEME, DPE des logements existants (dpe03existant), Licence Ouverte 2.0',
        url: 'https://data.ademe.fr/data-fair/api/v1/datasets/dpe03existant',
        fetched_at: '2026-12-04T12:00:00.000Z',
        records: 2834,
        territory: 'EPCI 200046977 (Métropole de Lyon)',
        caveat: OBSERVED_CAVEAT,
      },
    });
    const [header, row] = csv.split('\r\n');
    expect(header?.endsWith(';Jeu de données;Filtres;Source des données')).toBe(true);
    expect(row).toContain(
      `;Aucun filtre;Source : ADEME, DPE des logements existants (dpe03existant), Licence Ouverte 2.0 (https://data.ademe.fr/data-fair/api/v1/datasets/dpe03existant), récupéré le 4 décembre 2026 pour EPCI 200046977 (Métropole de Lyon) : ${formatInteger(2834)} enregistrements.`,
    );
    expect(row).toContain('seuls les logements vendus, loués ou neufs en ont un.');
  });
});

describe('territoryTableFileName', () => {
  const date = new Date(2026, 10, 28, 23, 59);

  it('names the level, the dataset, the filters and the local day, in ASCII', () => {
    expect(
      territoryTableFileName({ level: 'epci', datasetId: 'demo', filters: OPTIONS.filters, date }),
    ).toBe('casba-epci-demo-periode-avant_1948-etiq-f-g-2026-11-28.csv');
    expect(
      territoryTableFileName({
        level: 'commune',
        datasetId: 'DPE Île-de-France',
        filters: {},
        date,
      }),
    ).toBe('casba-commune-dpe-ile-de-france-2026-11-28.csv');
    expect(territoryTableFileName({ level: 'region', datasetId: '***', filters: {}, date })).toBe(
      'casba-region-jeu-2026-11-28.csv',
    );
  });

  it('replaces the filters by « filtres » when the name would be too long', () => {
    const name = territoryTableFileName({
      level: 'departement',
      datasetId: 'demo',
      filters: {
        periods: ['avant_1948', '1948_1974', '1975_1988', '1989_2000', '2001_2012'],
        energies: ['electricite', 'gaz', 'fioul', 'bois', 'reseau_chaleur', 'gpl'],
        tenures: ['proprietaire_occupant', 'locataire_prive', 'locataire_social'],
      },
      date,
    });
    expect(name).toBe('casba-departement-demo-filtres-2026-11-28.csv');
  });
});
