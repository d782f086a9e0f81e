import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '@perch/shared';
import { eventLog, minutes, time } from './episodes.fixtures.ts';
import { computeFacts, type Fact } from './facts.ts';

const A = 'agent-a';
const B = 'agent-b';
const OWNER = 'assignee';

const pick = (facts: Fact[], kind: string) =>
  facts
    .filter((f) => f.kind === kind)
    .map(({ episode, seq, at, ms, businessMs, hit, agentUserId }) => ({
      episode,
      seq,
      at,
      ms,
      businessMs,
      hit,
      agentUserId,
    }));

describe('metric facts of one conversation', () => {
  it('reopen after resolve: two episodes, their facts bucketed at the reply and resolution times', () => {
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
    const { facts, summary } = computeFacts(log.events, OWNER, null);

    const d = (ms: number) => ({ ms, businessMs: ms, hit: null });
    expect(pick(facts, 'episode_start')).toEqual([
      { episode: 0, seq: 0, at: time('09:00'), ms: null, businessMs: null, hit: null, agentUserId: OWNER },
      { episode: 1, seq: 0, at: time('11:00'), ms: null, businessMs: null, hit: null, agentUserId: OWNER },
    ]);
    expect(pick(facts, 'first_response')).toEqual([
      { episode: 0, seq: 0, at: time('09:11'), ...d(minutes(11)), agentUserId: A },
      { episode: 1, seq: 0, at: time('11:21'), ...d(minutes(21)), agentUserId: B },
    ]);
    expect(pick(facts, 'reply').map((f) => [f.episode, f.ms, f.agentUserId])).toEqual([
      [0, minutes(11), A],
      [1, minutes(21), B],
    ]);
    expect(pick(facts, 'resolution')).toEqual([
      { episode: 0, seq: 0, at: time('09:30'), ...d(minutes(30)), agentUserId: OWNER },
      { episode: 1, seq: 0, at: time('12:00'), ...d(minutes(60)), agentUserId: OWNER },
    ]);
    expect(pick(facts, 'requester_wait').map((f) => [f.at, f.ms])).toEqual([
      [time('09:30'), minutes(30)],
      [time('12:00'), minutes(60)],
    ]);
    expect(pick(facts, 'full_resolution')).toEqual([
      { episode: 1, seq: 0, at: time('12:00'), ...d(minutes(180)), agentUserId: OWNER },
    ]);
    expect(pick(facts, 'inbound').map((f) => [f.episode, f.seq, f.at])).toEqual([
      [0, 0, time('09:00')],
      [1, 0, time('11:00')],
    ]);
    expect(pick(facts, 'outbound').map((f) => [f.episode, f.at, f.agentUserId])).toEqual([
      [0, time('09:11'), A],
      [1, time('11:21'), B],
    ]);
    expect(summary).toEqual({
      episodes: 2,
      inboundCount: 2,
      outboundCount: 2,
      firstResponseMs: minutes(11),
      firstResponseBusinessMs: minutes(11),
      firstResponseAgentUserId: A,
      replyTimeMedianMs: minutes(16),
      replyTimeMedianBusinessMs: minutes(16),
      replyCount: 2,
      resolutionMs: minutes(60),
      resolutionBusinessMs: minutes(60),
      fullResolutionMs: minutes(180),
      fullResolutionBusinessMs: minutes(180),
      requesterWaitMs: minutes(90),
      requesterWaitBusinessMs: minutes(90),
      slaHits: 0,
      slaBreaches: 0,
    });
  });

  it('an open episode has no resolution, wait or full resolution fact yet', () => {
    const log = eventLog();
    log.created('09:00');
    log.queued('09:05', 'r1', A);
    log.sent('09:06', 'r1', A);
    const { facts, summary } = computeFacts(log.events, null, null);
    expect(facts.map((f) => f.kind).sort()).toEqual([
      'episode_start',
      'first_response',
      'inbound',
      'outbound',
      'reply',
    ]);
    expect(summary).toMatchObject({ resolutionMs: null, fullResolutionMs: null, requesterWaitMs: minutes(6) });
  });

  it('a failed then retried reply is one response and one outbound message, at its sent time', () => {
    const log = eventLog();
    log.created('09:00');
    log.queued('09:05', 'r1', A);
    log.failed('09:05:02', 'r1', A);
    log.retried('09:07', 'r1', A);
    log.sent('09:07:30', 'r1', A);
    log.sent('09:08', 'r1', A); // the same reply recorded sent again by a reconciliation
    const { facts } = computeFacts(log.events, null, null);
    expect(pick(facts, 'first_response').map((f) => [f.at, f.ms])).toEqual([[time('09:07:30'), minutes(7.5)]]);
    expect(pick(facts, 'outbound').map((f) => f.at)).toEqual([time('09:07:30')]);
  });

  it('automated replies count as outbound volume without an agent, never as responses', () => {
    const log = eventLog();
    log.created('09:00');
    log.sent('09:02', 'auto-1', null, { automated: true });
    log.queued('09:10', 'r1', A);
    log.sent('09:20', 'r1', A);
    const { facts } = computeFacts(log.events, OWNER, null);
    expect(pick(facts, 'outbound').map((f) => [f.at, f.agentUserId])).toEqual([
      [time('09:02'), null],
      [time('09:20'), A],
    ]);
    expect(pick(facts, 'first_response').map((f) => [f.ms, f.agentUserId])).toEqual([[minutes(20), A]]);
  });

  it('SLA outcomes: one fact per clock, hit for met, a breach final; numbered per episode', () => {
    const log = eventLog();
    log.created('09:00');
    const sla = (at: string, type: string, target: string, episode: number, dueAt: string) =>
      log.other(at, type, null, { target, episode, dueAt, targetMinutes: 30, businessHours: false });
    sla('09:20', 'sla_met', 'first_response', 0, '2026-03-02T09:30:00.000Z');
    sla('10:00', 'sla_breached', 'next_response', 0, '2026-03-02T10:00:00.000Z');
    sla('10:00', 'sla_breached', 'next_response', 0, '2026-03-02T10:00:00.000Z'); // written twice: one clock
    sla('11:00', 'sla_met', 'next_response', 0, '2026-03-02T11:30:00.000Z');
    sla('12:00', 'sla_warning', 'resolution', 0, '2026-03-02T13:00:00.000Z'); // a warning is no outcome
    sla('12:30', 'sla_met', 'bogus', 0, '2026-03-02T13:00:00.000Z');
    const { facts, summary } = computeFacts(log.events, OWNER, null);
    expect(
      facts.filter((f) => f.kind.startsWith('sla_')).map((f) => [f.kind, f.episode, f.seq, f.at, f.hit, f.agentUserId]),
    ).toEqual([
      ['sla_first_response', 0, 0, time('09:20'), true, OWNER],
      ['sla_next_response', 0, 0, time('10:00'), false, OWNER],
      ['sla_next_response', 0, 1, time('11:00'), true, OWNER],
    ]);
    expect(summary).toMatchObject({ slaHits: 2, slaBreaches: 1 });
  });

  it('business-hours twins on the brand calendar; without a calendar they equal calendar time', () => {
    const day = [{ start: '09:00', end: '18:00' }];
    const office: BusinessCalendar = {
      timeZone: 'Europe/Paris',
      week: [day, day, day, day, day, [], []],
      holidays: [],
    };
    const events = [
      {
        id: 1,
        type: 'conversation_created',
        actorUserId: null,
        data: {},
        occurredAt: new Date('2026-03-02T16:30:00Z'),
      },
      {
        id: 2,
        type: 'received',
        actorUserId: null,
        data: { kind: 'mention' },
        occurredAt: new Date('2026-03-02T16:30:00Z'),
      },
      {
        id: 3,
        type: 'reply_queued',
        actorUserId: A,
        data: { replyId: 'r1' },
        occurredAt: new Date('2026-03-03T08:15:00Z'),
      },
      {
        id: 4,
        type: 'reply_sent',
        actorUserId: A,
        data: { replyId: 'r1' },
        occurredAt: new Date('2026-03-03T08:20:00Z'),
      },
      {
        id: 5,
        type: 'status_changed',
        actorUserId: A,
        data: { from: 'new', to: 'resolved' },
        occurredAt: new Date('2026-03-03T08:30:00Z'),
      },
    ];
    const business = computeFacts(events, null, office).facts;
    const twins = (facts: Fact[]) =>
      Object.fromEntries(facts.filter((f) => f.ms !== null).map((f) => [f.kind, [f.ms, f.businessMs]]));
    expect(twins(business)).toEqual({
      first_response: [minutes(15 * 60 + 50), minutes(50)],
      reply: [minutes(15 * 60 + 50), minutes(50)],
      resolution: [minutes(16 * 60), minutes(60)],
      requester_wait: [minutes(16 * 60), minutes(60)],
      full_resolution: [minutes(16 * 60), minutes(60)],
    });
    const calendar = computeFacts(events, null, null).facts;
    for (const f of calendar) expect(f.businessMs).toBe(f.ms);
  });
});
