/**
 * A small seedable PRNG (mulberry32). Every random decision of the sandbox and the simulator goes through one of
 * these, so a test that fixes the seed gets the same faults, tokens and texts on every run. Not for secrets.
 */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks a key with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Exponentially distributed with the given mean (the gap between events of a Poisson process). */
  exponential(mean: number): number;
  /** Lowercase alphanumeric string of the given length. */
  token(length: number): string;
  /** An independent generator derived from this one: a new stream of decisions does not shift the others. */
  fork(): Prng;
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function createPrng(seed: number): Prng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(next() * items.length)] as T;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
      const entries = Object.entries(weights) as [K, number][];
      const total = entries.reduce((sum, [, w]) => sum + Math.max(0, w), 0);
      let r = next() * total;
      for (const [key, w] of entries) {
        r -= Math.max(0, w);
        if (r < 0) return key;
      }
      return entries[entries.length - 1]![0];
    },
    normal() {
      const u = 1 - next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    exponential: (mean) => -Math.log(1 - next()) * mean,
    token: (length) => Array.from({ length }, () => pick(ALPHANUMERIC.split(''))).join(''),
    fork: () => createPrng(Math.floor(next() * 4294967296)),
  };
}
