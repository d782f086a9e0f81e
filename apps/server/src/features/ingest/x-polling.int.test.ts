import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startQueue, type Queue } from '../../queue/queue.ts';
import { createSandbox, type Sandbox } from '../../sandbox/sandbox-server.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { createTenant, TEST_SECRET_KEY, type TenantFixture } from '../../../test/harness.ts';
import { createXChannel } from '../channels/channels.service.ts';
import { enrich } from '../enrichment/index.ts';
import { startIngestWorker } from './ingest.worker.ts';
import { pollXMentions, schedulePolling, startPollingWorker, type PollDeps } from './x-polling.ts';
import { X_MENTIONS_WINDOW } from '../channels/polling-config.ts';

const log = pino({ level: process.env.TEST_LOG ?? 'silent' });

describe('X v2 polling connector against the sandbox network (R5)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let queue: Queue;
  let sandbox: Sandbox;
  let t: TenantFixture;
  let deps: PollDeps;
  let channelId: string;
  let brandXId: string;
  const customers: string[] = [];
  const posted: string[] = [];

  async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
  async function postMentions(n: number, handle = 'PerchAir'): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const who = customers[i % customers.length]!;
      const { data } = await control<{ data: { id: string } }>('POST', `/sandbox/customers/${who}/tweets`, {
        text: `@${handle} flight PA${100 + (posted.length % 900)} delayed, nobody at the gate knows anything (#${i})`,
      });
      ids.push(data.id);
    }
    if (handle === 'PerchAir') posted.push(...ids);
    return ids;
  }
  async function newChannel(brandIndex: number, xUserId: string, token: string) {
    const { channel } = await createXChannel(
      db.prisma,
      { secretKey: TEST_SECRET_KEY, publicUrl: 'http://perch.test' },
      { userId: t.users.owner.userId, organizationId: t.organizationId, ip: null, role: 'owner' },
      {
        organizationId: t.organizationId,
        brandId: t.brandIds[brandIndex]!,
        name: `X ${xUserId}`,
        xUserId,
        consumerSecret: 'unused-consumer-secret',
        accessToken: token,
      },
    );
    await db.prisma.channel.update({ where: { id: channel.id }, data: { config: { apiBaseUrl: sandbox.url } } });
    return channel.id;
  }
  async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 60_000): Promise<T> {
    const until = Date.now() + ms;
    for (;;) {
      const value = await fn();
      if (ok(value) || Date.now() > until) return value;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  /** Waits until every accepted page is processed, then returns the channel's stored external ids. */
  async function stored(id = channelId): Promise<string[]> {
    await eventually(
      () => db.prisma.inboundEvent.count({ where: { channelId: id, status: 'pending' } }),
      (n) => n === 0,
    );
    const rows = await db.prisma.mention.findMany({ where: { channelId: id }, select: { externalId: true } });
    return rows.map((r) => r.externalId);
  }
  const expectExactlyOnce = (ids: string[], expected: string[]) => {
    expect(ids).toHaveLength(expected.length);
    expect(new Set(ids)).toEqual(new Set(expected));
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTenant(db.prisma, 'Poll Air');
    queue = await startQueue(db, log);
    await startIngestWorker(db.prisma, queue, { enrich }, log);
    sandbox = await createSandbox({ seed: 5 });
    brandXId = (
      await control<{ id: string }>('POST', '/sandbox/accounts', {
        username: 'PerchAir',
        kind: 'brand',
        token: 'perch-air-bearer-token',
      })
    ).id;
    for (let i = 0; i < 7; i++) {
      const c = await control<{ id: string }>('POST', '/sandbox/accounts', {
        username: `traveller_${i}`,
        kind: 'customer',
        followers: 100 + i,
      });
      customers.push(c.id);
    }
    channelId = await newChannel(0, brandXId, 'perch-air-bearer-token');
    // The sandbox runs on 127.0.0.1: trusted by configuration, as the demo would pass it (never user input).
    deps = { db, queue, secretKey: TEST_SECRET_KEY, trustedOrigins: [sandbox.url] };
  });
  afterAll(async () => {
    await queue?.stop();
    await sandbox?.close();
    await db?.dispose();
  });

  it('R5: 150 mentions posted while Perch was down are all stored exactly once (2 pages)', async () => {
    await postMentions(150);
    const result = await pollXMentions(deps, channelId);
    expect(result).toEqual({ fetched: 150, pages: 2 });
    expectExactlyOnce(await stored(), posted);
    const channel = await db.prisma.channel.findUniqueOrThrow({ where: { id: channelId } });
    expect(channel.config).toMatchObject({ apiBaseUrl: sandbox.url, sinceId: posted.at(-1) });
    expect(channel.lastError).toBeNull();
    const m = await db.prisma.mention.findFirstOrThrow({
      where: { channelId, externalId: posted[0]! },
      include: { conversation: true },
    });
    expect(m).toMatchObject({ kind: 'mention', language: 'en' });
    expect(m.conversation?.status).toBe('new');
  });

  it('since_id: a second poll fetches only the 30 new mentions', async () => {
    expect(await pollXMentions(deps, channelId)).toEqual({ fetched: 0, pages: 1 });
    const cursor = posted.at(-1);
    const fresh = await postMentions(30);
    expect(await pollXMentions(deps, channelId)).toEqual({ fetched: 30, pages: 1 });
    expectExactlyOnce(await stored(), posted);
    const polls = await control<{ data: { url: string }[] }>('GET', '/sandbox/requests');
    expect(polls.data.at(-1)?.url).toContain(`since_id=${cursor}`);
    const channel = await db.prisma.channel.findUniqueOrThrow({ where: { id: channelId } });
    expect(channel.config).toMatchObject({ sinceId: fresh.at(-1) });
  });

  it('rate limit: stops with waitUntil (mid-pagination and on 429), loses nothing on the next poll', async () => {
    await postMentions(120);
    await control('POST', '/sandbox/rate-limits', { mentions: 1 });
    const first = await pollXMentions(deps, channelId);
    expect(first).toMatchObject({ fetched: 100, pages: 1 });
    expect(first.waitUntil!.getTime()).toBeGreaterThan(Date.now());
    const limited = await pollXMentions(deps, channelId);
    expect(limited).toMatchObject({ fetched: 0, pages: 0 });
    expect(limited.waitUntil!.getTime()).toBeGreaterThan(Date.now());
    const requests = await control<{ data: { status: number }[] }>('GET', '/sandbox/requests');
    expect(requests.data.at(-1)?.status).toBe(429);

    await control('POST', '/sandbox/rate-limits', { mentions: 450 });
    expect(await pollXMentions(deps, channelId)).toEqual({ fetched: 120, pages: 2 });
    expectExactlyOnce(await stored(), posted);
  });

  it('a 5xx throws a clear error and moves nothing; a later poll recovers', async () => {
    await postMentions(5);
    await control('POST', '/sandbox/faults', { error5xxRate: 1, endpoints: ['mentions'] });
    await expect(pollXMentions(deps, channelId)).rejects.toThrow(/X poll of channel .*: X API 5\d\d/);
    await control('DELETE', '/sandbox/faults');
    expect(await pollXMentions(deps, channelId)).toEqual({ fetched: 5, pages: 1 });
    expectExactlyOnce(await stored(), posted);
  });

  it('a timeout throws; a bad token records lastError on the channel without throwing', async () => {
    await control('POST', '/sandbox/faults', { timeoutRate: 1, endpoints: ['mentions'] });
    await expect(pollXMentions({ ...deps, timeoutMs: 300 }, channelId)).rejects.toThrow(/TimeoutError/);
    await control('DELETE', '/sandbox/faults');

    const badId = await newChannel(0, brandXId, 'not-a-registered-token');
    const result = await pollXMentions(deps, badId);
    expect(result).toMatchObject({ fetched: 0, pages: 0 });
    expect(result.error).toMatch(/401/);
    const channel = await db.prisma.channel.findUniqueOrThrow({ where: { id: badId } });
    expect(channel.lastError).toMatch(/401/);
  });

  it('S6: without the sandbox in the trusted origins, the private address is refused and recorded', async () => {
    const before = (await control<{ data: unknown[] }>('GET', '/sandbox/requests')).data.length;
    const result = await pollXMentions({ ...deps, trustedOrigins: [] }, channelId);
    expect(result).toMatchObject({ fetched: 0, pages: 0 });
    expect(result.error).toMatch(/API address was refused .*loopback/);
    expect((await control<{ data: unknown[] }>('GET', '/sandbox/requests')).data.length).toBe(before);
    const channel = await db.prisma.channel.findUniqueOrThrow({ where: { id: channelId } });
    expect(channel.lastError).toMatch(/refused/);
    // The next good poll clears it.
    await pollXMentions(deps, channelId);
    expect((await db.prisma.channel.findUniqueOrThrow({ where: { id: channelId } })).lastError).toBeNull();
  });

  it('the polling worker polls a scheduled channel and keeps polling it', async () => {
    const other = await control<{ id: string }>('POST', '/sandbox/accounts', {
      username: 'PerchCargo',
      kind: 'brand',
      token: 'perch-cargo-bearer-token',
    });
    const cargo = await newChannel(1, other.id, 'perch-cargo-bearer-token');
    await db.prisma.channel.update({
      where: { id: cargo },
      data: { config: { apiBaseUrl: sandbox.url, polling: { enabled: true } } },
    });
    const before = await postMentions(12, 'PerchCargo');
    const job = { channelId: cargo, organizationId: t.organizationId };
    // Both before the worker starts: once it has taken the first poll, a second may wait again (by design).
    expect(await schedulePolling(queue, job)).toBe(true);
    expect(await schedulePolling(queue, job)).toBe(false); // one waiting poll per channel
    await startPollingWorker({ ...deps, intervalMs: 300 }, log);
    await eventually(
      () => db.prisma.mention.count({ where: { channelId: cargo } }),
      (n) => n === 12,
    );
    const after = await postMentions(8, 'PerchCargo');
    await eventually(
      () => db.prisma.mention.count({ where: { channelId: cargo } }),
      (n) => n === 20,
    );
    expectExactlyOnce(await stored(cargo), [...before, ...after]);
    const config = (await db.prisma.channel.findUniqueOrThrow({ where: { id: cargo } })).config as Record<
      string,
      unknown
    >;
    expect([typeof config.lastPolledAt, typeof config.nextPollAt]).toEqual(['string', 'string']);

    // Disabled: the worker stops the chain, nothing is polled or rescheduled any more.
    await db.prisma.channel.update({
      where: { id: cargo },
      data: { config: { ...(config as object), polling: { enabled: false } } },
    });
    await new Promise((r) => setTimeout(r, 1_500)); // a poll already running or waiting ends
    const polled = async () =>
      (await control<{ data: { url: string }[] }>('GET', '/sandbox/requests')).data.filter((r) =>
        r.url.includes(`/2/users/${other.id}/mentions`),
      ).length;
    const quiet = await polled();
    await postMentions(3, 'PerchCargo');
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await polled()).toBe(quiet);
    expect(await db.prisma.mention.count({ where: { channelId: cargo } })).toBe(20);
  });
});

/**
 * R5 beyond the window: X serves only the latest 800 mentions. No ingest worker here (the 800 mentions stay
 * pending): what is tested is what the connector notices and records.
 */
describe('X polling: gap detection beyond the 800-mention window (R5)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let queue: Queue;
  let sandbox: Sandbox;
  let t: TenantFixture;
  let deps: PollDeps;
  let brandXId: string;
  let customerId: string;

  const post = (n: number) =>
    Array.from(
      { length: n },
      (_, i) =>
        sandbox.state.postTweet({ authorId: customerId, text: `@PerchGap where is my bag? #${i}`, via: 'sandbox' }).id,
    );
  async function account(body: object): Promise<string> {
    const res = await fetch(`${sandbox.url}/sandbox/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return ((await res.json()) as { id: string }).id;
  }
  async function newChannel(name: string) {
    const { channel } = await createXChannel(
      db.prisma,
      { secretKey: TEST_SECRET_KEY, publicUrl: 'http://perch.test' },
      { userId: t.users.owner.userId, organizationId: t.organizationId, ip: null, role: 'owner' },
      {
        organizationId: t.organizationId,
        brandId: t.brandIds[0]!,
        name,
        xUserId: brandXId,
        consumerSecret: 'unused-consumer-secret',
        accessToken: 'perch-gap-bearer-token',
      },
    );
    await db.prisma.channel.update({ where: { id: channel.id }, data: { config: { apiBaseUrl: sandbox.url } } });
    return channel.id;
  }
  const configOf = async (id: string) =>
    (await db.prisma.channel.findUniqueOrThrow({ where: { id } })).config as Record<string, unknown>;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTenant(db.prisma, 'Gap Air');
    queue = await startQueue(db, log);
    sandbox = await createSandbox({ seed: 8 });
    brandXId = await account({ username: 'PerchGap', kind: 'brand', token: 'perch-gap-bearer-token' });
    customerId = await account({ username: 'lost_bag_lea', kind: 'customer', followers: 40 });
    deps = { db, queue, secretKey: TEST_SECRET_KEY, trustedOrigins: [sandbox.url] };
  });
  afterAll(async () => {
    await queue?.stop();
    await sandbox?.close();
    await db?.dispose();
  });

  it('records a possible gap when a catch-up poll gets the whole window, and widens it on the next one', async () => {
    const channelId = await newChannel('X gap');
    const known = post(3);
    expect(await pollXMentions(deps, channelId)).toEqual({ fetched: 3, pages: 1 });
    const firstPoll = (await configOf(channelId)).lastPolledAt as string;

    // Perch was down while 805 mentions arrived: X reaches only the latest 800.
    const missed = post(X_MENTIONS_WINDOW + 5);
    const result = await pollXMentions(deps, channelId);
    expect(result).toMatchObject({ fetched: X_MENTIONS_WINDOW, pages: 8 });
    const oldestReachable = missed[5]!;
    const expectedGap = {
      detectedAt: result.gap?.detectedAt,
      newestKnownId: known.at(-1),
      oldestFetchedId: oldestReachable,
      since: firstPoll,
      until: new Date(sandbox.state.tweets.get(oldestReachable)!.createdAt).toISOString(),
    };
    expect(result.gap).toEqual(expectedGap);
    expect(Date.parse(expectedGap.detectedAt!)).toBeGreaterThan(Date.parse(firstPoll));
    const config = await configOf(channelId);
    expect(config).toMatchObject({ gap: expectedGap, sinceId: missed.at(-1), apiBaseUrl: sandbox.url });

    // A normal poll afterwards keeps the warning; it is not a new gap.
    post(20);
    expect(await pollXMentions(deps, channelId)).toEqual({ fetched: 20, pages: 1 });
    expect((await configOf(channelId)).gap).toEqual(expectedGap);

    // A second overflow widens the warning: from the first known id to the newest cut-off.
    const again = post(X_MENTIONS_WINDOW + 1);
    const second = await pollXMentions(deps, channelId);
    expect(second.gap).toMatchObject({ newestKnownId: known.at(-1), oldestFetchedId: again[1], since: firstPoll });
  });

  it('no gap when the pages end short of the window, nor on a first poll without a cursor', async () => {
    const channelId = await newChannel('X no gap');
    // First poll: no cursor, X returns its whole window of the account's mentions: history, not a gap.
    const first = await pollXMentions(deps, channelId);
    expect(first.fetched).toBe(X_MENTIONS_WINDOW);
    expect(first.gap).toBeUndefined();
    post(X_MENTIONS_WINDOW - 1);
    const catchUp = await pollXMentions(deps, channelId);
    expect(catchUp).toEqual({ fetched: X_MENTIONS_WINDOW - 1, pages: 8 });
    expect((await configOf(channelId)).gap).toBeUndefined();
  });
});
