import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseXActivity, parseXDate, PayloadError } from './x-activity.ts';

const BRAND = '2244994945';
const RUNS = { numRuns: 1000 };

/** `expect.stringMatching` is typed `any`; this keeps the expected object literals typed. */
const matching = (pattern: RegExp | string) =>
  (typeof pattern === 'string' ? expect.stringContaining(pattern) : expect.stringMatching(pattern)) as string;

const xUser = (id_str: string, screen_name: string, name: string, followers_count: number, verified: boolean) => ({
  id_str,
  screen_name,
  name,
  followers_count,
  verified,
});
const customer = xUser('3001969357', 'furiouscamper', 'Jordan Brinks', 22, false);
const brandUser = xUser(BRAND, 'PerchAir', 'Perch Air', 120_000, true);

function tweet(overrides: Record<string, unknown> = {}) {
  return {
    created_at: 'Wed Oct 10 20:19:24 +0000 2018',
    id: 1050118621198921700,
    id_str: '1050118621198921728',
    text: '@PerchAir my bag is lost, flight PA123',
    truncated: false,
    in_reply_to_status_id: null,
    in_reply_to_status_id_str: null,
    user: { ...customer, url: 'https://t.co/abc', profile_image_url_https: 'https://pbs.twimg.com/x.jpg' },
    is_quote_status: false,
    entities: { hashtags: [], user_mentions: [{ screen_name: 'PerchAir', id_str: BRAND }] },
    lang: 'en',
    ...overrides,
  };
}

// DM payloads carry their users in a map keyed by id, with `id` instead of `id_str`.
const dmUsers = Object.fromEntries([brandUser, customer].map(({ id_str, ...u }) => [id_str, { id: id_str, ...u }]));

function dm(id: string, senderId: string, recipientId: string, text: string) {
  return {
    type: 'message_create',
    id,
    created_timestamp: '1539202764000',
    message_create: {
      target: { recipient_id: recipientId },
      sender_id: senderId,
      source_app_id: '268278',
      message_data: { text, entities: {} },
    },
  };
}

describe('parseXActivity: real-looking payloads', () => {
  it('normalises a mention', () => {
    const body = { for_user_id: BRAND, user_has_blocked: false, tweet_create_events: [tweet()] };
    const result = parseXActivity(body);
    expect(result).toMatchObject({ forUserId: BRAND, deletions: [], rejected: [], unknownEventTypes: [], blocks: 0 });
    expect(result.mentions).toEqual([
      {
        externalId: '1050118621198921728',
        kind: 'mention',
        text: '@PerchAir my bag is lost, flight PA123',
        inReplyToExternalId: null,
        threadExternalId: null,
        postedAt: new Date('2018-10-10T20:19:24Z'),
        author: {
          externalUserId: '3001969357',
          username: 'furiouscamper',
          displayName: 'Jordan Brinks',
          followers: 22,
          verified: false,
          profileUrl: 'https://x.com/furiouscamper',
        },
        raw: body.tweet_create_events[0],
      },
    ]);
  });

  it('classifies replies, quotes, truncated posts and the brand’s own posts', () => {
    const events = [
      tweet({ id_str: '11', in_reply_to_status_id_str: '10', is_quote_status: true }),
      tweet({ id_str: '12', is_quote_status: true, quoted_status_id_str: '9' }),
      tweet({ id_str: '13', quoted_status_id_str: '9' }),
      tweet({
        id_str: '14',
        truncated: true,
        text: 'Long story… https://t.co/x',
        extended_tweet: { full_text: 'Long story, the whole of it' },
      }),
      tweet({ id_str: '15', user: brandUser, in_reply_to_status_id_str: '11', text: '@furiouscamper sorry, DM us' }),
      tweet({ id_str: '16', text: 'Cafe\u0301 au lait', created_at: 'Thu Mar 01 09:30:00 +0100 2026' }),
    ];
    const { mentions, rejected } = parseXActivity({ for_user_id: BRAND, tweet_create_events: events });
    expect(rejected).toEqual([]);
    expect(mentions.map((m) => [m.externalId, m.kind, m.inReplyToExternalId])).toEqual([
      ['11', 'reply', '10'],
      ['12', 'quote', null],
      ['13', 'quote', null],
      ['14', 'mention', null],
      ['15', 'outbound', '11'],
      ['16', 'mention', null],
    ]);
    expect(mentions[3]?.text).toBe('Long story, the whole of it');
    expect(mentions[4]?.author).toMatchObject({ username: 'PerchAir', verified: true, followers: 120_000 });
    expect(mentions[5]?.text).toBe('Café au lait');
    expect(mentions[5]?.text).toHaveLength(12);
    expect(mentions[5]?.postedAt.toISOString()).toBe('2026-03-01T08:30:00.000Z');
  });

  it('reads inbound and outbound direct messages with the sender from the users map', () => {
    const body = {
      for_user_id: BRAND,
      direct_message_events: [
        dm('1', '3001969357', BRAND, 'Hi, refund please'),
        dm('2', BRAND, '3001969357', 'On it!'),
      ],
      apps: { '268278': { id: '268278', name: 'Web App' } },
      users: dmUsers,
    };
    const { mentions, rejected } = parseXActivity(body);
    expect(rejected).toEqual([]);
    expect(mentions.map((m) => [m.externalId, m.kind, m.author.username, m.threadExternalId])).toEqual([
      ['1', 'dm', 'furiouscamper', `${BRAND}-3001969357`],
      ['2', 'outbound', 'PerchAir', `${BRAND}-3001969357`],
    ]);
    expect(mentions[0]?.postedAt).toEqual(new Date(1539202764000));
    expect(mentions[0]?.text).toBe('Hi, refund please');
  });

  it('reports deletions, block flags, unknown event types, retweets and other DM event types', () => {
    const result = parseXActivity({
      for_user_id: BRAND,
      user_has_blocked: 'true',
      is_blocked_by: true,
      tweet_delete_events: [
        { status: { id: '601392284450557953', user_id: '3001969357' }, timestamp_ms: '1432228155593' },
      ],
      tweet_create_events: [tweet({ retweeted_status: tweet({ user: brandUser }) })],
      direct_message_events: [{ type: 'message_read', id: '3' }],
      favorite_events: [{ id: 'x' }],
      follow_events: [],
      users: dmUsers,
    });
    expect(result.deletions).toEqual([{ externalId: '601392284450557953', authorExternalUserId: '3001969357' }]);
    expect(result.blocks).toBe(2);
    expect(result.unknownEventTypes).toEqual(['favorite_events', 'follow_events']);
    expect(result.mentions).toEqual([]);
    expect(result.rejected).toEqual([]);
    expect(result.ignored).toEqual([
      { path: 'tweet_create_events[0]', reason: 'retweet (not a mention)' },
      { path: 'direct_message_events[0]', reason: 'direct message event type "message_read"' },
    ]);
  });

  it('rejects one bad event with a clear reason and keeps the rest', () => {
    const events = [
      tweet({ id_str: '1' }),
      tweet({ id_str: 2 }),
      tweet({ id_str: '3', created_at: 'Wed Feb 30 20:19:24 +0000 2018' }),
      tweet({ id_str: '4', text: 'x'.repeat(25_001) }),
      tweet({ id_str: '5', user: { ...customer, screen_name: 'javascript:alert(1)' } }),
      tweet({ id_str: '6', text: 'nul \u0000 byte' }),
      null,
      tweet({ id_str: '7', text: '😀'.repeat(25_000) }),
    ];
    const result = parseXActivity({
      for_user_id: BRAND,
      tweet_create_events: events,
      tweet_delete_events: 'nope',
      direct_message_events: [dm('8', '999', BRAND, 'who am I')],
      users: dmUsers,
    });
    expect(result.mentions.map((m) => m.externalId)).toEqual(['1', '7']);
    expect(result.rejected).toEqual([
      { path: 'tweet_create_events[1]', reason: matching(/^id_str: /) },
      { path: 'tweet_create_events[2]', reason: matching(/^created_at: expected X format/) },
      { path: 'tweet_create_events[3]', reason: 'text: is longer than 25,000 characters' },
      { path: 'tweet_create_events[4]', reason: matching(/^user\.screen_name: must be an X handle/) },
      { path: 'tweet_create_events[5]', reason: 'text: must not contain NUL (U+0000)' },
      { path: 'tweet_create_events[6]', reason: matching(/^event: .*expected object/) },
      { path: 'tweet_delete_events', reason: 'expected an array of events' },
      { path: 'direct_message_events[0]', reason: matching(/^users\.999: /) },
    ]);
  });

  it('throws PayloadError naming the field when the body itself is unusable', () => {
    for (const body of [null, 'x', 42, [], [{ for_user_id: BRAND }]]) {
      expect(() => parseXActivity(body)).toThrow(new PayloadError('body: expected a JSON object'));
    }
    for (const body of [{}, { for_user_id: 2244994945 }, { for_user_id: '' }, { for_user_id: 'brand' }]) {
      expect(() => parseXActivity(body)).toThrow(/^for_user_id: /);
    }
  });

  it('parses X dates strictly', () => {
    expect(parseXDate('Wed Oct 10 20:19:24 +0000 2018')).toEqual(new Date('2018-10-10T20:19:24Z'));
    expect(parseXDate('Wed Oct 10 20:19:24 -0530 2018')).toEqual(new Date('2018-10-11T01:49:24Z'));
    const bad = ['2018-10-10T20:19:24Z', 'Wed Oct 10 24:00:00 +0000 2018', 'Wed Foo 10 20:19:24 +0000 2018', ''];
    for (const s of bad) expect(parseXDate(s), s).toBeNull();
  });
});

describe('parseXActivity: properties', () => {
  it('never throws on arbitrary input except PayloadError for the whole body', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (body) => {
        try {
          parseXActivity(body);
        } catch (e) {
          expect(e).toBeInstanceOf(PayloadError);
        }
      }),
      RUNS,
    );
  });

  it('never throws once for_user_id is valid, whatever the events hold', { timeout: 30_000 }, () => {
    const events = fc.oneof(fc.jsonValue(), fc.array(fc.anything()), fc.array(fc.jsonValue()));
    fc.assert(
      fc.property(events, events, events, fc.anything(), (creates, deletes, dms, users) => {
        const body = {
          for_user_id: BRAND,
          tweet_create_events: creates,
          tweet_delete_events: deletes,
          direct_message_events: dms,
          users,
        };
        const result = parseXActivity(body);
        const count = (v: unknown) => (Array.isArray(v) ? v.length : 1);
        const sorted =
          result.mentions.length + result.deletions.length + result.rejected.length + result.ignored.length;
        expect(sorted).toBe(count(creates) + count(deletes) + count(dms));
      }),
      RUNS,
    );
  });

  const validTweet = fc.record({
    id_str: fc.stringMatching(/^\d{1,19}$/),
    text: fc.string({ unit: 'grapheme', maxLength: 300 }).filter((s) => !s.includes('\u0000')),
    userId: fc.stringMatching(/^\d{1,19}$/),
    screen_name: fc.stringMatching(/^\w{1,15}$/),
    followers: fc.nat(),
    replyTo: fc.option(fc.stringMatching(/^\d{1,19}$/), { nil: null }),
    date: fc.date({
      min: new Date('2006-03-21T00:00:00Z'),
      max: new Date('2099-12-31T23:59:59Z'),
      noInvalidDate: true,
    }),
  });
  const toEvent = (t: typeof validTweet extends fc.Arbitrary<infer T> ? T : never) => {
    // toUTCString: "Tue, 21 Mar 2006 00:00:00 GMT"; X: "Tue Mar 21 00:00:00 +0000 2006".
    const [wd, day, mon, year, time] = t.date.toUTCString().replace(',', '').split(' ');
    return tweet({
      id_str: t.id_str,
      text: t.text,
      in_reply_to_status_id_str: t.replyTo,
      created_at: `${wd} ${mon} ${day} ${time} +0000 ${year}`,
      user: { id_str: t.userId, screen_name: t.screen_name, name: 'N', followers_count: t.followers, verified: false },
    });
  };
  const breakEvent = fc.constantFrom<(e: Record<string, unknown>) => unknown>(
    (e) => ({ ...e, id_str: Number(e.id_str) }),
    (e) => ({ ...e, user: null }),
    (e) => ({ ...e, created_at: '2018-10-10' }),
    (e) => ({ ...e, text: 42 }),
    () => 'not an event',
  );

  it('keeps every valid event, in order, and rejects every broken one', () => {
    const item = fc.oneof(
      validTweet.map((t): { valid: boolean; event: unknown } => ({ valid: true, event: toEvent(t) })),
      fc.tuple(validTweet, breakEvent).map(([t, brk]) => ({ valid: false, event: brk(toEvent(t)) })),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 20 }), (items) => {
        const { mentions, rejected } = parseXActivity({
          for_user_id: BRAND,
          tweet_create_events: items.map((i) => i.event),
        });
        const valid = items.filter((i) => i.valid).map((i) => (i.event as { id_str: string }).id_str);
        expect(mentions.map((m) => m.externalId)).toEqual(valid);
        expect(rejected.map((r) => r.path)).toEqual(
          items.flatMap((it, i) => (it.valid ? [] : [`tweet_create_events[${i}]`])),
        );
        for (const m of mentions) expect(m.postedAt.getTime()).not.toBeNaN();
      }),
      RUNS,
    );
  });
});
