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
    await startIngestWorker(db.prisma, queue, enrich, log);
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
    deps = { db, queue, secretKey: TEST_SECRET_KEY };
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

  it('the polling worker polls a scheduled channel and keeps polling it', async () => {
    const other = await control<{ id: string }>('POST', '/sandbox/accounts', {
      username: 'PerchCargo',
      kind: 'brand',
      token: 'perch-cargo-bearer-token',
    });
    const cargo = await newChannel(1, other.id, 'perch-cargo-bearer-token');
    const before = await postMentions(12, 'PerchCargo');
    await startPollingWorker({ ...deps, intervalMs: 300 }, log);
    expect(await schedulePolling(queue, cargo)).toBe(true);
    expect(await schedulePolling(queue, cargo)).toBe(false); // one waiting poll per channel
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
  });
});
