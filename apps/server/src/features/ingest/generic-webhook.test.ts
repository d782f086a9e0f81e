import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  genericWebhookSchema,
  httpUrlOrNull,
  parseGenericWebhook,
  parseIsoDateTime,
  PayloadError,
} from './generic-webhook.ts';

const RUNS = { numRuns: 1000 };

/** `expect.stringMatching` is typed `any`; this keeps the expected object literals typed. */
const matching = (pattern: RegExp | string) =>
  (typeof pattern === 'string' ? expect.stringContaining(pattern) : expect.stringMatching(pattern)) as string;

function mention(overrides: Record<string, unknown> = {}) {
  return {
    id: 'm-1',
    text: 'My flight PA123 was cancelled, I need a refund',
    created_at: '2026-03-01T09:30:00Z',
    author: {
      id: 'u-1',
      username: 'camille',
      name: 'Camille D.',
      followers: 310,
      verified: false,
      profile_url: 'https://social.example/@camille',
    },
    ...overrides,
  };
}

describe('parseGenericWebhook: examples', () => {
  it('normalises the documented format', () => {
    const body = {
      mentions: [mention(), mention({ id: 'm-2', in_reply_to_id: 'm-1', thread_id: 't-1', text: 'Cafe\u0301' })],
    };
    expect(genericWebhookSchema.safeParse(body).success).toBe(true);
    const { mentions, rejected } = parseGenericWebhook(body);
    expect(rejected).toEqual([]);
    expect(mentions[0]).toEqual({
      externalId: 'm-1',
      kind: 'mention',
      text: 'My flight PA123 was cancelled, I need a refund',
      inReplyToExternalId: null,
      threadExternalId: null,
      postedAt: new Date('2026-03-01T09:30:00Z'),
      author: {
        externalUserId: 'u-1',
        username: 'camille',
        displayName: 'Camille D.',
        followers: 310,
        verified: false,
        profileUrl: 'https://social.example/@camille',
      },
      raw: body.mentions[0],
    });
    expect(mentions[1]).toMatchObject({
      kind: 'reply',
      inReplyToExternalId: 'm-1',
      threadExternalId: 't-1',
      text: 'Café',
    });
  });

  it('applies defaults: explicit kind wins, nulls mean absent, unsafe profile links are dropped', () => {
    const { mentions } = parseGenericWebhook({
      mentions: [
        mention({
          kind: 'dm',
          in_reply_to_id: null,
          author: { id: 'u-2', username: 'bob', profile_url: 'javascript:alert(1)' },
        }),
        mention({
          author: { id: 'u-3', username: 'eve', name: null, followers: null, verified: null, profile_url: null },
        }),
      ],
    });
    expect(
      mentions.map((m) => [m.kind, m.author.displayName, m.author.followers, m.author.verified, m.author.profileUrl]),
    ).toEqual([
      ['dm', 'bob', 0, false, null],
      ['mention', 'eve', 0, false, null],
    ]);
  });

  it('rejects bad mentions with their index and reason, and keeps the rest', () => {
    const { mentions, rejected } = parseGenericWebhook({
      mentions: [
        mention({ id: 'ok-1' }),
        mention({ created_at: '2026-02-30T09:30:00Z' }),
        mention({ created_at: '2026-03-01 09:30' }),
        mention({ in_reply_to: 'm-0' }),
        mention({ text: 'é'.repeat(25_001) }),
        mention({ kind: 'outbound' }),
        mention({ author: { id: 'u', username: '' } }),
        mention({ author: { id: 'u', username: 'x', followers: -1 } }),
        mention({ text: 'lone \ud800 surrogate' }),
        'a string',
        mention({ id: 'ok-2', text: '' }),
      ],
    });
    expect(mentions.map((m) => m.externalId)).toEqual(['ok-1', 'ok-2']);
    expect(rejected).toEqual([
      { path: 'mentions[1]', reason: matching(/^created_at: expected an ISO 8601 date-time/) },
      { path: 'mentions[2]', reason: matching(/^created_at: /) },
      { path: 'mentions[3]', reason: 'mention: Unrecognized key: "in_reply_to"' },
      { path: 'mentions[4]', reason: 'text: is longer than 25,000 characters' },
      { path: 'mentions[5]', reason: matching(/^kind: /) },
      { path: 'mentions[6]', reason: 'author.username: must not be empty' },
      { path: 'mentions[7]', reason: matching(/^author\.followers: /) },
      { path: 'mentions[8]', reason: 'text: must be well-formed Unicode (lone surrogate)' },
      { path: 'mentions[9]', reason: matching(/^mention: .*expected object/) },
    ]);
  });

  it('throws PayloadError naming the field for whole-body problems, including more than 500 mentions', () => {
    expect(() => parseGenericWebhook([mention()])).toThrow(PayloadError);
    expect(() => parseGenericWebhook(null)).toThrow(/^body: expected a JSON object/);
    expect(() => parseGenericWebhook({})).toThrow(/^mentions: /);
    expect(() => parseGenericWebhook({ mentions: {} })).toThrow(/^mentions: /);
    expect(() => parseGenericWebhook({ mentions: [], extra: 1 })).toThrow(/^body: Unrecognized key: "extra"/);
    expect(() => parseGenericWebhook({ mentions: Array.from({ length: 501 }, () => mention()) })).toThrow(
      /^mentions: must hold at most 500 mentions/,
    );
    expect(parseGenericWebhook({ mentions: Array.from({ length: 500 }, () => mention()) }).mentions).toHaveLength(500);
  });

  it('refuses, mention by mention, fields longer than the columns they are stored in (64, 100, 200)', () => {
    const author = mention().author;
    const { mentions, rejected } = parseGenericWebhook({
      mentions: [
        mention({ id: 'x'.repeat(65) }),
        mention({ id: 'long-author-id', author: { ...author, id: 'u'.repeat(65) } }),
        mention({ id: 'long-handle', author: { ...author, username: 'h'.repeat(101) } }),
        mention({ id: 'long-name', author: { ...author, name: 'n'.repeat(201) } }),
        mention({ id: 'long-link', author: { ...author, profile_url: `https://a.example/${'p'.repeat(500)}` } }),
        mention({
          id: 'at-limits',
          author: { ...author, id: 'u'.repeat(64), username: 'h'.repeat(100), name: 'n'.repeat(200) },
        }),
      ],
    });
    expect(rejected).toEqual([
      { path: 'mentions[0]', reason: 'id: must be at most 64 characters' },
      { path: 'mentions[1]', reason: 'author.id: must be at most 64 characters' },
      { path: 'mentions[2]', reason: 'author.username: must be at most 100 characters' },
      { path: 'mentions[3]', reason: 'author.name: must be at most 200 characters' },
    ]);
    // A profile link too long for its column is dropped; the mention is kept.
    expect(mentions.map((m) => [m.externalId, m.author.profileUrl])).toEqual([
      ['long-link', null],
      ['at-limits', 'https://social.example/@camille'],
    ]);
  });

  it('parses ISO 8601 date-times with a zone, strictly', () => {
    expect(parseIsoDateTime('2026-03-01T10:30:00.250+01:00')).toEqual(new Date('2026-03-01T09:30:00.250Z'));
    expect(parseIsoDateTime('2024-02-29T23:59:59.123456789Z')).toEqual(new Date('2024-02-29T23:59:59.123Z'));
    for (const bad of [
      '2023-02-29T00:00:00Z',
      '2026-03-01T09:30:00',
      '2026-03-01',
      '2026-03-01T24:00:00Z',
      '1969-12-31T23:59:59Z',
      '2026-03-01T09:30:00+25:00',
    ]) {
      expect(parseIsoDateTime(bad), bad).toBeNull();
    }
  });

  it('keeps only http(s) profile links', () => {
    expect(httpUrlOrNull('http://a.example/x')).toBe('http://a.example/x');
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      'ftp://a.example',
      'not a url',
      42,
      `https://a.example/${'x'.repeat(2048)}`,
    ]) {
      expect(httpUrlOrNull(bad)).toBeNull();
    }
  });
});

describe('parseGenericWebhook: properties', () => {
  it('never throws on arbitrary input except PayloadError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.anything(),
          fc.array(fc.anything()).map((mentions) => ({ mentions })),
        ),
        (body) => {
          try {
            const { mentions, rejected } = parseGenericWebhook(body);
            expect(mentions.length + rejected.length).toBe((body as { mentions: unknown[] }).mentions.length);
          } catch (e) {
            expect(e).toBeInstanceOf(PayloadError);
          }
        },
      ),
      RUNS,
    );
  });

  const validMention = fc.record({
    id: fc.stringMatching(/^[\w-]{1,40}$/),
    text: fc.string({ unit: 'grapheme', maxLength: 200 }).filter((s) => !s.includes('\u0000')),
    created_at: fc
      .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
      .map((d) => d.toISOString()),
    author: fc.record({
      id: fc.stringMatching(/^\d{1,20}$/),
      username: fc.stringMatching(/^\w{1,30}$/),
      followers: fc.nat(),
    }),
  });
  const breakMention = fc.constantFrom<(m: Record<string, unknown>) => unknown>(
    (m) => ({ ...m, id: 12 }),
    (m) => ({ ...m, created_at: 'yesterday' }),
    (m) => ({ ...m, author: { id: 'x' } }),
    (m) => ({ ...m, surprise: true }),
    () => null,
  );

  it('keeps every valid mention, in order, and rejects every broken one', () => {
    const item = fc.oneof(
      validMention.map((m): { valid: boolean; value: unknown } => ({ valid: true, value: m })),
      fc.tuple(validMention, breakMention).map(([m, brk]) => ({ valid: false, value: brk(m) })),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), (items) => {
        const { mentions, rejected } = parseGenericWebhook({ mentions: items.map((i) => i.value) });
        const valid = items.filter((i) => i.valid).map((i) => i.value as { id: string; created_at: string });
        expect(mentions.map((m) => m.externalId)).toEqual(valid.map((v) => v.id));
        expect(mentions.map((m) => m.postedAt.toISOString())).toEqual(valid.map((v) => v.created_at));
        expect(rejected.map((r) => r.path)).toEqual(items.flatMap((it, i) => (it.valid ? [] : [`mentions[${i}]`])));
      }),
      RUNS,
    );
  });
});
