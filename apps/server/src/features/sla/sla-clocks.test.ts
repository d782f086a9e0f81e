import { describe, expect, it } from 'vitest';
import type { BusinessCalendar, Priority, SlaTarget } from '@perch/shared';
import { computeSlaClocks, type PoliciesByPriority } from './sla-clocks.ts';
import { instant, minutes, PARIS_EVERY_DAY, PARIS_OFFICE, policy, slaLog } from './sla-clocks.fixtures.ts';

type Log = ReturnType<typeof slaLog>;

function run(
  log: Log,
  now: string,
  options: { policies?: PoliciesByPriority; calendar?: BusinessCalendar | null; priority?: Priority } = {},
) {
  const result = computeSlaClocks({
    events: log.events,
    priority: options.priority ?? 'normal',
    policies: options.policies ?? { normal: policy() },
    calendar: options.calendar ?? null,
    now: instant(now),
  });
  const clock = (target: SlaTarget, episode = 0, seq = 0) => {
    const found = result.clocks.find((c) => c.target === target && c.episode === episode && c.seq === seq);
    if (!found) throw new Error(`no ${target} clock ${episode}/${seq}`);
    return found;
  };
  return { ...result, clock };
}

const iso = (at: string) => instant(at);

describe('SLA clocks: calendar hours', () => {
  it('a first response runs from the message, warns at 75 % and is met by the reply', () => {
    const log = slaLog();
    log.created('09:00');
    expect(run(log, '09:30').clock('first_response')).toMatchObject({
      state: 'running',
      startedAt: iso('09:00'),
      dueAt: iso('10:00'),
      warnAt: iso('09:45'),
      runningSince: iso('09:00'),
      elapsedMs: 0,
      warnedAt: null,
    });
    // Past the warning: warned, the warning instant is spent.
    expect(run(log, '09:50').clock('first_response')).toMatchObject({
      state: 'running',
      warnedAt: iso('09:45'),
      warnAt: null,
    });
    log.reply('09:55', '09:56', 'r1');
    expect(run(log, '10:30').clock('first_response')).toMatchObject({
      state: 'hit',
      stoppedAt: iso('09:56'),
      dueAt: iso('10:00'),
      warnedAt: iso('09:45'),
      breachedAt: null,
    });
  });

  it('breaches once now reaches the due time; a reply after it does not make it a hit', () => {
    const log = slaLog();
    log.created('09:00');
    expect(run(log, '09:59:59').clock('first_response').state).toBe('running');
    expect(run(log, '10:00').clock('first_response')).toMatchObject({ state: 'breached', breachedAt: iso('10:00') });
    log.reply('10:05', '10:06', 'r1');
    expect(run(log, '11:00').clock('first_response')).toMatchObject({
      state: 'breached',
      breachedAt: iso('10:00'),
      dueAt: iso('10:00'),
      stoppedAt: iso('10:06'),
    });
  });

  it('a reply sent exactly at the due time is a hit', () => {
    const log = slaLog();
    log.created('09:00');
    log.reply('09:58', '10:00', 'r1');
    expect(run(log, '12:00').clock('first_response')).toMatchObject({ state: 'hit', stoppedAt: iso('10:00') });
  });

  it('notes, failed attempts and automated replies are not responses', () => {
    const log = slaLog();
    log.created('09:00');
    log.note('09:05');
    log.queued('09:06', 'r1');
    log.sent('09:08', 'bot-1', null as unknown as string);
    expect(run(log, '09:30').clock('first_response').state).toBe('running');
  });

  it('a next-response clock starts when the requester writes after being answered, one per wait', () => {
    const log = slaLog();
    log.created('09:00');
    log.reply('09:05', '09:06', 'r1');
    expect(run(log, '09:10').clocks.filter((c) => c.target === 'next_response')).toEqual([]);
    log.received('09:20');
    log.received('09:25'); // while waiting: does not move the start
    expect(run(log, '09:30').clock('next_response', 0, 0)).toMatchObject({
      state: 'running',
      startedAt: iso('09:20'),
      dueAt: iso('09:50'),
      warnAt: iso('09:42:30'),
    });
    log.reply('09:40', '09:41', 'r2');
    log.received('10:00');
    const after = run(log, '10:40');
    expect(after.clock('next_response', 0, 0)).toMatchObject({ state: 'hit', stoppedAt: iso('09:41') });
    expect(after.clock('next_response', 0, 1)).toMatchObject({
      state: 'breached',
      startedAt: iso('10:00'),
      breachedAt: iso('10:30'),
    });
  });

  it('a message written after the reply was written (before it was sent) opens the next wait', () => {
    const log = slaLog();
    log.created('09:00');
    log.queued('09:10', 'r1');
    log.received('09:10:30');
    log.sent('09:11', 'r1');
    expect(run(log, '09:20').clock('next_response')).toMatchObject({ state: 'running', startedAt: iso('09:10:30') });
  });

  it('resolution runs from the episode start and is met by the resolution; open clocks are canceled', () => {
    const log = slaLog();
    log.created('09:00');
    log.status('09:30', 'new', 'resolved');
    const { clock, openEpisode } = run(log, '12:00');
    expect(openEpisode).toBeNull();
    expect(clock('resolution')).toMatchObject({ state: 'hit', stoppedAt: iso('09:30'), dueAt: iso('13:00') });
    expect(clock('first_response')).toMatchObject({ state: 'canceled', stoppedAt: iso('09:30') });
  });

  it('reply and resolve: the reply of the episode, sent after the resolution, still meets the first response', () => {
    const log = slaLog();
    log.created('09:00');
    log.queued('09:10', 'r1');
    log.status('09:10', 'new', 'resolved');
    log.sent('09:10:03', 'r1');
    expect(run(log, '12:00').clock('first_response')).toMatchObject({ state: 'hit', stoppedAt: iso('09:10:03') });
  });

  it('pending pauses next response and resolution, never the first response', () => {
    const log = slaLog();
    log.created('09:00');
    log.queued('09:10', 'r1');
    log.status('09:10', 'new', 'pending');
    log.sent('09:11', 'r1');
    const paused = run(log, '09:30');
    expect(paused.clock('first_response')).toMatchObject({ state: 'hit', stoppedAt: iso('09:11') });
    expect(paused.clock('resolution')).toMatchObject({
      state: 'paused',
      dueAt: null,
      warnAt: null,
      runningSince: null,
      elapsedMs: minutes(10),
    });
    // The customer writes at 10:00: open again, 50 min of pending left out of the resolution clock.
    log.received('10:00');
    log.status('10:00', 'pending', 'open');
    const resumed = run(log, '10:10');
    expect(resumed.clock('resolution')).toMatchObject({
      state: 'running',
      dueAt: iso('13:50'),
      runningSince: iso('10:00'),
      elapsedMs: minutes(10),
    });
    expect(resumed.clock('next_response')).toMatchObject({ state: 'running', dueAt: iso('10:30') });
    // Pending again 10:05–10:25 (the agent asked a question): the next response is due 20 min later.
    log.status('10:05', 'open', 'pending');
    log.status('10:25', 'pending', 'open');
    expect(run(log, '10:26').clock('next_response')).toMatchObject({ state: 'running', dueAt: iso('10:50') });
    expect(run(log, '10:26').clock('resolution')).toMatchObject({ dueAt: iso('14:10') });
  });

  it('snooze pauses the resolution clock but not the first response', () => {
    const log = slaLog();
    log.created('09:00');
    log.status('09:05', 'new', 'open');
    log.snoozed('09:10', '10:10');
    log.woke('10:10');
    log.reply('10:15', '10:20', 'r1');
    log.status('10:30', 'open', 'resolved');
    const policies = { normal: policy({ resolutionMinutes: 90 }) };
    const { clock } = run(log, '12:00', { policies });
    expect(clock('first_response')).toMatchObject({ state: 'breached', breachedAt: iso('10:00') });
    // 09:00–09:10 then 10:10 + 80 min = 11:30; resolved 10:30.
    expect(clock('resolution')).toMatchObject({ state: 'hit', dueAt: iso('11:30'), stoppedAt: iso('10:30') });
    expect(run(log, '09:40', { policies }).clock('resolution').state).toBe('paused');
  });

  it('reassignment changes nothing: the first reply sent meets the first response, whoever wrote it', () => {
    const log = slaLog();
    log.created('09:00');
    log.assigned('09:01', 'agent-a');
    log.queued('09:20', 'ra', 'agent-a');
    log.assigned('09:30', 'agent-b');
    log.reply('09:40', '09:41', 'rb', 'agent-b');
    log.sent('09:45', 'ra', 'agent-a');
    const plain = slaLog();
    plain.created('09:00');
    plain.queued('09:20', 'ra', 'agent-a');
    plain.reply('09:40', '09:41', 'rb', 'agent-b');
    plain.sent('09:45', 'ra', 'agent-a');
    const policies = { normal: policy({ firstResponseMinutes: 45 }) };
    const assigned = run(log, '10:00', { policies });
    expect(assigned.clock('first_response')).toMatchObject({ state: 'hit', stoppedAt: iso('09:41') });
    expect(assigned.clocks).toEqual(run(plain, '10:00', { policies }).clocks);
  });

  it('a reopened conversation starts a new episode with its own clocks; the first stay as they ended', () => {
    const log = slaLog();
    log.created('09:00');
    log.reply('09:10', '09:11', 'r1');
    log.status('09:30', 'open', 'resolved');
    log.reopened('11:00');
    log.received('11:00');
    const { clock, openEpisode, clocks } = run(log, '11:30');
    expect(openEpisode).toBe(1);
    expect(clock('first_response', 0)).toMatchObject({ state: 'hit' });
    expect(clock('resolution', 0)).toMatchObject({ state: 'hit', stoppedAt: iso('09:30') });
    expect(clock('first_response', 1)).toMatchObject({
      state: 'running',
      startedAt: iso('11:00'),
      dueAt: iso('12:00'),
    });
    expect(clock('resolution', 1)).toMatchObject({ state: 'running', dueAt: iso('15:00') });
    // The 11:00 message is the new episode's first, not a next-response wait of the old one.
    expect(clocks.filter((c) => c.target === 'next_response')).toEqual([]);
  });

  it('a target left unset has no clock; a priority without a policy has none at all', () => {
    const log = slaLog();
    log.created('09:00');
    const partial = run(log, '09:10', { policies: { normal: policy({ resolutionMinutes: null }) } });
    expect(partial.clocks.map((c) => c.target)).toEqual(['first_response']);
    expect(run(log, '09:10', { policies: { urgent: policy() } }).clocks).toEqual([]);
  });
});

describe('SLA clocks: priority changes', () => {
  const policies = {
    normal: policy({ id: 'normal' }),
    urgent: policy({ id: 'urgent', firstResponseMinutes: 15, resolutionMinutes: 60 }),
  };

  it('a raised priority re-derives the due time from the clock start with the new target', () => {
    const log = slaLog();
    log.created('09:00');
    log.priority('09:10', 'normal', 'urgent');
    const { clock } = run(log, '09:12', { policies, priority: 'urgent' });
    expect(clock('first_response')).toMatchObject({
      state: 'running',
      policyId: 'urgent',
      targetMinutes: 15,
      dueAt: iso('09:15'),
      // 75 % of 15 min from 09:00: the warning comes at 09:11:15, after the change.
      warnedAt: iso('09:11:15'),
    });
    expect(clock('resolution')).toMatchObject({ dueAt: iso('10:00') });
    expect(run(log, '09:15', { policies, priority: 'urgent' }).clock('first_response')).toMatchObject({
      state: 'breached',
      breachedAt: iso('09:15'),
    });
  });

  it('raised after the new due time: breached when the priority changed, not before', () => {
    const log = slaLog();
    log.created('09:00');
    log.priority('09:20', 'normal', 'urgent');
    const { clock } = run(log, '09:21', { policies, priority: 'urgent' });
    expect(clock('first_response')).toMatchObject({
      state: 'breached',
      dueAt: iso('09:15'),
      breachedAt: iso('09:20'),
      warnedAt: iso('09:20'),
    });
    // Under the normal policy it was on time until then.
    expect(run(log, '09:19', { policies, priority: 'urgent' }).clock('first_response')).toMatchObject({
      state: 'running',
      policyId: 'normal',
      dueAt: iso('10:00'),
    });
  });

  it('a lowered priority without a policy cancels the running clocks; a breach already made stays', () => {
    const log = slaLog();
    log.created('09:00');
    log.priority('09:20', 'urgent', 'low');
    const { clock } = run(log, '09:30', { policies, priority: 'low' });
    expect(clock('first_response')).toMatchObject({ state: 'breached', breachedAt: iso('09:15') });
    expect(clock('resolution')).toMatchObject({ state: 'canceled', stoppedAt: iso('09:20') });
  });
});

describe('SLA clocks: business hours', () => {
  const business = { normal: policy({ businessHours: true }) };

  it('a message at night: the due time moves to the next morning, and the breach happens there', () => {
    const log = slaLog();
    log.created('2026-03-02T16:30:00Z'); // Monday 17:30 in Paris: 30 min left today
    const evening = run(log, '2026-03-02T23:00:00Z', { policies: business, calendar: PARIS_OFFICE });
    expect(evening.clock('first_response')).toMatchObject({
      state: 'running',
      dueAt: iso('2026-03-03T08:30:00Z'), // Tuesday 09:30 in Paris
      warnAt: iso('2026-03-03T08:15:00Z'),
      warnedAt: null,
    });
    const morning = run(log, '2026-03-03T08:30:00Z', { policies: business, calendar: PARIS_OFFICE });
    expect(morning.clock('first_response')).toMatchObject({
      state: 'breached',
      breachedAt: iso('2026-03-03T08:30:00Z'),
      warnedAt: iso('2026-03-03T08:15:00Z'),
    });
    // Without a calendar, business-hours targets count every hour.
    expect(run(log, '2026-03-02T17:00:00Z', { policies: business }).clock('first_response').dueAt).toEqual(
      iso('2026-03-02T17:30:00Z'),
    );
  });

  it('a calendar-hours policy ignores the calendar', () => {
    const log = slaLog();
    log.created('2026-03-02T16:30:00Z');
    const { clock } = run(log, '2026-03-02T17:00:00Z', { calendar: PARIS_OFFICE });
    expect(clock('first_response').dueAt).toEqual(iso('2026-03-02T17:30:00Z'));
  });

  it('Friday evening to Monday morning on the spring-forward weekend (Paris, 29 March)', () => {
    const log = slaLog();
    log.created('2026-03-27T16:30:00Z'); // Friday 17:30 CET
    const { clock } = run(log, '2026-03-28T12:00:00Z', { policies: business, calendar: PARIS_OFFICE });
    // 30 min on Friday, 30 on Monday from 09:00 CEST (UTC+2).
    expect(clock('first_response').dueAt).toEqual(iso('2026-03-30T07:30:00Z'));
  });

  it('DST Sundays: the office opens at 09:00 on the wall clock (Paris, March and October)', () => {
    const march = slaLog();
    march.created('2026-03-28T16:30:00Z'); // Saturday 17:30 CET
    expect(
      run(march, '2026-03-28T20:00:00Z', { policies: business, calendar: PARIS_EVERY_DAY }).clock('first_response')
        .dueAt,
    ).toEqual(iso('2026-03-29T07:30:00Z')); // Sunday 09:30 CEST
    const october = slaLog();
    october.created('2026-10-24T15:30:00Z'); // Saturday 17:30 CEST
    const { clock } = run(october, '2026-10-24T20:00:00Z', { policies: business, calendar: PARIS_EVERY_DAY });
    expect(clock('first_response').dueAt).toEqual(iso('2026-10-25T08:30:00Z')); // Sunday 09:30 CET
    // 4 h of resolution: 30 min Saturday, 09:00–12:30 Sunday CET.
    expect(clock('resolution').dueAt).toEqual(iso('2026-10-25T11:30:00Z'));
  });

  it('pending pauses business time too: only open hours outside the pause count', () => {
    const log = slaLog();
    log.created('2026-03-02T16:00:00Z'); // Monday 17:00 in Paris
    log.queued('2026-03-02T16:10:00Z', 'r1');
    log.status('2026-03-02T16:10:00Z', 'new', 'pending');
    log.sent('2026-03-02T16:11:00Z', 'r1');
    log.received('2026-03-03T09:00:00Z'); // Tuesday 10:00
    log.status('2026-03-03T09:00:00Z', 'pending', 'open');
    const { clock } = run(log, '2026-03-03T09:05:00Z', { policies: business, calendar: PARIS_OFFICE });
    // Resolution 4 h: 10 min Monday, pending until Tuesday 10:00, then 3 h 50 → 13:50 Paris.
    expect(clock('resolution')).toMatchObject({
      state: 'running',
      elapsedMs: minutes(10),
      dueAt: iso('2026-03-03T12:50:00Z'),
    });
    // Next response 30 min from Tuesday 10:00 Paris.
    expect(clock('next_response').dueAt).toEqual(iso('2026-03-03T09:30:00Z'));
  });
});

describe('SLA clocks: reading the log', () => {
  it('the clocks do not depend on the order the events are given in, and ignore events after now', () => {
    const log = slaLog();
    log.created('09:00');
    log.reply('09:05', '09:06', 'r1');
    log.received('09:20');
    log.status('09:30', 'open', 'pending');
    const forward = run(log, '09:40').clocks;
    log.events.reverse();
    expect(run(log, '09:40').clocks).toEqual(forward);
    log.events.reverse();
    log.status('10:00', 'pending', 'resolved');
    expect(run(log, '09:40').clocks).toEqual(forward);
  });
});
