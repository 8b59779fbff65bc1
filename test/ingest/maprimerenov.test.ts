import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadMaprimerenov } from '../../scripts/lib/maprimerenov-loader.ts';
import { resolveSource } from '../../scripts/lib/sources.ts';
import { cumulativeAt } from '../../src/domain/maprimerenov.ts';
import {
  mergeMaprimerenov,
  parseBarometreMaprimerenov,
  parseDitpInd292,
} from '../../src/ingest/maprimerenov.ts';

// Trimmed copies of the two formats (first lines of the real files, plus a quoted indicator).
const BAROMETRE_DEPT = [
  'mesure,indicateur,id_indicateur,code_departement,libelle_departement,date,valeur,unite',
  "MaPrimeRénov',Nombre de dossiers MaPrimeRénov' validés,nb-maprimerenov-valides,01,Ain,2020-04-30,4.0,dossiers validés",
  "MaPrimeRénov',Nombre de dossiers MaPrimeRénov' validés,nb-maprimerenov-valides,01,Ain,2020-05-31,55.0,dossiers validés",
  "MaPrimeRénov',Nombre de dossiers MaPrimeRénov' validés,nb-maprimerenov-valides,2A,Corse-du-Sud,2020-05-31,3.0,dossiers validés",
  '"Faciliter l’accès, au logement",Nombre de personnes,logement-sans-domicile-hebergement-urgence,01,Ain,2020-04-30,12.0,personnes',
].join('\n');
const BAROMETRE_NAT = [
  'mesure,indicateur,id_indicateur,maille_geographique,date,valeur,unite',
  "MaPrimeRénov',Nombre de dossiers MaPrimeRénov' validés,nb-maprimerenov-valides,national,2020-04-30,713.0,dossiers validés",
  "MaPrimeRénov',Nombre de dossiers MaPrimeRénov' validés,nb-maprimerenov-valides,national,2020-05-31,5450.0,dossiers validés",
].join('\n');
const DITP = [
  'indic_id,enforce_zone_id,metric_enforce_date,maille,indic_vi,indic_va,indic_vc,indic_ta',
  'IND-292,D01,2022-12-01,DEPT,16225.0,,,',
  'IND-292,D01,2023-01-01,DEPT,,16707.0,,',
  'IND-292,D2A,2023-01-01,DEPT,,900.0,,',
  'IND-292,R84,2023-01-01,REG,,200000.0,,',
  'IND-292,FRANCE,2022-12-01,NAT,1564159.0,,,',
  'IND-292,FRANCE,2023-01-01,NAT,,1614144.0,,',
  'IND-292,FRANCE,2026-12-01,NAT,,,5230000.0,',
].join('\n');

describe('parseBarometreMaprimerenov', () => {
  it('keeps the validated MaPrimeRénov’ files per département, by month', () => {
    const parsed = parseBarometreMaprimerenov(BAROMETRE_DEPT);
    expect(parsed.report).toEqual({
      rows_read: 4,
      accepted: 3,
      rejected: 0,
      ignored: 1,
      rejections: [],
    });
    expect(parsed.departements).toEqual([
      {
        code: '01',
        name: 'Ain',
        points: [
          { month: '2020-04', cumulative: 4, source: 'barometre' },
          { month: '2020-05', cumulative: 55, source: 'barometre' },
        ],
      },
      {
        code: '2A',
        name: 'Corse-du-Sud',
        points: [{ month: '2020-05', cumulative: 3, source: 'barometre' }],
      },
    ]);
  });

  it('reads the national file', () => {
    const parsed = parseBarometreMaprimerenov(BAROMETRE_NAT);
    expect(parsed.national?.points.map((p) => p.cumulative)).toEqual([713, 5450]);
  });

  it.each<[string, string]>([
    ['x,y,nb-maprimerenov-valides,01,Ain,2020-13-31,4.0,u', 'date illisible'],
    ['x,y,nb-maprimerenov-valides,01,Ain,2020-06-30,-4,u', 'valeur invalide : « -4 »'],
    ['x,y,nb-maprimerenov-valides,01,Ain,2020-06-30,4.5,u', 'valeur invalide'],
    ['x,y,nb-maprimerenov-valides,01,Ain,2020-06-30,,u', 'valeur absente'],
    ['x,y,nb-maprimerenov-valides,20,Corse,2020-06-30,4,u', 'code_departement invalide : « 20 »'],
    [
      'x,y,nb-maprimerenov-valides,01,Ain,2020-05-31,60,u',
      'mois 2020-05 en double pour la zone 01',
    ],
  ])('rejects %j: %s', (line, reason) => {
    const parsed = parseBarometreMaprimerenov(`${BAROMETRE_DEPT}\n${line}\n`);
    expect(parsed.report.rejections).toEqual([
      { line: 6, reason: expect.stringContaining(reason), raw: line },
    ]);
  });

  it('stops on a file without the expected columns', () => {
    expect(() => parseBarometreMaprimerenov('a,b\n1,2\n')).toThrow(
      /colonnes obligatoires absentes/,
    );
  });
});

describe('parseDitpInd292', () => {
  it('takes indic_va, else indic_vi, and the target from indic_vc', () => {
    const parsed = parseDitpInd292(DITP);
    expect(
      parsed.departements.map((d) => [d.code, d.points.map((p) => [p.month, p.cumulative])]),
    ).toEqual([
      [
        '01',
        [
          ['2022-12', 16_225],
          ['2023-01', 16_707],
        ],
      ],
      ['2A', [['2023-01', 900]]],
    ]);
    expect(parsed.regions.map((r) => r.code)).toEqual(['84']);
    expect(parsed.national?.points.map((p) => p.cumulative)).toEqual([1_564_159, 1_614_144]);
    expect(parsed.target).toEqual({ month: '2026-12', value: 5_230_000 });
    expect(parsed.report).toMatchObject({ rows_read: 7, accepted: 7, rejected: 0 });
  });

  it('rejects unknown zones', () => {
    const parsed = parseDitpInd292(`${DITP}\nIND-292,D20,2023-01-01,DEPT,,5.0,,\n`);
    expect(parsed.report.rejections[0]?.reason).toBe('zone inconnue : « D20 » (maille DEPT)');
  });
});

describe('mergeMaprimerenov', () => {
  it('joins both sources per département and for France, keeping each point’s source', () => {
    const merged = mergeMaprimerenov(
      parseBarometreMaprimerenov(BAROMETRE_DEPT),
      parseBarometreMaprimerenov(BAROMETRE_NAT),
      parseDitpInd292(DITP),
    );
    expect(merged.months).toEqual(['2020-04', '2020-05', '2022-12', '2023-01']);
    const ain = merged.departements.find((d) => d.code === '01');
    expect(ain?.name).toBe('Ain');
    expect(ain?.points.map((p) => `${p.month}:${p.source}`)).toEqual([
      '2020-04:barometre',
      '2020-05:barometre',
      '2022-12:ditp',
      '2023-01:ditp',
    ]);
    expect(cumulativeAt(merged.national, '2023-01')).toBe(1_614_144);
    expect(cumulativeAt(merged.national, '2022-11')).toBeNull();
  });
});

/** The FRANCE value of a month, read from the raw DITP file without the module under test. */
function rawFranceValue(path: string, date: string): number {
  const line = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .find((l) => l.startsWith(`IND-292,FRANCE,${date},`));
  if (line === undefined) throw new Error(`No FRANCE line at ${date}`);
  return Number(line.split(',')[5]);
}

let ditpPath: string | null = null;
try {
  ditpPath = resolveSource('maprimerenov-ditp-ind-292');
} catch {
  ditpPath = null;
}

describe.skipIf(ditpPath === null)('real files (skipped without the MaPrimeRénov’ sources)', () => {
  const load = () => loadMaprimerenov();

  it('national total at 2024-08 equals the source file’s FRANCE value', () => {
    const { dataset } = load();
    const expected = rawFranceValue(ditpPath ?? '', '2024-08-01');
    expect(expected).toBe(2_320_747);
    expect(cumulativeAt(dataset.national, '2024-08')).toBe(expected);
  });

  it('DITP: the 101 départements add up exactly to France at 2024-08', () => {
    const { dataset } = load();
    const withValue = dataset.departements.filter((d) => cumulativeAt(d, '2024-08') !== null);
    expect(withValue).toHaveLength(101);
    expect(withValue.reduce((s, d) => s + (cumulativeAt(d, '2024-08') ?? 0), 0)).toBe(2_320_747);
  });

  it('baromètre: the départements add up to 2,376 less than France at 2022-10 (documented gap)', () => {
    const { dataset } = load();
    const sum = dataset.departements.reduce((s, d) => s + (cumulativeAt(d, '2022-10') ?? 0), 0);
    expect(cumulativeAt(dataset.national, '2022-10')).toBe(1_317_674);
    expect(sum).toBe(1_315_298);
  });

  it('reads every row: monthly series from 2020-04 to 2024-08, without 2022-11, non-decreasing within a source', () => {
    const { dataset, reports } = load();
    for (const r of Object.values(reports)) {
      expect(r.rejected).toBe(0);
      expect(r.rows_read).toBe(r.accepted + r.rejected + r.ignored);
    }
    expect(reports.departemental.accepted).toBe(3_112);
    expect(dataset.months[0]).toBe('2020-04');
    expect(dataset.months.at(-1)).toBe('2024-08');
    expect(dataset.months).not.toContain('2022-11');
    expect(dataset.national.points).toHaveLength(52);
    for (const series of [dataset.national, ...dataset.departements]) {
      series.points.forEach((p, i) => {
        const previous = series.points[i - 1];
        if (previous?.source === p.source)
          expect(p.cumulative).toBeGreaterThanOrEqual(previous.cumulative);
      });
    }
    // At the junction 11 départements drop (the sources assign files differently); France rises.
    expect(dataset.junction_drops.map((d) => d.code)).toEqual([
      '05',
      '23',
      '28',
      '2B',
      '43',
      '46',
      '58',
      '971',
      '972',
      '973',
      '974',
    ]);
    expect(dataset.junction_drops.find((d) => d.code === '973')).toMatchObject({
      before: { month: '2022-10', cumulative: 2_235 },
      after: { month: '2022-12', cumulative: 114 },
    });
    expect(dataset.target).toEqual({ month: '2026-12', value: 5_230_000 });
  });
});
