import { afterEach, describe, expect, it } from 'vitest';
import { BRAND_TOKEN, startWorld, type TestWorld } from './test-helpers.ts';

interface Timeline {
  data: { id: string; text: string }[];
  meta: { duplicate_replies: { in_reply_to_tweet_id: string; count: number }[] };
}

let w: TestWorld;
afterEach(() => w.sandbox.close());

describe('lost responses', () => {
  it('carries out a write and never answers it, for posts and DMs only', async () => {
    w = await startWorld();
    w.sandbox.faults.set({ lostResponseRate: 1 });
    const post = w.call('POST', '/2/tweets', {
      token: BRAND_TOKEN,
      body: { text: 'Sorry for the delay' },
      signal: AbortSignal.timeout(300),
    });
    await expect(post).rejects.toThrow(/abort|timeout/i);
    const timeline = await w.call<Timeline>('GET', `/sandbox/timeline/${w.brandId}`, { token: null });
    expect(timeline.body.data.map((t) => t.text)).toEqual(['Sorry for the delay']);

    const dm = w.call('POST', `/2/dm_conversations/with/${w.customerId}/messages`, {
      token: BRAND_TOKEN,
      body: { text: 'Please DM your reference' },
      signal: AbortSignal.timeout(300),
    });
    await expect(dm).rejects.toThrow(/abort|timeout/i);
    expect(w.sandbox.state.directMessages.map((m) => m.text)).toEqual(['Please DM your reference']);

    // Reads are never "lost", and a refused write answers its error.
    expect((await w.call('GET', `/2/users/${w.brandId}/mentions`)).status).toBe(200);
    const tooLong = await w.call('POST', '/2/tweets', { token: BRAND_TOKEN, body: { text: 'x'.repeat(281) } });
    expect(tooLong.status).toBe(400);
    expect(w.sandbox.faults.injected.lost).toBe(2);
    const log = await w.call<{ data: { status: number; fault: string | null }[] }>('GET', '/sandbox/requests', {
      token: null,
    });
    expect(log.body.data.filter((e) => e.fault === 'lost').map((e) => e.status)).toEqual([0, 0]);
  });

  it('keeps the seeded draws: the same seed loses the same writes', async () => {
    const run = async () => {
      w = await startWorld({ seed: 11 });
      w.sandbox.faults.set({ lostResponseRate: 0.5, endpoints: ['tweets'] });
      const outcomes = [];
      for (let i = 0; i < 10; i++) {
        const res = await w
          .call('POST', '/2/tweets', {
            token: BRAND_TOKEN,
            body: { text: `post ${i}` },
            signal: AbortSignal.timeout(150),
          })
          .then((r) => r.status)
          .catch(() => 'lost');
        outcomes.push(res);
      }
      expect(w.sandbox.state.timelineOf(w.brandId)).toHaveLength(10); // every write was carried out
      await w.sandbox.close();
      return outcomes;
    };
    const first = await run();
    expect(first).toContain('lost');
    expect(first).toContain(201);
    expect(await run()).toEqual(first);
  });
});

describe('GET /sandbox/timeline duplicate_replies', () => {
  it('counts a post answered twice by the same brand, even when one answer was deleted', async () => {
    w = await startWorld();
    const a = await w.mention('@SkywardAir bag lost');
    const b = await w.mention('@SkywardAir flight late');
    const replyTo = async (id: string, text: string) =>
      (
        await w.call<{ data: { id: string } }>('POST', '/2/tweets', {
          token: BRAND_TOKEN,
          body: { text, reply: { in_reply_to_tweet_id: id } },
        })
      ).body.data.id;
    await replyTo(a, 'We are on it');
    const second = await replyTo(a, 'We are on it (again)');
    await replyTo(b, 'Sorry!');
    // Another account answering the same post is not the brand's double reply.
    await w.mention('@SkywardAir same here', { in_reply_to_tweet_id: b });
    await w.call('DELETE', `/sandbox/tweets/${second}`, { token: null });
    const timeline = await w.call<Timeline>('GET', `/sandbox/timeline/${w.brandId}`, { token: null });
    expect(timeline.body.data).toHaveLength(2);
    expect(timeline.body.meta.duplicate_replies).toEqual([{ in_reply_to_tweet_id: a, count: 2 }]);
  });
});
