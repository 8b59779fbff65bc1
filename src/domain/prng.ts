/**
 * Small seeded pseudo-random generators (synthetic data build, bootstrap of the campaign effect): deterministic, no
 * `Math.random`, no dependency.
 *
 * - `createPrng` is mulberry32 (Tommy Ettinger, 2017): a 32-bit state advanced by the odd
 *   constant 0x6D2B79F5, then mixed by two xorshift-multiply rounds.
 * - `hashSeed` derives independent seeds from a seed and a key (FNV-1a 32-bit over the key's
 *   UTF-16 code units, mixed with the seed by the murmur3 finaliser), so that each commune has
 *   its own stream and its rows do not depend on the other communes of the input.
 */

/** A stream of pseudo-random numbers. */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal deviate (Box–Muller). */
  normal(): number;
}

/** mulberry32 generator seeded by a 32-bit integer. */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    // 1 - next() is in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    return radius * Math.cos(2 * Math.PI * next());
  };
  return { next, normal };
}

/** 32-bit seed derived from a seed and a string key. */
export function hashSeed(seed: number, key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  let mixed = (hash ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
  mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
  mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
  return (mixed ^ (mixed >>> 16)) >>> 0;
}
