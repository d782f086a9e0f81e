/**
 * Which live events make the wallboard refetch: anything that can change what waits, who is online or the SLA
 * (conversations, mentions, SLA clocks, agents), dropped events (`resync`) and a reconnection (`ready` after the
 * first connection: events may have been missed meanwhile).
 */
export function wallboardRefreshes(type: string, reconnected: boolean): boolean {
  if (type === 'ready') return reconnected;
  return (
    type === 'resync' ||
    type === 'sla.changed' ||
    type === 'mention.received' ||
    type === 'agents.changed' ||
    type.startsWith('conversation.') ||
    type === 'inbox.bulk_changed'
  );
}

/** Refetches at most this often, however many events arrive (a busy room sends many). */
export const WALLBOARD_LIVE_MS = 1000;
/** And at least this often, live events or not (the oldest wait ticks in the browser meanwhile). */
export const WALLBOARD_POLL_MS = 30_000;
