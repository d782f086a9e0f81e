import type { Db } from '../../db/database.ts';
import type { EventBus } from '../../live/event-bus.ts';
import type { Logger } from '../../logger.ts';
import type { Queue } from '../../queue/queue.ts';
import {
  claimDueClock,
  clearDirtyMark,
  clearIdleMarks,
  clockIdsOf,
  dirtyMarks,
  tryLockForSync,
} from './sla-clocks.repository.ts';
import { afterSync, syncConversationInTx, type SlaDeps, type SyncOutcome } from './sla-sync.ts';

/**
 * The SLA worker (docs/sla.md): every few seconds it syncs the conversations whose events changed (the `sla`
 * dirty marks) and those whose clocks reached a warning or due instant with nothing else happening. Several
 * worker processes may run it: marks are idempotent to process, due clocks are claimed with SKIP LOCKED, and
 * each conversation's sync holds a lock of its own.
 */

export const DEFAULT_SLA_INTERVAL_MS = 5_000;
/**
 * Per tick: a backlog is worked through over successive ticks rather than in one long pass, in batches small
 * enough that due clocks are fired between two of them (a backlog of thousands never delays a breach).
 */
const DIRTY_BATCH = 50;
const DIRTY_BATCHES_PER_TICK = 40;
const DUE_PER_TICK = 500;

/** One pass over the dirty marks (up to `limit`); returns how many conversations were synced. */
export async function processDirtySla(deps: SlaDeps, options: { limit?: number; now?: Date } = {}) {
  const marks = await dirtyMarks(deps.db, options.limit ?? DIRTY_BATCH);
  const now = options.now ?? new Date();
  const outcomes: SyncOutcome[] = [];
  const idle = await clearIdleMarks(
    deps.db,
    marks.map((m) => m.conversationId),
  );
  for (const mark of marks) {
    if (idle.has(mark.conversationId)) continue;
    try {
      const outcome = await deps.db.$transaction(async (tx) => {
        const synced = await syncConversationInTx(tx, mark.conversationId, now);
        // In the same transaction: the mark goes only if the sync commits (and only if no newer mark replaced it).
        await clearDirtyMark(tx, mark);
        return synced;
      });
      if (outcome) outcomes.push(outcome);
    } catch (error) {
      deps.log?.warn({ err: error, conversationId: mark.conversationId }, 'sla: sync failed (kept dirty)');
    }
  }
  await afterSync(deps, outcomes);
  return marks.length;
}

/**
 * Syncs every conversation with a running clock whose warning or due instant is at or before `now`: the timer
 * that fires warnings and breaches on time when no event happens. Returns how many conversations were synced.
 */
export async function fireDueSlaClocks(deps: SlaDeps, now = new Date(), limit = DUE_PER_TICK): Promise<number> {
  const done: bigint[] = [];
  const outcomes: SyncOutcome[] = [];
  let synced = 0;
  for (let i = 0; i < limit; i++) {
    const outcome = await deps.db.$transaction(async (tx) => {
      const claimed = await claimDueClock(tx, now, done);
      if (!claimed) return 'none' as const;
      const { conversationId } = claimed;
      if (!(await tryLockForSync(tx, conversationId))) {
        // Another process is syncing this conversation right now; a clock it leaves due is taken next tick.
        done.push(claimed.id);
        return 'busy' as const;
      }
      const result = await syncConversationInTx(tx, conversationId, now);
      // A clock the sync left due (it cannot, but a bug must not spin this loop) is not taken again this tick.
      if (result) done.push(...(await clockIdsOf(tx, result.organizationId, conversationId)));
      return result;
    });
    if (outcome === 'none') break;
    if (outcome === 'busy') continue;
    synced++;
    if (outcome) outcomes.push(outcome);
  }
  await afterSync(deps, outcomes);
  return synced;
}

export interface SlaWorkerOptions {
  intervalMs?: number;
  /** The clock (tests move it forward). */
  now?: () => Date;
}

/** Starts the loop; `stop()` ends it and waits for the pass in flight. */
export function startSlaWorker(
  services: { db: Db; queue: Queue; bus: EventBus },
  log: Logger,
  options: SlaWorkerOptions = {},
): Promise<{ stop(): Promise<void> }> {
  const deps: SlaDeps = { ...services, log };
  const clock = options.now ?? (() => new Date());
  const tick = async () => {
    let dirty = 0;
    let due = await fireDueSlaClocks(deps, clock());
    for (let i = 0; i < DIRTY_BATCHES_PER_TICK; i++) {
      const n = await processDirtySla(deps, { now: clock() });
      dirty += n;
      due += await fireDueSlaClocks(deps, clock());
      if (n < DIRTY_BATCH || stopped) break;
    }
    if (dirty + due > 0) log.debug({ dirty, due }, 'sla: tick');
  };
  let running: Promise<void> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (stopped) return;
    running ??= tick()
      .catch((error: unknown) => log.warn({ err: error }, 'sla: tick failed'))
      .finally(() => {
        running = null;
      });
  }, options.intervalMs ?? DEFAULT_SLA_INTERVAL_MS);
  timer.unref();
  return Promise.resolve({
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  });
}
