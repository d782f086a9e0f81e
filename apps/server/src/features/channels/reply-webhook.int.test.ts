import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, type Caller, type TenantFixture } from '../../../test/harness.ts';
import { configureReplyWebhook } from './channels.service.ts';

describe('channels.configureReplyWebhook: where a webhook channel posts replies (S6 at configuration)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TenantFixture;
  let other: TenantFixture;
  let admin: Caller;

  const configOf = async (id: string) =>
    (await db.prisma.channel.findUniqueOrThrow({ where: { id } })).config as Record<string, unknown>;
  const failure = async (promise: Promise<unknown>) => {
    const error = (await promise.then(
      () => null,
      (e: unknown) => e,
    )) as { code?: string; cause?: { code?: string; details?: unknown }; message?: string } | null;
    return { code: error?.code, details: error?.cause?.details, message: error?.message };
  };
  const input = (url: string | null, channelId = t.webhookChannelId) => ({
    organizationId: t.organizationId,
    channelId,
    url,
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await createTenant(db.prisma, 'Hook Settings');
    other = await createTenant(db.prisma, 'Other Hooks');
    admin = await callerFor(db.prisma, t.users.admin.userId);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('sets the reply URL (audited), keeps the rest of the config, and null removes it', async () => {
    await db.prisma.channel.update({ where: { id: t.webhookChannelId }, data: { config: { source: 'zendesk' } } });
    const url = 'https://support.example.com/perch/replies';
    expect(await admin.channels.configureReplyWebhook(input(url))).toEqual({
      channelId: t.webhookChannelId,
      replyUrl: url,
    });
    expect(await configOf(t.webhookChannelId)).toEqual({ source: 'zendesk', replyUrl: url });
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { organizationId: t.organizationId, action: 'channels.configureReplyWebhook' },
    });
    expect(audit).toMatchObject({
      targetId: t.webhookChannelId,
      before: { replyUrl: null },
      after: { replyUrl: url },
      actorUserId: t.users.admin.userId,
    });

    expect(await admin.channels.configureReplyWebhook(input(null))).toMatchObject({ replyUrl: null });
    expect(await configOf(t.webhookChannelId)).toEqual({ source: 'zendesk' });
  });

  it('refuses private, loopback, metadata and odd-notation addresses with the reason', async () => {
    const before = await configOf(t.webhookChannelId);
    for (const url of [
      'http://127.0.0.1:4010/hook',
      'http://2130706433/',
      'http://0177.0.0.1/',
      'http://169.254.169.254/latest/meta-data',
      'https://[::ffff:10.0.0.1]/',
      'http://192.168.1.20/replies',
      'http://localhost:8080/',
      'http://intranet/replies',
    ]) {
      const result = await failure(admin.channels.configureReplyWebhook(input(url)));
      expect({ url, code: result.code, field: (result.details as { field?: string } | undefined)?.field }).toEqual({
        url,
        code: 'BAD_REQUEST',
        field: 'url',
      });
      expect(result.message).toMatch(/^Reply URL refused: /);
    }
    // Schema errors before the service: not http(s), credentials, too long.
    for (const url of ['ftp://files.example.com/x', `https://x.example.com/${'a'.repeat(600)}`]) {
      expect((await failure(admin.channels.configureReplyWebhook(input(url)))).code).toBe('BAD_REQUEST');
    }
    expect((await failure(admin.channels.configureReplyWebhook(input('https://u:p@x.example.com/')))).code).toBe(
      'BAD_REQUEST',
    );
    expect(await configOf(t.webhookChannelId)).toEqual(before);
  });

  it("Perch's own trusted origins (configuration, e.g. the local sandbox) are accepted by the service", async () => {
    const actor = { userId: t.users.admin.userId, organizationId: t.organizationId, ip: null, role: 'admin' as const };
    const url = 'http://127.0.0.1:4010/hook';
    await expect(
      configureReplyWebhook(db.prisma, actor, input(url), { trustedOrigins: ['http://127.0.0.1:4010'] }),
    ).resolves.toMatchObject({ replyUrl: url });
    await expect(
      configureReplyWebhook(db.prisma, actor, input('http://127.0.0.1:4011/hook'), {
        trustedOrigins: ['http://127.0.0.1:4010'],
      }),
    ).rejects.toThrow(/Reply URL refused: .*loopback/);
  });

  it('another organization’s channel and X channels are NOT_FOUND; agents are FORBIDDEN', async () => {
    const url = 'https://support.example.com/perch/replies';
    const foreign = await failure(admin.channels.configureReplyWebhook(input(url, other.webhookChannelId)));
    expect(foreign.code).toBe('NOT_FOUND');
    expect(await configOf(other.webhookChannelId)).toEqual({});
    expect((await failure(admin.channels.configureReplyWebhook(input(url, t.xChannelId)))).code).toBe('NOT_FOUND');
    const agent = await callerFor(db.prisma, t.users.agent.userId);
    expect((await failure(agent.channels.configureReplyWebhook(input(url)))).code).toBe('FORBIDDEN');
  });
});
