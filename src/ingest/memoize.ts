import { detachString } from './detach-string.ts';

/**
 * Memoises a function of one string. Category cells (building type, energy, commune code…) take
 * few distinct values over millions of rows, so that their parsing is paid once per value. The
 * cache is cleared when full, which bounds memory on columns that turn out to be all distinct; keys are
 * detached from the chunk they were cut from (see {@link detachString}).
 */
export function memoize<T>(fn: (key: string) => T, maxEntries = 10_000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const cached = cache.get(key);
    if (cached !== undefined || cache.has(key)) return cached as T;
    if (cache.size >= maxEntries) cache.clear();
    const own = detachString(key);
    const value = fn(own);
    cache.set(own, value);
    return value;
  };
}
