/**
 * Tolerant but exact column matching: header names are compared after normalising case, accents
 * and punctuation (`Code_INSEE_(BAN)` and `code_insee_ban` are the same column), never by
 * resemblance (`Conso_5_usages_é_finale` is not `Conso_5_usages/m²_é_finale`).
 */
import { ImportError } from './import-error.ts';

/**
 * Normal form of a column name: compatibility decomposition (`²` → `2`), accents dropped, lower
 * case, every run of other characters turned into one `_`, no leading or trailing `_`.
 */
export function normaliseHeaderName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** A column the mapper looks for. */
export interface ColumnSpec<K extends string = string> {
  key: K;
  /** Accepted names, in any spelling that normalises to the same form. */
  names: readonly string[];
}

/** Column index of each spec key found in the header (the first occurrence wins). */
export type ColumnIndex<K extends string> = Partial<Record<K, number>>;

/**
 * Finds the columns of `specs` in a header. Returns their indices and the normalised names that
 * occur more than once (the first occurrence is used).
 */
export function matchColumns<K extends string>(
  header: readonly string[],
  specs: readonly ColumnSpec<K>[],
): { index: ColumnIndex<K>; duplicates: string[] } {
  const positions = new Map<string, number>();
  const duplicates = new Set<string>();
  header.forEach((name, i) => {
    const normal = normaliseHeaderName(name);
    if (normal === '') return;
    if (positions.has(normal)) duplicates.add(normal);
    else positions.set(normal, i);
  });
  const index: ColumnIndex<K> = {};
  for (const spec of specs) {
    for (const name of spec.names) {
      const position = positions.get(normaliseHeaderName(name));
      if (position !== undefined) {
        index[spec.key] = position;
        break;
      }
    }
  }
  const used = new Set(specs.flatMap((s) => s.names.map(normaliseHeaderName)));
  return { index, duplicates: [...duplicates].filter((d) => used.has(d)) };
}

/** How many header names a "found" list quotes. */
const FOUND_LIMIT = 12;

/** « a », « b », … (N premières sur M) — the start of a header, for error messages. */
export function describeFoundColumns(header: readonly string[]): string {
  if (header.length === 0) return 'aucune colonne';
  const shown = header
    .slice(0, FOUND_LIMIT)
    .map((name) => `« ${name} »`)
    .join(', ');
  return header.length > FOUND_LIMIT
    ? `${shown}… (${FOUND_LIMIT} premières sur ${header.length})`
    : `${shown} (${header.length} colonne${header.length > 1 ? 's' : ''})`;
}

/**
 * The one error for missing required columns: what is missing (each as its accepted names) and
 * what was found.
 */
export function missingColumnsError(
  what: string,
  missing: readonly string[],
  header: readonly string[],
  file?: string,
): ImportError {
  return new ImportError(
    `${what} : colonne${missing.length > 1 ? 's' : ''} obligatoire${missing.length > 1 ? 's' : ''} absente${missing.length > 1 ? 's' : ''} : ${missing.join(' ; ')}. Colonnes trouvées : ${describeFoundColumns(header)}.`,
    file === undefined ? {} : { file },
  );
}

/** Which columns to read and where each key lands in the projected fields (-1: absent). */
export interface Projection<K extends string> {
  columns: number[];
  slot: Record<K, number>;
}

/** The projection of the matched columns, in spec order. */
export function projectColumns<K extends string>(
  index: ColumnIndex<K>,
  specs: readonly ColumnSpec<K>[],
): Projection<K> {
  const columns: number[] = [];
  const slot = {} as Record<K, number>;
  for (const spec of specs) {
    const column = index[spec.key];
    if (column === undefined) slot[spec.key] = -1;
    else {
      slot[spec.key] = columns.length;
      columns.push(column);
    }
  }
  return { columns, slot };
}

/** The value at a projection slot ('' when the column is absent). */
export function fieldAt(fields: readonly string[], slot: number): string {
  return slot < 0 ? '' : (fields[slot] ?? '');
}
