import { describe, expect, it } from 'vitest';
import { parseMappingFile, parseMappingOption } from '../../scripts/lib/mapping-option.ts';

describe('--map and --map-file', () => {
  const option =
    'label=Etiquette_DPE, lat=lat,lon=lon,surface=Surface_habitable_logement,year=Année_construction';

  it('reads the same mapping from --map, a JSON object and a mapping saved by the dialog', () => {
    const expected = {
      label: 'Etiquette_DPE',
      lat: 'lat',
      lon: 'lon',
      surface: 'Surface_habitable_logement',
      year: 'Année_construction',
    };
    expect(parseMappingOption(option)).toEqual(expected);
    expect(parseMappingFile(JSON.stringify(expected))).toEqual(expected);
    expect(parseMappingFile(JSON.stringify({ name: 'Extrait', mapping: expected }))).toEqual(
      expected,
    );
  });

  it('refuses unknown fields, malformed pairs and non-text columns in French', () => {
    expect(() => parseMappingOption('etiquette=classe')).toThrow(
      /^Champ inconnu dans la correspondance : « etiquette »/,
    );
    expect(() => parseMappingOption('label')).toThrow(/n’est pas de la forme champ=colonne/);
    expect(() => parseMappingFile('{"label": 3}')).toThrow(
      /la colonne de « label » doit être un texte/,
    );
    expect(() => parseMappingFile('[1]')).toThrow(/un objet JSON/);
    expect(() => parseMappingFile('{')).toThrow(/^--map-file : JSON illisible/);
  });
});
