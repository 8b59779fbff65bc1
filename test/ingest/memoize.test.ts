import { describe, expect, it } from 'vitest';
import { memoize } from '../../src/ingest/memoize.ts';

describe('memoize', () => {
  it('computes each distinct key once, undefined and null results included', () => {
    const calls: string[] = [];
    const parse = memoize((key: string) => {
      calls.push(key);
      return key === '' ? null : key === '?' ? undefined : key.length;
    });
    expect(['ab', 'ab', '', '', '?', '?', 'abc'].map(parse)).toEqual([
      2,
      2,
      null,
      null,
      undefined,
      undefined,
      3,
    ]);
    expect(calls).toEqual(['ab', '', '?', 'abc']);
  });

  it('starts over when full, so that memory stays bounded', () => {
    const calls: string[] = [];
    const parse = memoize((key: string) => calls.push(key), 2);
    for (const key of ['a', 'b', 'c', 'a']) parse(key);
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});
