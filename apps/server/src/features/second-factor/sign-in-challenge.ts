import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { SECOND_FACTOR } from '@perch/shared';
import { DomainError } from '../../lib/errors.ts';

/**
 * The challenge between a sign-in's two steps: "this user gave the right password at …", signed with the server
 * key, valid for a few minutes and bound to the password it was given with (a password change voids it).
 * Stateless: nothing is stored between the steps; the second step is throttled per user like passwords.
 */
const claimsSchema = z.strictObject({
  userId: z.uuid(),
  expiresAt: z.number().int(),
  passwordChangedAt: z.number().int(),
});
export type ChallengeClaims = z.infer<typeof claimsSchema>;

const sign = (key: Buffer, body: string) =>
  createHmac('sha256', key).update(`perch-sign-in-challenge.${body}`).digest('base64url');

export function issueChallenge(
  key: Buffer,
  input: { userId: string; passwordChangedAt: Date },
  now: Date,
): { challenge: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + SECOND_FACTOR.challengeMinutes * 60_000);
  const claims: ChallengeClaims = {
    userId: input.userId,
    expiresAt: expiresAt.getTime(),
    passwordChangedAt: input.passwordChangedAt.getTime(),
  };
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return { challenge: `${body}.${sign(key, body)}`, expiresAt };
}

/** The claims of a genuine, unexpired challenge; SIGN_IN_EXPIRED for anything else. */
export function readChallenge(key: Buffer, challenge: string, now: Date): ChallengeClaims {
  const expired = () => new DomainError('SIGN_IN_EXPIRED', 'This sign-in has expired: enter your password again');
  const [body, mac, extra] = challenge.split('.');
  if (!body || !mac || extra !== undefined) throw expired();
  const expected = Buffer.from(sign(key, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw expired();
  let claims: ChallengeClaims;
  try {
    claims = claimsSchema.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    throw expired();
  }
  if (claims.expiresAt <= now.getTime()) throw expired();
  return claims;
}
