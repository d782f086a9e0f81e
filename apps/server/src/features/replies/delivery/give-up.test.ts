import { describe, expect, it } from 'vitest';
import { REPLY_LIMITS } from '@perch/shared';
import { giveUpAfterBudget } from './deliver-reply.ts';

const at = new Date('2026-11-30T10:00:00Z');
const retry = (outcomeUnknown: boolean) => ({ kind: 'retry' as const, error: 'X 503', at, outcomeUnknown });

describe('giving up on a reply', () => {
  it('keeps retrying a known failure until the budget, then ends dead with the last reason', () => {
    expect(giveUpAfterBudget(retry(false), REPLY_LIMITS.maxAttempts - 1)).toEqual(retry(false));
    expect(giveUpAfterBudget(retry(false), REPLY_LIMITS.maxAttempts)).toEqual({
      kind: 'dead',
      error: `Gave up after ${REPLY_LIMITS.maxAttempts} attempts: X 503`,
    });
  });

  it('never calls a reply dead at the usual budget while the network may already have it', () => {
    expect(giveUpAfterBudget(retry(true), REPLY_LIMITS.maxAttempts)).toEqual(retry(true));
    expect(giveUpAfterBudget(retry(true), REPLY_LIMITS.maxAttempts * 2 - 1)).toEqual(retry(true));
    const dead = giveUpAfterBudget(retry(true), REPLY_LIMITS.maxAttempts * 2);
    expect(dead).toMatchObject({ kind: 'dead' });
    expect(dead.kind === 'dead' && dead.error).toMatch(/it may be posted: check the brand's timeline before retrying/);
  });

  it('leaves sent and dead outcomes as they are', () => {
    expect(giveUpAfterBudget({ kind: 'sent', networkId: '1' }, 99)).toEqual({ kind: 'sent', networkId: '1' });
    expect(giveUpAfterBudget({ kind: 'dead', error: 'X 403' }, 1)).toEqual({ kind: 'dead', error: 'X 403' });
  });
});
