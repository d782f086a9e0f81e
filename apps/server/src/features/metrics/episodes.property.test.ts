import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeConversationMetrics } from './episodes.ts';
import type { MetricEvent } from './metric-events.ts';

/**
 * Random valid histories, played on a small model of a conversation (the same transitions ingest, replies,
 * snooze and status changes write), then checked against properties the definitions imply.
 */

type Action =
  | { kind: 'inbound' }
  | { kind: 'write'; author: number }
  | { kind: 'deliver'; pick: number; failFirst: boolean }
  | { kind: 'drop'; pick: number }
  | { kind: 'status'; to: 'open' | 'pending' | 'resolved' }
  | { kind: 'snooze' }
  | { kind: 'wake' }
  | { kind: 'noise'; automated: boolean };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.constant({ kind: 'inbound' as const }),
  fc.record({ kind: fc.constant('write' as const), author: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(), failFirst: fc.boolean() }),
  fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('status' as const), to: fc.constantFrom('open' as const, 'pending', 'resolved') }),
  fc.constant({ kind: 'snooze' as const }),
  fc.constant({ kind: 'wake' as const }),
  fc.record({ kind: fc.constant('noise' as const), automated: fc.boolean() }),
);

/** Each step waits 0 (same instant) to 90 minutes before acting. */
const history = fc.array(fc.tuple(fc.integer({ min: 0, max: 90 * 60 }), action), { maxLength: 40 });

interface Played {
  events: MetricEvent[];
  statuses: { at: number; status: string }[];
  reopenings: number;
  end: number;
}

function play(steps: [number, Action][]): Played {
  const events: MetricEvent[] = [];
  const statuses: { at: number; status: string }[] = [];
  let id = 0;
  let at = Date.UTC(2026, 2, 2, 9);
  let status = 'new';
  let reopenings = 0;
  let replies = 0;
  const inFlight: { replyId: string; author: string }[] = [];
  const emit = (type: string, actorUserId: string | null, data: Record<string, unknown> = {}) =>
    events.push({ id: ++id, type, actorUserId, data, occurredAt: new Date(at) });
  const move = (type: string, to: string, actor: string | null, data: Record<string, unknown> = {}) => {
    emit(type, actor, { from: status, to, ...data });
    status = to;
    statuses.push({ at, status });
  };
  emit('conversation_created', null);
  statuses.push({ at, status });
  emit('received', null, { kind: 'mention', spam: false });

  for (const [wait, step] of steps) {
    at += wait * 1000;
    switch (step.kind) {
      case 'inbound':
        if (status === 'resolved') {
          move('reopened', 'open', null);
          reopenings++;
        } else if (status === 'pending' || status === 'snoozed') move('status_changed', 'open', null);
        emit('received', null, { kind: 'reply', spam: false });
        break;
      case 'write': {
        if (status === 'resolved') break;
        const reply = { replyId: `r${++replies}`, author: `agent-${step.author}` };
        inFlight.push(reply);
        emit('reply_queued', reply.author, { replyId: reply.replyId, isDirectMessage: false });
        break;
      }
      case 'deliver': {
        const [reply] = inFlight.splice(step.pick % Math.max(inFlight.length, 1), 1);
        if (!reply) break;
        if (step.failFirst) emit('reply_failed', reply.author, { replyId: reply.replyId });
        emit('reply_sent', reply.author, { replyId: reply.replyId, isDirectMessage: false });
        break;
      }
      case 'drop': {
        const [reply] = inFlight.splice(step.pick % Math.max(inFlight.length, 1), 1);
        if (reply) emit('reply_dead', reply.author, { replyId: reply.replyId });
        break;
      }
      case 'status':
        if (status === 'resolved') {
          move('reopened', 'open', 'agent-0');
          reopenings++;
        } else if (status !== step.to) move('status_changed', step.to, 'agent-0');
        break;
      case 'snooze':
        if (status !== 'resolved' && status !== 'snoozed') move('snoozed', 'snoozed', 'agent-0');
        break;
      case 'wake':
        if (status === 'snoozed') move('woke', 'open', null);
        break;
      case 'noise':
        emit(step.automated ? 'automation_ran' : 'note_added', step.automated ? null : 'agent-1', {});
        break;
    }
  }
  return { events, statuses, reopenings, end: at };
}

/** Time spent in pending or snoozed within [from, to], read from the model's own status log. */
function pausedWithin(statuses: Played['statuses'], from: number, to: number): number {
  let paused = 0;
  statuses.forEach((s, i) => {
    if (s.status !== 'pending' && s.status !== 'snoozed') return;
    const next = statuses[i + 1]?.at ?? Infinity;
    paused += Math.max(0, Math.min(next, to) - Math.max(s.at, from));
  });
  return paused;
}

const RUNS = { numRuns: 1_000 };

describe('metric definitions v1: properties on random histories', () => {
  it('episodes are in order and do not overlap; every reopening starts one', () => {
    fc.assert(
      fc.property(history, (steps) => {
        const played = play(steps);
        const { episodes } = computeConversationMetrics(played.events);
        expect(episodes).toHaveLength(1 + played.reopenings);
        episodes.forEach((e, i) => {
          expect(e.index).toBe(i);
          if (e.resolvedAt) expect(e.resolvedAt.getTime()).toBeGreaterThanOrEqual(e.startedAt.getTime());
          const next = episodes[i + 1];
          if (next) expect(e.resolvedAt!.getTime()).toBeLessThanOrEqual(next.startedAt.getTime());
        });
      }),
      RUNS,
    );
  });

  it('FRT ≤ resolution time when the first response was sent before the resolution; requester wait ≤ resolution', () => {
    fc.assert(
      fc.property(history, (steps) => {
        for (const e of computeConversationMetrics(play(steps).events).episodes) {
          if (e.firstResponse) expect(e.firstResponse.ms).toBeGreaterThanOrEqual(0);
          if (e.firstResponse && e.resolvedAt && e.firstResponse.at <= e.resolvedAt) {
            expect(e.firstResponse.ms).toBeLessThanOrEqual(e.resolutionMs!);
          }
          if (e.resolutionMs !== null) expect(e.requesterWaitMs).toBeLessThanOrEqual(e.resolutionMs);
          for (const r of e.replyTimes) {
            expect(r.ms).toBeGreaterThanOrEqual(0);
            expect(r.ms).toBeLessThanOrEqual(r.at.getTime() - e.startedAt.getTime());
          }
          if (e.replyTimes.length > 0) expect(e.firstResponse).not.toBeNull();
        }
      }),
      RUNS,
    );
  });

  it('on calendar time, requester wait + paused time = the episode length (to resolution, or to now)', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 3_600_000 }), (steps, after) => {
        const played = play(steps);
        const now = new Date(played.end + after);
        for (const e of computeConversationMetrics(played.events, { now }).episodes) {
          const end = (e.resolvedAt ?? now).getTime();
          const length = end - e.startedAt.getTime();
          expect(e.requesterWaitMs + pausedWithin(played.statuses, e.startedAt.getTime(), end)).toBe(length);
        }
      }),
      RUNS,
    );
  });

  it('the order the events are given in does not matter (sorted by time, then id)', () => {
    fc.assert(
      fc.property(history, fc.infiniteStream(fc.nat()), (steps, randoms) => {
        const { events } = play(steps);
        const shuffled = [...events];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = randoms.next().value % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        expect(computeConversationMetrics(shuffled)).toEqual(computeConversationMetrics(events));
      }),
      RUNS,
    );
  });

  it('full resolution time is from creation to the last resolution, and only when the conversation is resolved', () => {
    fc.assert(
      fc.property(history, (steps) => {
        const played = play(steps);
        const m = computeConversationMetrics(played.events);
        const last = m.episodes[m.episodes.length - 1]!;
        const resolved = played.statuses[played.statuses.length - 1]!.status === 'resolved';
        expect(m.fullResolutionMs).toBe(
          resolved ? last.resolvedAt!.getTime() - played.events[0]!.occurredAt.getTime() : null,
        );
      }),
      RUNS,
    );
  });
});
