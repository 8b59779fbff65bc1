/**
 * Reads a source in order as windows of UTF-8 bytes: what was not consumed of the previous window,
 * then new bytes. Files in Windows-1252 or UTF-16 are transcoded here, chunk by chunk: DuckDB's
 * `read_csv` knows Latin-1 but not Windows-1252 (whose €, œ, ’, – it would misread), nor UTF-16
 * big-endian, and the byte lexer needs ASCII-compatible bytes. Two buffers alternate, so that the
 * engine may still read the previous window while the next one is filled.
 */
import type { ByteSource } from './byte-source.ts';
import type { TextEncodingLabel } from './detect-encoding.ts';

/** One window. */
export interface Utf8Window {
  bytes: Uint8Array;
  /** Whether the source is exhausted (nothing follows these bytes). */
  final: boolean;
}

/** Sequential reader of a source as UTF-8 windows; see the module documentation. */
export class Utf8Windows {
  readonly #source: ByteSource;
  readonly #chunk: number;
  readonly #decoder: TextDecoder | null;
  readonly #encoder = new TextEncoder();
  readonly #buffers: Uint8Array[] = [new Uint8Array(0), new Uint8Array(0)];
  #raw = new Uint8Array(0);
  #turn = 0;
  #position = 0;

  constructor(source: ByteSource, encoding: TextEncodingLabel, chunkBytes: number) {
    this.#source = source;
    this.#chunk = chunkBytes;
    this.#decoder = encoding === 'utf-8' ? null : new TextDecoder(encoding);
  }

  /** Source bytes read so far. */
  get bytesRead(): number {
    return this.#position;
  }

  /** The next window: `leftover` (a view of the previous window, or empty) then new bytes. */
  async next(leftover: Uint8Array): Promise<Utf8Window> {
    const start = this.#position;
    const end = Math.min(this.#source.size, start + this.#chunk);
    const transcoding = this.#decoder !== null;
    // UTF-8 of a transcoded byte takes at most 3 bytes (UTF-16: 3 bytes per 2).
    const room = leftover.length + (end - start) * (transcoding ? 3 : 1) + 4;
    this.#turn ^= 1;
    let buffer = this.#buffers[this.#turn] as Uint8Array;
    if (buffer.length < room) {
      buffer = new Uint8Array(Math.max(room, Math.floor(buffer.length * 1.5)));
      this.#buffers[this.#turn] = buffer;
    }
    buffer.set(leftover, 0);
    let length = leftover.length;
    if (this.#decoder === null) {
      length += await this.#source.readInto(buffer, length, start, end);
      this.#position = end;
    } else {
      if (this.#raw.length < end - start) this.#raw = new Uint8Array(this.#chunk);
      const read = await this.#source.readInto(this.#raw, 0, start, end);
      this.#position = start + read;
      const final = this.#position >= this.#source.size;
      const text = this.#decoder.decode(this.#raw.subarray(0, read), { stream: !final });
      length += this.#encoder.encodeInto(text, buffer.subarray(length)).written;
    }
    return { bytes: buffer.subarray(0, length), final: this.#position >= this.#source.size };
  }
}
