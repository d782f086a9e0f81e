import type { z } from 'zod';
import {
  excerpt,
  CANCELABLE_STATES,
  variablesIn,
  type DeliveryState,
  type ReplyResult,
  type replyIdInput,
  type sendReplyInput,
} from '@perch/shared';
import { measureReply } from '@perch/shared/reply-text';
import type { Tx } from '../../db/database.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import type { LiveEvent } from '../../live/event-bus.ts';
import { QUEUES } from '../../queue/queue.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { brandHasFeature } from '../billing/entitlements.ts';
import { requestAutomation } from '../automation/automation-triggers.ts';
import { freesCapacity, requestRouting } from '../routing/routing-triggers.ts';
import { staleConflict } from '../conversations/conflict.ts';
import { assertFresh, lockVisible, statusPlan, type EventSpec } from '../conversations/conversations.service.ts';
import {
  appendEvents,
  updateConversation,
  userNames,
  type ConversationChanges,
  type ConversationState,
} from '../conversations/conversations.repository.ts';
import { seesBrand, updatedEvent, type WorkActor, type WorkDeps } from '../conversations/work-context.ts';
import { isManager } from '../teams/workspace-actor.ts';
import { enqueueDelivery } from './delivery/delivery-job.ts';
import { colleagueReplyAfter, findMembership, lockReply, replyByKey, replyTarget } from './replies.repository.ts';

const EXCERPT = 200;

/** Live events of a reply's change (the thread) and, when it waits for or leaves approval, the Approvals view. */
export function replyEvents(organizationId: string, brandId: string, conversationId: string, approvals = false) {
  const at = new Date().toISOString();
  const events: LiveEvent[] = [{ organizationId, brandId, conversationId, type: 'reply.updated', at }];
  if (approvals) events.push({ organizationId, brandId, type: 'approvals.changed', at });
  return events;
}

/** Why this text cannot go out on this channel as this kind of message, or null (the rule: `measureReply`). */
export function lengthProblem(text: string, kind: string, dm: boolean): DomainError | null {
  const m = measureReply(text, { dm, channelKind: kind });
  if (!m.weighted) {
    if (m.over === 0) return null;
    const what = kind === 'webhook' ? 'A reply through this channel' : 'A direct message';
    return new DomainError('VALIDATION', `${what} is at most ${m.max} characters`, { field: 'text' });
  }
  if (m.over === 0 && !m.empty) return null;
  return new DomainError(
    'VALIDATION',
    m.over > 0
      ? `The reply is ${m.count} characters as X counts them; the limit is ${m.max}`
      : 'The reply is empty once its leading @mentions are left out',
    { field: 'text', weighted: m.count, max: m.max },
  );
}

/**
 * Queues a reply (or submits it for approval) — the transactional outbox: the reply row, its delivery job, the
 * conversation's change (`then`), its events and the audit row commit together or not at all.
 *
 * One click, one post: a request whose idempotency key already made a reply answers that reply (`replayed`),
 * whatever happened since, so a retried request, a double click or a reconnect never makes a second one.
 * The stale-reply guard refuses (CONFLICT) when a colleague replied after the newest reply the agent had seen.
 */
export async function sendReply(
  deps: WorkDeps,
  actor: WorkActor,
  input: z.output<typeof sendReplyInput>,
): Promise<ReplyResult> {
  if (input.then !== 'none' && input.expectedVersion === undefined) {
    throw new DomainError('VALIDATION', 'Sending and changing the status needs the version you saw', {
      field: 'expectedVersion',
    });
  }
  const replayed = await replayOf(deps, actor, input);
  if (replayed) return replayed;
  const left = variablesIn(input.text);
  if (left.length > 0) {
    throw new DomainError('VALIDATION', `Fill in or remove {{${left[0]}}} before sending`, {
      field: 'text',
      variable: left[0],
    });
  }
  try {
    return await queueReply(deps, actor, input);
  } catch (error) {
    // Two copies of one request in flight: the second waited for the first's lock, then found its version
    // stale or hit the key's unique index. Either way the first made the reply: answer it.
    const again = await replayOf(deps, actor, input);
    if (again) return again;
    throw error;
  }
}

async function replayOf(
  deps: WorkDeps,
  actor: WorkActor,
  input: z.output<typeof sendReplyInput>,
): Promise<ReplyResult | null> {
  const existing = await replyByKey(deps.db, actor.organizationId, input.idempotencyKey);
  if (!existing) return null;
  if (existing.conversationId !== input.conversationId || existing.authorUserId !== actor.userId) {
    throw new DomainError('VALIDATION', 'This idempotency key belongs to another reply: send with a new key', {
      field: 'idempotencyKey',
    });
  }
  return { id: existing.id, state: existing.state, replayed: true, conversation: null };
}

async function queueReply(deps: WorkDeps, actor: WorkActor, input: z.output<typeof sendReplyInput>) {
  const dm = input.mode === 'dm';
  const outcome = await deps.db.$transaction(async (tx) => {
    const before = await lockVisible(tx, actor, input.conversationId);
    if (input.then !== 'none') await assertFresh(tx, actor, before, input.expectedVersion!);
    await assertNoColleagueReply(tx, actor, before.id, input.lastSeenReplyId);

    const { inbound, channel, handle, brand } = await replyTarget(tx, actor.organizationId, before);
    if (!channel || !['x', 'webhook', 'sandbox'].includes(channel.kind)) {
      throw new DomainError(
        'VALIDATION',
        'This conversation did not come from a channel Perch can reply on (an import, or a removed channel)',
        { field: 'conversationId' },
      );
    }
    if (!inbound) {
      throw new DomainError('VALIDATION', "The customer's messages in this conversation were deleted", {
        field: 'conversationId',
      });
    }
    if (dm && !handle) {
      throw new DomainError('VALIDATION', 'The customer of this conversation cannot be messaged directly', {
        field: 'mode',
      });
    }
    const problem = lengthProblem(input.text, channel.kind, dm);
    if (problem) throw problem;
    if (input.cannedReplyId) {
      const used = await tx.cannedReply.updateMany({
        where: { id: input.cannedReplyId, organizationId: actor.organizationId, brandId: before.brandId },
        data: { useCount: { increment: 1 } },
      });
      if (used.count === 0) throw notFound('Canned reply');
    }

    const member = await findMembership(tx, actor.organizationId, actor.userId);
    // Approvals are a plan feature (docs/billing.md): on a brand whose plan lacks it, no reply waits.
    const needsApproval =
      !isManager(actor.role) &&
      Boolean(member?.needsApproval || brand?.requiresApproval) &&
      (await brandHasFeature(tx, actor.organizationId, before.brandId, 'approvals'));
    const state: DeliveryState = needsApproval ? 'awaiting_approval' : 'queued';
    const now = new Date();
    const reply = await tx.reply.create({
      data: {
        organizationId: actor.organizationId,
        conversationId: before.id,
        brandId: before.brandId,
        channelId: channel.id,
        authorUserId: actor.userId,
        text: input.text.normalize('NFC'),
        isDirectMessage: dm,
        inReplyToExternalId: dm ? null : inbound.externalId,
        recipientExternalId: handle?.externalUserId ?? null,
        cannedReplyId: input.cannedReplyId ?? null,
        state,
        idempotencyKey: input.idempotencyKey,
        nextAttemptAt: needsApproval ? null : now,
      },
      select: { id: true, state: true },
    });
    if (!needsApproval) {
      await enqueueDelivery(deps.queue, tx, { organizationId: actor.organizationId, replyId: reply.id });
    }

    const events: EventSpec[] = [
      {
        type: needsApproval ? 'reply_submitted' : 'reply_queued',
        data: { replyId: reply.id, isDirectMessage: dm, cannedReplyId: input.cannedReplyId ?? null },
      },
    ];
    const changes = thenChanges(before, input.then, events);
    const after = changes ? await updateConversation(tx, actor.organizationId, before.id, changes) : null;
    await appendEvents(
      tx,
      actor.organizationId,
      events.map((e) => ({ ...e, conversationId: before.id, brandId: before.brandId, actorUserId: actor.userId })),
    );
    await writeAudit(tx, actor, {
      action: 'replies.send',
      targetType: 'reply',
      targetId: reply.id,
      after: {
        conversationId: before.id,
        state,
        mode: input.mode,
        then: input.then,
        length: input.text.length,
        excerpt: excerpt(input.text, EXCERPT),
        cannedReplyId: input.cannedReplyId ?? null,
        ...(after ? { status: after.status, version: after.version } : {}),
      },
    });
    return { reply, before, after, needsApproval };
  });

  const { reply, before, after, needsApproval } = outcome;
  await deps.bus.publish([
    ...replyEvents(actor.organizationId, before.brandId, before.id, needsApproval),
    updatedEvent(actor.organizationId, { id: before.id, brandId: before.brandId }),
  ]);
  if (!needsApproval) deps.queue.wake(QUEUES.delivery.name);
  if (after) {
    if (freesCapacity(before, after)) await requestRouting(deps, actor.organizationId, [before.brandId]);
    await requestAutomation(deps, 'conversation_updated', [
      { organizationId: actor.organizationId, brandId: before.brandId, conversationId: before.id },
    ]);
  }
  return {
    id: reply.id,
    state: reply.state,
    replayed: false,
    conversation: after ? { id: after.id, version: after.version, status: after.status } : null,
  };
}

/** The conversation's change that goes with the reply: `then`, or a new conversation becoming open. */
function thenChanges(before: ConversationState, then: 'none' | 'resolve' | 'pending', events: EventSpec[]) {
  const to = then === 'resolve' ? 'resolved' : then === 'pending' ? 'pending' : before.status === 'new' ? 'open' : null;
  if (!to || to === before.status) return null;
  const plan: { changes: ConversationChanges; event: EventSpec } = statusPlan(before, to, null);
  events.push(plan.event);
  return plan.changes;
}

/** CONFLICT when a colleague replied after the newest reply the agent saw (their own replies never conflict). */
async function assertNoColleagueReply(tx: Tx, actor: WorkActor, conversationId: string, seen: string | null) {
  const newer = await colleagueReplyAfter(tx, actor.organizationId, conversationId, actor.userId, seen);
  if (!newer) return;
  const current = await tx.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { version: true } });
  throw staleConflict(
    {
      type: 'replied',
      actorUserId: newer.authorUserId,
      data: {},
      occurredAt: newer.createdAt,
      names: await userNames(tx, [newer.authorUserId]),
    },
    current.version,
    'after you opened this conversation. Read their reply before sending yours.',
    { replyId: newer.id },
  );
}

/** The author's own reply, or any reply for a manager; another brand's (out of reach) reads as missing. */
export async function lockOwnReply(tx: Tx, actor: WorkActor, replyId: string) {
  const reply = await lockReply(tx, actor.organizationId, replyId);
  if (!reply || !seesBrand(actor.brandIds, reply.conversation.brandId)) throw notFound('Reply');
  if (reply.authorUserId !== actor.userId && !isManager(actor.role)) {
    throw new DomainError('FORBIDDEN', "Only the reply's author or a manager can do this");
  }
  return reply;
}

/** A dead reply (or a failed one waiting for its next attempt) goes out again now, with a fresh attempt budget. */
export async function retryReply(deps: WorkDeps, actor: WorkActor, input: z.output<typeof replyIdInput>) {
  const reply = await deps.db.$transaction(async (tx) => {
    const reply = await lockOwnReply(tx, actor, input.replyId);
    if (reply.state !== 'dead' && reply.state !== 'failed') {
      throw new DomainError('CONFLICT', `A ${reply.state.replace('_', ' ')} reply cannot be retried`, {
        state: reply.state,
      });
    }
    const now = new Date();
    await tx.reply.update({
      where: { id: reply.id },
      // A fresh attempt budget; outcomeUnknown and sendingStartedAt stay, so an uncertain last attempt is still
      // looked for on the network before anything is sent again.
      data: { state: 'queued', attempts: 0, nextAttemptAt: now, leaseUntil: null, lastError: null },
    });
    await enqueueDelivery(deps.queue, tx, { organizationId: actor.organizationId, replyId: reply.id });
    await appendEvents(tx, actor.organizationId, [
      {
        conversationId: reply.conversationId,
        brandId: reply.conversation.brandId,
        type: 'reply_retried',
        actorUserId: actor.userId,
        data: { replyId: reply.id, from: reply.state, lastError: reply.lastError },
      },
    ]);
    await writeAudit(tx, actor, {
      action: 'replies.retry',
      targetType: 'reply',
      targetId: reply.id,
      before: { state: reply.state, attempts: reply.attempts, lastError: reply.lastError },
      after: { state: 'queued' },
    });
    return reply;
  });
  await deps.bus.publish(replyEvents(actor.organizationId, reply.conversation.brandId, reply.conversationId));
  deps.queue.wake(QUEUES.delivery.name);
  return { id: reply.id, state: 'queued' as const };
}

/**
 * Withdraws a reply that has not reached the network: waiting for approval, queued, or failed and waiting to
 * retry. A reply being sent right now cannot be canceled (the network may already have it): CONFLICT.
 */
export async function cancelReply(deps: WorkDeps, actor: WorkActor, input: z.output<typeof replyIdInput>) {
  const reply = await deps.db.$transaction(async (tx) => {
    const reply = await lockOwnReply(tx, actor, input.replyId);
    if (reply.state === 'failed' && reply.outcomeUnknown) {
      throw new DomainError(
        'CONFLICT',
        'The last attempt may have reached the network: Perch is checking before it sends again, so it can no longer be canceled',
        { state: reply.state },
      );
    }
    if (!CANCELABLE_STATES.includes(reply.state)) {
      throw new DomainError(
        'CONFLICT',
        reply.state === 'sending'
          ? 'The reply is being sent right now and can no longer be canceled'
          : `A ${reply.state.replace('_', ' ')} reply cannot be canceled`,
        { state: reply.state },
      );
    }
    await tx.reply.update({
      where: { id: reply.id },
      data: { state: 'canceled', nextAttemptAt: null, leaseUntil: null },
    });
    await appendEvents(tx, actor.organizationId, [
      {
        conversationId: reply.conversationId,
        brandId: reply.conversation.brandId,
        type: 'reply_canceled',
        actorUserId: actor.userId,
        data: { replyId: reply.id, from: reply.state },
      },
    ]);
    await writeAudit(tx, actor, {
      action: 'replies.cancel',
      targetType: 'reply',
      targetId: reply.id,
      before: { state: reply.state },
      after: { state: 'canceled' },
    });
    return reply;
  });
  await deps.bus.publish(
    replyEvents(
      actor.organizationId,
      reply.conversation.brandId,
      reply.conversationId,
      reply.state === 'awaiting_approval',
    ),
  );
  return { id: reply.id, state: 'canceled' as const };
}
