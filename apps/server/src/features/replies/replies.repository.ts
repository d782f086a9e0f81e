import type { DbOrTx, Tx } from '../../db/database.ts';

/** What a send needs to know about where the conversation's reply goes. */
export async function replyTarget(db: DbOrTx, organizationId: string, conversation: { id: string }) {
  const [inbound, row] = await Promise.all([
    // The customer's newest post that is still there (a public reply answers it; a DM goes to its author).
    db.mention.findFirst({
      where: { organizationId, conversationId: conversation.id, kind: { not: 'outbound' }, deletedAt: null },
      orderBy: [{ postedAt: 'desc' }, { id: 'desc' }],
      select: { externalId: true, kind: true, handleId: true, channelId: true },
    }),
    db.conversation.findFirst({
      where: { id: conversation.id, organizationId },
      select: { channelId: true, brand: { select: { id: true, name: true, requiresApproval: true } } },
    }),
  ]);
  const brand = row?.brand ?? null;
  const channelId = row?.channelId ?? inbound?.channelId ?? null;
  const [channel, handle] = await Promise.all([
    channelId
      ? db.channel.findFirst({ where: { id: channelId, organizationId }, select: { id: true, kind: true, name: true } })
      : null,
    inbound?.handleId
      ? db.handle.findFirst({
          where: { id: inbound.handleId, organizationId },
          select: { externalUserId: true, username: true },
        })
      : null,
  ]);
  return { inbound, channel, handle, brand };
}

/** A reply made with this idempotency key in the organization, if any. */
export function replyByKey(db: DbOrTx, organizationId: string, idempotencyKey: string) {
  return db.reply.findUnique({
    where: { organizationId_idempotencyKey: { organizationId, idempotencyKey } },
    select: { id: true, state: true, conversationId: true, authorUserId: true },
  });
}

/**
 * The newest reply by someone else than `authorUserId` made after `afterReplyId` (uuid v7 ids grow with time),
 * that was or will be posted (not canceled, rejected or dead): the stale-reply guard.
 */
export function colleagueReplyAfter(
  tx: Tx,
  organizationId: string,
  conversationId: string,
  authorUserId: string,
  afterReplyId: string | null,
) {
  return tx.reply.findFirst({
    where: {
      organizationId,
      conversationId,
      authorUserId: { not: authorUserId },
      state: { notIn: ['canceled', 'rejected', 'dead'] },
      ...(afterReplyId ? { id: { gt: afterReplyId } } : {}),
    },
    orderBy: { id: 'desc' },
    select: { id: true, authorUserId: true, createdAt: true },
  });
}

/** The reply, if it belongs to the organization, with its conversation's brand; locked until the transaction ends. */
export async function lockReply(tx: Tx, organizationId: string, replyId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Reply" WHERE id = ${replyId}::uuid AND "organizationId" = ${organizationId}::uuid FOR UPDATE`;
  if (rows.length === 0) return null;
  return tx.reply.findUnique({
    where: { id: replyId },
    select: {
      id: true,
      conversationId: true,
      authorUserId: true,
      state: true,
      text: true,
      isDirectMessage: true,
      channelId: true,
      attempts: true,
      lastError: true,
      outcomeUnknown: true,
      conversation: { select: { brandId: true } },
    },
  });
}

export function findMembership(db: DbOrTx, organizationId: string, userId: string) {
  return db.membership.findFirst({
    where: { organizationId, userId },
    select: { id: true, userId: true, role: true, brandIds: true, needsApproval: true },
  });
}
