import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { planIdSchema } from '@perch/shared';
import { DomainError } from '../../lib/errors.ts';

/**
 * The proration preview's token: what was previewed (brand, plan, seats, the subscription version, the instant
 * the amounts were computed for, the total), signed with the server's key and valid for a few minutes. The
 * confirmation recomputes the change at that instant and refuses a token that was altered, expired, issued for
 * another organization, or no longer matches the subscription (CONFLICT: someone else changed it meanwhile).
 */
const claimsSchema = z.strictObject({
  organizationId: z.uuid(),
  brandId: z.uuid(),
  planId: planIdSchema,
  seats: z.number().int(),
  version: z.number().int(),
  at: z.number().int(),
  expiresAt: z.number().int(),
  totalCents: z.number().int(),
});
export type PreviewClaims = z.infer<typeof claimsSchema>;

const sign = (key: Buffer, body: string) =>
  createHmac('sha256', key).update(`perch-preview.${body}`).digest('base64url');

export function issuePreviewToken(key: Buffer, claims: PreviewClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${sign(key, body)}`;
}

export function readPreviewToken(key: Buffer, token: string, organizationId: string, now: Date): PreviewClaims {
  const invalid = () => new DomainError('VALIDATION', 'This preview is not valid: preview the change again');
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) throw invalid();
  const expected = Buffer.from(sign(key, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
  let claims: PreviewClaims;
  try {
    claims = claimsSchema.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    throw invalid();
  }
  if (claims.organizationId !== organizationId) throw invalid();
  if (claims.expiresAt < now.getTime()) {
    throw new DomainError('VALIDATION', 'This preview has expired: preview the change again');
  }
  return claims;
}
