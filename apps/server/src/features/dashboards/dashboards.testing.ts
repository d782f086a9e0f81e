import type { Role } from '@perch/shared';
import type { Db } from '../../db/database.ts';
import { addMember, createUser } from '../../seed/factories.ts';
import type { MetricEvent } from '../metrics/metric-events.ts';
import {
  metricsTenant,
  storeConversation,
  type ConversationSpec,
  type MetricsTenant,
} from '../metrics/metrics.testing.ts';

/**
 * Test support for the dashboards: a tenant with members of each role, and conversations whose event logs are
 * written as the event writers write them (the metrics pipeline then computes their facts and rollups), with chosen
 * instants and durations so the expected figures can be computed from the facts by SQL.
 */

export interface DashboardTenant extends MetricsTenant {
  users: Record<'owner' | 'manager' | 'agentA' | 'agentB' | 'parisManager', string>;
  teamId: string;
  tagId: string;
}

export async function dashboardTenant(db: Db, name: string): Promise<DashboardTenant> {
  const tenant = await metricsTenant(db, name);
  const slug = name.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-');
  const member = async (key: string, role: Role, brandIds: string[] = []) => {
    const user = await createUser(db, {
      email: `${key}@${slug}.test`,
      name: `${name} ${key}`,
      password: 'x'.repeat(12),
    });
    await addMember(db, tenant.organizationId, user.id, role, brandIds);
    return user.id;
  };
  const users = {
    owner: await member('owner', 'owner'),
    manager: await member('manager', 'manager'),
    agentA: await member('agent-a', 'agent'),
    agentB: await member('agent-b', 'agent'),
    parisManager: await member('paris-manager', 'manager', [tenant.paris]),
  };
  const team = await db.team.create({
    data: { organizationId: tenant.organizationId, name: `${name} desk`, brandIds: [] },
    select: { id: true },
  });
  const tag = await db.tag.create({
    data: { organizationId: tenant.organizationId, brandId: tenant.paris, name: 'refund' },
    select: { id: true },
  });
  return { ...tenant, users, teamId: team.id, tagId: tag.id };
}

export interface HandledSpec extends ConversationSpec {
  /** The customer's first message. */
  start: Date;
  /** The agent whose reply is the first response (also the assignee unless given). */
  agent: string;
  /** First response time; null: never answered. */
  frtMs: number | null;
  /** Resolution time from the start; null: still open. */
  resolveMs: number | null;
  text?: string;
}

/** A conversation: a message, an agent's reply after `frtMs`, a resolution after `resolveMs` (each optional). */
export async function handledConversation(db: Db, tenant: MetricsTenant, spec: HandledSpec): Promise<string> {
  const events: MetricEvent[] = [];
  const at = (ms: number) => new Date(spec.start.getTime() + ms);
  const add = (occurredAt: Date, type: string, actorUserId: string | null, data: Record<string, unknown> = {}) =>
    events.push({ id: events.length + 1, type, actorUserId, data, occurredAt });
  add(spec.start, 'conversation_created', null);
  add(spec.start, 'received', null, { kind: 'mention', spam: false });
  if (spec.frtMs !== null) {
    const replyId = crypto.randomUUID();
    add(at(spec.frtMs), 'reply_queued', spec.agent, { replyId, isDirectMessage: false, cannedReplyId: null });
    add(at(spec.frtMs), 'reply_sent', spec.agent, { replyId, isDirectMessage: false, attempts: 1 });
  }
  if (spec.resolveMs !== null) add(at(spec.resolveMs), 'status_changed', spec.agent, { from: 'new', to: 'resolved' });
  const id = await storeConversation(
    db,
    tenant,
    { ...spec, assigneeUserId: spec.assigneeUserId === undefined ? spec.agent : spec.assigneeUserId },
    events,
  );
  await db.conversation.update({
    where: { id },
    data: {
      status: spec.resolveMs === null ? 'open' : 'resolved',
      resolvedAt: spec.resolveMs === null ? null : at(spec.resolveMs),
    },
    select: { id: true },
  });
  await db.mention.create({
    data: {
      organizationId: tenant.organizationId,
      brandId: spec.brandId,
      channelId: tenant.channelId,
      conversationId: id,
      externalId: id,
      text: spec.text ?? `Where is my refund? (${spec.start.toISOString()})`,
      postedAt: spec.start,
    },
    select: { id: true },
  });
  return id;
}

/** A deterministic pseudo-random generator (mulberry32), so a failing fixture can be replayed. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** A log-normal duration around `medianMs` (sigma 1: a long tail, as response times have). */
  const logNormal = (medianMs: number, sigma = 1) => {
    const u = Math.max(next(), 1e-12);
    const v = next();
    return Math.round(medianMs * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)));
  };
  return { next, logNormal, pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}
