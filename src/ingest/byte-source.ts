/**
 * Where an import reads bytes from: a browser `File`, bytes in memory, or (in the scripts) a file
 * path. The pipeline reads slices in order, so that a file of several GB is never held whole.
 */

/** A readable sequence of bytes with a name. */
export interface ByteSource {
  /** File name, for messages and the report. */
  readonly name: string;
  /** Size in bytes. */
  readonly size: number;
  /** Reads bytes [start, end) into `target` from offset `at`; answers how many were read. */
  readInto(target: Uint8Array, at: number, start: number, end: number): Promise<number>;
  /**
   * What the source is over, for an engine that can hand the whole of it to `read_csv` without
   * copying it slice by slice (`ImportEngine.putSource`).
   */
  readonly whole?: WholeSource;
}

/** The whole of a source: a path on disk, a browser `Blob`, or bytes in memory. */
export type WholeSource = { path: string } | { blob: Blob } | { bytes: Uint8Array };

/** Reads bytes [start, end) of a source into a new array. */
export async function readBytes(
  source: ByteSource,
  start: number,
  end: number,
): Promise<Uint8Array> {
  const target = new Uint8Array(Math.max(0, Math.min(end, source.size) - start));
  const read = await source.readInto(target, 0, start, start + target.length);
  return target.subarray(0, read);
}

/** A source over bytes in memory. */
export function bytesSource(name: string, bytes: Uint8Array): ByteSource {
  return {
    name,
    size: bytes.length,
    whole: { bytes },
    async readInto(target, at, start, end) {
      const part = bytes.subarray(start, Math.min(end, bytes.length));
      target.set(part, at);
      return part.length;
    },
  };
}

/** A source over a browser `File` or `Blob` (read slice by slice, never whole). */
export function blobSource(blob: Blob, name = (blob as File).name ?? 'fichier'): ByteSource {
  return {
    name,
    size: blob.size,
    whole: { blob },
    async readInto(target, at, start, end) {
      const part = new Uint8Array(await blob.slice(start, end).arrayBuffer());
      target.set(part, at);
      return part.length;
    },
  };
}
