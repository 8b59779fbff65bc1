import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ProgrammeConfig, parseProgrammeConfig } from '../../src/domain/programme-config.ts';
import { formatEuros, toCents } from '../../src/domain/programme-money.ts';

const CASBA_PATH = resolve(import.meta.dirname, '../../data/programme/casba.json');
const casbaJson = (): Record<string, unknown> =>
  JSON.parse(readFileSync(CASBA_PATH, 'utf8')) as Record<string, unknown>;

function casba(): ProgrammeConfig {
  const result = parseProgrammeConfig(casbaJson());
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

/** The configuration as free JSON, for edits that break its type on purpose. */
// biome-ignore lint/suspicious/noExplicitAny: the tests write invalid values of every type.
type Editable = any;

/** The default file with one change made by `edit` (on a fresh copy). */
function edited(edit: (json: Editable) => void): ReturnType<typeof parseProgrammeConfig> {
  const json = casbaJson();
  edit(json);
  return parseProgrammeConfig(json);
}

/** The errors, with the narrow no-break spaces of French grouping as plain spaces. */
function errorsOf(result: ReturnType<typeof parseProgrammeConfig>): string[] {
  return result.ok ? [] : result.errors.map((e) => e.replaceAll('\u202f', ' '));
}

describe('data/programme/casba.json', () => {
  it('is valid, without warnings', () => {
    const result = parseProgrammeConfig(casbaJson());
    expect(result.ok ? result.warnings : result.errors).toEqual([]);
  });

  it('transcribes the convention: targets, unit costs, caps, funders, first call, calendar', () => {
    const c = casba();
    expect(c.reference).toBe('PRO-INNO-14');
    expect(c.targets).toEqual({ territories: 106, carnets: 80_000, works: 12_000 });
    expect(c.unit_costs.per_territory.amount).toBe(6_750);
    expect(c.unit_costs.per_territory.parts.map((p) => p.amount)).toEqual([
      2_250, 1_500, 1_500, 1_500,
    ]);
    expect(c.unit_costs.per_carnet.amount).toBe(9.8);
    expect(c.caps).toEqual({ fixed: 1_200_000, proportional: 1_500_000, total: 2_700_000 });
    expect(c.funders.map((f) => [f.name, f.share, f.commitment])).toEqual([
      ['Séolis', 0.5, 1_350_000],
      ['Sorégies', 0.5, 1_350_000],
    ]);
    expect(c.calls_for_funds).toEqual([
      expect.objectContaining({ amount: 822_300, fixed: 696_000, variable: 126_300 }),
    ]);
    expect(c.calendar).toEqual({
      start: '2019-03-11',
      end: '2021-06-30',
      contributions_deadline: '2021-06-30',
    });
    expect(c.partner_regions.map((r) => r.code)).toEqual(['32', '75', '44', '76', '24']);
  });

  it('has the eight fixed lines of art. 5 summing to the fixed cap, and the five work packages', () => {
    const c = casba();
    expect(c.fixed_costs.map((l) => l.cap)).toEqual([
      130_000, 60_000, 210_000, 260_000, 50_000, 250_000, 140_000, 100_000,
    ]);
    expect(c.fixed_costs.reduce((s, l) => s + l.cap, 0)).toBe(1_200_000);
    expect(c.fixed_costs.every((l) => l.spent_to_date === 0)).toBe(true);
    expect(Object.fromEntries(c.work_packages.map((wp) => [wp.id, wp.fixed_budget]))).toEqual({
      casbad: 190_000,
      casbadev: 210_000,
      casbagile: 260_000,
      casbacom: 300_000,
      casbanim: 240_000,
    });
  });
});

describe('parseProgrammeConfig: field errors name the path, in French', () => {
  it.each<[string, (json: Editable) => void, string]>([
    [
      'negative carnet target',
      (j) => {
        j.targets.carnets = -3;
      },
      'targets.carnets doit être un entier positif (reçu : -3)',
    ],
    [
      'decimal target',
      (j) => {
        j.targets.works = 12.5;
      },
      'targets.works doit être un entier positif',
    ],
    [
      'missing target',
      (j) => {
        delete j.targets.territories;
      },
      'targets.territories doit être un entier positif (reçu : absent)',
    ],
    [
      'text amount',
      (j) => {
        j.caps.fixed = '1200000';
      },
      'caps.fixed doit être un montant strictement positif',
    ],
    [
      'sub-cent amount',
      (j) => {
        j.unit_costs.per_carnet.amount = 9.805;
      },
      'unit_costs.per_carnet.amount doit être un montant strictement positif en euros, au centime près',
    ],
    [
      'negative spend',
      (j) => {
        j.fixed_costs[2].spent_to_date = -1;
      },
      'fixed_costs[2].spent_to_date doit être un montant positif ou nul',
    ],
    [
      'share above 1',
      (j) => {
        j.funders[0].share = 1.5;
      },
      'funders[0].share doit être une part comprise entre 0 (exclu) et 1',
    ],
    [
      'bad date',
      (j) => {
        j.calendar.end = '2021-02-30';
      },
      'calendar.end doit être une date existante au format AAAA-MM-JJ (reçu : « 2021-02-30 »)',
    ],
    [
      'French date in config',
      (j) => {
        j.calendar.start = '11/03/2019';
      },
      'calendar.start doit être une date existante au format AAAA-MM-JJ',
    ],
    [
      'numeric region code',
      (j) => {
        j.partner_regions[0].code = 32;
      },
      'partner_regions[0].code doit être un code région INSEE à 2 chiffres',
    ],
    [
      'unknown key (typo)',
      (j) => {
        j.targets.carnet = 1;
      },
      'targets.carnet : clé inconnue',
    ],
    [
      'empty funders',
      (j) => {
        j.funders = [];
      },
      'funders doit contenir au moins un élément',
    ],
    [
      'not an object',
      (j) => {
        j.caps = [1];
      },
      'caps doit être un objet',
    ],
    [
      'empty name',
      (j) => {
        j.name = ' ';
      },
      'name doit être un texte non vide',
    ],
  ])('%s', (_, edit, message) => {
    expect(errorsOf(edited(edit)).join('\n')).toContain(message);
  });

  it('reads the kinds of works, ids unique and in lower case', () => {
    expect(casba().work_types.map((t) => t.id)).toContain('renovation_globale');
    expect(
      errorsOf(
        edited((j) => {
          j.work_types[1].id = j.work_types[0].id;
          j.work_types[2].id = 'Pompe à chaleur';
        }),
      ),
    ).toEqual([
      'work_types[2].id doit être un identifiant en minuscules, chiffres et « _ » (reçu : « Pompe à chaleur »)',
    ]);
    expect(errorsOf(edited((j) => j.work_types.push({ ...j.work_types[0] })))).toEqual([
      'work_types[9].id : identifiant « isolation_combles » en double',
    ]);
    expect(errorsOf(edited((j) => delete j.work_types))).toEqual([
      'work_types doit être une liste (reçu : absent)',
    ]);
  });

  it('rejects a non-object document', () => {
    expect(errorsOf(parseProgrammeConfig(null))).toEqual([
      'configuration doit être un objet (reçu : null)',
    ]);
  });

  it('reports every problem, not only the first', () => {
    const errors = errorsOf(
      edited((j) => {
        j.targets.carnets = 0;
        j.caps.total = 'x';
        j.calendar.start = '';
      }),
    );
    expect(errors).toHaveLength(3);
  });

  it('ignores keys starting with an underscore (comments)', () => {
    const result = edited((j) => {
      j.targets._note = 'commentaire';
    });
    expect(result.ok).toBe(true);
  });
});

describe('parseProgrammeConfig: consistency checks', () => {
  it.each<[string, (json: Editable) => void, string]>([
    [
      'parts not summing to the unit cost',
      (j) => {
        j.unit_costs.per_territory.parts[1].amount = 1000;
      },
      'unit_costs.per_territory.parts : la somme des parts (6 250 €) diffère du coût unitaire',
    ],
    [
      'line caps above the fixed cap',
      (j) => {
        j.fixed_costs[0].cap = 200_000;
        j.work_packages[0].fixed_budget = 260_000;
      },
      'fixed_costs : la somme des plafonds des lignes (1 270 000 €) dépasse caps.fixed',
    ],
    [
      'work package not matching its lines',
      (j) => {
        j.work_packages[3].fixed_budget = 250_000;
      },
      'work_packages[3].fixed_budget (250 000 €) diffère de la somme des plafonds des lignes fixes du lot « casbacom » (300 000 €)',
    ],
    [
      'unknown work package',
      (j) => {
        j.fixed_costs[1].work_package = 'casbax';
      },
      'fixed_costs[1].work_package : lot inconnu « casbax »',
    ],
    [
      'caps not adding up',
      (j) => {
        j.caps.total = 2_800_000;
      },
      'caps.total (2 800 000 €) diffère de caps.fixed + caps.proportional (2 700 000 €)',
    ],
    [
      'shares not summing to 1',
      (j) => {
        j.funders[1].share = 0.4;
      },
      'funders : la somme des parts (share) vaut 0.9 au lieu de 1',
    ],
    [
      'commitments not summing to the total cap',
      (j) => {
        j.funders[1].commitment = 1_300_000;
      },
      'funders : la somme des engagements (2 650 000 €) diffère de caps.total',
    ],
    [
      'call parts not adding up',
      (j) => {
        j.calls_for_funds[0].variable = 126_000;
      },
      'calls_for_funds[0].amount (822 300 €) diffère de fixed + variable (822 000 €)',
    ],
    [
      'calls beyond the fixed cap',
      (j) => {
        j.calls_for_funds.push({
          id: 'appel-2',
          label: 'x',
          date: '2020-01-15',
          fixed: 600_000,
          variable: 0,
          amount: 600_000,
        });
      },
      'le cumul des montants « fixed » des appels (1 296 000 €) dépasse caps.fixed',
    ],
    [
      'call outside the calendar',
      (j) => {
        j.calls_for_funds[0].date = '2022-01-01';
      },
      'calls_for_funds[0].date (2022-01-01) est hors du calendrier du programme',
    ],
    [
      'duplicate line id',
      (j) => {
        j.fixed_costs[1].id = 'coordination';
      },
      'fixed_costs[1].id : identifiant « coordination » en double',
    ],
    [
      'duplicate partner region',
      (j) => {
        j.partner_regions[4].code = '32';
      },
      'partner_regions[4].code : région « 32 » en double',
    ],
    [
      'end before start',
      (j) => {
        j.calendar.end = '2019-01-01';
      },
      'calendar.end (2019-01-01) doit être postérieure à calendar.start (2019-03-11)',
    ],
  ])('%s', (_, edit, message) => {
    expect(errorsOf(edited(edit)).join('\n')).toContain(message);
  });

  it('accepts another programme: three funders by thirds, no call yet', () => {
    const result = edited((j) => {
      j.funders = [
        { id: 'a', name: 'A', share: 1 / 3, commitment: 900_000 },
        { id: 'b', name: 'B', share: 1 / 3, commitment: 900_000 },
        { id: 'c', name: 'C', share: 1 / 3, commitment: 900_000 },
      ];
      j.calls_for_funds = [];
    });
    expect(result.ok).toBe(true);
  });

  it('warns (without failing) when the targets cost more than the proportional cap', () => {
    const result = edited((j) => {
      j.targets.carnets = 90_000;
    });
    expect(result.ok && result.warnings.join(' ')).toContain('au-delà de caps.proportional');
  });
});

describe('money helpers', () => {
  it.each<[number, number]>([
    [9.8, 980],
    [0.1 + 0.2, 30],
    [1_499_500, 149_950_000],
  ])('toCents(%s) = %s', (euros, cents) => {
    expect(toCents(euros)).toBe(cents);
  });

  it('formats euros the French way', () => {
    expect(formatEuros(1_200_000)).toBe('1\u202f200\u202f000 €');
    expect(formatEuros(9.8)).toBe('9,80 €');
  });
});
