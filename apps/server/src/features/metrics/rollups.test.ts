import { describe, expect, it } from 'vitest';
import { quantile } from './histogram.ts';
import {
  aggregateFacts,
  Bucketer,
  dimensionValues,
  hourBucket,
  monthRowsFromDays,
  type StoredFact,
} from './rollups.ts';

const fact = (at: string, over: Partial<StoredFact> = {}): StoredFact => ({
  kind: 'first_response',
  at: new Date(at),
  ms: 60_000,
  businessMs: 30_000,
  hit: null,
  agentUserId: 'a',
  teamId: null,
  channelId: 'c',
  priority: 'normal',
  sentiment: 'negative',
  language: 'fr',
  tagIds: [],
  ...over,
});

const iso = (t: number) => new Date(t).toISOString();

describe('rollup buckets', () => {
  it('hour buckets are UTC hours', () => {
    expect(iso(hourBucket(new Date('2026-03-29T01:59:59.999Z')))).toBe('2026-03-29T01:00:00.000Z');
  });

  it('Europe/Paris: the spring-forward day lasts 23 h, the fall-back day 25 h, each from local midnight', () => {
    const paris = new Bucketer('Europe/Paris');
    // Sunday 29 March 2026: 02:00 local jumps to 03:00.
    const spring = paris.day(new Date('2026-03-29T12:00:00Z'));
    expect(iso(spring)).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(paris.next('day', spring))).toBe('2026-03-29T22:00:00.000Z');
    expect(iso(paris.day(new Date('2026-03-29T21:59:59Z')))).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(paris.day(new Date('2026-03-29T22:00:00Z')))).toBe('2026-03-29T22:00:00.000Z');
    // Sunday 25 October 2026: 03:00 local falls back to 02:00.
    const fall = paris.day(new Date('2026-10-25T12:00:00Z'));
    expect(iso(fall)).toBe('2026-10-24T22:00:00.000Z');
    expect(iso(paris.next('day', fall))).toBe('2026-10-25T23:00:00.000Z');
    expect(iso(paris.month(new Date('2026-03-31T22:30:00Z')))).toBe('2026-03-31T22:00:00.000Z'); // 1 April 00:30 local
    expect(iso(paris.month(new Date('2026-03-31T21:30:00Z')))).toBe('2026-02-28T23:00:00.000Z');
  });

  it('America/New_York: 8 March and 1 November 2026', () => {
    const ny = new Bucketer('America/New_York');
    const spring = ny.day(new Date('2026-03-08T12:00:00Z'));
    expect(iso(spring)).toBe('2026-03-08T05:00:00.000Z');
    expect(iso(ny.next('day', spring))).toBe('2026-03-09T04:00:00.000Z');
    const fall = ny.day(new Date('2026-11-01T12:00:00Z'));
    expect(iso(fall)).toBe('2026-11-01T04:00:00.000Z');
    expect(iso(ny.next('day', fall))).toBe('2026-11-02T05:00:00.000Z');
    // 23:30 local on 1 November is 04:30 UTC on the 2nd: still the 1st's bucket.
    expect(iso(ny.day(new Date('2026-11-02T04:30:00Z')))).toBe('2026-11-01T04:00:00.000Z');
  });

  it('an unknown zone buckets as UTC', () => {
    expect(iso(new Bucketer('Mars/Olympus').day(new Date('2026-03-02T12:00:00Z')))).toBe('2026-03-02T00:00:00.000Z');
  });
});

describe('rollup rows', () => {
  it('a fact counts in the brand total and once per dimension; two tags in both tag rows, none in tag ""', () => {
    expect(dimensionValues(fact('2026-03-02T10:00:00Z', { tagIds: ['t1', 't2'], teamId: null }))).toEqual([
      ['', ''],
      ['agent', 'a'],
      ['team', ''],
      ['channel', 'c'],
      ['priority', 'normal'],
      ['sentiment', 'negative'],
      ['language', 'fr'],
      ['tag', 't1'],
      ['tag', 't2'],
    ]);
    expect(dimensionValues(fact('2026-03-02T10:00:00Z')).filter(([d]) => d === 'tag')).toEqual([['tag', '']]);
  });

  it('hour rows carry the total only; day rows every dimension; months sum their days', () => {
    const paris = new Bucketer('Europe/Paris');
    const facts = [
      fact('2026-03-02T10:05:00Z', { ms: 60_000 }),
      fact('2026-03-02T10:55:00Z', { ms: 180_000, agentUserId: 'b' }),
      fact('2026-03-02T23:30:00Z', { ms: 120_000 }), // 00:30 on 3 March in Paris
      fact('2026-03-02T11:00:00Z', { kind: 'sla_first_response', ms: null, businessMs: null, hit: true }),
      fact('2026-03-02T11:00:00Z', { kind: 'sla_first_response', ms: null, businessMs: null, hit: false }),
      fact('2026-03-02T12:00:00Z', { kind: 'inbound', ms: null, businessMs: null }),
    ];
    const hours = aggregateFacts(facts, 'hour', paris);
    expect(hours.map((r) => [r.kind, iso(r.bucket.getTime()), r.dim, r.count, r.hits, r.sumMs])).toEqual([
      ['first_response', '2026-03-02T10:00:00.000Z', '', 2, 0, 240_000],
      ['first_response', '2026-03-02T23:00:00.000Z', '', 1, 0, 120_000],
      ['inbound', '2026-03-02T12:00:00.000Z', '', 1, 0, 0],
      ['sla_first_response', '2026-03-02T11:00:00.000Z', '', 2, 1, 0],
    ]);
    expect(hours[0]!.sumBusinessMs).toBe(60_000);
    expect(quantile(hours[0]!.hist, 1)! / 180_000).toBeCloseTo(1, 1);
    expect(hours[2]!.hist).toEqual([]);

    const days = aggregateFacts(facts, 'day', paris);
    const frt = days.filter((r) => r.kind === 'first_response');
    expect(frt.filter((r) => r.dim === '').map((r) => [iso(r.bucket.getTime()), r.count])).toEqual([
      ['2026-03-01T23:00:00.000Z', 2],
      ['2026-03-02T23:00:00.000Z', 1],
    ]);
    expect(frt.filter((r) => r.dim === 'agent').map((r) => [iso(r.bucket.getTime()), r.dimValue, r.count])).toEqual([
      ['2026-03-01T23:00:00.000Z', 'a', 1],
      ['2026-03-01T23:00:00.000Z', 'b', 1],
      ['2026-03-02T23:00:00.000Z', 'a', 1],
    ]);
    const months = monthRowsFromDays(days, paris);
    const total = months.find((r) => r.kind === 'first_response' && r.dim === '')!;
    expect([iso(total.bucket.getTime()), total.count, total.sumMs, total.grain]).toEqual([
      '2026-02-28T23:00:00.000Z',
      3,
      360_000,
      'month',
    ]);
    expect(total.hist.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('only the buckets asked for are computed', () => {
    const utc = new Bucketer('UTC');
    const rows = aggregateFacts(
      [fact('2026-03-02T10:05:00Z'), fact('2026-03-02T11:05:00Z')],
      'hour',
      utc,
      (_kind, bucket) => bucket === Date.parse('2026-03-02T11:00:00Z'),
    );
    expect(rows.map((r) => iso(r.bucket.getTime()))).toEqual(['2026-03-02T11:00:00.000Z']);
  });
});
