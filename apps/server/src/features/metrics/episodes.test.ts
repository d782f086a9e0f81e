import { describe, expect, it } from 'vitest';
import { computeConversationMetrics } from './episodes.ts';
import { eventLog, minutes, time } from './episodes.fixtures.ts';

const A = 'agent-a';
const B = 'agent-b';

describe('metric definitions v1: hand-computed fixtures', () => {
  it('reopen after resolve: two episodes, each FRT from its own start, full resolution from creation', () => {
    const log = eventLog();
    log.created('09:00');
    log.queued('09:10', 'r1', A);
    log.status('09:10', 'new', 'open');
    log.sent('09:11', 'r1', A);
    log.status('09:30', 'open', 'resolved');
    log.reopened('11:00');
    log.received('11:00');
    log.queued('11:20', 'r2', B);
    log.sent('11:21', 'r2', B);
    log.status('12:00', 'open', 'resolved', B);

    const m = computeConversationMetrics(log.events);
    expect(m.episodes).toEqual([
      {
        index: 0,
        startedAt: time('09:00'),
        resolvedAt: time('09:30'),
        firstResponse: { at: time('09:11'), ms: minutes(11), agentUserId: A },
        replyTimes: [{ at: time('09:11'), ms: minutes(11), agentUserId: A }],
        resolutionMs: minutes(30),
        requesterWaitMs: minutes(30),
      },
      {
        index: 1,
        startedAt: time('11:00'),
        resolvedAt: time('12:00'),
        firstResponse: { at: time('11:21'), ms: minutes(21), agentUserId: B },
        replyTimes: [{ at: time('11:21'), ms: minutes(21), agentUserId: B }],
        resolutionMs: minutes(60),
        requesterWaitMs: minutes(60),
      },
    ]);
    expect(m.fullResolutionMs).toBe(minutes(180));
  });

  it('a reopened conversation still open has no resolution and no full resolution time', () => {
    const log = eventLog();
    log.created('09:00');
    log.status('09:30', 'new', 'resolved');
    log.reopened('10:00');
    log.received('10:00');
    const m = computeConversationMetrics(log.events, { now: time('10:45') });
    expect(m.episodes.map((e) => [e.resolutionMs, e.requesterWaitMs])).toEqual([
      [minutes(30), minutes(30)],
      [null, minutes(45)],
    ]);
    expect(m.episodes[1]!.resolvedAt).toBeNull();
    expect(m.fullResolutionMs).toBeNull();
  });

  it('a person reopening without a message starts the episode at the reopening', () => {
    const log = eventLog();
    log.created('09:00');
    log.status('09:30', 'new', 'resolved');
    log.reopened('14:00', 'open', A);
    log.queued('14:05', 'r1', A);
    log.sent('14:06', 'r1', A);
    log.status('14:10', 'open', 'resolved');
    const [, second] = computeConversationMetrics(log.events).episodes;
    expect(second).toMatchObject({ startedAt: time('14:00'), resolutionMs: minutes(10), replyTimes: [] });
    expect(second!.firstResponse).toEqual({ at: time('14:06'), ms: minutes(6), agentUserId: A });
  });

  it('inbound messages while waiting do not move the waiting start; a reply answers what came before it was written', () => {
    const log = eventLog();
    log.created('09:00');
    log.received('09:05');
    log.received('09:20');
    log.queued('09:25', 'r1', A);
    log.sent('09:26', 'r1', A); // answers 09:00, 09:05, 09:20: 26 min from 09:00
    log.received('09:30');
    log.queued('09:40', 'r2', A);
    log.sent('09:45', 'r2', A); // 15 min from 09:30
    log.received('09:50');
    log.queued('09:55', 'r3', A);
    log.received('09:56'); // after r3 was written: still waiting when r3 is sent
    log.sent('09:57', 'r3', A); // 7 min from 09:50
    log.queued('10:00', 'r4', A);
    log.sent('10:02', 'r4', A); // 6 min from 09:56
    const [episode] = computeConversationMetrics(log.events).episodes;
    expect(episode!.firstResponse!.ms).toBe(minutes(26));
    expect(episode!.replyTimes.map((r) => r.ms)).toEqual([minutes(26), minutes(15), minutes(7), minutes(6)]);
  });

  it('a failed then retried reply counts once, at the time it was finally sent', () => {
    const log = eventLog();
    log.created('09:00');
    log.queued('09:05', 'r1', A);
    log.failed('09:05:02', 'r1', A);
    log.retried('09:07', 'r1', A);
    log.sent('09:07:30', 'r1', A);
    log.sent('09:07:31', 'r1', A, { reconciled: true }); // the same reply recorded twice counts once
    const [episode] = computeConversationMetrics(log.events).episodes;
    expect(episode!.firstResponse).toEqual({ at: time('09:07:30'), ms: 450_000, agentUserId: A });
    expect(episode!.replyTimes).toHaveLength(1);
  });

  it('a reply that never got sent is no response', () => {
    const log = eventLog();
    log.created('09:00');
    log.queued('09:05', 'r1', A);
    log.other('09:05:02', 'reply_dead', A, { replyId: 'r1' });
    const [episode] = computeConversationMetrics(log.events, { now: time('10:00') }).episodes;
    expect(episode!.firstResponse).toBeNull();
    expect(episode!.replyTimes).toEqual([]);
    expect(episode!.requesterWaitMs).toBe(minutes(60));
  });

  it('a note, a tag or an assignment is never a response', () => {
    const log = eventLog();
    log.created('09:00');
    log.other('09:03', 'note_added', A, { noteId: 'n1' });
    log.other('09:04', 'tags_changed', A, { added: ['t1'], removed: [] });
    log.other('09:05', 'assigned', A, { assigneeUserId: A });
    log.queued('09:10', 'r1', A);
    log.sent('09:12', 'r1', A);
    const [episode] = computeConversationMetrics(log.events).episodes;
    expect(episode!.firstResponse!.ms).toBe(minutes(12));
  });

  it('an automated change or an automated reply is never a response', () => {
    const log = eventLog();
    log.created('09:00');
    log.other('09:00', 'automation_ran', null, { ruleId: 'rule-1', ruleName: 'Triage' });
    log.other('09:00', 'assigned', null, { assigneeUserId: A, ruleId: 'rule-1' });
    log.status('09:01', 'new', 'open', null);
    log.sent('09:02', 'auto-1', null, { ruleId: 'rule-1' });
    log.sent('09:03', 'auto-2', A, { automated: true });
    log.other('09:04', 'outbound_received', null, { kind: 'outbound' }); // the brand posting outside Perch
    log.queued('09:19', 'r1', A);
    log.sent('09:20', 'r1', A);
    const [episode] = computeConversationMetrics(log.events).episodes;
    expect(episode!.firstResponse).toEqual({ at: time('09:20'), ms: minutes(20), agentUserId: A });
    expect(episode!.replyTimes.map((r) => r.ms)).toEqual([minutes(20)]);
  });

  it('pending pauses the requester wait; a customer message resumes it', () => {
    const log = eventLog();
    log.created('09:00');
    log.queued('09:10', 'r1', A);
    log.status('09:10', 'new', 'pending');
    log.sent('09:11', 'r1', A);
    log.status('10:00', 'pending', 'open', null); // written by ingest with the message
    log.received('10:00');
    log.status('10:30', 'open', 'resolved');
    const [episode] = computeConversationMetrics(log.events).episodes;
    expect(episode!.requesterWaitMs).toBe(minutes(10 + 30));
    expect(episode!.resolutionMs).toBe(minutes(90));
    expect(episode!.replyTimes.map((r) => r.ms)).toEqual([minutes(11)]);
  });

  it('snooze pauses the requester wait until the conversation wakes', () => {
    const log = eventLog();
    log.created('09:00');
    log.status('09:05', 'new', 'open');
    log.snoozed('09:10', '10:10');
    log.woke('10:10');
    log.queued('10:19', 'r1', A);
    log.sent('10:20', 'r1', A);
    log.status('10:30', 'open', 'resolved');
    const [episode] = computeConversationMetrics(log.events).episodes;
    expect(episode!.requesterWaitMs).toBe(minutes(10 + 20));
    expect(episode!.firstResponse!.ms).toBe(minutes(80));
    expect(episode!.resolutionMs).toBe(minutes(90));
  });

  it('reassignment: the first response is attributed to whoever wrote the sent reply', () => {
    const log = eventLog();
    log.created('09:00');
    log.other('09:01', 'assigned', A, { assigneeUserId: A });
    log.queued('09:20', 'r1', A);
    log.other('09:30', 'assigned', B, { assigneeUserId: B });
    log.queued('09:40', 'r2', B);
    log.sent('09:41', 'r2', B);
    log.sent('09:45', 'r1', A); // A's reply, stuck in delivery, lands after B's
    const [episode] = computeConversationMetrics(log.events).episodes;
    expect(episode!.firstResponse).toEqual({ at: time('09:41'), ms: minutes(41), agentUserId: B });
    expect(episode!.replyTimes).toEqual([{ at: time('09:41'), ms: minutes(41), agentUserId: B }]);
  });

  it('a direct-message reply to the customer counts as a response', () => {
    const log = eventLog();
    log.other('09:00', 'conversation_created', null);
    log.received('09:00', 'dm');
    log.queued('09:05', 'r1', A, true);
    log.sent('09:06', 'r1', A, { isDirectMessage: true });
    const [episode] = computeConversationMetrics(log.events).episodes;
    expect(episode!.firstResponse!.ms).toBe(minutes(6));
    expect(episode!.replyTimes.map((r) => r.ms)).toEqual([minutes(6)]);
  });

  it('replies sent while nothing is waiting have no reply time; a reply on a resolved conversation counts nowhere', () => {
    const log = eventLog();
    log.created('09:00');
    log.queued('09:05', 'r1', A);
    log.sent('09:05:30', 'r1', A);
    log.queued('09:10', 'r2', A);
    log.sent('09:10:30', 'r2', A);
    log.status('09:20', 'new', 'resolved');
    log.queued('09:40', 'r3', B);
    log.sent('09:41', 'r3', B);
    const m = computeConversationMetrics(log.events);
    expect(m.episodes).toHaveLength(1);
    expect(m.episodes[0]!.firstResponse!.ms).toBe(minutes(5.5));
    expect(m.episodes[0]!.replyTimes.map((r) => r.ms)).toEqual([minutes(5.5)]);
  });

  it('reply and resolve: the reply belongs to the episode it was written in, even when delivered after', () => {
    const log = eventLog();
    log.created('09:00');
    log.queued('09:10', 'r1', A);
    log.status('09:10', 'new', 'resolved');
    log.sent('09:10:03', 'r1', A);
    const [episode] = computeConversationMetrics(log.events).episodes;
    expect(episode!.resolutionMs).toBe(minutes(10));
    expect(episode!.firstResponse!.ms).toBe(minutes(10) + 3_000);
    expect(episode!.replyTimes.map((r) => r.ms)).toEqual([minutes(10) + 3_000]);
  });

  it('a conversation started by the brand has no episode until the customer writes', () => {
    const log = eventLog();
    log.other('08:00', 'conversation_created', null);
    log.other('08:00', 'outbound_received', null, { kind: 'outbound' });
    log.received('08:30');
    log.queued('08:40', 'r1', A);
    log.sent('08:41', 'r1', A);
    log.status('09:00', 'new', 'resolved');
    const m = computeConversationMetrics(log.events);
    expect(m.episodes).toHaveLength(1);
    expect(m.episodes[0]).toMatchObject({ startedAt: time('08:30'), resolutionMs: minutes(30) });
    expect(m.episodes[0]!.requesterWaitMs).toBe(minutes(30));
    expect(m.fullResolutionMs).toBe(minutes(60));
  });

  it('events given in any order give the same figures', () => {
    const log = eventLog();
    log.created('09:00');
    log.queued('09:10', 'r1', A);
    log.status('09:10', 'new', 'resolved');
    log.sent('09:10:03', 'r1', A);
    const forward = computeConversationMetrics(log.events);
    expect(computeConversationMetrics([...log.events].reverse())).toEqual(forward);
  });

  it('a duration function computes the twins: every figure goes through it', () => {
    const log = eventLog();
    log.created('09:00');
    log.queued('09:10', 'r1', A);
    log.sent('09:11', 'r1', A);
    log.status('09:30', 'new', 'resolved');
    // A calendar where only half of every interval counts.
    const m = computeConversationMetrics(log.events, { duration: (f, t) => (t.getTime() - f.getTime()) / 2 });
    expect(m.episodes[0]).toMatchObject({ resolutionMs: minutes(15), requesterWaitMs: minutes(15) });
    expect(m.episodes[0]!.firstResponse!.ms).toBe(minutes(5.5));
    expect(m.fullResolutionMs).toBe(minutes(15));
  });

  it('an empty log has no episodes', () => {
    expect(computeConversationMetrics([])).toEqual({ episodes: [], fullResolutionMs: null });
  });
});
