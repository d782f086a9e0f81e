import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { createBrand, createOrganization, subscribeBrand } from '../../seed/factories.ts';
import { eventLog } from './episodes.fixtures.ts';
import type { MetricEvent } from './metric-events.ts';

/**
 * Test support for the metrics pipeline: conversations whose event log is written exactly as the event writers
 * write it (ConversationEvent rows, in order, so the dirty-marking trigger fires), with chosen instants so that
 * every expected figure can be computed by hand.
 */

export interface MetricsTenant {
  organizationId: string;
  paris: string;
  newYork: string;
  customerId: string;
  channelId: string;
}

export async function metricsTenant(db: Db, name: string): Promise<MetricsTenant> {
  const org = await createOrganization(db, { name });
  const paris = await createBrand(db, org.id, { name: `${name} Paris`, timeZone: 'Europe/Paris' });
  const newYork = await createBrand(db, org.id, { name: `${name} New York`, timeZone: 'America/New_York' });
  // Enterprise: the dashboards suites test the figures, not the plan gate (billing.int.test.ts does).
  for (const brand of [paris, newYork]) await subscribeBrand(db, org.id, brand.id, 'enterprise');
  const customer = await db.customer.create({
    data: { organizationId: org.id, displayName: 'Metrics customer' },
    select: { id: true },
  });
  const channel = await db.channel.create({
    data: { organizationId: org.id, brandId: paris.id, kind: 'webhook', name: `${name} hook` },
    select: { id: true },
  });
  return {
    organizationId: org.id,
    paris: paris.id,
    newYork: newYork.id,
    customerId: customer.id,
    channelId: channel.id,
  };
}

export interface ConversationSpec {
  brandId: string;
  assigneeUserId?: string | null;
  teamId?: string | null;
  tagIds?: string[];
  priority?: 'urgent' | 'high' | 'normal' | 'low';
  sentiment?: string | null;
  language?: string | null;
  channelId?: string | null;
}

/** A conversation with the given dimensions and event log (ids of the log are ignored: the table numbers them). */
export async function storeConversation(
  db: Db,
  tenant: MetricsTenant,
  spec: ConversationSpec,
  events: readonly MetricEvent[],
): Promise<string> {
  const row = await db.conversation.create({
    data: {
      organizationId: tenant.organizationId,
      brandId: spec.brandId,
      customerId: tenant.customerId,
      assigneeUserId: spec.assigneeUserId ?? null,
      teamId: spec.teamId ?? null,
      tagIds: spec.tagIds ?? [],
      priority: spec.priority ?? 'normal',
      sentiment: spec.sentiment ?? null,
      language: spec.language ?? null,
      channelId: spec.channelId === undefined ? tenant.channelId : spec.channelId,
    },
    select: { id: true },
  });
  await appendLog(db, tenant, spec.brandId, row.id, events);
  return row.id;
}

export async function appendLog(
  db: Db,
  tenant: MetricsTenant,
  brandId: string,
  conversationId: string,
  events: readonly MetricEvent[],
) {
  if (events.length === 0) return;
  await db.conversationEvent.createMany({
    data: events.map((e) => ({
      organizationId: tenant.organizationId,
      brandId,
      conversationId,
      type: e.type,
      actorUserId: e.actorUserId,
      data: JSON.parse(JSON.stringify(e.data ?? {})) as { [key: string]: Json },
      occurredAt: e.occurredAt,
    })),
  });
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export const newAgent = () => randomUUID();

/** Every rollup row of an organization in a stable order, for equality checks. */
export async function rollupSnapshot(db: Db, organizationId: string) {
  const rows = await db.metricRollup.findMany({
    where: { organizationId },
    orderBy: [
      { brandId: 'asc' },
      { grain: 'asc' },
      { kind: 'asc' },
      { dim: 'asc' },
      { dimValue: 'asc' },
      { bucket: 'asc' },
    ],
  });
  return rows.map((r) => ({ ...r, bucket: r.bucket.toISOString() }));
}

export async function factsOf(db: Db, organizationId: string, conversationId: string) {
  return db.metricFact.findMany({
    where: { organizationId, conversationId },
    orderBy: [{ kind: 'asc' }, { episode: 'asc' }, { seq: 'asc' }],
    select: {
      kind: true,
      episode: true,
      seq: true,
      at: true,
      ms: true,
      businessMs: true,
      hit: true,
      agentUserId: true,
    },
  });
}

/** Drains the metrics queue as the worker would. */
export async function drain(refresh: () => Promise<{ conversations: number }>) {
  for (let i = 0; i < 1_000; i++) if ((await refresh()).conversations === 0) return;
  throw new Error('the metrics queue did not drain');
}

/** One message received at `at` (HH:MM of the fixtures' day), to append to a stored log. */
export function inboundAt(at: string): MetricEvent[] {
  const log = eventLog();
  log.received(at);
  return log.events;
}
