import type { Db } from '../../db/database.ts';
import type { TenantFixture } from '../../../test/harness.ts';

/** A known conversation for export tests: its customer (+ handle) and, unless `metric: null`, its metric row. */
export interface ConversationSpec {
  brand?: number;
  customer?: string;
  handle?: string | null;
  status?: 'new' | 'open' | 'pending' | 'snoozed' | 'resolved';
  priority?: 'urgent' | 'high' | 'normal' | 'low';
  assigneeUserId?: string | null;
  teamId?: string | null;
  tagIds?: string[];
  sentiment?: string | null;
  language?: string | null;
  createdAt?: Date;
  lastMessageAt?: Date;
  resolvedAt?: Date | null;
  metric?: Partial<MetricSpec> | null;
}

interface MetricSpec {
  episodes: number;
  inboundCount: number;
  outboundCount: number;
  replyCount: number;
  firstResponseMs: number | null;
  firstResponseBusinessMs: number | null;
  firstResponseAgentUserId: string | null;
  replyTimeMedianMs: number | null;
  replyTimeMedianBusinessMs: number | null;
  resolutionMs: number | null;
  resolutionBusinessMs: number | null;
  fullResolutionMs: number | null;
  fullResolutionBusinessMs: number | null;
  requesterWaitMs: number;
  requesterWaitBusinessMs: number;
  slaHits: number;
  slaBreaches: number;
}

let counter = 0;

/** Inserts a conversation as the export reads it (no events: exports read the stored metric summary). */
export async function insertConversation(db: Db, t: TenantFixture, spec: ConversationSpec = {}) {
  counter += 1;
  const brandId = t.brandIds[spec.brand ?? 0]!;
  const channel = await db.channel.findFirst({
    where: { organizationId: t.organizationId, brandId },
    select: { id: true },
  });
  const customer = await db.customer.create({
    data: { organizationId: t.organizationId, displayName: spec.customer ?? `Customer ${counter}` },
    select: { id: true },
  });
  if (spec.handle !== null) {
    await db.handle.create({
      data: {
        organizationId: t.organizationId,
        customerId: customer.id,
        network: 'x',
        externalUserId: `ext-${counter}-${customer.id}`,
        username: spec.handle ?? `customer${counter}`,
      },
    });
  }
  const createdAt = spec.createdAt ?? new Date('2026-11-02T09:00:00Z');
  const conversation = await db.conversation.create({
    data: {
      organizationId: t.organizationId,
      brandId,
      customerId: customer.id,
      channelId: channel?.id ?? null,
      status: spec.status ?? 'open',
      priority: spec.priority ?? 'normal',
      assigneeUserId: spec.assigneeUserId ?? null,
      teamId: spec.teamId ?? null,
      tagIds: spec.tagIds ?? [],
      sentiment: spec.sentiment ?? null,
      language: spec.language ?? null,
      createdAt,
      lastMessageAt: spec.lastMessageAt ?? createdAt,
      resolvedAt: spec.resolvedAt ?? null,
    },
    select: { id: true },
  });
  if (spec.metric !== null) {
    await db.conversationMetric.create({
      data: {
        conversationId: conversation.id,
        organizationId: t.organizationId,
        brandId,
        episodes: 1,
        inboundCount: 1,
        outboundCount: 0,
        computedAt: new Date(),
        ...spec.metric,
      },
    });
  }
  return { conversationId: conversation.id, customerId: customer.id, brandId };
}
