import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseXv2MentionsPage } from './x-v2.ts';

const BRAND = '900000000000000001';
const user = (id: string, username: string, over: object = {}) => ({
  id,
  username,
  name: `Name ${username}`,
  verified: false,
  public_metrics: { followers_count: 12, following_count: 3 },
  ...over,
});
const post = (id: string, over: object = {}) => ({
  id,
  text: '@SkywardAir bag lost at CDG',
  author_id: '42',
  created_at: '2026-11-29T10:00:00.000Z',
  conversation_id: id,
  edit_history_tweet_ids: [id],
  ...over,
});

describe('parseXv2MentionsPage', () => {
  it('converts posts and users, with kinds from referenced_tweets, and keeps unknown fields', () => {
    const page = {
      data: [
        post('10'),
        post('11', { referenced_tweets: [{ type: 'replied_to', id: '9' }], conversation_id: '8' }),
        post('12', { referenced_tweets: [{ type: 'quoted', id: '7' }] }),
        post('13', { author_id: BRAND, text: 'Cafe\u0301 is on us' }),
        post('14', { referenced_tweets: [{ type: 'retweeted', id: '6' }] }),
      ],
      includes: { users: [user('42', 'marie_v', { verified: true, extra: 1 }), user(BRAND, 'SkywardAir')] },
      meta: { result_count: 5, newest_id: '14', oldest_id: '10' },
    };
    const r = parseXv2MentionsPage(page, BRAND);
    expect(r.rejected).toEqual([]);
    expect(r.ignored).toEqual([{ path: 'data[4]', reason: 'retweet (not a mention)' }]);
    expect(r.mentions.map((m) => [m.externalId, m.kind, m.inReplyToExternalId])).toEqual([
      ['10', 'mention', null],
      ['11', 'reply', '9'],
      ['12', 'quote', null],
      ['13', 'outbound', null],
    ]);
    expect(r.mentions[0]).toMatchObject({
      threadExternalId: '10',
      postedAt: new Date('2026-11-29T10:00:00.000Z'),
      author: {
        externalUserId: '42',
        username: 'marie_v',
        displayName: 'Name marie_v',
        followers: 12,
        verified: true,
        profileUrl: 'https://x.com/marie_v',
      },
    });
    expect(r.mentions[3]!.text).toBe('Caf\u00e9 is on us');
  });

  it('rejects bad posts and users with their path, and keeps the rest', () => {
    const page = {
      data: [
        post('20'),
        post('21', { id: 21 }),
        post('22', { author_id: '77' }),
        post('23', { created_at: 'yesterday' }),
        post('24', { text: 'nul\u0000' }),
        'junk',
        post('25', { author_id: '43' }),
      ],
      includes: { users: [user('42', 'ok'), user('43', 'bad handle!'), null] },
    };
    const r = parseXv2MentionsPage(page, BRAND);
    expect(r.mentions.map((m) => m.externalId)).toEqual(['20']);
    expect(r.rejected.map((x) => x.path)).toEqual([
      'includes.users[1]',
      'includes.users[2]',
      'data[1]',
      'data[2]',
      'data[3]',
      'data[4]',
      'data[5]',
      'data[6]',
    ]);
    expect(r.rejected.find((x) => x.path === 'data[2]')?.reason).toMatch(/author_id/);
  });

  it('an empty page gives nothing; a non-object is rejected', () => {
    expect(parseXv2MentionsPage({ meta: { result_count: 0 } }, BRAND)).toEqual({
      mentions: [],
      rejected: [],
      ignored: [],
    });
    expect(parseXv2MentionsPage([1], BRAND).rejected).toHaveLength(1);
    expect(parseXv2MentionsPage({ data: {} }, BRAND).rejected.map((r) => r.path)).toEqual(['data']);
  });

  it('never throws on arbitrary JSON (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const r = parseXv2MentionsPage(value, BRAND);
        expect(Array.isArray(r.mentions)).toBe(true);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.array(fc.jsonValue()), (data, users) => {
        parseXv2MentionsPage({ data, includes: { users } }, BRAND);
      }),
      { numRuns: 1000 },
    );
  });
});
