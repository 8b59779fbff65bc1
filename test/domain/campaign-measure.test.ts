import { describe, expect, it } from 'vitest';
import { campaignPhase, defaultWindowMonths, followUpCounts } from '../../src/domain/campaign.ts';
import { communeSizeBand, comparisonGroups } from '../../src/domain/campaign-comparison.ts';
import { type MeasureInputs, measureCampaign } from '../../src/domain/campaign-measure.ts';
import { campaignWindow, programmeCoverage } from '../../src/domain/campaign-window.ts';
import { addMonths } from '../../src/domain/programme-dates.ts';
import { carnetsIn, programmeData, REFERENCE, sampleCampaign } from './campaign-fixtures.ts';

const FG = new Map([
  ['36171', 500],
  ['36065', 500],
  ['36088', 2000],
  ['36152', 1000],
  ['36001', 800],
  ['36002', 200],
  ['36044', 9000],
]);
const DATASET = { id: 'demo', nom: 'Parc de démonstration' };

function inputs(data: MeasureInputs['programme']): MeasureInputs {
  return {
    programme: data,
    programmeStart: '2019-03-11',
    reference: REFERENCE,
    fgDwellings: FG,
    dataset: DATASET,
  };
}

describe('campaign window', () => {
  const coverage = { first: '2019-03', last: '2021-06' };

  it('takes L months before the start month and L from it', () => {
    expect(campaignWindow('2020-10-15', 3, coverage)).toEqual({
      requested: 3,
      length: 3,
      pre: ['2020-07', '2020-08', '2020-09'],
      post: ['2020-10', '2020-11', '2020-12'],
      uncovered: [],
    });
  });

  it('shrinks both sides alike to the covered months, and says which are missing', () => {
    const late = campaignWindow('2021-05-01', 6, coverage);
    expect(late.length).toBe(2);
    expect(late.pre).toEqual(['2021-03', '2021-04']);
    expect(late.post).toEqual(['2021-05', '2021-06']);
    expect(late.uncovered).toEqual(['2021-07', '2021-08', '2021-09', '2021-10']);
    const early = campaignWindow('2019-05-01', 6, coverage);
    expect(early.pre).toEqual(['2019-03', '2019-04']);
    expect(campaignWindow('2026-10-01', 6, coverage).length).toBe(0);
    expect(campaignWindow('2020-10-01', 6, null).length).toBe(0);
  });

  it('reads the coverage from the programme start to the latest date', () => {
    const data = programmeData([['243600236', '2019-08-17']], carnetsIn('36171', '2021-02', 1), [
      [0, '2021-04-02'],
    ]);
    expect(programmeCoverage(data, '2019-03-11')).toEqual({ first: '2019-03', last: '2021-04' });
    expect(programmeCoverage(programmeData([], []), '2019-03-11')).toBeNull();
    expect(addMonths('2020-11', 3)).toBe('2021-02');
    expect(addMonths('2020-01', -1)).toBe('2019-12');
  });
});

describe('comparison territories', () => {
  const adopted = (dates: Record<string, string>) => (epci: string) => dates[epci] ?? null;

  it('takes the untargeted communes of the same EPCI, active before the window', () => {
    const groups = comparisonGroups(
      sampleCampaign(),
      REFERENCE,
      adopted({ '243600236': '2019-08-17', '200068880': '2019-04-01' }),
      '2020-07-01',
    );
    expect(groups.targets.map((t) => t.code)).toEqual(['36171', '36065']);
    expect(groups.controls.map((t) => t.code)).toEqual(['36088', '36152']);
    expect(groups.description).toMatch(/^Communes non ciblées des mêmes EPCI/);
  });

  it('by type and size band: same EPCI form and commune band, only in adopting EPCI', () => {
    const campaign = sampleCampaign({ comparaison: 'meme_type_taille' });
    const groups = comparisonGroups(
      campaign,
      REFERENCE,
      adopted({ '243600236': '2019-08-17', '200068880': '2019-04-01', '243600327': '2020-07-15' }),
      '2020-07-01',
    );
    // Reuilly (2 003, CC) → 2 000–9 999: none; Diou (260, CC) → under 500: Ailly (300, CC).
    // Paudy (437) is under 500 too; Châteauroux's CA adopted after the window started.
    expect(groups.controls.map((t) => t.code)).toEqual(['36152', '36002']);
    expect(communeSizeBand(499)).toBe('moins_500');
    expect(communeSizeBand(2000)).toBe('2k_10k');
    expect(communeSizeBand(null)).toBeNull();
  });

  it('for EPCI, uses the legal form and population band of similar-territories', () => {
    const campaign = sampleCampaign({
      niveau: 'epci',
      comparaison: 'meme_type_taille',
      territoires: [
        { code: '243600236', nom: 'Issoudun', suivi: { statut: 'contacte', date: null, note: '' } },
      ],
    });
    const groups = comparisonGroups(
      campaign,
      REFERENCE,
      adopted({ '243600236': '2019-08-17', '200068880': '2019-04-01', '243600327': '2019-04-01' }),
      '2020-07-01',
    );
    expect(groups.controls.map((t) => t.code)).toEqual(['200068880']);
  });
});

describe('measureCampaign', () => {
  // Before (Jul–Sep 2020) and after (Oct–Dec 2020): Reuilly and Diou go from 1 to 6 carnets a
  // month each, Issoudun and Paudy (3,000 F/G) stay at 3 a month.
  const carnets = [
    ...['2020-07', '2020-08', '2020-09'].flatMap((m) => [
      ...carnetsIn('36171', m, 1),
      ...carnetsIn('36065', m, 1),
      ...carnetsIn('36088', m, 2),
      ...carnetsIn('36152', m, 1),
    ]),
    ...['2020-10', '2020-11', '2020-12'].flatMap((m) => [
      ...carnetsIn('36171', m, 6),
      ...carnetsIn('36065', m, 6),
      ...carnetsIn('36088', m, 2),
      ...carnetsIn('36152', m, 1),
    ]),
    ...carnetsIn('36171', '2021-06', 1),
  ];
  const data = programmeData([['243600236', '2019-08-17']], carnets, [
    [0, '2020-11-03'],
    [1, '2020-08-20'],
  ]);

  it('measures the effect per 1,000 F/G dwellings, with the counts behind it', () => {
    const measure = measureCampaign(sampleCampaign(), inputs(data));
    expect(measure.reason).toBeNull();
    expect(measure.window.pre).toEqual(['2020-07', '2020-08', '2020-09']);
    const estimate = measure.estimate;
    if (estimate === null) throw new Error('no estimate');
    expect(estimate.target.fgDwellings).toBe(1000);
    expect(estimate.target.carnets.before.count).toBe(6);
    expect(estimate.target.carnets.after.count).toBe(36);
    expect(estimate.control.carnets.before.count).toBe(9);
    expect(estimate.control.carnets.after.count).toBe(9);
    // Targets +30 per 1,000 F/G, comparison +0.
    expect(estimate.carnets.estimate).toBeCloseTo(30, 10);
    // Works: carnet C0 (Reuilly, Jul) worked in Nov → after; C1 (Diou) worked in Aug → before.
    expect(estimate.target.works.before.count).toBe(1);
    expect(estimate.target.works.after.count).toBe(1);
    expect(measure.cautions.length).toBeGreaterThan(0);
    expect(measure.comparison.territories.map((t) => t.nom)).toEqual(['Issoudun', 'Paudy']);
  });

  it('says when the data does not cover the campaign’s months', () => {
    const measure = measureCampaign(
      sampleCampaign({ debut: '2026-10-01', fin: '2026-12-31' }),
      inputs(data),
    );
    expect(measure.estimate).toBeNull();
    expect(measure.reason).toBe(
      'Les données du programme couvrent de mars 2019 à juin 2021 : elles ne couvrent pas le mois de début de la campagne (octobre 2026), aucune comparaison avant/après n’est possible.',
    );
    const late = measureCampaign(
      sampleCampaign({ debut: '2021-05-01', fenetre_mois: 6 }),
      inputs(data),
    );
    expect(late.notes).toContain(
      'Période réduite à 2 mois de chaque côté au lieu de 6 : les données du programme couvrent de mars 2019 à juin 2021.',
    );
  });

  it('notes targets outside the programme and adoptions during the window', () => {
    const lateAdoption = programmeData([['243600236', '2020-08-01']], carnets);
    const measure = measureCampaign(sampleCampaign(), inputs(lateAdoption));
    expect(measure.notes).toContain(
      'CC du Pays d’Issoudun a adhéré au programme le 1er août 2020, pendant la période observée : la hausse due à l’adhésion se confond avec l’effet de la campagne.',
    );
    // Its communes cannot be comparison territories: no estimate.
    expect(measure.reason).toMatch(/^Aucun territoire de comparaison/);
    const outside = measureCampaign(
      sampleCampaign({
        territoires: [
          { code: '36001', nom: 'Aigurande', suivi: { statut: 'contacte', date: null, note: '' } },
          { code: '01001', nom: 'Inconnue', suivi: { statut: 'contacte', date: null, note: '' } },
        ],
      }),
      inputs(data),
    );
    expect(outside.notes).toEqual([
      'Territoires ciblés absents du référentiel des territoires, ignorés : 01001.',
      'Ciblés hors des territoires adhérents au programme (aucun carnet ne peut y être ouvert) : Aigurande.',
    ]);
  });
});

describe('campaign basics', () => {
  it('derives the phase from the dates, and a default window of at least six months', () => {
    const c = sampleCampaign();
    expect(campaignPhase(c, '2020-09-30')).toBe('prevue');
    expect(campaignPhase(c, '2020-10-01')).toBe('en_cours');
    expect(campaignPhase(c, '2020-12-31')).toBe('en_cours');
    expect(campaignPhase(c, '2021-01-01')).toBe('terminee');
    expect(defaultWindowMonths('2020-10-01', '2020-10-01')).toBe(6);
    expect(defaultWindowMonths('2020-10-01', '2021-09-30')).toBe(12);
    expect(defaultWindowMonths('2020-01-01', '2025-01-01')).toBe(36);
    expect(followUpCounts(c)).toEqual({
      non_contacte: 1,
      contacte: 1,
      reunion_tenue: 0,
      action_engagee: 0,
      sans_suite: 0,
    });
  });
});
