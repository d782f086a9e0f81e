import type { MetricEvent } from './metric-events.ts';

/** Builds hand-written event logs for the metric tests: times are "HH:MM[:SS]" on one day, ids in order. */
export function eventLog() {
  const events: MetricEvent[] = [];
  let id = 0;
  const add = (at: string, type: string, actorUserId: string | null = null, data: Record<string, unknown> = {}) => {
    events.push({ id: ++id, type, actorUserId, data, occurredAt: time(at) });
  };
  return {
    events,
    created: (at: string) => {
      add(at, 'conversation_created');
      add(at, 'received', null, { kind: 'mention', spam: false });
    },
    received: (at: string, kind = 'reply') => add(at, 'received', null, { kind, spam: false }),
    status: (at: string, from: string, to: string, actor: string | null = 'agent-a') =>
      add(at, 'status_changed', actor, { from, to }),
    reopened: (at: string, to = 'open', actor: string | null = null) =>
      add(at, 'reopened', actor, { from: 'resolved', to }),
    snoozed: (at: string, until: string) => add(at, 'snoozed', 'agent-a', { from: 'open', until: time(until) }),
    woke: (at: string) => add(at, 'woke', null, {}),
    queued: (at: string, replyId: string, author: string, dm = false) =>
      add(at, 'reply_queued', author, { replyId, isDirectMessage: dm, cannedReplyId: null }),
    sent: (at: string, replyId: string, author: string | null, extra: Record<string, unknown> = {}) =>
      add(at, 'reply_sent', author, { replyId, isDirectMessage: false, attempts: 1, ...extra }),
    failed: (at: string, replyId: string, author: string) => add(at, 'reply_failed', author, { replyId, error: 'x' }),
    retried: (at: string, replyId: string, author: string) => add(at, 'reply_retried', author, { replyId }),
    other: (at: string, type: string, actor: string | null, data: Record<string, unknown> = {}) =>
      add(at, type, actor, data),
  };
}

export const time = (hhmm: string) => new Date(`2026-03-02T${hhmm.length === 5 ? `${hhmm}:00` : hhmm}Z`);

export const minutes = (n: number) => n * 60_000;
