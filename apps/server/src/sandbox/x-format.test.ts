import { describe, expect, it } from 'vitest';
import { createPrng } from './prng.ts';
import { compareIds, createSnowflakeGenerator } from './snowflake.ts';
import { v1Date, v2Date } from './x-format.ts';

describe('wire details', () => {
  it("formats dates as X's v1.1 and v2 do", () => {
    const ms = Date.parse('2018-10-10T20:19:24Z');
    expect(v1Date(ms)).toBe('Wed Oct 10 20:19:24 +0000 2018');
    expect(v1Date(Date.parse('2026-01-02T03:04:05Z'))).toBe('Fri Jan 02 03:04:05 +0000 2026');
    expect(v2Date(ms)).toBe('2018-10-10T20:19:24.000Z');
  });

  it('makes snowflake-sized ids, strictly increasing even when the clock stands still or steps back', () => {
    let now = Date.parse('2026-03-01T12:00:00Z');
    const next = createSnowflakeGenerator(() => now);
    const ids = [next(), next()];
    now -= 5000;
    ids.push(next());
    now += 60_000;
    ids.push(next());
    for (let i = 1; i < ids.length; i++) expect(compareIds(ids[i]!, ids[i - 1]!)).toBeGreaterThan(0);
    expect(BigInt(ids[0]!) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(compareIds('99', '100')).toBeLessThan(0);
  });

  it('replays the same random stream for the same seed, and forks independent ones', () => {
    const a = createPrng(123);
    const b = createPrng(123);
    const draws = (p: ReturnType<typeof createPrng>) => Array.from({ length: 5 }, () => p.int(0, 1000));
    expect(draws(a)).toEqual(draws(b));
    expect(draws(a.fork())).not.toEqual(draws(createPrng(124)));
    const counts = { x: 0, y: 0 };
    const p = createPrng(1);
    for (let i = 0; i < 1000; i++) counts[p.weighted({ x: 9, y: 1 })] += 1;
    expect(counts.x).toBeGreaterThan(800);
  });
});
