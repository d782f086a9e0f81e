import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from './sandbox-server.ts';
import { startSimulator, type Simulator, type SimulatorBrand } from './simulator.ts';

const BRANDS: SimulatorBrand[] = [
  { username: 'SkywardAir', kind: 'airline', language: 'mixed' },
  { username: 'SkywardCargo', kind: 'airline', language: 'fr' },
  { username: 'NorthwindCares', kind: 'telecom', language: 'en' },
];

const open: { sandbox?: Sandbox; simulator?: Simulator }[] = [];
afterEach(async () => {
  for (const { simulator, sandbox } of open.splice(0)) {
    await simulator?.stop();
    await sandbox?.close();
  }
});

async function start(options: Partial<Parameters<typeof startSimulator>[0]> = {}) {
  const sandbox = await createSandbox({ seed: 1, tokens: [{ token: 'bearer' }] });
  const simulator = startSimulator({ sandboxUrl: sandbox.url, brands: BRANDS, ratePerMinute: 60_000, ...options });
  open.push({ sandbox, simulator });
  return { sandbox, simulator };
}

/** Customer posts in creation order, as "@author: text". */
function transcript(sandbox: Sandbox): string[] {
  return [...sandbox.state.tweets.values()].map(
    (t) => `@${sandbox.state.accounts.get(t.authorId)?.username}: ${t.text}`,
  );
}

describe('traffic simulator', () => {
  it('posts N varied mentions in English and French, reproducibly for a seed', async () => {
    const run = async (seed: number) => {
      const { sandbox, simulator } = await start({ seed, maxPosts: 100, customers: 24 });
      await simulator.done;
      return { stats: simulator.stats(), lines: transcript(sandbox), sandbox };
    };
    const first = await run(7);
    const { stats, sandbox } = first;
    expect(stats).toMatchObject({ running: false, posted: 100, errors: 0, customers: 28 });
    for (const kind of ['complaint', 'question', 'praise', 'spam'] as const)
      expect(stats.byKind[kind]).toBeGreaterThan(0);
    expect(stats.byLanguage.en).toBeGreaterThan(10);
    expect(stats.byLanguage.fr).toBeGreaterThan(10);
    expect(Object.values(stats.byBrand).every((n) => n > 0)).toBe(true);

    const tweets = [...sandbox.state.tweets.values()];
    expect(new Set(tweets.map((t) => t.text)).size).toBeGreaterThan(85); // templates with variables: few repeats
    expect(tweets.every((t) => t.mentionedUserIds.length > 0)).toBe(true); // every post reaches a brand
    expect(tweets.some((t) => t.lang === 'fr' && /vol|réseau|bagage|remboursement/.test(t.text))).toBe(true);
    expect(tweets.some((t) => /https:\/\/\S+\/claim/.test(t.text))).toBe(true); // crypto spam
    const customers = [...sandbox.state.accounts.values()].filter((a) => a.kind === 'customer');
    const followers = customers.map((c) => c.followers);
    expect(Math.max(...followers)).toBeGreaterThan(50 * Math.max(1, Math.min(...followers)));
    expect(customers.every((c) => /^[A-Za-z0-9_]{1,15}$/.test(c.username))).toBe(true);

    expect((await run(7)).lines).toEqual(first.lines);
    expect((await run(8)).lines).not.toEqual(first.lines);
  }, 30_000); // three full runs over real HTTP; generous for loaded CI machines

  it("answers some of the brand's replies in the thread", async () => {
    const { sandbox, simulator } = await start({ seed: 3, ratePerMinute: 3000 });
    await expect.poll(() => simulator.stats().posted, { timeout: 5000 }).toBeGreaterThanOrEqual(10);
    const brand = sandbox.state.accountByUsername('SkywardAir')!;
    sandbox.state.registerToken('brand-token', brand.id);
    const replies = new Set<string>();
    for (const mention of sandbox.state.mentionsOf(brand.id).slice(0, 8)) {
      const res = await fetch(`${sandbox.url}/2/tweets`, {
        method: 'POST',
        headers: { authorization: 'Bearer brand-token', 'content-type': 'application/json' },
        body: JSON.stringify({
          text: `Sorry about that (${mention.id}), please DM us.`,
          reply: { in_reply_to_tweet_id: mention.id },
        }),
      });
      replies.add(((await res.json()) as { data: { id: string } }).data.id);
    }
    await expect
      .poll(
        () => [...sandbox.state.tweets.values()].some((t) => t.inReplyToTweetId && replies.has(t.inReplyToTweetId)),
        {
          timeout: 5000,
        },
      )
      .toBe(true);
    expect(simulator.stats().byKind.follow_up).toBeGreaterThan(0);
  });

  it('runs outage storms on schedule', async () => {
    let now = 0;
    const { simulator } = await start({
      seed: 5,
      ratePerMinute: 600,
      now: () => now,
      storm: { multiplier: 10, everyMinutes: 10, durationMinutes: 2 },
    });
    await expect.poll(() => simulator.stats().posted, { timeout: 5000 }).toBeGreaterThan(1);
    expect(simulator.stats().stormActive).toBe(false);
    now = 10.5 * 60_000;
    await expect.poll(() => simulator.stats().stormActive, { timeout: 5000 }).toBe(true);
    now = 13 * 60_000;
    await expect.poll(() => simulator.stats().stormActive, { timeout: 5000 }).toBe(false);
  });

  it('stops cleanly: no post after stop(), done settles, errors are counted not thrown', async () => {
    const { simulator } = await start({ seed: 9, ratePerMinute: 1200 });
    await expect.poll(() => simulator.stats().posted, { timeout: 5000 }).toBeGreaterThan(2);
    await simulator.stop();
    await simulator.done;
    const after = simulator.stats().posted;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(simulator.stats()).toMatchObject({ posted: after, running: false });
    await simulator.stop(); // idempotent

    const closed = await createSandbox();
    await closed.close();
    const orphan = startSimulator({ sandboxUrl: closed.url, brands: BRANDS, ratePerMinute: 6000, seed: 1 });
    await expect.poll(() => orphan.stats().errors, { timeout: 5000 }).toBeGreaterThan(0);
    await orphan.stop();
    expect(orphan.stats().lastError).toBeTruthy();
  });
});
