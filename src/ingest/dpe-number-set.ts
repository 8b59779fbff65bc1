/**
 * The set of DPE numbers seen by an import, for duplicate detection over files of tens of
 * millions of rows. ADEME numbers (`2469N0892797M`: 4 digits, a letter, 7 digits, a letter) are
 * packed exactly into one integer below 2^53 and kept in an open-addressing table of doubles,
 * 16 bytes per number instead of about 100 for a `Set<string>`; other numbers go to a plain set.
 */

const EMPTY = 0;
const INITIAL_CAPACITY = 1 << 12;

const digit = (numero: string, i: number): number => {
  const d = numero.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
};
const letter = (numero: string, i: number): number => {
  const l = numero.charCodeAt(i) - 65;
  return l >= 0 && l < 26 ? l : -1;
};

/**
 * The exact integer of an ADEME number (4 digits, a letter, 7 digits, a letter), plus one (0 marks
 * an empty slot), or null for any other text. Read by char codes: this runs once per row.
 */
function packAdemeNumber(numero: string): number | null {
  if (numero.length !== 13) return null;
  let value = 0;
  for (let i = 0; i < 4; i++) {
    const d = digit(numero, i);
    if (d < 0) return null;
    value = value * 10 + d;
  }
  const first = letter(numero, 4);
  if (first < 0) return null;
  value = value * 26 + first;
  for (let i = 5; i < 12; i++) {
    const d = digit(numero, i);
    if (d < 0) return null;
    value = value * 10 + d;
  }
  const check = letter(numero, 12);
  if (check < 0) return null;
  return value * 26 + check + 1;
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
