import type { BusinessCalendar } from '@perch/shared';
import type { MetricEvent } from '../metrics/metric-events.ts';
import type { SlaPolicyTargets } from './sla-clocks.ts';

/**
 * Hand-written event logs for the SLA clock tests. `at` takes "HH:MM[:SS]" (Monday 2 March 2026, UTC) or a full ISO
 * instant; ids follow the order of the calls, as the database's do.
 */
export function slaLog() {
  const events: MetricEvent[] = [];
  let id = 0;
  const add = (at: string, type: string, actorUserId: string | null = null, data: Record<string, unknown> = {}) => {
    events.push({ id: ++id, type, actorUserId, data, occurredAt: instant(at) });
  };
  return {
    events,
    created: (at: string) => {
      add(at, 'conversation_created');
      add(at, 'received', null, { kind: 'mention', spam: false });
    },
    received: (at: string) => add(at, 'received', null, { kind: 'reply', spam: false }),
    status: (at: string, from: string, to: string) => add(at, 'status_changed', 'agent-a', { from, to }),
    reopened: (at: string) => add(at, 'reopened', null, { from: 'resolved', to: 'open' }),
    snoozed: (at: string, until: string) => add(at, 'snoozed', 'agent-a', { from: 'open', until: instant(until) }),
    woke: (at: string) => add(at, 'woke'),
    priority: (at: string, from: string, to: string) => add(at, 'priority_changed', 'agent-a', { from, to }),
    assigned: (at: string, userId: string) => add(at, 'assigned', 'manager', { assigneeUserId: userId }),
    /** A reply written at `written` and sent at `sent` by `author`. */
    reply: (written: string, sent: string, replyId: string, author = 'agent-a') => {
      add(written, 'reply_queued', author, { replyId, isDirectMessage: false });
      add(sent, 'reply_sent', author, { replyId, isDirectMessage: false, attempts: 1 });
    },
    queued: (at: string, replyId: string, author = 'agent-a') =>
      add(at, 'reply_queued', author, { replyId, isDirectMessage: false }),
    sent: (at: string, replyId: string, author = 'agent-a') =>
      add(at, 'reply_sent', author, { replyId, isDirectMessage: false, attempts: 1 }),
    note: (at: string) => add(at, 'note_added', 'agent-a', { noteId: 'n' }),
  };
}

export function instant(at: string): Date {
  if (/^\d\d:\d\d$/.test(at)) return new Date(`2026-03-02T${at}:00Z`);
  return new Date(/^\d\d:\d\d:\d\d$/.test(at) ? `2026-03-02T${at}Z` : at);
}

export const minutes = (n: number) => n * 60_000;

/** A policy on calendar hours: first response 60 min, next response 30 min, resolution 4 h, warning at 75 %. */
export function policy(overrides: Partial<SlaPolicyTargets> = {}): SlaPolicyTargets {
  return {
    id: 'policy-normal',
    firstResponseMinutes: 60,
    nextResponseMinutes: 30,
    resolutionMinutes: 240,
    businessHours: false,
    warnAtPercent: 75,
    ...overrides,
  };
}

const office = [{ start: '09:00', end: '18:00' }];

/** Monday–Friday 09:00–18:00 in Paris. */
export const PARIS_OFFICE: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  week: [office, office, office, office, office, [], []],
  holidays: [],
};

/** Every day 09:00–18:00 in Paris (a team that works weekends, across the DST Sundays). */
export const PARIS_EVERY_DAY: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  week: Array.from({ length: 7 }, () => office),
  holidays: [],
};
