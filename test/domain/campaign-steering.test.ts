import { describe, expect, it } from 'vitest';
import { type CampaignMeasure, measureCampaign } from '../../src/domain/campaign-measure.ts';
import { campaignSteeringRows } from '../../src/domain/campaign-steering.ts';
import { programmeData, REFERENCE, sampleCampaign } from './campaign-fixtures.ts';

describe('campaigns in the steering view', () => {
  it('places each campaign in the régions and EPCI of its targets, sorted by région, EPCI, start', () => {
    const data = programmeData([['243600236', '2019-08-17']], []);
    const inputs = {
      programme: data,
      programmeStart: '2019-03-11',
      reference: REFERENCE,
      fgDwellings: new Map<string, number>(),
      dataset: { id: 'demo', nom: 'Démo' },
    };
    const issoudun = sampleCampaign({ id: 'b', debut: '2020-11-01' });
    const both = sampleCampaign({
      id: 'a',
      debut: '2020-12-01',
      territoires: [
        { code: '36001', nom: 'Aigurande', suivi: { statut: 'contacte', date: null, note: '' } },
        { code: '36171', nom: 'Reuilly', suivi: { statut: 'contacte', date: null, note: '' } },
      ],
    });
    const unknown = sampleCampaign({
      id: 'c',
      territoires: [
        { code: '01001', nom: 'X', suivi: { statut: 'contacte', date: null, note: '' } },
      ],
    });
    const campaigns = [issoudun, both, unknown];
    const measures = new Map<string, CampaignMeasure>(
      campaigns.map((c) => [c.id, measureCampaign(c, inputs)]),
    );
    const rows = campaignSteeringRows(campaigns, measures, REFERENCE.epcis, (code) =>
      code === '24' ? 'Centre-Val de Loire' : code,
    );
    expect(rows.map((r) => r.campaign.id)).toEqual(['a', 'b', 'c']);
    expect(rows[0]?.epcis.map((e) => e.nom)).toEqual([
      'CC Champagne Boischauts',
      'CC du Pays d’Issoudun',
    ]);
    expect(rows[0]?.regions).toEqual([{ code: '24', nom: 'Centre-Val de Loire' }]);
    expect(rows[2]?.epcis).toEqual([]);
  });
});
