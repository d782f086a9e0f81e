import { createHmac } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { SECOND_FACTOR } from '@perch/shared';

/**
 * TOTP (RFC 6238) as authenticator apps expect it: SHA-1, 6 digits, 30-second steps, 160-bit secrets. Pure
 * functions of the secret and the clock; the replay guard (the last accepted step) is the caller's state.
 */
const ISSUER = 'Perch';

function totpOf(secretBase32: string, label = 'Perch') {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: SECOND_FACTOR.digits,
    period: SECOND_FACTOR.periodSeconds,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new random secret (160 bits, as RFC 4226 recommends), in base32 for manual entry. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://totp/Perch:<email>?secret=…&issuer=Perch…` URI the QR code carries. */
export function totpUri(secretBase32: string, accountLabel: string): string {
  return totpOf(secretBase32, accountLabel).toString();
}

/** The 30-second step `timestampMs` falls in. */
export function stepAt(timestampMs: number): number {
  return Math.floor(timestampMs / 1000 / SECOND_FACTOR.periodSeconds);
}

/** The code of a given step (tests, and the check below). */
export function codeAtStep(secretBase32: string, step: number): string {
  return totpOf(secretBase32).generate({ timestamp: step * SECOND_FACTOR.periodSeconds * 1000 });
}

/**
 * The step whose code `code` is, among the steps within the window around `nowMs` and strictly after
 * `lastUsedStep` (a code already accepted, or older than one accepted, is never accepted again); null otherwise.
 * The newest matching step wins, so accepting it also burns every older one.
 */
export function matchingStep(
  secretBase32: string,
  code: string,
  nowMs: number,
  lastUsedStep: number | null,
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const current = stepAt(nowMs);
  for (let step = current + SECOND_FACTOR.window; step >= current - SECOND_FACTOR.window; step--) {
    if (lastUsedStep !== null && step <= lastUsedStep) break;
    if (constantTimeEqual(codeAtStep(secretBase32, step), code)) return step;
  }
  return null;
}

function constantTimeEqual(a: string, b: string): boolean {
  // Equal-length digests compared whole: no early exit on the first differing digit.
  const key = 'perch-totp-compare';
  const da = createHmac('sha256', key).update(a).digest();
  const db = createHmac('sha256', key).update(b).digest();
  let diff = 0;
  for (let i = 0; i < da.length; i++) diff |= da[i]! ^ db[i]!;
  return diff === 0;
}
