/** Refetches at most this often, however many events arrive (a bulk import sends many). */
export const LIVE_REFRESH_MS = 500;

const INBOX_EVENTS = new Set([
  'conversation.created',
  'conversation.updated',
  'mention.received',
  'mention.deleted',
  'inbox.bulk_changed',
  'ready',
  'resync',
]);
const PRESENCE_EVENTS = new Set(['presence.changed', 'ready', 'resync']);
/**
 * The SLA worker set or moved due times (a breach, a policy edit, a plan gaining SLA policies): it may announce a
 * whole brand's open conversations one by one, so these refresh the inbox more slowly than a conversation's change.
 */
export const SLA_REFRESH_MS = 5_000;

export interface Refresher {
  onEvent: (event: unknown) => void;
  cancel: () => void;
}

/**
 * What a live event refreshes: the inbox (list pages, counts, search) on conversation changes, the presence dots
 * on presence changes, everything on (re)connection (`ready`) or when the server dropped events (`resync`).
 */
export function liveRefresher(refresh: { inbox: () => void; presence: () => void }, ms = LIVE_REFRESH_MS): Refresher {
  const inbox = throttle(refresh.inbox, ms);
  const sla = throttle(refresh.inbox, Math.max(ms, SLA_REFRESH_MS));
  const presence = throttle(refresh.presence, ms);
  return {
    onEvent(event) {
      const type = event && typeof event === 'object' && 'type' in event ? event.type : null;
      if (typeof type !== 'string') return;
      if (INBOX_EVENTS.has(type)) inbox();
      if (type === 'sla.changed') sla();
      if (PRESENCE_EVENTS.has(type)) presence();
    },
    cancel() {
      inbox.cancel();
      sla.cancel();
      presence.cancel();
    },
  };
}

/** Runs `fn` at most once per `ms`: at once, then once more at the end of the window if called meanwhile. */
export function throttle(fn: () => void, ms: number): { (): void; cancel: () => void } {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    last = Date.now();
    fn();
  };
  const throttled = () => {
    if (timer) return;
    const wait = last + ms - Date.now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
  throttled.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return throttled;
}
