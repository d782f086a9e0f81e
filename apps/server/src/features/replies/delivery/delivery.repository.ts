import type { DbOrTx, Tx } from '../../../db/database.ts';
import type { Prisma } from '../../../generated/prisma/client.ts';
import type { DeliveryJob } from './delivery-job.ts';

/** A reply this worker holds for one attempt. `attempts` and `leaseUntil` together are its fencing token. */
export interface ClaimedReply {
  id: string;
  organizationId: string;
  conversationId: string;
  brandId: string;
  channelId: string | null;
  authorUserId: string;
  text: string;
  isDirectMessage: boolean;
  inReplyToExternalId: string | null;
  recipientExternalId: string | null;
  attempts: number;
  leaseUntil: Date;
  /** The start of the oldest attempt whose outcome is still unknown (else of this one): the lookup's window. */
  sendingStartedAt: Date;
  outcomeUnknown: boolean;
  createdAt: Date;
}

export type Fence = Pick<ClaimedReply, 'id' | 'organizationId' | 'attempts' | 'leaseUntil'>;

/**
 * Takes the reply for one attempt, in one statement (its row lock makes two claimers queue; the second one then
 * re-checks the condition and gets nothing). Due `queued`/`failed` replies, and `sending` ones whose lease expired
 * (their worker died mid-attempt, so the post may have been made: `outcomeUnknown`). While the outcome of an
 * earlier attempt is unknown, `sendingStartedAt` keeps that attempt's start, so the lookup covers it.
 */
export async function claimReply(tx: Tx, job: DeliveryJob, now: Date, leaseUntil: Date): Promise<ClaimedReply | null> {
  const rows = await tx.$queryRaw<ClaimedReply[]>`
    UPDATE "Reply" r
    SET state = 'sending',
        attempts = r.attempts + 1,
        "leaseUntil" = ${leaseUntil},
        "outcomeUnknown" = r."outcomeUnknown" OR r.state = 'sending',
        "sendingStartedAt" = CASE
          WHEN r."outcomeUnknown" OR r.state = 'sending' THEN COALESCE(r."sendingStartedAt", ${now})
          ELSE ${now} END,
        "updatedAt" = ${now}
    FROM "Conversation" c
    WHERE r.id = ${job.replyId}::uuid
      AND r."organizationId" = ${job.organizationId}::uuid
      AND c.id = r."conversationId"
      AND (
        (r.state IN ('queued', 'failed') AND COALESCE(r."nextAttemptAt", '-infinity') <= ${now})
        OR (r.state = 'sending' AND r."leaseUntil" < ${now})
      )
    RETURNING r.id, r."organizationId", r."conversationId", COALESCE(r."brandId", c."brandId") AS "brandId",
      r."channelId", r."authorUserId", r.text, r."isDirectMessage", r."inReplyToExternalId",
      r."recipientExternalId", r.attempts, r."leaseUntil", r."sendingStartedAt", r."outcomeUnknown", r."createdAt"`;
  return rows[0] ?? null;
}

const fenced = (f: Fence) => ({
  id: f.id,
  organizationId: f.organizationId,
  state: 'sending' as const,
  attempts: f.attempts,
  leaseUntil: f.leaseUntil,
});

/** Each write below changes the row only while this attempt still holds it; 0 means a newer attempt took over. */
export async function markSent(tx: Tx, f: Fence, networkId: string | null, sentAt: Date): Promise<boolean> {
  const { count } = await tx.reply.updateMany({
    where: fenced(f),
    data: {
      state: 'sent',
      networkId,
      sentAt,
      lastError: null,
      leaseUntil: null,
      outcomeUnknown: false,
      nextAttemptAt: null,
    },
  });
  return count === 1;
}

export async function markFailed(
  tx: Tx,
  f: Fence,
  failure: { error: string; nextAttemptAt: Date; outcomeUnknown: boolean },
): Promise<boolean> {
  const { count } = await tx.reply.updateMany({
    where: fenced(f),
    data: {
      state: 'failed',
      lastError: failure.error,
      nextAttemptAt: failure.nextAttemptAt,
      outcomeUnknown: failure.outcomeUnknown,
      leaseUntil: null,
    },
  });
  return count === 1;
}

/** `outcomeUnknown` is kept: a person's retry of a dead reply looks for the post before sending it again. */
export async function markDead(tx: Tx, f: Fence, error: string): Promise<boolean> {
  const { count } = await tx.reply.updateMany({
    where: fenced(f),
    data: { state: 'dead', lastError: error, leaseUntil: null, nextAttemptAt: null },
  });
  return count === 1;
}

/**
 * The conversation got an answer: `lastOutboundAt` (the stale-reply guard) and `waitingSince`, which becomes the
 * oldest inbound message posted after the reply was written (null when none: the customer is not waiting). The
 * version is not bumped: nobody's view of the conversation's state became stale.
 */
export function markConversationAnswered(tx: Tx, reply: ClaimedReply, sentAt: Date) {
  return tx.$executeRaw`
    UPDATE "Conversation" c
    SET "lastOutboundAt" = ${sentAt},
        "waitingSince" = (
          SELECT min(m."postedAt") FROM "Mention" m
          WHERE m."conversationId" = c.id AND m."organizationId" = c."organizationId"
            AND m.kind <> 'outbound' AND m."deletedAt" IS NULL AND m."postedAt" > ${reply.createdAt}
        ),
        "updatedAt" = ${sentAt}
    WHERE c.id = ${reply.conversationId}::uuid AND c."organizationId" = ${reply.organizationId}::uuid`;
}

export function appendReplyEvent(
  tx: Tx,
  reply: ClaimedReply,
  event: { type: 'reply_sent' | 'reply_failed' | 'reply_dead'; data: Prisma.InputJsonValue; occurredAt: Date },
) {
  return tx.conversationEvent.create({
    data: {
      organizationId: reply.organizationId,
      conversationId: reply.conversationId,
      brandId: reply.brandId,
      type: event.type,
      actorUserId: reply.authorUserId,
      data: event.data,
      occurredAt: event.occurredAt,
    },
    select: { id: true },
  });
}

export function notifyAuthor(tx: Tx, reply: ClaimedReply, kind: string, data: Prisma.InputJsonValue) {
  return tx.notification.create({
    data: {
      organizationId: reply.organizationId,
      userId: reply.authorUserId,
      kind,
      conversationId: reply.conversationId,
      actorUserId: null,
      data,
    },
    select: { id: true },
  });
}

/** What an adapter needs beyond the reply: the channel (sealed secrets included), the brand, the customer. */
export async function deliveryContext(db: DbOrTx, reply: ClaimedReply) {
  const [channel, brand, conversation] = await Promise.all([
    reply.channelId
      ? db.channel.findFirst({
          where: { id: reply.channelId, organizationId: reply.organizationId },
          select: { id: true, kind: true, externalId: true, config: true, secrets: true },
        })
      : null,
    db.brand.findFirst({
      where: { id: reply.brandId, organizationId: reply.organizationId },
      select: { id: true, name: true },
    }),
    db.conversation.findFirst({
      where: { id: reply.conversationId, organizationId: reply.organizationId },
      select: {
        customer: {
          select: {
            handles: {
              select: { externalUserId: true, username: true },
              orderBy: { updatedAt: 'desc' },
              take: 20,
            },
          },
        },
      },
    }),
  ]);
  const handles = conversation?.customer.handles ?? [];
  const handle = handles.find((h) => h.externalUserId === reply.recipientExternalId) ?? handles[0] ?? null;
  return { channel, brand, customerHandle: handle };
}
export type DeliveryContext = Awaited<ReturnType<typeof deliveryContext>>;

/**
 * Replies whose job may be lost: `sending` with an expired lease (the worker died), or `queued`/`failed` overdue
 * by more than the grace (the job was never written or was lost). Oldest first, bounded.
 */
export function strandedReplies(db: DbOrTx, now: Date, overdueBefore: Date, limit: number) {
  return db.reply.findMany({
    where: {
      OR: [
        { state: 'sending', leaseUntil: { lt: now } },
        { state: { in: ['queued', 'failed'] }, nextAttemptAt: { lt: overdueBefore } },
        { state: 'queued', nextAttemptAt: null, updatedAt: { lt: overdueBefore } },
      ],
    },
    select: { id: true, organizationId: true },
    orderBy: { nextAttemptAt: 'asc' },
    take: limit,
  });
}
