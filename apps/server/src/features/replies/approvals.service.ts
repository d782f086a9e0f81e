import type { z } from 'zod';
import {
  excerpt,
  REPLY_LIMITS,
  variablesIn,
  type ApprovalItem,
  type listApprovalsInput,
  type rejectReplyInput,
  type reviewReplyInput,
  type setBrandApprovalInput,
  type setMemberApprovalInput,
} from '@perch/shared';
import type { Db, Tx } from '../../db/database.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { QUEUES } from '../../queue/queue.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertOwnBrands } from '../brands/brands.service.ts';
import { appendEvents, createNotifications, userNames } from '../conversations/conversations.repository.ts';
import { notificationEvent } from '../conversations/conversations.service.ts';
import { seesBrand, type WorkActor, type WorkDeps } from '../conversations/work-context.ts';
import { enqueueDelivery } from './delivery/delivery-job.ts';
import { isManager } from '../teams/workspace-actor.ts';
import { lengthProblem, replyEvents } from './replies.service.ts';
import { lockReply } from './replies.repository.ts';

const EXCERPT = 200;

/**
 * Approvals (docs/replies.md): an agent who needs approval (their membership, or the brand) submits replies that
 * wait in `awaiting_approval` with no delivery job — nothing can post them. A manager approves (as written or
 * edited: the agent's text is kept) which queues the delivery in the same transaction, or rejects with a comment.
 * The agent is notified either way; the timeline and the audit log record it.
 */
export async function listApprovals(
  db: Db,
  actor: WorkActor,
  input: z.output<typeof listApprovalsInput>,
): Promise<ApprovalItem[]> {
  if (input.brandId) {
    await assertOwnBrands(db, actor.organizationId, [input.brandId]);
    if (!seesBrand(actor.brandIds, input.brandId)) throw notFound('Brand');
  }
  const brandFilter = input.brandId
    ? { brandId: input.brandId }
    : actor.brandIds.length > 0
      ? { brandId: { in: [...actor.brandIds] } }
      : {};
  const rows = await db.reply.findMany({
    where: { organizationId: actor.organizationId, state: 'awaiting_approval', ...brandFilter },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: REPLY_LIMITS.approvalsPage,
    select: {
      id: true,
      conversationId: true,
      brandId: true,
      authorUserId: true,
      text: true,
      isDirectMessage: true,
      inReplyToExternalId: true,
      channelId: true,
      createdAt: true,
      conversation: { select: { brandId: true, customer: { select: { displayName: true, handles: true } } } },
    },
  });
  const names = await userNames(
    db,
    rows.map((r) => r.authorUserId),
  );
  if (rows.length === 0) return [];
  const answered = await db.mention.findMany({
    where: {
      organizationId: actor.organizationId,
      OR: rows.flatMap((r) =>
        r.inReplyToExternalId && r.channelId ? [{ channelId: r.channelId, externalId: r.inReplyToExternalId }] : [],
      ),
    },
    select: { channelId: true, externalId: true, text: true, deletedAt: true },
  });
  const textOf = new Map(answered.map((m) => [`${m.channelId}:${m.externalId}`, m.deletedAt ? '' : m.text]));
  const channelIds = [...new Set(rows.flatMap((r) => (r.channelId ? [r.channelId] : [])))];
  const channels = await db.channel.findMany({
    where: { organizationId: actor.organizationId, id: { in: channelIds } },
    select: { id: true, kind: true },
  });
  const kindOf = new Map(channels.map((c) => [c.id, c.kind]));
  return rows.map((r) => ({
    replyId: r.id,
    conversationId: r.conversationId,
    brandId: r.brandId ?? r.conversation.brandId,
    authorUserId: r.authorUserId,
    authorName: names.get(r.authorUserId) ?? 'Former member',
    text: r.text,
    isDirectMessage: r.isDirectMessage,
    channelKind: (r.channelId && kindOf.get(r.channelId)) || 'x',
    customer: {
      displayName: r.conversation.customer.displayName,
      username: r.conversation.customer.handles[0]?.username ?? null,
    },
    inReplyToText: textOf.get(`${r.channelId}:${r.inReplyToExternalId}`) ?? '',
    at: r.createdAt.toISOString(),
  }));
}

/** The reply waiting for approval, in the manager's reach; anything else is CONFLICT (already decided, withdrawn). */
async function lockWaiting(tx: Tx, actor: WorkActor, replyId: string) {
  const reply = await lockReply(tx, actor.organizationId, replyId);
  if (!reply || !seesBrand(actor.brandIds, reply.conversation.brandId)) throw notFound('Reply');
  if (reply.state !== 'awaiting_approval') {
    throw new DomainError(
      'CONFLICT',
      reply.state === 'canceled'
        ? 'The agent withdrew this reply'
        : `This reply was already reviewed (it is ${reply.state.replace('_', ' ')})`,
      { state: reply.state },
    );
  }
  return reply;
}

async function channelKindOf(tx: Tx, organizationId: string, channelId: string | null) {
  if (!channelId) return 'x';
  const channel = await tx.channel.findFirst({ where: { id: channelId, organizationId }, select: { kind: true } });
  return channel?.kind ?? 'x';
}

export async function approveReply(deps: WorkDeps, actor: WorkActor, input: z.output<typeof reviewReplyInput>) {
  const reply = await deps.db.$transaction(async (tx) => {
    const reply = await lockWaiting(tx, actor, input.replyId);
    const edited = input.text !== undefined && input.text.normalize('NFC') !== reply.text;
    if (edited) {
      const text = input.text!;
      const left = variablesIn(text);
      if (left.length > 0) {
        throw new DomainError('VALIDATION', `Fill in or remove {{${left[0]}}} before approving`, { field: 'text' });
      }
      const kind = await channelKindOf(tx, actor.organizationId, reply.channelId);
      const problem = lengthProblem(text, kind, reply.isDirectMessage);
      if (problem) throw problem;
    }
    const now = new Date();
    await tx.reply.update({
      where: { id: reply.id },
      data: {
        state: 'queued',
        nextAttemptAt: now,
        reviewedByUserId: actor.userId,
        reviewedAt: now,
        ...(edited ? { text: input.text!.normalize('NFC'), originalText: reply.text } : {}),
      },
    });
    await enqueueDelivery(deps.queue, tx, { organizationId: actor.organizationId, replyId: reply.id });
    await decided(tx, actor, reply, 'reply_approved', { edited }, edited ? 'Approved with changes' : 'Approved');
    await writeAudit(tx, actor, {
      action: 'replies.approve',
      targetType: 'reply',
      targetId: reply.id,
      before: { state: 'awaiting_approval', length: reply.text.length },
      after: { state: 'queued', edited, ...(edited ? { length: input.text!.length } : {}) },
    });
    return reply;
  });
  await publishDecision(deps, actor, reply);
  deps.queue.wake(QUEUES.delivery.name);
  return { id: reply.id, state: 'queued' as const };
}

export async function rejectReply(deps: WorkDeps, actor: WorkActor, input: z.output<typeof rejectReplyInput>) {
  const reply = await deps.db.$transaction(async (tx) => {
    const reply = await lockWaiting(tx, actor, input.replyId);
    await tx.reply.update({
      where: { id: reply.id },
      data: { state: 'rejected', reviewedByUserId: actor.userId, reviewedAt: new Date(), reviewComment: input.comment },
    });
    await decided(tx, actor, reply, 'reply_rejected', { comment: input.comment }, input.comment);
    await writeAudit(tx, actor, {
      action: 'replies.reject',
      targetType: 'reply',
      targetId: reply.id,
      before: { state: 'awaiting_approval' },
      after: { state: 'rejected', comment: excerpt(input.comment, EXCERPT) },
    });
    return reply;
  });
  await publishDecision(deps, actor, reply);
  return { id: reply.id, state: 'rejected' as const };
}

type Locked = NonNullable<Awaited<ReturnType<typeof lockReply>>>;

/** The decision's event in the timeline, and the author's notification (unless they reviewed it themselves). */
async function decided(
  tx: Tx,
  actor: WorkActor,
  reply: Locked,
  type: 'reply_approved' | 'reply_rejected',
  data: Record<string, unknown>,
  summary: string,
) {
  await appendEvents(tx, actor.organizationId, [
    {
      conversationId: reply.conversationId,
      brandId: reply.conversation.brandId,
      type,
      actorUserId: actor.userId,
      data: { replyId: reply.id, ...data },
    },
  ]);
  if (reply.authorUserId === actor.userId) return;
  await createNotifications(tx, [
    {
      organizationId: actor.organizationId,
      userId: reply.authorUserId,
      kind: type,
      conversationId: reply.conversationId,
      actorUserId: actor.userId,
      data: { replyId: reply.id, excerpt: excerpt(summary, EXCERPT) },
    },
  ]);
}

async function publishDecision(deps: WorkDeps, actor: WorkActor, reply: Locked) {
  const brandId = reply.conversation.brandId;
  await deps.bus.publish([
    ...replyEvents(actor.organizationId, brandId, reply.conversationId, true),
    ...(reply.authorUserId === actor.userId
      ? []
      : [notificationEvent(actor.organizationId, brandId, reply.conversationId, reply.authorUserId)]),
  ]);
}

/** A member's replies wait for approval (or no longer). Managers, admins and owners never need approval. */
export async function setMemberApproval(
  deps: WorkDeps,
  actor: WorkActor,
  input: z.output<typeof setMemberApprovalInput>,
) {
  await deps.db.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({
      where: { organizationId: actor.organizationId, userId: input.userId },
      select: { id: true, role: true, needsApproval: true },
    });
    if (!member) throw notFound('Member');
    if (input.needsApproval && isManager(member.role)) {
      throw new DomainError('VALIDATION', 'Managers, admins and owners never need approval', { field: 'userId' });
    }
    await tx.membership.update({ where: { id: member.id }, data: { needsApproval: input.needsApproval } });
    await writeAudit(tx, actor, {
      action: 'replies.setMemberApproval',
      targetType: 'membership',
      targetId: member.id,
      before: { needsApproval: member.needsApproval },
      after: { needsApproval: input.needsApproval },
    });
  });
  await deps.bus.publish([
    { organizationId: actor.organizationId, type: 'agents.changed', at: new Date().toISOString() },
  ]);
  return { userId: input.userId, needsApproval: input.needsApproval };
}

/** Every agent's reply to this brand's customers waits for approval (or no longer). */
export async function setBrandApproval(
  deps: WorkDeps,
  actor: WorkActor,
  input: z.output<typeof setBrandApprovalInput>,
) {
  await deps.db.$transaction(async (tx) => {
    const brand = await tx.brand.findFirst({
      where: { id: input.brandId, organizationId: actor.organizationId },
      select: { id: true, requiresApproval: true },
    });
    if (!brand || !seesBrand(actor.brandIds, brand.id)) throw notFound('Brand');
    await tx.brand.update({ where: { id: brand.id }, data: { requiresApproval: input.requiresApproval } });
    await writeAudit(tx, actor, {
      action: 'replies.setBrandApproval',
      targetType: 'brand',
      targetId: brand.id,
      before: { requiresApproval: brand.requiresApproval },
      after: { requiresApproval: input.requiresApproval },
    });
  });
  return { brandId: input.brandId, requiresApproval: input.requiresApproval };
}
