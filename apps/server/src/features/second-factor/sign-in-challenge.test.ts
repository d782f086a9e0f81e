import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../lib/errors.ts';
import { issueChallenge, readChallenge } from './sign-in-challenge.ts';

const key = Buffer.alloc(32, 5);
const userId = '0190a7e2-0000-7000-8000-000000000001';
const passwordChangedAt = new Date('2026-01-01T00:00:00Z');
const now = new Date('2026-11-30T12:00:00Z');

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof DomainError ? e.code : 'THREW';
  }
}

describe('sign-in challenge', () => {
  it('reads back what it issued, for five minutes', () => {
    const { challenge, expiresAt } = issueChallenge(key, { userId, passwordChangedAt }, now);
    expect(expiresAt.getTime() - now.getTime()).toBe(5 * 60_000);
    expect(readChallenge(key, challenge, new Date(now.getTime() + 4 * 60_000))).toEqual({
      userId,
      expiresAt: expiresAt.getTime(),
      passwordChangedAt: passwordChangedAt.getTime(),
    });
    expect(codeOf(() => readChallenge(key, challenge, expiresAt))).toBe('SIGN_IN_EXPIRED');
  });

  it('refuses another key, and any changed character', () => {
    const { challenge } = issueChallenge(key, { userId, passwordChangedAt }, now);
    expect(codeOf(() => readChallenge(Buffer.alloc(32, 6), challenge, now))).toBe('SIGN_IN_EXPIRED');
    fc.assert(
      fc.property(fc.nat({ max: challenge.length - 1 }), fc.constantFrom(...'abcXYZ019-_.'), (at, ch) => {
        const changed = challenge.slice(0, at) + ch + challenge.slice(at + 1);
        if (changed === challenge) return;
        expect(codeOf(() => readChallenge(key, changed, now))).toBe('SIGN_IN_EXPIRED');
      }),
      { numRuns: 1000 },
    );
  });
});
