import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createSandbox, type Sandbox } from '../../sandbox/sandbox-server.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import {
  callerFor,
  createTenant,
  startTestServices,
  TEST_SECRET_KEY,
  type Caller,
  type TenantFixture,
} from '../../../test/harness.ts';
import { startPollingWorker } from '../ingest/x-polling.ts';
import { sealChannelSecrets } from './channel-secrets.ts';
import { startOfDayIn } from './channel-health.ts';

const log = pino({ level: process.env.TEST_LOG ?? 'silent' });

describe('channels: health figures, polling settings (S6) and gap warnings', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let t: TenantFixture;
  let admin: Caller;

  const org = () => ({ organizationId: t.organizationId });
  const configOf = async (id: string) =>
    (await db.prisma.channel.findUniqueOrThrow({ where: { id } })).config as Record<string, unknown>;
  const pollJobs = async () =>
    (
      await db.pool.query<{ data: Record<string, unknown> }>(
        `SELECT data FROM pgboss.job WHERE name = 'ingest.poll' ORDER BY created_on`,
      )
    ).rows.map((r) => r.data);
  const failure = async (promise: Promise<unknown>) => {
    const error = (await promise.then(
      () => null,
      (e: unknown) => e,
    )) as { code?: string; cause?: { details?: unknown }; message?: string } | null;
    return { code: error?.code, details: error?.cause?.details, message: error?.message };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
    t = await createTenant(db.prisma, 'Health Air');
    admin = await callerFor(db.prisma, t.users.admin.userId);
  });
  afterAll(async () => {
    await services.stop();
    await db.dispose();
  });

  it('list: events today in each brand time zone and the pending backlog, per channel', async () => {
    const now = new Date();
    const parisDay = startOfDayIn('Europe/Paris', now).getTime();
    const newYorkDay = startOfDayIn('America/New_York', now).getTime();
    const nyChannel = await db.prisma.channel.create({
      data: { organizationId: t.organizationId, brandId: t.brandIds[1]!, kind: 'webhook', name: 'NY forms' },
      select: { id: true },
    });
    const event = (channelId: string, at: number, status = 'processed') => ({
      organizationId: t.organizationId,
      channelId,
      source: 'generic_webhook',
      payload: {},
      status,
      receivedAt: new Date(at),
    });
    await db.prisma.inboundEvent.createMany({
      data: [
        event(t.xChannelId, parisDay + 1),
        event(t.xChannelId, parisDay + 2, 'pending'),
        event(t.xChannelId, parisDay - 1, 'pending'), // yesterday in Paris, still pending
        event(t.xChannelId, parisDay - 86_400_000),
        event(t.webhookChannelId, parisDay + 5, 'failed'),
        event(nyChannel.id, newYorkDay + 1),
        event(nyChannel.id, newYorkDay - 1), // yesterday in New York (maybe today in Paris)
      ],
    });
    const rows = await admin.channels.list(org());
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(t.xChannelId)).toMatchObject({
      eventsToday: 2,
      backlog: 2,
      polling: {
        enabled: false,
        intervalSeconds: 60,
        apiBaseUrl: null,
        lastPolledAt: null,
        nextPollAt: null,
        gap: null,
      },
    });
    expect(byId.get(t.webhookChannelId)).toMatchObject({ eventsToday: 1, backlog: 0, polling: null });
    expect(byId.get(nyChannel.id)).toMatchObject({ eventsToday: 1, backlog: 0 });
    // The raw config (cursor, epochs) is not part of the answer.
    expect(Object.keys(byId.get(t.xChannelId)!)).not.toContain('config');
  });

  it('configurePolling: enables with an interval, queues the first poll with its organization, audits', async () => {
    const result = await admin.channels.configurePolling({
      ...org(),
      channelId: t.xChannelId,
      enabled: true,
      intervalSeconds: 300,
    });
    expect(result.polling).toMatchObject({ enabled: true, intervalSeconds: 300, apiBaseUrl: null });
    expect(result.polling.nextPollAt).toEqual(expect.any(String));
    expect(await configOf(t.xChannelId)).toMatchObject({ polling: { enabled: true, intervalSeconds: 300, epoch: 1 } });
    expect(await pollJobs()).toContainEqual({ channelId: t.xChannelId, organizationId: t.organizationId, epoch: 1 });
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { organizationId: t.organizationId, action: 'channels.configurePolling' },
    });
    expect(audit).toMatchObject({
      actorUserId: t.users.admin.userId,
      targetId: t.xChannelId,
      before: { enabled: false, intervalSeconds: 60, apiBaseUrl: null },
      after: { enabled: true, intervalSeconds: 300, apiBaseUrl: null },
    });
  });

  it('configurePolling: a public API base URL is set, kept when absent, reset by null; disabling queues nothing', async () => {
    const jobs = (await pollJobs()).length;
    await admin.channels.configurePolling({
      ...org(),
      channelId: t.xChannelId,
      enabled: false,
      intervalSeconds: 30,
      apiBaseUrl: ' https://x-proxy.example.com/v ',
    });
    expect(await configOf(t.xChannelId)).toMatchObject({
      apiBaseUrl: 'https://x-proxy.example.com/v',
      polling: { enabled: false, intervalSeconds: 30, epoch: 2 },
    });
    expect((await configOf(t.xChannelId)).nextPollAt).toBeUndefined();
    expect((await pollJobs()).length).toBe(jobs);
    await admin.channels.configurePolling({ ...org(), channelId: t.xChannelId, enabled: false, intervalSeconds: 45 });
    expect(await configOf(t.xChannelId)).toMatchObject({ apiBaseUrl: 'https://x-proxy.example.com/v' });
    await admin.channels.configurePolling({
      ...org(),
      channelId: t.xChannelId,
      enabled: false,
      intervalSeconds: 30,
      apiBaseUrl: null,
    });
    expect((await configOf(t.xChannelId)).apiBaseUrl).toBeUndefined();
  });

  it('S6: a private, metadata or odd-notation API base URL is refused with the field, nothing written', async () => {
    const before = await configOf(t.xChannelId);
    const audits = await db.prisma.auditLog.count({ where: { organizationId: t.organizationId } });
    for (const apiBaseUrl of [
      'http://169.254.169.254/latest/meta-data',
      'http://127.1:4010',
      'http://2130706433/',
      'https://[fd00:ec2::254]/',
      'http://10.0.0.8/x',
      'http://localhost:8080',
    ]) {
      const result = await failure(
        admin.channels.configurePolling({
          ...org(),
          channelId: t.xChannelId,
          enabled: true,
          intervalSeconds: 60,
          apiBaseUrl,
        }),
      );
      expect({ apiBaseUrl, code: result.code, field: (result.details as { field?: string })?.field }).toEqual({
        apiBaseUrl,
        code: 'BAD_REQUEST',
        field: 'apiBaseUrl',
      });
    }
    // Malformed input never reaches the service: schema errors.
    for (const bad of [
      { apiBaseUrl: 'ftp://files.example.com' },
      { apiBaseUrl: 'https://user:pw@x.example.com' },
      { intervalSeconds: 10 },
      { intervalSeconds: 3601 },
    ]) {
      const input = { ...org(), channelId: t.xChannelId, enabled: true, intervalSeconds: 60, ...bad };
      expect((await failure(admin.channels.configurePolling(input))).code).toBe('BAD_REQUEST');
    }
    expect(await configOf(t.xChannelId)).toEqual(before);
    expect(await db.prisma.auditLog.count({ where: { organizationId: t.organizationId } })).toBe(audits);
  });

  it('configurePolling and dismissGapWarning are for X channels only (NOT_FOUND for others)', async () => {
    const input = { ...org(), channelId: t.webhookChannelId, enabled: true, intervalSeconds: 60 };
    expect((await failure(admin.channels.configurePolling(input))).code).toBe('NOT_FOUND');
    expect((await failure(admin.channels.dismissGapWarning({ ...org(), channelId: t.webhookChannelId }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('a gap warning shows in the list until an admin dismisses it (audited with what it said)', async () => {
    const gap = {
      detectedAt: '2026-11-29T10:00:00.000Z',
      newestKnownId: '1867000000000000000',
      oldestFetchedId: '1867000000000900000',
      since: '2026-11-29T02:00:00.000Z',
      until: '2026-11-29T09:00:00.000Z',
    };
    await db.prisma.channel.update({
      where: { id: t.xChannelId },
      data: { config: { ...(await configOf(t.xChannelId)), gap } },
    });
    const listed = (await admin.channels.list(org())).find((c) => c.id === t.xChannelId);
    expect(listed?.polling?.gap).toEqual(gap);
    expect(await admin.channels.dismissGapWarning({ ...org(), channelId: t.xChannelId })).toEqual({ dismissed: true });
    expect((await configOf(t.xChannelId)).gap).toBeUndefined();
    expect((await configOf(t.xChannelId)).polling).toMatchObject({ epoch: 4 }); // other keys kept
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { organizationId: t.organizationId, action: 'channels.dismissGapWarning' },
    });
    expect(audit.before).toEqual({ gap });
  });
});

describe('channels: polling settings drive the polling worker', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let services: Awaited<ReturnType<typeof startTestServices>>;
  let sandbox: Sandbox;
  let t: TenantFixture;
  let owner: Caller;
  let brandXId: string;

  async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return (await res.json()) as T;
  }
  const polls = async () =>
    (await control<{ data: { url: string }[] }>('GET', '/sandbox/requests')).data.filter((r) =>
      r.url.includes(`/2/users/${brandXId}/mentions`),
    ).length;
  async function eventually(check: () => Promise<boolean>, ms = 30_000) {
    const until = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > until) throw new Error('condition not reached in time');
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    services = await startTestServices(db);
    sandbox = await createSandbox({ seed: 11 });
    t = await createTenant(db.prisma, 'Worker Air');
    owner = await callerFor(db.prisma, t.users.owner.userId);
    brandXId = (
      await control<{ id: string }>('POST', '/sandbox/accounts', {
        username: 'WorkerAir',
        kind: 'brand',
        token: 'worker-air-bearer-token',
      })
    ).id;
    // The fixture's X channel, pointed at the sandbox account with a token.
    await db.prisma.channel.update({
      where: { id: t.xChannelId },
      data: {
        externalId: brandXId,
        secrets: sealChannelSecrets(TEST_SECRET_KEY, t.organizationId, {
          consumerSecret: 'unused-consumer-secret',
          accessToken: 'worker-air-bearer-token',
        }),
      },
    });
  });
  afterAll(async () => {
    await services.stop();
    await sandbox.close();
    await db.dispose();
  });

  it('only the latest configuration polls; disabling stops the chain', async () => {
    const input = { organizationId: t.organizationId, channelId: t.xChannelId, intervalSeconds: 30 };
    await owner.channels.configurePolling({ ...input, enabled: true });
    await owner.channels.configurePolling({ ...input, enabled: true }); // supersedes the first (epoch 2)
    // Perch's own configuration points the channel at the sandbox (trusted: not something a user can set).
    await db.prisma.$executeRaw`
      UPDATE "Channel" SET config = config || ${JSON.stringify({ apiBaseUrl: sandbox.url })}::jsonb
      WHERE id = ${t.xChannelId}::uuid`;
    await startPollingWorker(
      { db, queue: services.queue, secretKey: TEST_SECRET_KEY, trustedOrigins: [sandbox.url] },
      log,
    );
    await eventually(async () => (await polls()) >= 1);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await polls()).toBe(1); // the epoch-1 job stopped without polling
    const config = (await db.prisma.channel.findUniqueOrThrow({ where: { id: t.xChannelId } })).config as {
      nextPollAt?: string;
      lastPolledAt?: string;
    };
    expect(new Date(config.nextPollAt!).getTime() - new Date(config.lastPolledAt!).getTime()).toBeGreaterThan(29_000);

    const listed = (await owner.channels.list({ organizationId: t.organizationId })).find((c) => c.id === t.xChannelId);
    expect(listed?.polling).toMatchObject({ enabled: true, intervalSeconds: 30, lastPolledAt: config.lastPolledAt });

    // Enabled again with a new configuration: polls at once, then disabled: the waiting poll ends the chain.
    await owner.channels.configurePolling({ ...input, enabled: true });
    await eventually(async () => (await polls()) >= 2);
    await owner.channels.configurePolling({ ...input, enabled: false });
    expect(
      (await owner.channels.list({ organizationId: t.organizationId })).find((c) => c.id === t.xChannelId)?.polling
        ?.nextPollAt,
    ).toBeNull();
  });
});
