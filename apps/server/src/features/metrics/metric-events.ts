/**
 * How the metric computation reads the append-only conversation event log (docs/metrics.md, "Metric definitions
 * v1"). Only the fields the definitions need; anything unrecognised is ignored rather than trusted.
 */

/** One `ConversationEvent` row, as read from the database. */
export interface MetricEvent {
  /** The row id (autoincrement): orders events written at the same instant. */
  id: bigint | number;
  type: string;
  actorUserId: string | null;
  data: unknown;
  occurredAt: Date;
}

/** Elapsed milliseconds between two instants; a business-hours calendar passes its own. */
export type Duration = (from: Date, to: Date) => number;

export const calendarDuration: Duration = (from, to) => to.getTime() - from.getTime();

/** The version of docs/metrics.md this code implements; bump both together. */
export const METRIC_DEFINITIONS_VERSION = 1;

/** The statuses in which the requester is waiting on the brand; every other status pauses the wait. */
export const WAITING_STATUSES: ReadonlySet<string> = new Set(['new', 'open']);

const STATUSES: ReadonlySet<string> = new Set(['new', 'open', 'pending', 'snoozed', 'resolved']);

function field(data: unknown, key: string): unknown {
  return data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
}

/** The status an event leaves the conversation in, or null when it does not change it. */
export function statusAfter(event: MetricEvent): string | null {
  switch (event.type) {
    case 'conversation_created':
      return 'new';
    case 'status_changed':
    case 'reopened': {
      const to = field(event.data, 'to');
      if (typeof to === 'string' && STATUSES.has(to)) return to;
      return event.type === 'reopened' ? 'open' : null;
    }
    case 'snoozed':
      return 'snoozed';
    case 'woke':
      return 'open';
    default:
      return null;
  }
}

export function replyIdOf(event: MetricEvent): string | null {
  const id = field(event.data, 'replyId');
  return typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : null;
}

/**
 * A reply sent by a rule or a bot is not an agent's response: it has no author, or says it was automated.
 * (Every reply Perch sends today has a person as author; the rule is written down for when that changes.)
 */
export function isAutomated(event: MetricEvent): boolean {
  return (
    event.actorUserId === null || field(event.data, 'ruleId') !== undefined || field(event.data, 'automated') === true
  );
}

export function byOccurrence(a: MetricEvent, b: MetricEvent): number {
  const t = a.occurredAt.getTime() - b.occurredAt.getTime();
  if (t !== 0) return t;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
