/**
 * Rules for DPE records fetched from the ADEME API (2025 field names), before they are imported:
 *
 * - **merge by DPE number**: a record fetched again (modified since) replaces the one kept, the
 *   later `date_derniere_modification_dpe` winning;
 * - **replaced DPE**: a DPE named by another record's `numero_dpe_remplace` has been redone; it is
 *   dropped (counted as rejected, « DPE remplacé par … »);
 * - **weak geocoding**: a record whose address was not matched to the BAN at the address
 *   (`statut_geocodage`), or matched with a BAN score below {@link MIN_BAN_SCORE}, keeps its
 *   commune but not its coordinates: it is counted, never silently drawn as a point.
 */

/** A record as the API gives it (keys with null values left out). */
export type DpeRecord = Readonly<Record<string, unknown>>;

/** Below this BAN score, even an address-level match is taken as weak (median ≈ 0.64). */
const MIN_BAN_SCORE = 0.5;

function text(record: DpeRecord, key: string): string {
  const value = record[key];
  return value === undefined || value === null ? '' : String(value).trim();
}

/** The DPE number of a record, or '' when it has none. */
function dpeNumber(record: DpeRecord): string {
  return text(record, 'numero_dpe');
}

/**
 * Merges `incoming` into `kept` (keyed by DPE number): a record replaces the kept one unless the
 * kept one was modified later. Records without a number cannot be merged and are appended under
 * a key of their own. Returns how many records were new and how many replaced a kept one.
 */
export function mergeDpeRecords(
  kept: Map<string, DpeRecord>,
  incoming: Iterable<DpeRecord>,
): { added: number; updated: number } {
  let added = 0;
  let updated = 0;
  for (const record of incoming) {
    const number = dpeNumber(record);
    const key = number === '' ? `#sans-numero-${kept.size}` : number;
    const previous = kept.get(key);
    if (previous === undefined) {
      kept.set(key, record);
      added++;
      continue;
    }
    const before = text(previous, 'date_derniere_modification_dpe');
    const after = text(record, 'date_derniere_modification_dpe');
    if (after >= before) {
      kept.set(key, record);
      updated++;
    }
  }
  return { added, updated };
}

/** DPE number → number of the DPE that replaced it, over the records given. */
export function replacedDpe(records: Iterable<DpeRecord>): Map<string, string> {
  const replaced = new Map<string, string>();
  for (const record of records) {
    const old = text(record, 'numero_dpe_remplace');
    const number = dpeNumber(record);
    if (old !== '' && old !== number) replaced.set(old, number);
  }
  return replaced;
}

function foldAccents(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Whether a record's geocoding is too weak for its coordinates to be used. */
export function isWeakGeocoding(record: DpeRecord): boolean {
  const status = foldAccents(text(record, 'statut_geocodage'));
  const atAddress = status.includes('geocodee ban a l') && !status.includes('non geocodee');
  if (!atAddress) return true;
  const score = Number(text(record, 'score_ban'));
  return text(record, 'score_ban') !== '' && Number.isFinite(score) && score < MIN_BAN_SCORE;
}

/** Fields cleared on a weakly geocoded record: its position is not trusted. */
const POSITION_FIELDS = [
  'coordonnee_cartographique_x_ban',
  'coordonnee_cartographique_y_ban',
  '_geopoint',
] as const;

/** The record without its coordinates (weak geocoding). */
function withoutPosition(record: DpeRecord): DpeRecord {
  const copy: Record<string, unknown> = { ...record };
  for (const field of POSITION_FIELDS) delete copy[field];
  return copy;
}

/** What the rules made of a set of records. */
export interface DpeSelection {
  /** Records to import, weakly geocoded ones without their coordinates. */
  current: DpeRecord[];
  /** Replaced records, each with the number of the DPE that replaced it. */
  replaced: { record: DpeRecord; by: string }[];
  /** Records among `current` whose coordinates were dropped. */
  weakGeocoding: number;
}

/** Applies the replaced-DPE and weak-geocoding rules to merged records. */
export function selectCurrentDpe(records: readonly DpeRecord[]): DpeSelection {
  const replacedBy = replacedDpe(records);
  const selection: DpeSelection = { current: [], replaced: [], weakGeocoding: 0 };
  for (const record of records) {
    const by = replacedBy.get(dpeNumber(record));
    if (by !== undefined) {
      selection.replaced.push({ record, by });
    } else if (isWeakGeocoding(record)) {
      selection.weakGeocoding++;
      selection.current.push(withoutPosition(record));
    } else {
      selection.current.push(record);
    }
  }
  return selection;
}
