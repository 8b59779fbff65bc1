/**
 * Real renovation counts: MaPrimeRénov' files validated ("dossiers validés", Anah) from the
 * baromètre des résultats de l'action publique, in its two formats, merged into one cumulative
 * monthly series per département and one for France.
 *
 * - Etalab baromètre (2020-04 → 2022-10), one row per month: `mesure, indicateur, id_indicateur,
 *   code_departement, libelle_departement, date, valeur, unite` (national file: `maille_geographique`
 *   instead of the département columns). Indicator `nb-maprimerenov-valides`; `valeur` is the
 *   cumulative count since 1 January 2020 at `date`, the last day of the month.
 * - DITP indicator IND-292 (2022-12 → 2024-08): `indic_id, enforce_zone_id, metric_enforce_date,
 *   maille, indic_vi, indic_va, indic_vc, indic_ta`. Its metadata (ditp-meta-ind-292.csv) names it
 *   « Nombre de dossiers MaPrimeRénov’ validés en cumul », category `cumul_non_annuel`. `indic_vi`
 *   is the initial value (first month only), `indic_va` the current value, `indic_vc` the target
 *   (one row, 2026-12), `indic_ta` the progress in % from initial to target. A month's value is
 *   `indic_va`, else `indic_vi`. Zones: `D01`…`D976` (maille DEPT), `R..` (REG), `FRANCE` (NAT);
 *   the month is dated by its first day.
 *
 * The two series meet with a gap (no 2022-11) and a break: nationally the DITP count at 2022-12 is
 * well above the baromètre's trend, while 11 départements (05, 23, 28, 2B, 43, 46, 58, 971–974)
 * drop at the junction (Guyane 2,235 → 114): the extractions assign files to départements
 * differently. Points keep their source, the drops are listed (`junction_drops`), nothing is
 * interpolated. Within each source every series is non-decreasing.
 */
import { isDepartementCode } from '../domain/codes.ts';
import { CsvReader } from './csv-reader.ts';
import type { ColumnSpec } from './header-match.ts';
import { fieldAt, matchColumns, missingColumnsError, projectColumns } from './header-match.ts';
import { ImportError } from './import-error.ts';
import type { ImportRejection } from './import-report.ts';
import { REPORT_REJECTIONS_LIMIT } from './import-report.ts';
import { parseDecimal } from './parse-number.ts';

/** Which file a point comes from. */
export type MaprimerenovSource = 'barometre' | 'ditp';

/** Cumulative count of validated files at the end of a month. */
export interface MaprimerenovPoint {
  /** `YYYY-MM`. */
  month: string;
  cumulative: number;
  source: MaprimerenovSource;
}

/** One territory's series, months ascending. */
export interface MaprimerenovSeries {
  /** Département code (`01`, `2A`, `971`), région code, or `FR`. */
  code: string;
  name: string | null;
  points: MaprimerenovPoint[];
}

/** What a file read gave. `rows_read = accepted + rejected + ignored`. */
export interface MaprimerenovReport {
  rows_read: number;
  accepted: number;
  rejected: number;
  /** Rows of other indicators (the baromètre files mix several) or other zone levels. */
  ignored: number;
  rejections: ImportRejection[];
}

/** Series read from one file, by zone level. */
export interface MaprimerenovParse {
  departements: MaprimerenovSeries[];
  regions: MaprimerenovSeries[];
  national: MaprimerenovSeries | null;
  /** The programme's target (DITP `indic_vc`), when the file gives it. */
  target: { month: string; value: number } | null;
  report: MaprimerenovReport;
}

/** Baromètre indicator id of validated MaPrimeRénov' files. */
export const BAROMETRE_INDICATOR = 'nb-maprimerenov-valides';
/** DITP indicator id of the same count. */
export const DITP_INDICATOR = 'IND-292';
/** Code of the national series. */
export const NATIONAL_CODE = 'FR';

const DATE = /^(\d{4})-(\d{2})-\d{2}$/;

type Level = 'departement' | 'region' | 'national';

class SeriesBuilder {
  readonly report: MaprimerenovReport = {
    rows_read: 0,
    accepted: 0,
    rejected: 0,
    ignored: 0,
    rejections: [],
  };
  readonly #series: Record<
    Level,
    Map<string, { name: string | null; points: Map<string, number> }>
  > = {
    departement: new Map(),
    region: new Map(),
    national: new Map(),
  };
  target: { month: string; value: number } | null = null;

  reject(line: number, reason: string, raw: string): void {
    this.report.rejected++;
    if (this.report.rejections.length < REPORT_REJECTIONS_LIMIT) {
      this.report.rejections.push({ line, reason, raw });
    }
  }

  add(
    level: Level,
    code: string,
    name: string | null,
    month: string,
    value: number,
  ): string | null {
    const series = this.#series[level].get(code) ?? { name, points: new Map<string, number>() };
    if (series.points.has(month)) return `mois ${month} en double pour la zone ${code}`;
    series.points.set(month, value);
    this.#series[level].set(code, series);
    return null;
  }

  build(source: MaprimerenovSource): MaprimerenovParse {
    const list = (level: Level): MaprimerenovSeries[] =>
      [...this.#series[level]]
        .map(([code, s]) => ({
          code,
          name: s.name,
          points: [...s.points]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([month, cumulative]) => ({ month, cumulative, source })),
        }))
        .sort((a, b) => a.code.localeCompare(b.code));
    return {
      departements: list('departement'),
      regions: list('region'),
      national: list('national')[0] ?? null,
      target: this.target,
      report: this.report,
    };
  }
}

function monthOfDate(raw: string): string | null {
  const match = DATE.exec(raw.trim());
  if (match === null) return null;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? `${match[1]}-${match[2]}` : null;
}

function readCount(raw: string): number | string {
  const value = parseDecimal(raw);
  if (value === null) return 'valeur absente';
  if (Number.isNaN(value) || value < 0 || !Number.isInteger(value)) {
    return `valeur invalide : « ${raw} » (nombre entier positif attendu)`;
  }
  return value;
}

function readFile<K extends string>(
  text: string,
  what: string,
  specs: readonly ColumnSpec<K>[],
  required: (index: Partial<Record<K, number>>) => string[],
  onRecord: (get: (key: K) => string, line: number, raw: string) => void,
  builder: SeriesBuilder,
): void {
  let slot: Record<K, number> | null = null;
  const reader = new CsvReader({
    header(header) {
      const { index } = matchColumns(header.names, specs);
      const missing = required(index);
      if (missing.length > 0) throw missingColumnsError(what, missing, header.names);
      const projection = projectColumns(index, specs);
      slot = projection.slot;
      return projection.columns;
    },
    record(record) {
      builder.report.rows_read++;
      if (record.error !== null) {
        builder.reject(record.line, record.error, record.raw);
        return;
      }
      const slots = slot;
      if (slots === null) throw new Error('CSV record before its header');
      onRecord((key) => fieldAt(record.fields, slots[key]).trim(), record.line, record.raw);
    },
  });
  reader.push(text);
  reader.end();
  if (reader.header === null) throw new ImportError(`${what} : fichier vide.`);
}

type BarometreColumn = 'indicator' | 'departement' | 'label' | 'maille' | 'date' | 'value';

/**
 * Reads a baromètre "detail" file (départemental or national) and keeps the validated
 * MaPrimeRénov' files; other indicators are counted as ignored.
 */
export function parseBarometreMaprimerenov(text: string): MaprimerenovParse {
  const builder = new SeriesBuilder();
  const specs: ColumnSpec<BarometreColumn>[] = [
    { key: 'indicator', names: ['id_indicateur'] },
    { key: 'departement', names: ['code_departement'] },
    { key: 'label', names: ['libelle_departement'] },
    { key: 'maille', names: ['maille_geographique'] },
    { key: 'date', names: ['date'] },
    { key: 'value', names: ['valeur'] },
  ];
  readFile(
    text,
    'Baromètre MaPrimeRénov’',
    specs,
    (index) => {
      const missing = (['indicator', 'date', 'value'] as const)
        .filter((k) => index[k] === undefined)
        .map((k) => specs.find((s) => s.key === k)?.names[0] ?? k);
      if (index.departement === undefined && index.maille === undefined) {
        missing.push('code_departement ou maille_geographique');
      }
      return missing;
    },
    (get, line, raw) => {
      if (get('indicator') !== BAROMETRE_INDICATOR) {
        builder.report.ignored++;
        return;
      }
      const month = monthOfDate(get('date'));
      if (month === null) return builder.reject(line, `date illisible : « ${get('date')} »`, raw);
      const value = readCount(get('value'));
      if (typeof value === 'string') return builder.reject(line, value, raw);
      let error: string | null;
      if (get('maille') === 'national') {
        error = builder.add('national', NATIONAL_CODE, 'France', month, value);
      } else {
        const code = get('departement');
        if (!isDepartementCode(code)) {
          return builder.reject(line, `code_departement invalide : « ${code} »`, raw);
        }
        error = builder.add('departement', code, get('label') || null, month, value);
      }
      if (error !== null) return builder.reject(line, error, raw);
      builder.report.accepted++;
    },
    builder,
  );
  return builder.build('barometre');
}

type DitpColumn = 'indicator' | 'zone' | 'date' | 'maille' | 'vi' | 'va' | 'vc';

/** Reads the DITP IND-292 file: départements, régions, France, and the target. */
export function parseDitpInd292(text: string): MaprimerenovParse {
  const builder = new SeriesBuilder();
  const specs: ColumnSpec<DitpColumn>[] = [
    { key: 'indicator', names: ['indic_id'] },
    { key: 'zone', names: ['enforce_zone_id'] },
    { key: 'date', names: ['metric_enforce_date'] },
    { key: 'maille', names: ['maille'] },
    { key: 'vi', names: ['indic_vi'] },
    { key: 'va', names: ['indic_va'] },
    { key: 'vc', names: ['indic_vc'] },
  ];
  readFile(
    text,
    'Indicateur DITP IND-292',
    specs,
    (index) =>
      (['indicator', 'zone', 'date', 'maille', 'vi', 'va'] as const)
        .filter((k) => index[k] === undefined)
        .map((k) => specs.find((s) => s.key === k)?.names[0] ?? k),
    (get, line, raw) => {
      if (get('indicator') !== DITP_INDICATOR) {
        builder.report.ignored++;
        return;
      }
      const month = monthOfDate(get('date'));
      if (month === null) return builder.reject(line, `date illisible : « ${get('date')} »`, raw);
      const zone = get('zone');
      const maille = get('maille');
      const current = get('va') !== '' ? get('va') : get('vi');
      if (current === '' && get('vc') !== '') {
        const target = readCount(get('vc'));
        if (typeof target === 'string') return builder.reject(line, target, raw);
        if (maille === 'NAT') builder.target = { month, value: target };
        builder.report.accepted++;
        return;
      }
      const value = readCount(current);
      if (typeof value === 'string') return builder.reject(line, value, raw);
      let error: string | null;
      if (maille === 'NAT' && zone === 'FRANCE') {
        error = builder.add('national', NATIONAL_CODE, 'France', month, value);
      } else if (maille === 'DEPT' && isDepartementCode(zone.slice(1)) && zone.startsWith('D')) {
        error = builder.add('departement', zone.slice(1), null, month, value);
      } else if (maille === 'REG' && /^R\d{2}$/.test(zone)) {
        error = builder.add('region', zone.slice(1), null, month, value);
      } else {
        return builder.reject(line, `zone inconnue : « ${zone} » (maille ${maille})`, raw);
      }
      if (error !== null) return builder.reject(line, error, raw);
      builder.report.accepted++;
    },
    builder,
  );
  return builder.build('ditp');
}

/** The merged dataset: one cumulative monthly series per département and for France. */
export interface MaprimerenovDataset {
  /** What is counted, in French. */
  indicator: string;
  /** Every month with at least one point, ascending. */
  months: string[];
  national: MaprimerenovSeries;
  departements: MaprimerenovSeries[];
  target: { month: string; value: number } | null;
  /** Series whose count drops where one source follows the other (département assignment differs). */
  junction_drops: { code: string; before: MaprimerenovPoint; after: MaprimerenovPoint }[];
  /** French notes to show with the overlay (sources, break between them). */
  notes: string[];
}

function mergePoints(a: readonly MaprimerenovPoint[], b: readonly MaprimerenovPoint[]) {
  const byMonth = new Map<string, MaprimerenovPoint>();
  // The later publication (DITP, passed second) wins a month present in both.
  for (const p of [...a, ...b]) byMonth.set(p.month, p);
  return [...byMonth.values()].sort((x, y) => x.month.localeCompare(y.month));
}

/**
 * Merges the baromètre (départements and France) with the DITP file: per département and for
 * France, the union of the months (DITP wins a month present in both). Département names come
 * from the baromètre.
 */
export function mergeMaprimerenov(
  barometreDepartements: MaprimerenovParse,
  barometreNational: MaprimerenovParse,
  ditp: MaprimerenovParse,
): MaprimerenovDataset {
  const codes = new Set([
    ...barometreDepartements.departements.map((s) => s.code),
    ...ditp.departements.map((s) => s.code),
  ]);
  const find = (list: readonly MaprimerenovSeries[], code: string) =>
    list.find((s) => s.code === code);
  const departements = [...codes].sort().map((code) => {
    const a = find(barometreDepartements.departements, code);
    const b = find(ditp.departements, code);
    return {
      code,
      name: a?.name ?? b?.name ?? null,
      points: mergePoints(a?.points ?? [], b?.points ?? []),
    };
  });
  const national = {
    code: NATIONAL_CODE,
    name: 'France',
    points: mergePoints(barometreNational.national?.points ?? [], ditp.national?.points ?? []),
  };
  const months = [
    ...new Set([...national.points, ...departements.flatMap((d) => d.points)].map((p) => p.month)),
  ].sort();
  const range = (source: MaprimerenovSource) => {
    const m = national.points.filter((p) => p.source === source).map((p) => p.month);
    return m.length === 0 ? 'aucun mois' : `${m[0]} → ${m[m.length - 1]}`;
  };
  const junction_drops = [national, ...departements].flatMap((series) =>
    series.points.flatMap((after, i) => {
      const before = series.points[i - 1];
      return before !== undefined &&
        before.source !== after.source &&
        after.cumulative < before.cumulative
        ? [{ code: series.code, before, after }]
        : [];
    }),
  );
  return {
    indicator: "Nombre de dossiers MaPrimeRénov' validés, en cumul depuis le 1er janvier 2020",
    months,
    national,
    departements,
    target: ditp.target,
    junction_drops,
    notes: [
      `Sources : baromètre des résultats de l'action publique (Etalab, ${range('barometre')}) puis indicateur DITP IND-292 (${range('ditp')}), Licence Ouverte 2.0.`,
      "Les deux séries se raccordent sans le mois intermédiaire et avec une rupture (extractions différentes) : rien n'est interpolé.",
      ...(junction_drops.length > 0
        ? [
            `Au raccord, le cumul baisse pour ${junction_drops.length} zone(s) (${junction_drops.map((d) => `${d.code} : ${d.before.cumulative} → ${d.after.cumulative}`).join(', ')}) : les deux sources ne rattachent pas les dossiers aux mêmes départements.`,
          ]
        : []),
    ],
  };
}

/** The cumulative count of a series at a month, or null when the month has no point. */
export function cumulativeAt(series: MaprimerenovSeries, month: string): number | null {
  return series.points.find((p) => p.month === month)?.cumulative ?? null;
}
