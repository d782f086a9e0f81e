/**
 * X-style ids: 64-bit snowflakes (milliseconds since the Twitter epoch << 22 | worker << 17 | sequence), written
 * as decimal strings. Real ids exceed 2^53, so a client that parses them as numbers loses digits — the sandbox
 * produces ids of the same size on purpose, so that mistake shows up on a laptop rather than in production.
 */
const TWITTER_EPOCH_MS = 1288834974657n;
const WORKER = 7n;

export function createSnowflakeGenerator(now: () => number): () => string {
  let last = 0n;
  return () => {
    const ms = BigInt(Math.max(0, Math.floor(now()))) - TWITTER_EPOCH_MS;
    let id = ((ms < 0n ? 0n : ms) << 22n) | (WORKER << 17n);
    // Monotonic even when the clock stands still (tests) or steps back: take the next free sequence number.
    if (id <= last) id = last + 1n;
    last = id;
    return id.toString();
  };
}

/** Compares two decimal id strings numerically (no BigInt allocation: shorter is smaller, then lexical). */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export const isId = (value: string): boolean => /^[1-9][0-9]{0,19}$/.test(value);
