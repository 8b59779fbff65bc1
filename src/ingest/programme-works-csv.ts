/**
 * Importer of the works recorded in carnets (docs/programme-csv.md): each must reference an
 * accepted carnet; labels and consumptions before and after are read as pairs.
 */
import { labelIndex } from '../domain/dpe.ts';
import type { ProgrammeCarnet, ProgrammeWork, WorkType } from '../domain/programme-data.ts';
import type { DpeLabel } from '../domain/stock-schema.ts';
import { isDpeLabel } from '../domain/stock-schema.ts';
import type { ColumnSpec } from './header-match.ts';
import { missingColumnsError } from './header-match.ts';
import { parseDecimal } from './parse-number.ts';
import type { ProgrammeCsvImport, ProgrammeImportContext } from './programme-csv-reader.ts';
import {
  createProgrammeImport,
  FILE_TITLES,
  optional,
  readDate,
  spec,
} from './programme-csv-reader.ts';

type WorkColumn =
  | 'id_carnet'
  | 'date_travaux'
  | 'type_travaux'
  | 'etiquette_avant'
  | 'etiquette_apres'
  | 'conso_ep_avant'
  | 'conso_ep_apres'
  | 'conso_ef_avant'
  | 'conso_ef_apres'
  | 'surface_m2'
  | 'cout_ttc'
  | 'cout_ht'
  | 'source';

const WORK_COLUMNS: readonly ColumnSpec<WorkColumn>[] = [
  spec('id_carnet', 'identifiant_carnet', 'carnet'),
  spec('date_travaux'),
  spec('type_travaux'),
  spec('etiquette_avant'),
  spec('etiquette_apres'),
  spec('conso_ep_avant'),
  spec('conso_ep_apres'),
  spec('conso_ef_avant'),
  spec('conso_ef_apres'),
  spec('surface_m2', 'surface', 'surface_habitable'),
  spec('cout_ttc'),
  spec('cout_ht'),
  spec('source'),
];

/** Parses a label cell: null when empty, the label, or a rejection reason. */
function readLabel(raw: string, column: string): DpeLabel | null | { error: string } {
  if (raw === '') return null;
  const label = raw.toUpperCase();
  return isDpeLabel(label) ? label : { error: `${column} invalide : « ${raw} » (A à G attendu)` };
}

/** Parses a non-negative number cell: null when empty, the value, or a rejection reason. */
function readAmount(raw: string, column: string): number | null | { error: string } {
  const value = parseDecimal(raw);
  if (value === null) return null;
  if (Number.isNaN(value)) return { error: `${column} n'est pas un nombre : « ${raw} »` };
  if (value < 0) return { error: `${column} négatif : ${raw}` };
  return value;
}

type Pair<T> = { before: T | null; after: T | null };

/** Reads a before/after pair; a half-filled pair or an after worse than before is an error. */
function readPair<T>(
  get: (key: WorkColumn) => string,
  names: [WorkColumn, WorkColumn],
  read: (raw: string, column: string) => T | null | { error: string },
  worse: (before: T, after: T) => boolean,
  describeWorse: (before: T, after: T) => string,
): Pair<T> | string {
  const before = read(get(names[0]), names[0]);
  if (before !== null && typeof before === 'object' && 'error' in before) return before.error;
  const after = read(get(names[1]), names[1]);
  if (after !== null && typeof after === 'object' && 'error' in after) return after.error;
  const b = before as T | null;
  const a = after as T | null;
  if ((b === null) !== (a === null)) {
    const [filled, empty] = b === null ? [names[1], names[0]] : [names[0], names[1]];
    return `${empty} absente alors que ${filled} est renseignée`;
  }
  if (b !== null && a !== null && worse(b, a)) return describeWorse(b, a);
  return { before: b, after: a };
}

function readWorkTypes(raw: string, allowed: readonly WorkType[]): WorkType[] | string {
  if (raw === '') return 'type_travaux absent';
  const parts = raw.split('+').map((p) => p.trim().toLowerCase());
  const unknown = parts.filter((p) => !allowed.includes(p));
  if (unknown.length > 0) {
    return `type_travaux inconnu : « ${unknown.join(' + ')} » (valeurs admises, combinables par « + » : ${allowed.join(', ')})`;
  }
  return [...new Set(parts)];
}

/**
 * Starts the import of works: `id_carnet` (an accepted carnet), `date_travaux` (in the calendar,
 * not before the carnet's opening), `type_travaux` (a `work_types` id of the configuration, combinable with `+`),
 * labels A–G and/or consumptions before and after (at least one complete pair; after never worse
 * than before), `surface_m2` (> 0, optional), `cout_ttc` (≥ 0, optional).
 */
export function createWorksImport(
  context: ProgrammeImportContext,
  carnets: readonly ProgrammeCarnet[],
  file?: string,
): ProgrammeCsvImport<ProgrammeWork> {
  const carnetById = new Map(carnets.map((c) => [c.id_carnet, c]));
  return createProgrammeImport<WorkColumn, ProgrammeWork>(
    {
      kind: 'travaux',
      columns: WORK_COLUMNS,
      required: ['id_carnet', 'date_travaux', 'type_travaux'],
      checkHeader(has, header, report) {
        const pairs: [WorkColumn, WorkColumn][] = [
          ['etiquette_avant', 'etiquette_apres'],
          ['conso_ep_avant', 'conso_ep_apres'],
          ['conso_ef_avant', 'conso_ef_apres'],
        ];
        if (!pairs.some(([b, a]) => has(b) && has(a))) {
          throw missingColumnsError(
            FILE_TITLES.travaux,
            [
              'etiquette_avant et etiquette_apres, ou conso_ep_avant et conso_ep_apres, ou conso_ef_avant et conso_ef_apres',
            ],
            header,
            file,
          );
        }
        if (has('cout_ht') && !has('cout_ttc')) {
          report.warn(
            'colonne_cout_ht_ignoree',
            'Colonne cout_ht ignorée : le schéma attend le coût TTC des travaux (colonne cout_ttc).',
          );
        }
      },
      mapper() {
        const seen = new Map<string, number>();
        return (get, line) => {
          const id = get('id_carnet');
          if (id === '') return 'id_carnet absent';
          const carnet = carnetById.get(id);
          if (carnet === undefined)
            return `id_carnet inconnu : « ${id} » (aucun carnet accepté avec cet identifiant)`;
          const date = readDate(get('date_travaux'), 'date_travaux', context.calendar);
          if (typeof date === 'string') return date;
          if (date.date < carnet.date_ouverture) {
            return `date_travaux (${date.date}) antérieure à l'ouverture du carnet (${carnet.date_ouverture})`;
          }
          const types = readWorkTypes(get('type_travaux'), context.workTypes);
          if (typeof types === 'string') return types;
          const labels = readPair(
            get,
            ['etiquette_avant', 'etiquette_apres'],
            readLabel,
            (b, a) => labelIndex(a) > labelIndex(b),
            (b, a) => `étiquette après travaux (${a}) moins bonne qu'avant (${b})`,
          );
          if (typeof labels === 'string') return labels;
          const consumption = (names: [WorkColumn, WorkColumn]) =>
            readPair(
              get,
              names,
              readAmount,
              (b, a) => a > b,
              (b, a) => `${names[1]} (${a}) supérieure à ${names[0]} (${b})`,
            );
          const ep = consumption(['conso_ep_avant', 'conso_ep_apres']);
          if (typeof ep === 'string') return ep;
          const ef = consumption(['conso_ef_avant', 'conso_ef_apres']);
          if (typeof ef === 'string') return ef;
          if (labels.before === null && ep.before === null && ef.before === null) {
            return 'ni étiquettes ni consommations avant et après travaux';
          }
          const surface = readAmount(get('surface_m2'), 'surface_m2');
          if (surface !== null && typeof surface === 'object') return surface.error;
          if (surface === 0) return 'surface_m2 nulle';
          const cost = readAmount(get('cout_ttc'), 'cout_ttc');
          if (cost !== null && typeof cost === 'object') return cost.error;
          const key = `${id}|${date.date}|${[...types].sort().join('+')}`;
          const previous = seen.get(key);
          if (previous !== undefined) {
            return `travaux en double (même carnet, date et type) : déjà lus ligne ${previous}`;
          }
          seen.set(key, line);
          return {
            id_carnet: id,
            date_travaux: date.date,
            type_travaux: types,
            etiquette_avant: labels.before,
            etiquette_apres: labels.after,
            conso_ep_avant: ep.before,
            conso_ep_apres: ep.after,
            conso_ef_avant: ef.before,
            conso_ef_apres: ef.after,
            surface_m2: surface,
            cout_ttc: cost,
            source: optional(get('source')),
          };
        };
      },
    },
    file,
  );
}
