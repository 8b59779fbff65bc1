/**
 * Cached generation of the bench's files in bench/tmp: a file is rebuilt only when the key of
 * what it is made from changes, and never left half-written.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Runs `build` into a temporary file and renames it into place, unless its key is unchanged. */
export async function buildCached(
  path: string,
  key: string,
  build: (temporary: string) => Promise<void>,
): Promise<boolean> {
  const keyPath = `${path}.key`;
  if (existsSync(path) && existsSync(keyPath) && readFileSync(keyPath, 'utf8') === key)
    return false;
  const temporary = `${path}.${process.pid}.tmp`;
  // A fresh checkout has no bench/tmp (git-ignored).
  mkdirSync(dirname(path), { recursive: true });
  rmSync(temporary, { force: true });
  try {
    await build(temporary);
    renameSync(temporary, path);
    writeFileSync(keyPath, key);
  } finally {
    rmSync(temporary, { force: true });
    rmSync(`${temporary}.wal`, { force: true });
  }
  return true;
}
