import { describe, expect, it } from 'vitest';
import type { ClockFields } from './sla-clocks.repository.ts';
import { conversationSla } from './sla-sync.ts';

const at = (hhmm: string) => new Date(`2026-03-02T${hhmm}:00Z`);

function clock(overrides: Partial<ClockFields>): ClockFields {
  return {
    target: 'first_response',
    episode: 0,
    seq: 0,
    policyId: 'p',
    businessHours: false,
    targetMinutes: 60,
    warnAtPercent: 75,
    startedAt: at('09:00'),
    elapsedMs: 0,
    runningSince: at('09:00'),
    warnAt: at('09:45'),
    dueAt: at('10:00'),
    state: 'running',
    warnedAt: null,
    breachedAt: null,
    stoppedAt: null,
    ...overrides,
  };
}

describe('the conversation’s SLA columns', () => {
  it('the earliest due time still owed in the open episode, and ok', () => {
    const sla = conversationSla(
      [
        clock({}),
        clock({ target: 'resolution', dueAt: at('13:00') }),
        clock({ episode: 0, target: 'next_response', state: 'hit', dueAt: at('09:30') }),
      ],
      0,
    );
    expect(sla).toEqual({
      firstResponseDueAt: at('10:00'),
      nextResponseDueAt: null,
      resolutionDueAt: at('13:00'),
      slaDueAt: at('10:00'),
      slaState: 'ok',
    });
  });

  it('a warned clock makes it warning; a paused one counts as in force without a due time', () => {
    const sla = conversationSla(
      [
        clock({ state: 'hit', stoppedAt: at('09:10') }),
        clock({ target: 'resolution', state: 'paused', dueAt: null, warnedAt: at('12:00') }),
      ],
      0,
    );
    expect(sla).toMatchObject({ slaDueAt: null, slaState: 'warning' });
  });

  it('a breached clock still owed keeps its due time first; once met it leaves the dues but the state stays', () => {
    const owed = conversationSla(
      [clock({ state: 'breached', breachedAt: at('10:00') }), clock({ target: 'resolution', dueAt: at('13:00') })],
      0,
    );
    expect(owed).toMatchObject({ firstResponseDueAt: at('10:00'), slaDueAt: at('10:00'), slaState: 'breached' });
    const met = conversationSla(
      [
        clock({ state: 'breached', breachedAt: at('10:00'), stoppedAt: at('10:06') }),
        clock({ target: 'resolution', dueAt: at('13:00') }),
      ],
      0,
    );
    expect(met).toMatchObject({ firstResponseDueAt: null, slaDueAt: at('13:00'), slaState: 'breached' });
  });

  it('only the open episode counts; a resolved conversation has none', () => {
    const clocks = [clock({ state: 'breached' }), clock({ episode: 1, dueAt: at('12:00') })];
    expect(conversationSla(clocks, 1)).toMatchObject({ slaDueAt: at('12:00'), slaState: 'ok' });
    expect(conversationSla(clocks, null)).toEqual({
      firstResponseDueAt: null,
      nextResponseDueAt: null,
      resolutionDueAt: null,
      slaDueAt: null,
      slaState: 'none',
    });
  });
});
