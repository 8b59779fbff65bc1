/** Small hand-built campaigns, references and programme data for the campaign tests. */
import type { Campaign } from '../../src/domain/campaign.ts';
import type { CampaignReference } from '../../src/domain/campaign-comparison.ts';
import type { ProgrammeData } from '../../src/domain/programme-data.ts';

/** A valid commune campaign on two communes of CC du Pays d'Issoudun (243600236). */
export function sampleCampaign(patch: Partial<Campaign> = {}): Campaign {
  return {
    id: 'camp-1',
    nom: 'Courrier aux propriétaires de Reuilly et Diou',
    action: 'courrier',
    debut: '2020-10-01',
    fin: '2020-12-31',
    niveau: 'commune',
    fenetre_mois: 3,
    comparaison: 'meme_epci',
    territoires: [
      {
        code: '36171',
        nom: 'Reuilly',
        suivi: { statut: 'contacte', date: '2020-10-05', note: '' },
      },
      { code: '36065', nom: 'Diou', suivi: { statut: 'non_contacte', date: null, note: '' } },
    ],
    ciblage: {
      jeu: { id: 'demo', nom: 'Parc de démonstration' },
      territoire_classe: { code: '36', nom: 'Indre' },
      filtres: 'Aucun filtre',
      poids: {
        fg_count: 3,
        fg_share: 3,
        g_plus_count: 2,
        fossil_heating_share: 2,
        owner_occupied_share: 1,
        carnet_penetration: 2,
        works_conversion: 1,
      },
      methodes: ['tableau'],
      polygone: null,
    },
    commentaire: 'Premier envoi',
    cree_le: '2020-09-20T10:00:00.000Z',
    modifie_le: '2020-09-20T10:00:00.000Z',
    ...patch,
  };
}

/**
 * Two EPCI: CC du Pays d'Issoudun (4 communes) and CC Champagne Boischauts (2 communes, same
 * legal form, same population band), and a CA of another band.
 */
export const REFERENCE: CampaignReference = {
  communes: [
    {
      code_commune: '36171',
      nom_commune: 'Reuilly',
      code_epci: '243600236',
      type_epci: 'CC',
      code_region: '24',
      population: 2003,
    },
    {
      code_commune: '36065',
      nom_commune: 'Diou',
      code_epci: '243600236',
      type_epci: 'CC',
      code_region: '24',
      population: 260,
    },
    {
      code_commune: '36088',
      nom_commune: 'Issoudun',
      code_epci: '243600236',
      type_epci: 'CC',
      code_region: '24',
      population: 11314,
    },
    {
      code_commune: '36152',
      nom_commune: 'Paudy',
      code_epci: '243600236',
      type_epci: 'CC',
      code_region: '24',
      population: 437,
    },
    {
      code_commune: '36001',
      nom_commune: 'Aigurande',
      code_epci: '200068880',
      type_epci: 'CC',
      code_region: '24',
      population: 1500,
    },
    {
      code_commune: '36002',
      nom_commune: 'Ailly',
      code_epci: '200068880',
      type_epci: 'CC',
      code_region: '24',
      population: 300,
    },
    {
      code_commune: '36044',
      nom_commune: 'Châteauroux',
      code_epci: '243600327',
      type_epci: 'CA',
      code_region: '24',
      population: 43000,
    },
  ],
  epcis: [
    {
      code_epci: '243600236',
      nom_epci: 'CC du Pays d’Issoudun',
      type_epci: 'CC',
      code_region: '24',
      population: 19311,
    },
    {
      code_epci: '200068880',
      nom_epci: 'CC Champagne Boischauts',
      type_epci: 'CC',
      code_region: '24',
      population: 19000,
    },
    {
      code_epci: '243600327',
      nom_epci: 'CA Châteauroux Métropole',
      type_epci: 'CA',
      code_region: '24',
      population: 73022,
    },
  ],
};

const place = (code: string) => REFERENCE.communes.find((c) => c.code_commune === code);

/** Programme data: `carnets` as [commune, date] pairs, works as [carnet index, date]. */
export function programmeData(
  adoptions: [string, string][],
  carnets: [string, string][],
  works: [number, string][] = [],
): ProgrammeData {
  return {
    territories: adoptions.map(([siren, date]) => ({
      siren_epci: siren,
      nom_epci: null,
      code_region_partenaire: '24',
      date_adoption: date,
      operateur: 'Opérateur test',
      source: null,
    })),
    carnets: carnets.map(([commune, date], i) => ({
      id_carnet: `C${i}`,
      code_commune: commune,
      nom_commune: place(commune)?.nom_commune ?? null,
      code_epci: place(commune)?.code_epci ?? null,
      code_region: '24',
      date_ouverture: date,
      operateur: 'Opérateur test',
      source: null,
    })),
    works: works.map(([carnet, date]) => ({
      id_carnet: `C${carnet}`,
      date_travaux: date,
      type_travaux: ['isolation_combles'],
      etiquette_avant: 'F',
      etiquette_apres: 'D',
      conso_ep_avant: null,
      conso_ep_apres: null,
      conso_ef_avant: null,
      conso_ef_apres: null,
      surface_m2: null,
      cout_ttc: null,
      source: null,
    })),
  };
}

/** `n` carnets in `commune`, on the 10th of `month`. */
export function carnetsIn(commune: string, month: string, n: number): [string, string][] {
  return Array.from({ length: n }, () => [commune, `${month}-10`]);
}
