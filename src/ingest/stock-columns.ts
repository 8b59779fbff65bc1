/**
 * Accumulates canonical stock rows column by column (typed arrays, dictionary-encoded strings) and
 * turns them into an Arrow table, so that an import of a million rows keeps no object per row and
 * crosses the worker boundary as one transferable buffer.
 */
import {
  type Data,
  Dictionary,
  Float64,
  Int32,
  makeData,
  Table,
  tableToIPC,
  Utf8,
  Vector,
  vectorFromArray,
} from 'apache-arrow';
import { STOCK_COLUMN_KINDS, type StockRow } from '../domain/stock-schema.ts';

type ColumnType = 'string' | 'number';

/** The canonical stock columns, in table order (`docs/data-assets.md`), with their kind. */
export const STOCK_ROW_COLUMNS: readonly (readonly [keyof StockRow, ColumnType])[] =
  STOCK_COLUMN_KINDS;

const INITIAL_CAPACITY = 1024;

function grown<T extends Int32Array | Float64Array>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}

/** Validity bitmap of Arrow (bit set = value present) from a predicate on row indices. */
function validityOf(length: number, isValid: (index: number) => boolean): [Uint8Array, number] {
  const bitmap = new Uint8Array(Math.ceil(length / 8));
  let nulls = 0;
  for (let index = 0; index < length; index++) {
    if (isValid(index)) bitmap[index >> 3] = (bitmap[index >> 3] ?? 0) | (1 << (index & 7));
    else nulls++;
  }
  return [bitmap, nulls];
}

class StringColumn {
  #codes = new Int32Array(INITIAL_CAPACITY);
  readonly #ids = new Map<string, number>();
  readonly #values: string[] = [];
  // Consecutive rows often share a value (dataset, commune, label source): skips the map lookup.
  #lastValue: string | null = null;
  #lastId = -1;

  grow(capacity: number): void {
    this.#codes = grown(this.#codes, capacity);
  }

  append(index: number, value: string | null): void {
    if (value === this.#lastValue) {
      this.#codes[index] = this.#lastId;
      return;
    }
    let id = -1;
    if (value !== null) {
      id = this.#ids.get(value) ?? -1;
      if (id < 0) {
        id = this.#values.length;
        this.#ids.set(value, id);
        this.#values.push(value);
      }
    }
    this.#lastValue = value;
    this.#lastId = id;
    this.#codes[index] = id;
  }

  toData(length: number, dictionaryId: number): Data {
    const codes = this.#codes.slice(0, length);
    const [nullBitmap, nullCount] = validityOf(length, (index) => (codes[index] ?? -1) >= 0);
    for (let index = 0; index < length; index++) if ((codes[index] ?? 0) < 0) codes[index] = 0;
    return makeData({
      type: new Dictionary(new Utf8(), new Int32(), dictionaryId),
      length,
      nullCount,
      nullBitmap,
      data: codes,
      dictionary: vectorFromArray(this.#values, new Utf8()),
    });
  }
}

class NumberColumn {
  // NaN marks a missing value: mappers give null, never NaN, for a missing or unreadable number.
  #values = new Float64Array(INITIAL_CAPACITY);

  grow(capacity: number): void {
    this.#values = grown(this.#values, capacity);
  }

  append(index: number, value: number | null): void {
    this.#values[index] = value ?? Number.NaN;
  }

  toData(length: number): Data {
    const values = this.#values.slice(0, length);
    const [nullBitmap, nullCount] = validityOf(length, (index) => !Number.isNaN(values[index]));
    for (let index = 0; index < length; index++) if (Number.isNaN(values[index])) values[index] = 0;
    return makeData({ type: new Float64(), length, nullCount, nullBitmap, data: values });
  }
}

/** Canonical stock rows held as columns; see the module documentation. */
export class StockColumns {
  #length = 0;
  #capacity = INITIAL_CAPACITY;
  readonly #strings = STOCK_ROW_COLUMNS.filter(([, type]) => type === 'string').map(
    ([name]) => [name, new StringColumn()] as const,
  );
  readonly #numbers = STOCK_ROW_COLUMNS.filter(([, type]) => type === 'number').map(
    ([name]) => [name, new NumberColumn()] as const,
  );

  /** Rows appended so far. */
  get length(): number {
    return this.#length;
  }

  /** Appends one row; the row object can be dropped afterwards. */
  append(row: StockRow): void {
    const index = this.#length;
    if (index === this.#capacity) {
      this.#capacity *= 2;
      for (const [, column] of this.#strings) column.grow(this.#capacity);
      for (const [, column] of this.#numbers) column.grow(this.#capacity);
    }
    for (const [name, column] of this.#strings) {
      const value = row[name];
      column.append(index, typeof value === 'string' ? value : null);
    }
    for (const [name, column] of this.#numbers) {
      const value = row[name];
      column.append(index, typeof value === 'number' ? value : null);
    }
    this.#length++;
  }

  /** The rows as an Arrow table: strings dictionary-encoded (read as VARCHAR), numbers Float64. */
  toTable(): Table {
    const strings = new Map<string, StringColumn>(this.#strings);
    const numbers = new Map<string, NumberColumn>(this.#numbers);
    const vectors: Record<string, Vector> = {};
    STOCK_ROW_COLUMNS.forEach(([name], position) => {
      const data =
        strings.get(name)?.toData(this.#length, position) ??
        numbers.get(name)?.toData(this.#length);
      if (data !== undefined) vectors[name] = new Vector([data]);
    });
    return new Table(vectors);
  }

  /** The rows as an Arrow IPC stream, ready to be transferred and inserted into DuckDB. */
  toIpc(): Uint8Array {
    return tableToIPC(this.toTable(), 'stream');
  }
}
