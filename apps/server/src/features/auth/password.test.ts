import { describe, expect, it } from 'vitest';
import { ARGON2_PARAMS, assertAcceptablePassword, hashPassword, verifyPassword } from './password.ts';
import { delayAfterFailures, THROTTLE } from './throttle.ts';

describe('password policy', () => {
  it('refuses short, over-long, common and repeated passwords, and ones built on the email', () => {
    for (const p of ['short', 'x'.repeat(129), 'password', 'Password1', 'iloveyou', 'aaaaaaaaaaaa']) {
      expect(() => assertAcceptablePassword(p), p).toThrow();
    }
    expect(() => assertAcceptablePassword('camille.durand2026', { email: 'camille.durand@x.test' })).toThrow();
  });
  it('accepts long passphrases with any characters', () => {
    expect(() => assertAcceptablePassword('correct horse battery staple')).not.toThrow();
    expect(() => assertAcceptablePassword('été à Montréal 🚀 2026')).not.toThrow();
  });
});

describe('Argon2id hashing', () => {
  it('uses Argon2id with at least OWASP’s minimum parameters, and verifies without truncation', async () => {
    expect(ARGON2_PARAMS.memoryCost).toBeGreaterThanOrEqual(19 * 1024);
    expect(ARGON2_PARAMS.timeCost).toBeGreaterThanOrEqual(2);
    const long = 'p'.repeat(100) + 'A';
    const h = await hashPassword(long);
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, long)).toBe(true);
    expect(await verifyPassword(h, 'p'.repeat(100) + 'B')).toBe(false);
    expect(await verifyPassword('not a hash', long)).toBe(false);
  });
});

describe('throttle delays', () => {
  it('grows exponentially after the free attempts and is capped', () => {
    const rule = THROTTLE.account;
    expect(delayAfterFailures(rule.free - 1, rule)).toBe(0);
    expect(delayAfterFailures(rule.free, rule)).toBe(1000);
    expect(delayAfterFailures(rule.free + 3, rule)).toBe(8000);
    expect(delayAfterFailures(rule.free + 40, rule)).toBe(rule.maxDelayMs);
  });
});
