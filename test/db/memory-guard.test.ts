import { describe, expect, it } from 'vitest';
import { DuckDbCrashError } from '../../src/db/duckdb-crash-error.ts';
import {
  assessImportMemory,
  isOutOfMemoryError,
  JS_BYTES_PER_FILE_BYTE,
  outOfMemoryMessage,
  PRE_AGGREGATE_COMMAND,
  WASM_BYTES_PER_FILE_BYTE,
  WASM_MEMORY_LIMIT,
} from '../../src/db/memory-guard.ts';

const MB = 1024 ** 2;
const GB = 1024 ** 3;
const UNKNOWN = { jsHeapLimit: null, deviceMemory: null };
const LAPTOP = { jsHeapLimit: 4 * GB, deviceMemory: 8 * GB };

describe('assessImportMemory', () => {
  it('accepts the 1M-row DPE file of the tests (about 85 MB) on an ordinary laptop', () => {
    const verdict = assessImportMemory({ fileBytes: 85 * MB }, LAPTOP);
    expect(verdict.ok).toBe(true);
    expect(verdict.wasmBytes).toBeCloseTo(85 * MB * WASM_BYTES_PER_FILE_BYTE);
    expect(verdict.totalBytes).toBeCloseTo(
      85 * MB * (WASM_BYTES_PER_FILE_BYTE + JS_BYTES_PER_FILE_BYTE),
    );
  });

  it('refuses a file whose DuckDB share exceeds the 4 GiB WASM limit, even when nothing else is known', () => {
    const fileBytes = (WASM_MEMORY_LIMIT * 0.6) / WASM_BYTES_PER_FILE_BYTE + MB;
    const verdict = assessImportMemory({ fileBytes }, UNKNOWN);
    expect(verdict.ok).toBe(false);
    expect(assessImportMemory({ fileBytes: fileBytes - 2 * MB }, UNKNOWN).ok).toBe(true);
  });

  it('refuses what the JS heap limit cannot hold', () => {
    const capacity = { jsHeapLimit: 1 * GB, deviceMemory: null };
    expect(assessImportMemory({ fileBytes: 200 * MB }, capacity).ok).toBe(true);
    expect(assessImportMemory({ fileBytes: 300 * MB }, capacity).ok).toBe(false);
  });

  it('refuses what the device memory cannot hold (a 2 GB phone)', () => {
    const phone = { jsHeapLimit: null, deviceMemory: 2 * GB };
    expect(assessImportMemory({ fileBytes: 250 * MB }, phone).ok).toBe(true);
    expect(assessImportMemory({ fileBytes: 400 * MB }, phone).ok).toBe(false);
  });

  it('counts rows when they are known (a stored dataset of 20M rows)', () => {
    expect(assessImportMemory({ fileBytes: 1 * MB, rows: 20_000_000 }, UNKNOWN).ok).toBe(false);
    expect(assessImportMemory({ fileBytes: 1 * MB, rows: 1_000_000 }, UNKNOWN).ok).toBe(true);
  });

  it('explains the refusal in French with the path to pre-aggregate', () => {
    const verdict = assessImportMemory({ fileBytes: 3 * GB }, LAPTOP);
    if (verdict.ok) throw new Error('expected a refusal');
    expect(verdict.message).toMatch(/^Fichier trop volumineux pour ce navigateur/);
    expect(verdict.message).toContain(PRE_AGGREGATE_COMMAND);
    expect(verdict.message).toMatch(
      /environ \d+(,\d)?\u00a0Go de mémoire, au-delà des \d+(,\d)?\u00a0Go/,
    );
    expect(verdict.budgetBytes).toBeLessThan(verdict.totalBytes);
  });

  it('is monotonic: a bigger file is never accepted when a smaller one is refused', () => {
    let refused = false;
    for (let size = 10 * MB; size < 4 * GB; size *= 1.3) {
      const ok = assessImportMemory({ fileBytes: size }, LAPTOP).ok;
      if (refused) expect(ok).toBe(false);
      refused ||= !ok;
    }
    expect(refused).toBe(true);
  });
});

describe('isOutOfMemoryError', () => {
  it.each([
    new RangeError('Array buffer allocation failed'),
    new Error('Out of Memory Error: could not allocate block of size 256.0 KiB'),
    new Error('La requête DuckDB a échoué', {
      cause: new Error('RuntimeError: memory access out of bounds'),
    }),
    new DuckDbCrashError('arrêt simulé du worker'),
  ])('recognises %s', (error) => {
    expect(isOutOfMemoryError(error)).toBe(true);
  });

  it.each([new Error('Binder Error: column x not found'), 'fichier vide', null])(
    'does not mistake %s for a memory problem',
    (error) => {
      expect(isOutOfMemoryError(error)).toBe(false);
    },
  );

  it('has a French message naming the pre-aggregation command', () => {
    expect(outOfMemoryMessage()).toContain(PRE_AGGREGATE_COMMAND);
  });
});
