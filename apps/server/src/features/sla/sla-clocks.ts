import { PRIORITIES, type BusinessCalendar, type Priority, type SlaTarget } from '@perch/shared';
import { addBusinessMs, businessMs } from '../metrics/business-hours.ts';
import { byOccurrence, isAutomated, replyIdOf, statusAfter, type MetricEvent } from '../metrics/metric-events.ts';

/**
 * The SLA clocks of one conversation, computed from its event log, its brand's policies and calendar, and `now`
 * (docs/sla.md). Pure: the worker stores what this returns, so the same log always gives the same clocks.
 *
 * A clock is a span (start → fulfilment, cancellation or now) of one target in one episode. Its due time is the
 * instant at which its counted time (business or calendar, pauses left out) reaches the target in force; the
 * target in force follows the priority over time, and a new target is counted from the clock's own start.
 */

const MINUTE = 60_000;

/** What a policy says for one priority (the SlaPolicy row, trimmed). */
export interface SlaPolicyTargets {
  id: string;
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  businessHours: boolean;
  warnAtPercent: number;
}

export type PoliciesByPriority = Partial<Record<Priority, SlaPolicyTargets>>;

export interface SlaClockInput {
  events: readonly MetricEvent[];
  /** The conversation's priority now: its priority before any `priority_changed` when the log has none. */
  priority: Priority;
  policies: PoliciesByPriority;
  /** The brand's calendar; null: business-hours targets count every hour. */
  calendar: BusinessCalendar | null;
  now: Date;
}

export type ClockState = 'running' | 'paused' | 'hit' | 'breached' | 'canceled';

/** One clock as it should be stored (the SlaClock row's fields). */
export interface DesiredClock {
  target: SlaTarget;
  episode: number;
  seq: number;
  policyId: string;
  businessHours: boolean;
  targetMinutes: number;
  warnAtPercent: number;
  startedAt: Date;
  /** Counted ms before the current run (running), or up to the pause, the stop or now. */
  elapsedMs: number;
  runningSince: Date | null;
  /** The warning instant while it is still to come; null once warned, paused or stopped. */
  warnAt: Date | null;
  /** Null while paused. */
  dueAt: Date | null;
  state: ClockState;
  warnedAt: Date | null;
  breachedAt: Date | null;
  /** Fulfilled (hit, or late after a breach) or canceled. */
  stoppedAt: Date | null;
}

export interface SlaComputation {
  clocks: DesiredClock[];
  /** The index of the episode still open (not resolved), or null. */
  openEpisode: number | null;
}

/** The statuses that pause next-response and resolution clocks (the ball is not in the brand's court). */
export const PAUSING_STATUSES: ReadonlySet<string> = new Set(['pending', 'snoozed']);

const PAUSES: Record<SlaTarget, boolean> = { first_response: false, next_response: true, resolution: true };

const minutesOf = (policy: SlaPolicyTargets, target: SlaTarget) =>
  target === 'first_response'
    ? policy.firstResponseMinutes
    : target === 'next_response'
      ? policy.nextResponseMinutes
      : policy.resolutionMinutes;

interface Span {
  target: SlaTarget;
  episode: number;
  seq: number;
  start: Date;
  fulfilledAt: Date | null;
  canceledAt: Date | null;
}

interface Episode {
  index: number;
  first: Span;
  resolution: Span;
  /** The next-response clock waiting for an answer, if any. */
  next: Span | null;
  nextSeq: number;
  /** A response was sent in this episode: from then on a new wait starts a next-response clock. */
  responded: boolean;
  unanswered: Date[];
  resolved: boolean;
}

interface Change<T> {
  at: number;
  value: T;
}

const isPriority = (value: unknown): value is Priority =>
  typeof value === 'string' && (PRIORITIES as readonly string[]).includes(value);

function field(data: unknown, key: string): unknown {
  return data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
}

/** Phase 1: the spans of every clock, the status timeline and the priority timeline, read from the log. */
function readLog(events: readonly MetricEvent[], initialPriority: Priority) {
  const sorted = [...events].sort(byOccurrence);
  const spans: Span[] = [];
  const statuses: Change<string>[] = [{ at: -Infinity, value: 'new' }];
  const priorityChanges: Change<Priority>[] = [];
  const written = new Map<string, { episode: Episode | null; at: Date }>();
  const counted = new Set<string>();
  const episodes: Episode[] = [];
  let status = 'new';
  let current: Episode | null = null;

  const span = (target: SlaTarget, episode: number, start: Date, seq = 0): Span => {
    const s: Span = { target, episode, seq, start, fulfilledAt: null, canceledAt: null };
    spans.push(s);
    return s;
  };
  const setStatus = (to: string, at: Date) => {
    status = to;
    statuses.push({ at: at.getTime(), value: to });
  };
  const startEpisode = (at: Date): Episode => {
    // An inbound message on a resolved conversation reopens it even if the `reopened` event is missing.
    if (status === 'resolved') setStatus('open', at);
    const index = episodes.length;
    const episode: Episode = {
      index,
      first: span('first_response', index, at),
      resolution: span('resolution', index, at),
      next: null,
      nextSeq: 0,
      responded: false,
      unanswered: [],
      resolved: false,
    };
    episodes.push(episode);
    current = episode;
    return episode;
  };
  const openNext = (episode: Episode, at: Date) => {
    episode.next = span('next_response', episode.index, at, episode.nextSeq++);
  };
  const resolve = (episode: Episode, at: Date) => {
    episode.resolved = true;
    episode.resolution.fulfilledAt = at;
    // Nothing is owed any more: unanswered response clocks stop (a reply of the episode sent later still counts).
    if (!episode.first.fulfilledAt) episode.first.canceledAt = at;
    if (episode.next) episode.next.canceledAt = at;
    episode.next = null;
    current = null;
  };
  const replySent = (event: MetricEvent) => {
    if (isAutomated(event)) return;
    const id = replyIdOf(event);
    if (id !== null) {
      if (counted.has(id)) return;
      counted.add(id);
    }
    const sentAt = event.occurredAt;
    const { episode, at: writtenAt } = (id !== null ? written.get(id) : undefined) ?? { episode: current, at: sentAt };
    if (!episode) return;
    if (!episode.first.fulfilledAt) {
      episode.first.fulfilledAt = sentAt;
      episode.first.canceledAt = null;
    }
    if (episode.next && episode.next.start.getTime() <= writtenAt.getTime()) {
      episode.next.fulfilledAt = sentAt;
      episode.next = null;
    }
    episode.unanswered = episode.unanswered.filter((t) => t.getTime() > writtenAt.getTime());
    episode.responded = true;
    // Messages written after the reply was: the requester is waiting again, since the oldest of them.
    const oldest = episode.unanswered[0];
    if (!episode.resolved && !episode.next && oldest) openNext(episode, oldest);
  };

  for (const event of sorted) {
    const at = event.occurredAt;
    const to = statusAfter(event);
    if (to !== null) {
      setStatus(to, at);
      if (to === 'resolved' && current) resolve(current, at);
    }
    switch (event.type) {
      case 'reopened':
        if (!current) startEpisode(at);
        break;
      case 'received': {
        const episode = current ?? startEpisode(at);
        episode.unanswered.push(at);
        if (episode.responded && !episode.next) openNext(episode, at);
        break;
      }
      case 'reply_queued':
      case 'reply_submitted': {
        const id = replyIdOf(event);
        if (id && !written.has(id)) written.set(id, { episode: current, at });
        break;
      }
      case 'reply_sent':
        replySent(event);
        break;
      case 'priority_changed': {
        const value = field(event.data, 'to');
        if (isPriority(value)) priorityChanges.push({ at: at.getTime(), value });
        break;
      }
    }
  }
  const priorities: Change<Priority>[] = [{ at: -Infinity, value: initialPriority }, ...priorityChanges];
  const open = current as Episode | null;
  return { spans, statuses, priorities, openEpisode: open ? open.index : null };
}

/** The value in force at `at` (the last change at or before it). */
function valueAt<T>(changes: readonly Change<T>[], at: number): T {
  let value = changes[0]!.value;
  for (const change of changes) {
    if (change.at > at) break;
    value = change.value;
  }
  return value;
}

/** [start, end) instants in ms; end may be Infinity (the clock runs on). */
type Interval = [number, number];

/**
 * The intervals in which the clock counts, from its start: every status but pending/snoozed for clocks that pause.
 * Up to `horizon`, then: a stopped clock is taken as running on (its due time as it stood when it stopped); an
 * open clock runs on if it runs now, and has no due time while it is paused.
 */
function countingIntervals(
  span: Span,
  pauses: boolean,
  statuses: readonly Change<string>[],
  horizon: number,
  stopped: boolean,
) {
  const start = span.start.getTime();
  const intervals: Interval[] = [];
  let runFrom: number | null = null;
  const isRunning = (status: string) => !pauses || !PAUSING_STATUSES.has(status);
  if (isRunning(valueAt(statuses, start))) runFrom = start;
  for (const change of statuses) {
    if (change.at <= start) continue;
    if (change.at >= horizon) break;
    const running = isRunning(change.value);
    if (running && runFrom === null) runFrom = change.at;
    else if (!running && runFrom !== null) {
      if (change.at > runFrom) intervals.push([runFrom, change.at]);
      runFrom = null;
    }
  }
  if (stopped) runFrom ??= horizon;
  if (runFrom !== null) intervals.push([runFrom, Infinity]);
  return intervals;
}

interface Measure {
  between(from: number, to: number): number;
  add(from: number, ms: number): number;
}

function measureFor(policy: SlaPolicyTargets, calendar: BusinessCalendar | null): Measure {
  if (!policy.businessHours || !calendar) return { between: (a, b) => Math.max(0, b - a), add: (a, ms) => a + ms };
  return {
    between: (a, b) => businessMs(calendar, new Date(a), new Date(b)),
    add: (a, ms) => addBusinessMs(calendar, new Date(a), ms).getTime(),
  };
}

/** The instant at which `ms` counted milliseconds have passed in the intervals; null if they never do. */
function instantAfter(intervals: readonly Interval[], measure: Measure, ms: number): number | null {
  let acc = 0;
  for (const [from, to] of intervals) {
    if (to === Infinity) return measure.add(from, ms - acc);
    const length = measure.between(from, to);
    if (acc + length >= ms) return measure.add(from, ms - acc);
    acc += length;
  }
  return null;
}

function countedUntil(intervals: readonly Interval[], measure: Measure, until: number): number {
  let total = 0;
  for (const [from, to] of intervals) {
    if (from >= until) break;
    total += measure.between(from, Math.min(to, until));
  }
  return total;
}

const dateOf = (ms: number | null) => (ms === null ? null : new Date(ms));

function evaluate(
  span: Span,
  statuses: readonly Change<string>[],
  priorities: readonly Change<Priority>[],
  input: SlaClockInput,
): DesiredClock | null {
  const now = input.now.getTime();
  const stop = span.fulfilledAt ?? span.canceledAt;
  const stopped = stop !== null && stop.getTime() <= now;
  const horizon = stopped ? stop.getTime() : now;
  const start = span.start.getTime();
  const intervals = countingIntervals(span, PAUSES[span.target], statuses, horizon, stopped);

  // The priority (so the policy and target) in force over [start, horizon), segment by segment.
  const bounds = [start, ...priorities.filter((c) => c.at > start && c.at < horizon).map((c) => c.at)];
  let warnedAt: number | null = null;
  let breach: { at: number; due: number; policy: SlaPolicyTargets } | null = null;
  let last: { policy: SlaPolicyTargets; minutes: number; due: number | null; warn: number | null } | null = null;
  let vanishedAt: number | null = null;
  for (let i = 0; i < bounds.length && !breach; i++) {
    const from = bounds[i]!;
    const to = bounds[i + 1] ?? horizon;
    const isLast = i === bounds.length - 1;
    const policy = input.policies[valueAt(priorities, from)];
    const minutes = policy ? minutesOf(policy, span.target) : null;
    if (!policy || minutes === null) {
      if (last) vanishedAt ??= from;
      continue;
    }
    vanishedAt = null;
    const measure = measureFor(policy, input.calendar);
    const due = instantAfter(intervals, measure, minutes * MINUTE);
    const warn = instantAfter(intervals, measure, Math.round((minutes * MINUTE * policy.warnAtPercent) / 100));
    // An open clock is due once now reaches its due time; a stopped one only if it stopped after it.
    const reached = (x: number | null) => x !== null && (isLast && !stopped ? x <= to : x < to);
    // A target that takes effect later than its own due time breaches when it takes effect, not before.
    if (warnedAt === null && reached(warn)) warnedAt = Math.max(warn!, from);
    if (reached(due)) breach = { at: Math.max(due!, from), due: due!, policy };
    last = { policy, minutes, due, warn };
  }
  if (!last) return null;

  const policy = breach?.policy ?? last.policy;
  const base = {
    target: span.target,
    episode: span.episode,
    seq: span.seq,
    policyId: policy.id,
    businessHours: policy.businessHours,
    targetMinutes: minutesOf(policy, span.target)!,
    warnAtPercent: policy.warnAtPercent,
    startedAt: span.start,
    warnedAt: dateOf(warnedAt),
    breachedAt: null,
    warnAt: null,
    runningSince: null,
  };
  const measure = measureFor(policy, input.calendar);
  const counted = (until: number) => countedUntil(intervals, measure, until);
  if (breach) {
    return {
      ...base,
      state: 'breached',
      breachedAt: new Date(breach.at),
      dueAt: new Date(breach.due),
      elapsedMs: counted(horizon),
      stoppedAt: stopped ? stop : null,
    };
  }
  if (vanishedAt !== null) {
    // The priority changed to one without this target: nothing is owed any more.
    return {
      ...base,
      state: 'canceled',
      dueAt: dateOf(last.due),
      elapsedMs: counted(vanishedAt),
      stoppedAt: new Date(vanishedAt),
    };
  }
  if (stopped) {
    const state = span.fulfilledAt ? 'hit' : 'canceled';
    return { ...base, state, dueAt: dateOf(last.due), elapsedMs: counted(horizon), stoppedAt: stop };
  }
  if (last.due === null) {
    return { ...base, state: 'paused', dueAt: null, elapsedMs: counted(horizon), stoppedAt: null };
  }
  const runningSince = intervals[intervals.length - 1]![0];
  return {
    ...base,
    state: 'running',
    dueAt: new Date(last.due),
    warnAt: warnedAt === null ? dateOf(last.warn) : null,
    runningSince: new Date(runningSince),
    elapsedMs: counted(runningSince),
    stoppedAt: null,
  };
}

/** Every SLA clock of the conversation as of `now` (events after `now` are ignored). */
export function computeSlaClocks(input: SlaClockInput): SlaComputation {
  const now = input.now.getTime();
  const events = input.events.filter((e) => e.occurredAt.getTime() <= now);
  // The priority before the first change (read from the whole log), else the conversation's priority now.
  const first = [...input.events].sort(byOccurrence).find((e) => e.type === 'priority_changed');
  const from = field(first?.data, 'from');
  const { spans, statuses, priorities, openEpisode } = readLog(events, isPriority(from) ? from : input.priority);
  const clocks: DesiredClock[] = [];
  for (const span of spans) {
    const clock = evaluate(span, statuses, priorities, input);
    if (clock) clocks.push(clock);
  }
  return { clocks, openEpisode };
}
