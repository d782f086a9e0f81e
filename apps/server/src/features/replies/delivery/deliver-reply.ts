import { REPLY_LIMITS } from '@perch/shared';
import type { Db } from '../../../db/database.ts';
import type { Resolver } from '../../../lib/ssrf-guard.ts';
import type { EventBus, LiveEvent } from '../../../live/event-bus.ts';
import type { Queue } from '../../../queue/queue.ts';
import { openChannelSecrets } from '../../channels/channel-secrets.ts';
import { clip, type AttemptOutcome, type OutcomeClock } from './attempt-outcome.ts';
import { attemptDeadline, DEFAULT_TIMEOUT_MS, type DeliveryHttp } from './delivery-http.ts';
import { enqueueDelivery, type DeliveryJob } from './delivery-job.ts';
import {
  appendReplyEvent,
  claimReply,
  deliveryContext,
  markConversationAnswered,
  markDead,
  markFailed,
  markSent,
  notifyAuthor,
  type ClaimedReply,
} from './delivery.repository.ts';
import { sendOnWebhook, webhookTargetOf } from './webhook-adapter.ts';
import { findOnX, sendOnX, xReplyProblem, xTargetOf } from './x-adapter.ts';
import { notificationEvent } from '../../conversations/conversations.service.ts';

export interface DeliveryDeps {
  db: Db;
  queue: Queue;
  bus: EventBus;
  /** Opens the channels' sealed secrets (tokens, signing secrets). */
  secretKey: Buffer;
  /** Origins from Perch's own configuration that may be private (the sandbox). Never from user input. */
  trustedOrigins?: readonly string[];
  /** DNS for the guarded requests (tests). */
  resolve?: Resolver;
  /** Per request to the network (default 15 s). */
  timeoutMs?: number;
  /** How long a claim holds the reply (default 60 s): longer than a lookup and a send together. */
  leaseMs?: number;
  now?: () => number;
  /** For the back-off's jitter, in [0, 1). */
  random?: () => number;
  /** How often the sweeper looks for replies whose job was lost (default 15 s). */
  sweepIntervalMs?: number;
  /** Deliveries run at once in this process (default 4): a slow network must not hold every reply. */
  concurrency?: number;
}

export const DEFAULT_LEASE_MS = 60_000;

/** What one call of `deliverReply` did (logs and tests). */
export type DeliveryResult =
  | { state: 'skipped' }
  | { state: 'sent' | 'failed' | 'dead'; attempt: number; reconciled?: boolean; error?: string }
  | { state: 'superseded'; attempt: number };

/**
 * One delivery attempt of one reply (a job of `reply.deliver`): claim it, look for an uncertain earlier attempt's
 * post, send it through the channel's adapter, record the outcome. A job for a reply that is not due (a duplicate
 * job, canceled, already sent, another worker's live attempt) does nothing.
 */
export async function deliverReply(deps: DeliveryDeps, job: DeliveryJob): Promise<DeliveryResult> {
  const now = deps.now ?? Date.now;
  const claimedAt = now();
  // The lease is on the injected clock; request timeouts run on the real one.
  const deadline = attemptDeadline(deps.leaseMs ?? DEFAULT_LEASE_MS);
  const leaseUntil = new Date(claimedAt + (deps.leaseMs ?? DEFAULT_LEASE_MS));
  const claimed = await deps.db.$transaction((tx) => claimReply(tx, job, new Date(claimedAt), leaseUntil));
  if (!claimed) return { state: 'skipped' };
  const reply: ClaimedReply = { ...claimed, leaseUntil };
  await deps.bus.publish([replyEvent(reply)]);

  const outcome = await attempt(deps, reply, deadline);
  return record(deps, reply, giveUpAfterBudget(outcome, reply.attempts));
}

/**
 * A reply that keeps failing ends `dead` after REPLY_LIMITS.maxAttempts attempts. While the network may already
 * have the post (an attempt timed out and no lookup has answered yet), giving up would call a posted reply dead —
 * and a person's retry would then post it twice — so such a reply gets twice the budget of lookups, and if it
 * still cannot tell, its reason says that it may have been posted.
 */
export function giveUpAfterBudget(outcome: AttemptOutcome, attempts: number): AttemptOutcome {
  if (outcome.kind !== 'retry') return outcome;
  if (!outcome.outcomeUnknown) {
    return attempts >= REPLY_LIMITS.maxAttempts
      ? { kind: 'dead', error: clip(`Gave up after ${attempts} attempts: ${outcome.error}`) }
      : outcome;
  }
  if (attempts < REPLY_LIMITS.maxAttempts * 2) return outcome;
  return {
    kind: 'dead',
    error: clip(
      `Gave up after ${attempts} attempts without learning whether the network received it (it may be posted: check the brand's timeline before retrying): ${outcome.error}`,
    ),
  };
}

async function attempt(deps: DeliveryDeps, reply: ClaimedReply, deadline: number): Promise<AttemptOutcome> {
  const now = deps.now ?? Date.now;
  const http: DeliveryHttp = {
    trustedOrigins: deps.trustedOrigins,
    resolve: deps.resolve,
    timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    deadline,
  };
  const clock = (): OutcomeClock => ({ now: now(), attempt: reply.attempts, random: deps.random ?? Math.random });
  const context = await deliveryContext(deps.db, reply);
  const { channel } = context;
  if (!channel) {
    return { kind: 'dead', error: "The conversation's channel is gone: connect a channel for the brand, then retry." };
  }
  let secrets;
  try {
    secrets = openChannelSecrets(deps.secretKey, reply.organizationId, channel.secrets);
  } catch {
    return { kind: 'dead', error: "The channel's secrets cannot be read: reconnect the channel, then retry." };
  }
  switch (channel.kind) {
    case 'x':
    case 'sandbox': {
      const target = xTargetOf(channel, secrets);
      if (typeof target === 'string') return { kind: 'dead', error: target };
      const problem = xReplyProblem(reply);
      if (problem) return { kind: 'dead', error: problem };
      if (reply.outcomeUnknown) {
        const found = await findOnX(target, { reply, http, clock: clock() });
        if (found) return found;
      }
      return sendOnX(target, { reply, http, clock: clock() });
    }
    case 'webhook': {
      const target = webhookTargetOf(channel.config, secrets, new Date(now()));
      if (typeof target === 'string') return { kind: 'dead', error: target };
      // Nothing to look up on a webhook: an uncertain attempt is sent again with the same webhook-id.
      return sendOnWebhook(target, { reply, http, clock: clock() }, context);
    }
    case 'import':
      return {
        kind: 'dead',
        error: 'An imported history channel cannot send replies: reply from a connected channel.',
      };
  }
}

/** Writes the outcome, fenced by the attempt: a newer attempt's claim makes this one a no-op. */
async function record(deps: DeliveryDeps, reply: ClaimedReply, outcome: AttemptOutcome): Promise<DeliveryResult> {
  const at = new Date((deps.now ?? Date.now)());
  const job: DeliveryJob = { organizationId: reply.organizationId, replyId: reply.id };
  const written = await deps.db.$transaction(async (tx) => {
    switch (outcome.kind) {
      case 'sent': {
        if (!(await markSent(tx, reply, outcome.networkId, at))) return false;
        await markConversationAnswered(tx, reply, at);
        await appendReplyEvent(tx, reply, {
          type: 'reply_sent',
          occurredAt: at,
          data: {
            replyId: reply.id,
            networkId: outcome.networkId,
            isDirectMessage: reply.isDirectMessage,
            attempts: reply.attempts,
            ...(outcome.reconciled ? { reconciled: true } : {}),
          },
        });
        return true;
      }
      case 'retry': {
        const failure = { error: outcome.error, nextAttemptAt: outcome.at, outcomeUnknown: outcome.outcomeUnknown };
        if (!(await markFailed(tx, reply, failure))) return false;
        await appendReplyEvent(tx, reply, {
          type: 'reply_failed',
          occurredAt: at,
          data: {
            replyId: reply.id,
            error: outcome.error,
            attempt: reply.attempts,
            nextAttemptAt: outcome.at.toISOString(),
          },
        });
        await enqueueDelivery(deps.queue, tx, job, outcome.at);
        return true;
      }
      case 'dead': {
        if (!(await markDead(tx, reply, outcome.error))) return false;
        await appendReplyEvent(tx, reply, {
          type: 'reply_dead',
          occurredAt: at,
          data: { replyId: reply.id, error: outcome.error },
        });
        await notifyAuthor(tx, reply, 'reply_dead', { replyId: reply.id, excerpt: outcome.error });
        return true;
      }
    }
  });
  if (!written) return { state: 'superseded', attempt: reply.attempts };
  const events: LiveEvent[] = [replyEvent(reply)];
  if (outcome.kind === 'sent') events.push({ ...replyEvent(reply), type: 'conversation.updated' });
  if (outcome.kind === 'dead') {
    events.push(notificationEvent(reply.organizationId, reply.brandId, reply.conversationId, reply.authorUserId));
  }
  await deps.bus.publish(events);
  return outcome.kind === 'sent'
    ? { state: 'sent', attempt: reply.attempts, ...(outcome.reconciled ? { reconciled: true } : {}) }
    : { state: outcome.kind === 'retry' ? 'failed' : 'dead', attempt: reply.attempts, error: outcome.error };
}

export const replyEvent = (reply: ClaimedReply): LiveEvent => ({
  organizationId: reply.organizationId,
  brandId: reply.brandId,
  conversationId: reply.conversationId,
  type: 'reply.updated',
  at: new Date().toISOString(),
});
