import { randomUUID } from 'node:crypto';
import type { ConversationStatus, Priority } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';

/**
 * Test support: conversations with a customer, a handle and an inbound mention, written with multi-row
 * INSERTs (as the set-based ingest does, so the counters' statement-level triggers see several rows at once).
 */
export interface ConversationSpec {
  brandId: string;
  status?: ConversationStatus;
  priority?: Priority;
  assigneeUserId?: string | null;
  teamId?: string | null;
  tagIds?: string[];
  channelId?: string | null;
  isVip?: boolean;
  sentiment?: string | null;
  language?: string | null;
  slaState?: string;
  waitingSince?: Date | null;
  slaDueAt?: Date | null;
  lastMessageAt?: Date;
  customerName?: string;
  username?: string;
  text?: string;
  deleted?: boolean;
}

/** A channel per brand (mentions need one); created on first use. */
async function channelOf(db: DbOrTx, organizationId: string, brandId: string) {
  const found = await db.channel.findFirst({ where: { organizationId, brandId }, select: { id: true } });
  if (found) return found.id;
  const made = await db.channel.create({
    data: { organizationId, brandId, kind: 'webhook', name: `inbox fixture ${brandId.slice(0, 8)}` },
    select: { id: true },
  });
  return made.id;
}

export async function createConversations(db: DbOrTx, organizationId: string, specs: ConversationSpec[]) {
  const channels = new Map<string, string>();
  for (const s of specs)
    if (!channels.has(s.brandId)) channels.set(s.brandId, await channelOf(db, organizationId, s.brandId));
  const base = Date.UTC(2026, 10, 1);
  const made = specs.map((s, i) => {
    const n = randomUUID().slice(0, 8);
    const at = s.lastMessageAt ?? new Date(base + i * 60_000);
    return {
      spec: s,
      customer: { id: randomUUID(), organizationId, displayName: s.customerName ?? `Customer ${n}` },
      handle: {
        organizationId,
        network: 'x',
        externalUserId: `ext-${n}-${i}`,
        username: s.username ?? `user_${n}`,
        followers: i * 10,
        verified: i % 2 === 0,
      },
      conversation: {
        id: randomUUID(),
        organizationId,
        brandId: s.brandId,
        status: s.status ?? 'new',
        priority: s.priority ?? 'normal',
        assigneeUserId: s.assigneeUserId ?? null,
        teamId: s.teamId ?? null,
        tagIds: s.tagIds ?? [],
        channelId: s.channelId === undefined ? channels.get(s.brandId)! : s.channelId,
        isVip: s.isVip ?? false,
        sentiment: s.sentiment ?? null,
        language: s.language ?? 'en',
        slaState: s.slaState ?? 'none',
        waitingSince: s.waitingSince === undefined ? at : s.waitingSince,
        slaDueAt: s.slaDueAt ?? null,
        lastMessageAt: at,
      },
      at,
    };
  });
  await db.customer.createMany({ data: made.map((m) => m.customer) });
  await db.handle.createMany({ data: made.map((m) => ({ ...m.handle, customerId: m.customer.id })) });
  await db.conversation.createMany({
    data: made.map((m) => ({ ...m.conversation, customerId: m.customer.id })),
  });
  await db.mention.createMany({
    data: made.map((m, i) => ({
      organizationId,
      brandId: m.spec.brandId,
      channelId: channels.get(m.spec.brandId)!,
      conversationId: m.conversation.id,
      externalId: `fixture-${m.conversation.id}-${i}`,
      text: m.spec.text ?? `Message ${i} about my booking`,
      language: m.spec.language ?? 'en',
      postedAt: m.at,
      deletedAt: m.spec.deleted ? m.at : null,
    })),
  });
  return made.map((m) => ({ ...m.conversation, customerId: m.customer.id }));
}

/** A team with the given memberships. */
export async function createTeamWith(db: DbOrTx, organizationId: string, name: string, membershipIds: string[]) {
  const team = await db.team.create({ data: { organizationId, name }, select: { id: true } });
  if (membershipIds.length) {
    await db.teamMember.createMany({ data: membershipIds.map((membershipId) => ({ teamId: team.id, membershipId })) });
  }
  return team.id;
}

/** The failed call's Perch error code (VALIDATION, NOT_FOUND, …). */
export async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    // A caller has no error formatter: the DomainError is the cause (zod errors map to BAD_REQUEST).
    const e = error as { code: string; cause?: { code?: unknown } };
    return typeof e.cause?.code === 'string' ? e.cause.code : e.code;
  }
  throw new Error('the call succeeded');
}
