import type { Db } from '../../db/database.ts';
import type { EventBus } from '../../live/event-bus.ts';
import type { Logger } from '../../logger.ts';
import { QUEUES, type Queue } from '../../queue/queue.ts';
import { appendEvents, snoozeOf, wakeIfDue } from './conversations.repository.ts';
import { updatedEvent } from './work-context.ts';

export interface WakeJob {
  organizationId: string;
  conversationId: string;
  /** The snooze end this job was scheduled for. */
  until: string;
}

/**
 * Opens the conversation if it is still snoozed and its snooze has ended (event `woke`, no actor). Idempotent:
 * a conversation already opened, resolved, re-snoozed later or deleted is left alone (a later snooze has its own
 * job). A job that runs before the snooze end it was made for (clock skew) is scheduled again for it.
 */
export async function wakeConversation(db: Db, queue: Queue, job: WakeJob, bus?: EventBus) {
  const woke = await db.$transaction(async (tx) => {
    const row = await wakeIfDue(tx, job.organizationId, job.conversationId);
    if (!row) return null;
    await appendEvents(tx, job.organizationId, [
      { conversationId: row.id, brandId: row.brandId, type: 'woke', actorUserId: null, data: { until: job.until } },
    ]);
    return row;
  });
  if (woke) {
    await bus?.publish([updatedEvent(job.organizationId, woke)]);
    return true;
  }
  const now = await snoozeOf(db, job.organizationId, job.conversationId);
  if (now?.status === 'snoozed' && now.snoozedUntil?.toISOString() === job.until && now.snoozedUntil > new Date()) {
    await queue.enqueue(QUEUES.wake.name, job, { startAfter: now.snoozedUntil });
  }
  return false;
}

export async function startWakeWorker(db: Db, queue: Queue, bus: EventBus, log: Logger) {
  await queue.work<WakeJob>(QUEUES.wake.name, async (job) => {
    const woke = await wakeConversation(db, queue, job.data, bus);
    log.debug({ jobId: job.id, conversationId: job.data.conversationId, woke }, 'snooze: wake job');
  });
}
