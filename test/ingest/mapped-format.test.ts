import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileCommuneLocator } from '../../scripts/lib/commune-contours.ts';
import { MAPPED_DIR, mappedFixtures } from '../../scripts/make-mapped-fixtures.ts';
import { mappingProblem } from '../../src/ingest/formats/mapped-format.ts';
import { ImportError } from '../../src/ingest/import-error.ts';
import { suggestMapping } from '../../src/ingest/mapping-suggestion.ts';
import { importText } from './ingest-helpers.ts';

interface Expected {
  rows_read: number;
  accepted: number;
  rejected: number;
  by_commune: Record<string, number>;
}

const expected = JSON.parse(readFileSync(join(MAPPED_DIR, 'expected.json'), 'utf8')) as Record<
  string,
  Expected
>;
const fixture = (name: string) => readFileSync(join(MAPPED_DIR, name));
const locator = fileCommuneLocator();

function byCommune(rows: readonly { code_commune: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.code_commune] = (counts[row.code_commune] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

describe('a table of unknown headers read through a mapping of its columns', () => {
  it('suggests the mapping of a common DPE extract from the names of its columns', () => {
    const header = readFileSync(join(MAPPED_DIR, 'dpe-sans-insee.csv'), 'utf8').split('\n')[0];
    expect(suggestMapping(header?.split(',') ?? [])).toEqual({
      label: 'Etiquette_DPE',
      lat: 'lat',
      lon: 'lon',
      surface: 'Surface_habitable_logement',
      year: 'Année_construction',
      housing: 'Logement',
    });
  });

  it('attaches rows with coordinates and no INSEE code to the commune holding their point', async () => {
    const file = 'dpe-sans-insee.csv';
    const run = await importText(fixture(file), {
      name: file,
      mapping: suggestMapping([
        'lat',
        'lon',
        'Logement',
        'Surface_habitable_logement',
        'Etiquette_DPE',
        'Année_construction',
      ]),
      locator,
    });
    expect(run.report).toMatchObject({
      format: 'mapped',
      rows_read: expected[file]?.rows_read,
      accepted: expected[file]?.accepted,
      rejected: expected[file]?.rejected,
    });
    expect(byCommune(run.rows)).toEqual(expected[file]?.by_commune);
    const last = expected[file]?.rows_read ?? 0;
    expect(run.report.rejections.map((r) => [r.line, r.reason])).toEqual([
      [last - 1, 'point hors de toute commune connue : longitude -3.2, latitude 45.5'],
      [last, 'point hors de toute commune connue : longitude -2.9, latitude 46.1'],
      [last + 1, 'ni code commune ni coordonnées utilisables'],
    ]);
    // First row of the fixture: `Maison`, built in 1954.
    expect(run.rows[0]).toMatchObject({
      housing_type: 'maison',
      construction_period: '1948_1974',
    });
  });

  it('reads Lambert-93 X/Y with decimal commas the same way', async () => {
    const file = 'xy-lambert.csv';
    const run = await importText(fixture(file), {
      name: file,
      mapping: { x: 'X', y: 'Y', label: 'classe', surface: 'surface', id: 'id' },
      locator,
    });
    expect(run.report).toMatchObject({
      rows_read: expected[file]?.rows_read,
      accepted: expected[file]?.accepted,
    });
    expect(byCommune(run.rows)).toEqual(expected[file]?.by_commune);
  });

  it('names what a mapping lacks, and a mapped column the file does not have', async () => {
    expect(mappingProblem({ surface: 'S' })).toBe(
      'Il faut au moins un code commune INSEE, ou des coordonnées (longitude et latitude, ou X et Y Lambert-93) et une étiquette DPE, ou l’énergie primaire et les GES pour la calculer.',
    );
    expect(mappingProblem({ insee: 'c', label: 'l' })).toBeNull();
    const error = await importText('a,b\n1,2\n', { mapping: { insee: 'a', label: 'z' } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message).toMatch(
      /^Correspondance de colonnes : colonne absente du fichier : label=z\./,
    );
  });

  it('has fixtures that are what the script writes', () => {
    for (const [name, text] of Object.entries(mappedFixtures())) {
      expect(readFileSync(join(MAPPED_DIR, name), 'utf8'), name).toBe(text);
    }
  });
});
