import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MENTIONS_WINDOW } from './mentions.ts';
import { startWorld, type MentionsBody, type ProblemBody, type TestWorld } from './test-helpers.ts';

let w: TestWorld;
beforeEach(async () => {
  w = await startWorld({ now: () => Date.parse('2026-03-01T12:00:00Z') });
});
afterEach(() => w.sandbox.close());

const mentions = (query = '') => w.call<MentionsBody>('GET', `/2/users/${w.brandId}/mentions${query}`);

describe('GET /2/users/:id/mentions', () => {
  it('pages newest first with next_token and previous_token, each mention exactly once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push(await w.mention(`@SkywardAir post ${i}`));
    const seen: string[] = [];
    const pages: MentionsBody[] = [];
    let token: string | undefined;
    do {
      const res = await mentions(`?max_results=10${token ? `&pagination_token=${token}` : ''}`);
      expect(res.status).toBe(200);
      pages.push(res.body);
      seen.push(...(res.body.data ?? []).map((t) => t.id));
      token = res.body.meta.next_token;
    } while (token);
    expect(pages.map((p) => p.meta.result_count)).toEqual([10, 10, 5]);
    expect(seen).toEqual([...ids].reverse());
    expect(pages[0]!.meta).toMatchObject({ newest_id: ids[24], oldest_id: ids[15] });
    expect(pages[0]!.meta.previous_token).toBeUndefined();
    // previous_token from the second page leads back to the first.
    const back = await mentions(`?max_results=10&pagination_token=${pages[1]!.meta.previous_token}`);
    expect(back.body.data?.map((t) => t.id)).toEqual(pages[0]!.data?.map((t) => t.id));
  });

  it('returns only posts newer than since_id (exclusive), older than until_id, and an empty meta when none', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await w.mention(`@SkywardAir n${i}`));
    const since = await mentions(`?since_id=${ids[3]}`);
    expect(since.body.data?.map((t) => t.id)).toEqual([ids[5], ids[4]]);
    const until = await mentions(`?until_id=${ids[2]}`);
    expect(until.body.data?.map((t) => t.id)).toEqual([ids[1], ids[0]]);
    const none = await mentions(`?since_id=${ids[5]}`);
    expect(none.body).toEqual({ meta: { result_count: 0 } });
  });

  it('reaches only the latest 800 mentions, even with an older since_id', async () => {
    const { state } = w.sandbox;
    const ids = Array.from(
      { length: MENTIONS_WINDOW + 5 },
      (_, i) => state.postTweet({ authorId: w.customerId, text: `@SkywardAir #${i}`, via: 'sandbox' }).id,
    );
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const res = await mentions(`?max_results=100&since_id=${ids[0]}${token ? `&pagination_token=${token}` : ''}`);
      seen.push(...(res.body.data ?? []).map((t) => t.id));
      token = res.body.meta.next_token;
    } while (token);
    expect(seen).toHaveLength(800);
    expect(seen.at(-1)).toBe(ids[5]); // ids[1..4] newer than since_id but outside the window: a gap to reconcile
  });

  it('shapes data and includes.users as X v2 does for the requested fields and expansions', async () => {
    const root = await w.mention('@SkywardAir flight SA212 delayed 3 hours and nobody at the gate knows anything');
    const brandReply = await w.call<{ data: { id: string } }>('POST', '/2/tweets', {
      token: 'test-brand-user-token',
      body: { text: 'Sorry Marie, checking now.', reply: { in_reply_to_tweet_id: root } },
    });
    const followUp = await w.mention('@SkywardAir still waiting', { in_reply_to_tweet_id: brandReply.body.data.id });
    const res = await mentions(
      '?tweet.fields=author_id,created_at,conversation_id,in_reply_to_user_id,referenced_tweets&expansions=author_id&user.fields=verified,public_metrics',
    );
    expect(res.body.data).toEqual([
      {
        id: followUp,
        text: '@SkywardAir still waiting',
        edit_history_tweet_ids: [followUp],
        author_id: w.customerId,
        created_at: '2026-03-01T12:00:00.000Z',
        conversation_id: root,
        in_reply_to_user_id: w.brandId,
        referenced_tweets: [{ type: 'replied_to', id: brandReply.body.data.id }],
      },
      {
        id: root,
        text: '@SkywardAir flight SA212 delayed 3 hours and nobody at the gate knows anything',
        edit_history_tweet_ids: [root],
        author_id: w.customerId,
        created_at: '2026-03-01T12:00:00.000Z',
        conversation_id: root,
      },
    ]);
    expect(res.body.includes?.users).toEqual([
      {
        id: w.customerId,
        name: 'Marie Dubois',
        username: 'marie_dubois',
        verified: false,
        public_metrics: { followers_count: 340, following_count: 0, tweet_count: 2, listed_count: 0 },
      },
    ]);
    // Ids are snowflake-sized (beyond 2^53): they only survive as strings.
    expect(BigInt(root) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    // Without fields: X's defaults only, no includes.
    const bare = await mentions('?max_results=5');
    expect(Object.keys(bare.body.data![0]!).sort()).toEqual(['edit_history_tweet_ids', 'id', 'text']);
    expect(bare.body.includes).toBeUndefined();
  });

  it('drops deleted posts from the timeline', async () => {
    const keep = await w.mention('@SkywardAir keep');
    const gone = await w.mention('@SkywardAir oops');
    expect((await w.call('DELETE', `/sandbox/tweets/${gone}`, { token: null })).status).toBe(200);
    expect((await mentions()).body.data?.map((t) => t.id)).toEqual([keep]);
  });

  it("answers bad parameters with X's 400, an unknown user with 200 + errors, a missing token with 401", async () => {
    const small = await w.call<ProblemBody>('GET', `/2/users/${w.brandId}/mentions?max_results=3`);
    expect(small.status).toBe(400);
    expect(small.body).toMatchObject({
      title: 'Invalid Request',
      type: 'https://api.twitter.com/2/problems/invalid-request',
      errors: [{ parameters: { max_results: ['3'] } }],
    });
    const field = await w.call<ProblemBody>('GET', `/2/users/${w.brandId}/mentions?tweet.fields=colour`);
    expect(field.body.errors?.[0]?.message).toMatch(/tweet\.fields.*colour/);
    const unknown = await w.call<MentionsBody>('GET', '/2/users/123456789/mentions');
    expect(unknown.status).toBe(200);
    expect(unknown.body.errors?.[0]).toMatchObject({
      title: 'Not Found Error',
      detail: expect.stringContaining('123456789') as string,
    });
    for (const token of [null, 'not-registered']) {
      const res = await w.call<ProblemBody>('GET', `/2/users/${w.brandId}/mentions`, { token });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
    }
  });
});
