/** A byte source over a file path, read slice by slice (never whole). */
import { existsSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ByteSource } from '../../src/ingest/byte-source.ts';
import { ImportError } from '../../src/ingest/import-error.ts';

/** The source of `path`; throws an ImportError when it is not a readable file. */
export function pathSource(path: string): ByteSource {
  if (!existsSync(path)) throw new ImportError(`Fichier introuvable : ${path}`);
  const info = statSync(path);
  if (!info.isFile()) throw new ImportError(`Ce n’est pas un fichier : ${path}`);
  return {
    name: basename(path),
    size: info.size,
    whole: { path },
    async readInto(target, at, start, end) {
      const handle = await open(path, 'r');
      try {
        let read = 0;
        const length = Math.min(end, info.size) - start;
        while (read < length) {
          const { bytesRead } = await handle.read(target, at + read, length - read, start + read);
          if (bytesRead === 0) break;
          read += bytesRead;
        }
        return read;
      } finally {
        await handle.close();
      }
    },
  };
}
