/**
 * Reads the entries of a ZIP archive on disk (the BDNB département archives: a few GB, CSV tables
 * deflated, ZIP64 when large) and extracts one entry as a stream, without loading the archive:
 * the central directory is read from the end of the file, each entry's bytes are inflated as they
 * are read. Only what the BDNB archives use is supported: stored or deflated entries.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's local header. */
  offset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

async function readAt(path: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function invalid(path: string, detail: string): Error {
  return new Error(`${path} n’est pas une archive ZIP lisible (${detail}).`);
}

/** The entries of the archive at `path`. */
export async function listZipEntries(path: string): Promise<ZipEntry[]> {
  const handle = await open(path, 'r');
  const size = (await handle.stat()).size;
  await handle.close();
  const tailLength = Math.min(size, 22 + MAX16 + 20);
  const tail = await readAt(path, size - tailLength, tailLength);
  let at = -1;
  for (let k = tail.length - 22; k >= 0; k--) {
    if (tail.readUInt32LE(k) === EOCD) {
      at = k;
      break;
    }
  }
  if (at < 0) throw invalid(path, 'fin de répertoire introuvable');
  let count = tail.readUInt16LE(at + 10);
  let directorySize = tail.readUInt32LE(at + 12);
  let directoryOffset = tail.readUInt32LE(at + 16);
  if (at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR) {
    const zip64At = Number(tail.readBigUInt64LE(at - 20 + 8));
    const record = await readAt(path, zip64At, 56);
    if (record.readUInt32LE(0) !== ZIP64_EOCD) throw invalid(path, 'ZIP64 incohérent');
    count = Number(record.readBigUInt64LE(32));
    directorySize = Number(record.readBigUInt64LE(40));
    directoryOffset = Number(record.readBigUInt64LE(48));
  }
  const directory = await readAt(path, directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let k = 0;
  for (let n = 0; n < count; n++) {
    if (directory.readUInt32LE(k) !== CENTRAL) throw invalid(path, 'répertoire central abîmé');
    const method = directory.readUInt16LE(k + 10);
    let compressedSize = directory.readUInt32LE(k + 20);
    let entrySize = directory.readUInt32LE(k + 24);
    const nameLength = directory.readUInt16LE(k + 28);
    const extraLength = directory.readUInt16LE(k + 30);
    const commentLength = directory.readUInt16LE(k + 32);
    let offset = directory.readUInt32LE(k + 42);
    const name = directory.toString('utf8', k + 46, k + 46 + nameLength);
    // ZIP64 extra field: the 64-bit values of the fields saturated at 0xFFFFFFFF, in order.
    let extra = k + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = directory.readUInt16LE(extra);
      const length = directory.readUInt16LE(extra + 2);
      if (id === 1) {
        let p = extra + 4;
        if (entrySize === MAX32) {
          entrySize = Number(directory.readBigUInt64LE(p));
          p += 8;
        }
        if (compressedSize === MAX32) {
          compressedSize = Number(directory.readBigUInt64LE(p));
          p += 8;
        }
        if (offset === MAX32) offset = Number(directory.readBigUInt64LE(p));
      }
      extra += 4 + length;
    }
    entries.push({ name, method, compressedSize, size: entrySize, offset });
    k = extraEnd + commentLength;
  }
  return entries;
}

/** Extracts one entry to `target`, reporting the bytes written. */
export async function extractZipEntry(
  path: string,
  entry: ZipEntry,
  target: string,
  onBytes?: (written: number) => void,
): Promise<void> {
  const local = await readAt(path, entry.offset, 30);
  if (local.readUInt32LE(0) !== LOCAL) throw invalid(path, `en-tête local de ${entry.name}`);
  const start = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (entry.method !== 0 && entry.method !== 8) {
    throw invalid(
      path,
      `méthode de compression ${entry.method} non prise en charge pour ${entry.name}`,
    );
  }
  let written = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      written += chunk.length;
      onBytes?.(written);
      done(null, chunk);
    },
  });
  const source =
    entry.compressedSize === 0
      ? [Buffer.alloc(0)]
      : createReadStream(path, { start, end: start + entry.compressedSize - 1 });
  if (entry.method === 8)
    await pipeline(source, createInflateRaw(), counter, createWriteStream(target));
  else await pipeline(source, counter, createWriteStream(target));
  if (written !== entry.size) {
    throw invalid(path, `${entry.name} : ${written} octets extraits, ${entry.size} annoncés`);
  }
}
