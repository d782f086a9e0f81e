import { afterEach, describe, expect, it } from 'vitest';
import { BRAND_TOKEN, startWorld, type MentionsBody, type TestWorld } from './test-helpers.ts';

let w: TestWorld;
afterEach(() => w.sandbox.close());

const reply = async (text: string, inReplyTo?: string) => {
  const res = await w.call<{ data: { id: string } }>('POST', '/2/tweets', {
    token: BRAND_TOKEN,
    body: { text, ...(inReplyTo ? { reply: { in_reply_to_tweet_id: inReplyTo } } : {}) },
  });
  return res.body.data.id;
};

describe('GET /2/users/:id/tweets', () => {
  it("serves the user's own posts newest first, with the mentions timeline's fields and paging", async () => {
    w = await startWorld();
    const mention = await w.mention('@SkywardAir my flight is late');
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await reply(`Reply ${i}`, i === 0 ? mention : undefined));
    const path = `/2/users/${w.brandId}/tweets`;
    const page1 = await w.call<MentionsBody>(
      'GET',
      `${path}?max_results=5&tweet.fields=created_at,referenced_tweets,in_reply_to_user_id,conversation_id`,
    );
    expect(page1.status).toBe(200);
    expect(page1.headers.get('x-rate-limit-limit')).toBe('1500'); // app-only
    expect(page1.body.data?.map((t) => t.id)).toEqual([...ids].reverse().slice(0, 5));
    expect(page1.body.meta).toMatchObject({ result_count: 5, newest_id: ids[5], oldest_id: ids[1] });
    const page2 = await w.call<MentionsBody>(
      'GET',
      `${path}?max_results=5&pagination_token=${page1.body.meta.next_token}`,
    );
    expect(page2.body.data?.map((t) => t.id)).toEqual([ids[0]]);
    const first = await w.call<MentionsBody>(
      'GET',
      `${path}?since_id=${mention}&until_id=${ids[1]}&tweet.fields=created_at,referenced_tweets,in_reply_to_user_id,conversation_id`,
    );
    expect(first.body.data).toEqual([
      {
        id: ids[0],
        text: 'Reply 0',
        edit_history_tweet_ids: [ids[0]],
        created_at: expect.any(String) as string,
        conversation_id: mention,
        in_reply_to_user_id: w.customerId,
        referenced_tweets: [{ type: 'replied_to', id: mention }],
      },
    ]);
    const noReplies = await w.call<MentionsBody>('GET', `${path}?exclude=replies&max_results=100`);
    expect(noReplies.body.meta.result_count).toBe(5);
    // User tokens have a budget of their own (X: 900).
    const asUser = await w.call('GET', path, { token: BRAND_TOKEN });
    expect(asUser.headers.get('x-rate-limit-limit')).toBe('900');
  });

  it('answers X errors: 400 on bad parameters, 200 with errors[] for an unknown user', async () => {
    w = await startWorld();
    const bad = await w.call<MentionsBody>('GET', `/2/users/${w.brandId}/tweets?max_results=4`);
    expect(bad.status).toBe(400);
    const unknown = await w.call<MentionsBody>('GET', '/2/users/1234567890123456789/tweets');
    expect(unknown.status).toBe(200);
    expect(unknown.body.errors?.[0]?.title).toBe('Not Found Error');
    const empty = await w.call<MentionsBody>('GET', `/2/users/${w.customerId}/tweets`);
    expect(empty.body).toEqual({ meta: { result_count: 0 } });
  });
});
