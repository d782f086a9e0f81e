import type { DbOrTx } from '../../db/database.ts';
import { CLOSED_STATUSES } from '../billing/retention.ts';

/** Everything the detail reads about the conversation itself and its customer. */
export function findConversation(db: DbOrTx, organizationId: string, id: string) {
  return db.conversation.findFirst({
    where: { id, organizationId },
    select: {
      id: true,
      brandId: true,
      channelId: true,
      status: true,
      priority: true,
      sentiment: true,
      language: true,
      tagIds: true,
      assigneeUserId: true,
      teamId: true,
      isVip: true,
      waitingSince: true,
      lastMessageAt: true,
      snoozedUntil: true,
      slaDueAt: true,
      slaState: true,
      version: true,
      createdAt: true,
      firstResponseDueAt: true,
      resolutionDueAt: true,
      episodeStartedAt: true,
      lastOutboundAt: true,
      customer: {
        select: {
          id: true,
          displayName: true,
          isVip: true,
          handles: {
            select: { id: true, network: true, username: true, followers: true, verified: true, profileUrl: true },
            orderBy: { id: 'asc' },
            take: 20,
          },
        },
      },
    },
  });
}

/** The newest `take` items of each kind of the thread (the service merges and cuts them). */
export async function newestThread(db: DbOrTx, organizationId: string, conversationId: string, take: number) {
  const where = { organizationId, conversationId };
  const [mentions, replies, notes] = await Promise.all([
    db.mention.findMany({
      where,
      orderBy: [{ postedAt: 'desc' }, { id: 'desc' }],
      take,
      select: {
        id: true,
        postedAt: true,
        kind: true,
        text: true,
        deletedAt: true,
        handleId: true,
        externalId: true,
        sentiment: true,
        language: true,
      },
    }),
    db.reply.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
      select: {
        id: true,
        createdAt: true,
        text: true,
        authorUserId: true,
        isDirectMessage: true,
        state: true,
        lastError: true,
        attempts: true,
        nextAttemptAt: true,
        sentAt: true,
        networkId: true,
        reviewedByUserId: true,
        reviewedAt: true,
        reviewComment: true,
        originalText: true,
      },
    }),
    db.note.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
      select: {
        id: true,
        createdAt: true,
        text: true,
        authorUserId: true,
        mentionedUserIds: true,
        automationRuleId: true,
        automationRuleName: true,
      },
    }),
  ]);
  return { mentions, replies, notes };
}

export function handlesByIds(db: DbOrTx, organizationId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.handle.findMany({
    where: { organizationId, id: { in: ids } },
    select: { id: true, username: true, customer: { select: { displayName: true } } },
  });
}

export function newestEvents(db: DbOrTx, organizationId: string, conversationId: string, take: number) {
  return db.conversationEvent.findMany({
    where: { organizationId, conversationId },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    take,
    select: { id: true, type: true, occurredAt: true, actorUserId: true, data: true },
  });
}

export function customerNotes(db: DbOrTx, organizationId: string, customerId: string, take: number) {
  return db.customerNote.findMany({
    where: { organizationId, customerId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
    select: { id: true, text: true, authorUserId: true, createdAt: true },
  });
}

export function previousConversations(
  db: DbOrTx,
  organizationId: string,
  /** hiddenBefore: closed conversations with no message since are hidden by the plan's retention. */
  scope: { customerId: string; brandId: string; exceptId: string; hiddenBefore: Date | null },
  take: number,
) {
  return db.conversation.findMany({
    where: {
      organizationId,
      customerId: scope.customerId,
      brandId: scope.brandId,
      id: { not: scope.exceptId },
      ...(scope.hiddenBefore && {
        NOT: { status: { in: [...CLOSED_STATUSES] }, lastMessageAt: { lt: scope.hiddenBefore } },
      }),
    },
    orderBy: [{ lastMessageAt: 'desc' }, { id: 'desc' }],
    take,
    select: { id: true, status: true, lastMessageAt: true },
  });
}

/** The latest inbound message of each conversation (its snippet), in one query. */
export async function latestInbound(db: DbOrTx, organizationId: string, conversationIds: string[]) {
  if (conversationIds.length === 0)
    return new Map<string, { text: string; deleted: boolean; handleId: string | null }>();
  const rows = await db.$queryRaw<
    { conversationId: string; text: string; deleted: boolean; handleId: string | null }[]
  >`
    SELECT DISTINCT ON ("conversationId") "conversationId", text, "deletedAt" IS NOT NULL AS deleted, "handleId"
    FROM "Mention"
    WHERE "organizationId" = ${organizationId}::uuid AND "conversationId" = ANY(${conversationIds}::uuid[])
      AND kind <> 'outbound'
    ORDER BY "conversationId", "postedAt" DESC, id DESC`;
  return new Map(rows.map((r) => [r.conversationId, r]));
}
