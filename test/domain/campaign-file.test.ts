import { describe, expect, it } from 'vitest';
import {
  campaignFileText,
  parseCampaign,
  parseCampaignFile,
  readCampaignFileText,
} from '../../src/domain/campaign-file.ts';
import { sampleCampaign } from './campaign-fixtures.ts';

const EXPORTED = '2020-12-01T08:00:00.000Z';

function fileWith(
  edit: (file: { campagnes: Record<string, unknown>[] } & Record<string, unknown>) => void,
) {
  const file = JSON.parse(campaignFileText([sampleCampaign()], EXPORTED));
  edit(file);
  return readCampaignFileText(JSON.stringify(file));
}

const errorsOf = (result: ReturnType<typeof readCampaignFileText>) =>
  result.ok ? [] : result.errors;

describe('campaigns file', () => {
  it('reads back what it writes, BOM included', () => {
    const campaigns = [
      sampleCampaign(),
      sampleCampaign({
        id: 'camp-2',
        ciblage: null,
        niveau: 'epci',
        comparaison: 'meme_type_taille',
        territoires: [
          {
            code: '243600236',
            nom: 'CC du Pays d’Issoudun',
            suivi: { statut: 'reunion_tenue', date: '2020-11-02', note: 'Salle des fêtes' },
          },
        ],
      }),
    ];
    const text = campaignFileText(campaigns, EXPORTED);
    expect(JSON.parse(text)).toMatchObject({
      format: 'casba-campagnes',
      version: 1,
      exporte_le: EXPORTED,
    });
    expect(readCampaignFileText(`\uFEFF${text}`)).toEqual({ ok: true, value: campaigns });
    expect(readCampaignFileText(campaignFileText([], EXPORTED))).toEqual({ ok: true, value: [] });
  });

  it('refuses a foreign file in one line', () => {
    const geojson = readCampaignFileText('{"type":"FeatureCollection","features":[]}');
    expect(errorsOf(geojson)).toEqual([
      'Ce fichier n’est pas un fichier de campagnes CaSBa : le champ « format » doit valoir « casba-campagnes » (reçu : absent).',
    ]);
    expect(errorsOf(readCampaignFileText('[1, 2]'))).toHaveLength(1);
    expect(errorsOf(readCampaignFileText('id;nom\n1;x'))[0]).toMatch(
      /^Fichier illisible : ce n’est pas du JSON/,
    );
    expect(
      errorsOf(
        fileWith((f) => {
          f.version = 2;
        }),
      ),
    ).toEqual(['version : 2 non prise en charge (ce tableau de bord lit la version 1).']);
  });

  it('lists every problem of a tampered file, in French, with its path', () => {
    const result = fileWith((file) => {
      const c = file.campagnes[0] as Record<string, unknown> & {
        territoires: Record<string, unknown>[];
      };
      c.debut = '2020-02-30';
      c.action = 'emailing';
      c.fenetre_mois = 120;
      c.territoires[0] = { ...c.territoires[0], code: '99999' };
      (c.territoires[1] as { suivi: Record<string, unknown> }).suivi.statut = 'perdu';
      c.territoires.push({ ...c.territoires[1], code: '36065' } as Record<string, unknown>);
      c.extra = true;
      Object.defineProperty(c, '__proto__', { value: { admin: true }, enumerable: true });
      (c.ciblage as { poids: Record<string, unknown> }).poids.fg_count = 9;
    });
    expect(errorsOf(result)).toEqual([
      'campagnes[0].extra : champ inconnu (champs admis : id, nom, action, debut, fin, niveau, fenetre_mois, comparaison, territoires, ciblage, commentaire, cree_le, modifie_le)',
      'campagnes[0].__proto__ : clé interdite',
      'campagnes[0].action : une valeur parmi courrier, reunion_publique, porte_a_porte, presse, autre (reçu : « emailing »)',
      'campagnes[0].debut : date existante au format AAAA-MM-JJ (reçu : « 2020-02-30 »)',
      'campagnes[0].fenetre_mois : entier de 1 à 36 (reçu : 120)',
      'campagnes[0].territoires[0].code : code de territoire valide (reçu : « 99999 »)',
      'campagnes[0].territoires[1].suivi.statut : une valeur parmi non_contacte, contacte, reunion_tenue, action_engagee, sans_suite (reçu : « perdu »)',
      'campagnes[0].territoires[2].suivi.statut : une valeur parmi non_contacte, contacte, reunion_tenue, action_engagee, sans_suite (reçu : « perdu »)',
      'campagnes[0].ciblage.poids.fg_count : entier de 0 à 5 (reçu : 9)',
    ]);
  });

  it('checks consistency: dates in order, codes of the level, unique codes and ids', () => {
    const result = fileWith((file) => {
      const c = file.campagnes[0] as Record<string, unknown> & {
        territoires: Record<string, unknown>[];
      };
      c.fin = '2020-09-01';
      c.territoires.push({ ...c.territoires[0] });
      file.campagnes.push({ ...sampleCampaign(), niveau: 'epci' });
    });
    expect(errorsOf(result)).toEqual([
      'campagnes[0].fin : la fin (2020-09-01) précède le début (2020-10-01)',
      'campagnes[0].territoires[2].code : « 36171 » en double',
      'campagnes[1].comparaison : « meme_epci » ne s’applique qu’à des communes',
      'campagnes[1].territoires[0].code : code de territoire valide (reçu : « 36171 »)',
      'campagnes[1].territoires[1].code : code de territoire valide (reçu : « 36065 »)',
    ]);
    const twice = fileWith((file) => {
      file.campagnes.push(file.campagnes[0] as Record<string, unknown>);
    });
    expect(errorsOf(twice)).toEqual(['campagnes[1].id : « camp-1 » en double']);
  });

  it('validates a stored record the same way, missing fields named', () => {
    expect(parseCampaign(sampleCampaign())).toEqual({ ok: true, value: sampleCampaign() });
    const { nom: _nom, ...withoutName } = sampleCampaign();
    expect(parseCampaign(withoutName)).toEqual({
      ok: false,
      errors: ['campagne : champ(s) manquant(s) nom'],
    });
    expect(parseCampaign({ ...sampleCampaign(), cree_le: 'hier' })).toMatchObject({ ok: false });
    expect(
      parseCampaign({
        ...sampleCampaign(),
        ciblage: {
          ...sampleCampaign().ciblage,
          polygone: [
            [2, 47],
            [200, 47],
          ],
        },
      }),
    ).toEqual({
      ok: false,
      errors: ['campagne.ciblage.polygone[1] : point [longitude, latitude] (reçu : [200,47])'],
    });
    expect(parseCampaignFile(null)).toMatchObject({ ok: false });
  });
});
