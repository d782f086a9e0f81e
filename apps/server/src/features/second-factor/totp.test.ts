import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SECOND_FACTOR } from '@perch/shared';
import { codeAtStep, matchingStep, newTotpSecret, stepAt, totpUri } from './totp.ts';

/** RFC 6238 appendix B, SHA-1: the ASCII secret "12345678901234567890". */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const PERIOD_MS = SECOND_FACTOR.periodSeconds * 1000;

describe('TOTP', () => {
  it('matches the RFC 6238 test vectors (last 6 digits)', () => {
    expect(codeAtStep(RFC_SECRET, stepAt(59_000))).toBe('287082');
    expect(codeAtStep(RFC_SECRET, stepAt(1_111_111_109_000))).toBe('081804');
    expect(codeAtStep(RFC_SECRET, stepAt(1_234_567_890_000))).toBe('005924');
    expect(codeAtStep(RFC_SECRET, stepAt(2_000_000_000_000))).toBe('279037');
  });

  it('makes 160-bit base32 secrets and an otpauth URI authenticator apps read', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, 'olivia@skyward.test'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Perch:olivia@skyward.test');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      issuer: 'Perch',
      secret,
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });

  const secrets = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((bytes) => {
    // Base32 of 20 random bytes, as newTotpSecret makes them (but reproducible from the seed).
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let bits = '';
    for (const b of bytes) bits += b.toString(2).padStart(8, '0');
    return bits
      .match(/.{5}/g)!
      .map((chunk) => alphabet[parseInt(chunk, 2)])
      .join('');
  });
  // Any instant between 2001 and 2100.
  const instants = fc.integer({ min: 1_000_000_000_000, max: 4_102_444_800_000 });

  it('accepts a code within one step either side of the server clock, and names its step', () => {
    fc.assert(
      fc.property(secrets, instants, fc.integer({ min: -1, max: 1 }), (secret, now, drift) => {
        const step = stepAt(now) + drift;
        const code = codeAtStep(secret, step);
        const found = matchingStep(secret, code, now, null);
        // The newest step whose code this is (another step in the window may share it, 1 in a million).
        expect(found).not.toBeNull();
        expect(found!).toBeGreaterThanOrEqual(step);
        expect(codeAtStep(secret, found!)).toBe(code);
      }),
      { numRuns: 1000 },
    );
  });

  it('never accepts a step outside the window, nor one at or before the last used step', () => {
    fc.assert(
      fc.property(
        secrets,
        instants,
        fc.integer({ min: -50, max: 50 }),
        fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }),
        (secret, now, offset, lastOffset) => {
          const current = stepAt(now);
          const code = codeAtStep(secret, current + offset);
          const last = lastOffset === null ? null : current + lastOffset;
          const found = matchingStep(secret, code, now, last);
          if (found === null) return;
          // Whatever is accepted is in the window, newer than the last used step, and really that step's code.
          expect(Math.abs(found - current)).toBeLessThanOrEqual(SECOND_FACTOR.window);
          if (last !== null) expect(found).toBeGreaterThan(last);
          expect(codeAtStep(secret, found)).toBe(code);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('refuses a replay: once a step is used, its code no longer passes', () => {
    fc.assert(
      fc.property(secrets, instants, (secret, now) => {
        const code = codeAtStep(secret, stepAt(now));
        const step = matchingStep(secret, code, now, null);
        expect(step).not.toBeNull();
        expect(matchingStep(secret, code, now, step)).toBeNull();
        expect(matchingStep(secret, code, now + PERIOD_MS, step)).toBeNull();
      }),
    );
  });

  it('refuses anything but six digits', () => {
    const secret = newTotpSecret();
    const now = Date.now();
    const code = codeAtStep(secret, stepAt(now));
    expect(matchingStep(secret, code, now, null)).toBe(stepAt(now));
    for (const bad of ['', code.slice(1), `${code}0`, ` ${code}`, 'abcdef', '12 456']) {
      expect(matchingStep(secret, bad, now, null)).toBeNull();
    }
  });
});
