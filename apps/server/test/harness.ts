import { pino } from 'pino';
import type { Role } from '@perch/shared';
import type { Database, Db } from '../src/db/database.ts';
import { createLocalEventBus, type EventBus } from '../src/live/event-bus.ts';
import { startQueue, type Queue } from '../src/queue/queue.ts';
import { createSession } from '../src/features/auth/session.repository.ts';
import { sealChannelSecrets } from '../src/features/channels/channel-secrets.ts';
import { newWebhookSecret } from '../src/features/ingest/signatures.ts';
import { appRouter } from '../src/router.ts';
import { createContextInner, type SessionCookies } from '../src/trpc/context.ts';
import { createCallerFactory } from '../src/trpc/init.ts';
import { TEST_STRIPE } from './stripe-mock.ts';
import { addMember, createBrand, createOrganization, createUser, subscribeBrand } from '../src/seed/factories.ts';

export const TEST_SECRET_KEY = Buffer.alloc(32, 9);
export const TEST_PASSWORD = 'correct horse battery staple';
const log = pino({ level: 'silent' });
const config = {
  sessionTtlMs: 3600_000,
  publicUrl: 'http://perch.test',
  secretKey: TEST_SECRET_KEY,
  trustedOrigins: [],
  stripe: TEST_STRIPE,
};
const createCaller = createCallerFactory(appRouter);

interface Services {
  queue: Queue;
  bus: EventBus;
}
const servicesByDb = new WeakMap<Db, Services>();

/** A queue for tests that never started one: any use fails loudly, naming the fix. */
const noQueue = new Proxy({} as Queue, {
  get: (_target, method) => () =>
    Promise.reject(new Error(`queue.${String(method)}: this test did not start one (call startTestServices(db))`)),
});

/**
 * Starts the real job queue (pg-boss on the test database) and an in-process event bus, and hands them to every
 * caller built on `db` from then on. Stop them before disposing of the database.
 */
export async function startTestServices(db: Database): Promise<Services & { stop(): Promise<void> }> {
  const services = { queue: await startQueue(db, log), bus: createLocalEventBus() };
  servicesByDb.set(db.prisma, services);
  return {
    ...services,
    async stop() {
      servicesByDb.delete(db.prisma);
      await services.queue.stop();
      await services.bus.close();
    },
  };
}

/** A cookie jar standing in for the browser: records what the server set. */
export function cookieJar(): SessionCookies & { token: string | null } {
  const jar = {
    token: null as string | null,
    set(token: string) {
      jar.token = token;
    },
    clear() {
      jar.token = null;
    },
  };
  return jar;
}

/** A tRPC caller as a browser with `token` as its session cookie (createContextInner: no HTTP). */
export async function callerWith(db: Db, token: string | null, jar = cookieJar()) {
  const ctx = await createContextInner({
    db,
    log,
    config,
    sessionToken: token,
    ip: '203.0.113.7',
    userAgent: 'vitest',
    cookies: jar,
    ...(servicesByDb.get(db) ?? { queue: noQueue, bus: createLocalEventBus() }),
  });
  return createCaller(ctx);
}

export async function callerFor(db: Db, userId: string) {
  const { token } = await createSession(db, { userId, ip: null, userAgent: 'vitest', ttlMs: 3600_000 });
  return callerWith(db, token);
}

export type Caller = Awaited<ReturnType<typeof callerWith>>;

export interface TenantFixture {
  organizationId: string;
  brandIds: string[];
  users: Record<Role, { userId: string; membershipId: string; email: string }>;
  invitationId: string;
  webhookChannelId: string;
  /** An X channel of the first brand (polling settings). */
  xChannelId: string;
}

/** `id` with its last hex digit changed: an id one keystroke away (S2's id-collision variant). */
export const nearId = (id: string) => id.slice(0, -1) + (id.endsWith('0') ? '1' : '0');

/**
 * An organization with two brands on Enterprise, one member of each role and one pending invitation.
 * `idsNear`: the organization and brand ids are those of that tenant with one character changed.
 */
export async function createTenant(
  db: Db,
  name: string,
  options: { idsNear?: TenantFixture } = {},
): Promise<TenantFixture> {
  const near = options.idsNear;
  const org = await createOrganization(db, { name, ...(near ? { id: nearId(near.organizationId) } : {}) });
  const brandId = (i: number) => (near ? { id: nearId(near.brandIds[i]!) } : {});
  const brands = [
    await createBrand(db, org.id, { name: `${name} Main`, timeZone: 'Europe/Paris', ...brandId(0) }),
    await createBrand(db, org.id, { name: `${name} Second`, timeZone: 'America/New_York', ...brandId(1) }),
  ];
  // Both brands on Enterprise: the feature suites test their feature, not the plan gate (billing tests do that).
  for (const brand of brands) await subscribeBrand(db, org.id, brand.id, 'enterprise');
  const users = {} as TenantFixture['users'];
  for (const role of ['owner', 'admin', 'manager', 'agent', 'billing_admin'] as const) {
    const email = `${role}@${org.slug}.test`;
    const user = await createUser(db, { email, name: `${name} ${role}`, password: TEST_PASSWORD });
    const m = await addMember(db, org.id, user.id, role);
    users[role] = { userId: user.id, membershipId: m.id, email };
  }
  const invitation = await db.invitation.create({
    data: {
      organizationId: org.id,
      email: `invitee@${org.slug}.test`,
      role: 'agent',
      tokenHash: `${org.id.replaceAll('-', '')}${'0'.repeat(32)}`,
      invitedByUserId: users.owner.userId,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
    select: { id: true },
  });
  const channel = await db.channel.create({
    data: {
      organizationId: org.id,
      brandId: brands[0]!.id,
      kind: 'webhook',
      name: `${name} webhook`,
      secrets: sealChannelSecrets(config.secretKey, org.id, {
        webhookSecrets: [{ secret: newWebhookSecret(), validUntil: null }],
      }),
    },
    select: { id: true },
  });
  const xChannel = await db.channel.create({
    data: {
      organizationId: org.id,
      brandId: brands[0]!.id,
      kind: 'x',
      name: `${name} on X`,
      externalId: '1000000000000000001',
      secrets: sealChannelSecrets(config.secretKey, org.id, { consumerSecret: 'fixture-consumer-secret' }),
    },
    select: { id: true },
  });
  return {
    organizationId: org.id,
    brandIds: brands.map((b) => b.id),
    users,
    invitationId: invitation.id,
    webhookChannelId: channel.id,
    xChannelId: xChannel.id,
  };
}

/** Everything organization-owned, for "unchanged after the suite" comparisons (S2). */
export async function snapshotTenant(db: Db, organizationId: string) {
  const where = { organizationId };
  return JSON.stringify({
    org: await db.organization.findUnique({ where: { id: organizationId } }),
    memberships: await db.membership.findMany({ where, orderBy: { id: 'asc' } }),
    brands: await db.brand.findMany({ where, orderBy: { id: 'asc' } }),
    invitations: await db.invitation.findMany({ where, orderBy: { id: 'asc' } }),
    channels: await db.channel.findMany({ where, orderBy: { id: 'asc' } }),
    keywordRules: await db.keywordRule.findMany({ where, orderBy: { id: 'asc' } }),
    vipHandles: await db.vipHandle.findMany({ where, orderBy: { id: 'asc' } }),
    tags: await db.tag.findMany({ where, orderBy: { id: 'asc' } }),
    teams: await db.team.findMany({ where, orderBy: { id: 'asc' }, include: { members: true } }),
    conversations: await db.conversation.findMany({ where, orderBy: { id: 'asc' } }),
    conversationEvents: await db.conversationEvent.count({ where }),
    mentions: await db.mention.count({ where }),
    notes: await db.note.findMany({ where, orderBy: { id: 'asc' } }),
    customerNotes: await db.customerNote.findMany({ where, orderBy: { id: 'asc' } }),
    notifications: await db.notification.findMany({ where, orderBy: { id: 'asc' } }),
    savedViews: await db.savedView.findMany({ where, orderBy: { id: 'asc' } }),
    automationRules: await db.automationRule.findMany({ where, orderBy: { id: 'asc' } }),
    macros: await db.macro.findMany({ where, orderBy: { id: 'asc' } }),
    cannedReplies: await db.cannedReply.findMany({ where, orderBy: { id: 'asc' } }),
    replies: await db.reply.findMany({ where, orderBy: { id: 'asc' } }),
    audit: await db.auditLog.count({ where: { ...where, outcome: 'ok' } }),
    users: await db.user.findMany({ where: { memberships: { some: where } }, orderBy: { id: 'asc' } }),
  });
}
