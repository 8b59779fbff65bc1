import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProgrammeConfig } from '../../src/domain/programme-config.ts';
import type { ProgrammeWork } from '../../src/domain/programme-data.ts';
import {
  formatCarnetsCsv,
  formatTerritoriesCsv,
  formatWorksCsv,
} from '../../src/export/programme-csv.ts';
import { importProgrammeCsv } from '../../src/ingest/programme-csv.ts';
import { programmeImportContext } from '../../src/ingest/programme-reference.ts';

const CASBA = resolve(import.meta.dirname, '../../data/programme/casba.json');

/** A second CEE programme written from CaSBa's file: other kinds of works, another cost model. */
function otherProgramme() {
  const json = JSON.parse(readFileSync(CASBA, 'utf8'));
  json.id = 'autre';
  json.work_types = [
    { id: 'pompe_a_chaleur', label: 'Pompe à chaleur' },
    { id: 'audit', label: 'Audit énergétique' },
  ];
  json.unit_costs.per_carnet.amount = 12.5;
  const parsed = parseProgrammeConfig(json);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.config;
}

const WORK: ProgrammeWork = {
  id_carnet: 'C1',
  date_travaux: '2020-05-04',
  type_travaux: ['pompe_a_chaleur'],
  etiquette_avant: 'F',
  etiquette_apres: 'D',
  conso_ep_avant: null,
  conso_ep_apres: null,
  conso_ef_avant: null,
  conso_ef_apres: null,
  surface_m2: 80,
  cout_ttc: 12000,
  source: null,
};

describe('programmeImportContext', () => {
  it('takes the kinds of works from the configuration: a second programme needs only its file', () => {
    const config = otherProgramme();
    const context = programmeImportContext(config, {
      name: 'COG test',
      communes: [
        {
          code_commune: '36044',
          nom_commune: 'Châteauroux',
          code_epci: '243600327',
          code_region: '24',
        },
      ],
      epcis: [{ code_epci: '243600327', nom_epci: 'Châteauroux Métropole', code_region: '24' }],
    });
    expect(context.workTypes).toEqual(['pompe_a_chaleur', 'audit']);
    const { data, reports } = importProgrammeCsv(
      {
        territories: formatTerritoriesCsv([
          {
            siren_epci: '243600327',
            nom_epci: null,
            code_region_partenaire: '24',
            date_adoption: '2019-06-01',
            operateur: 'Opérateur',
            source: null,
          },
        ]),
        carnets: formatCarnetsCsv([
          {
            id_carnet: 'C1',
            code_commune: '36044',
            nom_commune: null,
            code_epci: null,
            code_region: null,
            date_ouverture: '2019-09-01',
            operateur: 'Opérateur',
            source: null,
          },
        ]),
        works: formatWorksCsv([WORK, { ...WORK, type_travaux: ['chauffage'] }]),
      },
      context,
    );
    expect(data.works.map((w) => w.type_travaux)).toEqual([['pompe_a_chaleur']]);
    expect(reports.works.rejected).toBe(1);
    expect(JSON.stringify(reports.works)).toContain(
      'type_travaux inconnu : « chauffage » (valeurs admises, combinables par « + » : pompe_a_chaleur, audit)',
    );
  });
});
