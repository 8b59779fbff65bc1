/**
 * The set of DPE numbers seen by an import, for duplicate detection over files of tens of
 * millions of rows. ADEME numbers (`2469N0892797M`: 4 digits, a letter, 7 digits, a letter) are
 * packed exactly into one integer below 2^53 and kept in an open-addressing table of doubles,
 * 16 bytes per number instead of about 100 for a `Set<string>`; other numbers go to a plain set.
 */

const ADEME_NUMBER = /^(\d{4})([A-Z])(\d{7})([A-Z])$/;
const EMPTY = 0;
const INITIAL_CAPACITY = 1 << 12;

/** The exact integer of an ADEME number, plus one (0 marks an empty slot), or null. */
function packAdemeNumber(numero: string): number | null {
  const match = ADEME_NUMBER.exec(numero);
  if (match === null) return null;
  const [, year = '', letter = 'A', serial = '', check = 'A'] = match;
  const value =
    ((Number(year) * 26 + (letter.charCodeAt(0) - 65)) * 1e7 + Number(serial)) * 26 +
    (check.charCodeAt(0) - 65);
  return value + 1;
}

function slotOf(key: number, mask: number): number {
  const low = key >>> 0;
  const high = Math.floor(key / 4294967296);
  let h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & mask;
}

/** A set of DPE numbers; see the module documentation. */
export class DpeNumberSet {
  #table = new Float64Array(INITIAL_CAPACITY);
  #packed = 0;
  readonly #others = new Set<string>();

  /** Numbers held. */
  get size(): number {
    return this.#packed + this.#others.size;
  }

  /** Adds a number; returns false when it was already there. */
  add(numero: string): boolean {
    const key = packAdemeNumber(numero);
    if (key === null) {
      if (this.#others.has(numero)) return false;
      // A copy, so that the set does not keep the chunk the number was cut from alive.
      this.#others.add(` ${numero}`.slice(1));
      return true;
    }
    if ((this.#packed + 1) * 2 > this.#table.length) this.#grow();
    if (!this.#insert(this.#table, key)) return false;
    this.#packed++;
    return true;
  }

  /** Whether a number was added. */
  has(numero: string): boolean {
    const key = packAdemeNumber(numero);
    if (key === null) return this.#others.has(numero);
    const table = this.#table;
    const mask = table.length - 1;
    for (let slot = slotOf(key, mask); ; slot = (slot + 1) & mask) {
      const value = table[slot];
      if (value === key) return true;
      if (value === EMPTY) return false;
    }
  }

  #insert(table: Float64Array, key: number): boolean {
    const mask = table.length - 1;
    for (let slot = slotOf(key, mask); ; slot = (slot + 1) & mask) {
      const value = table[slot];
      if (value === key) return false;
      if (value === EMPTY) {
        table[slot] = key;
        return true;
      }
    }
  }

  #grow(): void {
    const old = this.#table;
    const table = new Float64Array(old.length * 2);
    for (const key of old) if (key !== EMPTY) this.#insert(table, key);
    this.#table = table;
  }
}
