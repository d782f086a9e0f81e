import { z } from 'zod';
import { LIMITS } from './limits.ts';
import type { Role } from './roles.ts';

/**
 * The second factor (S15, docs/security.md): a TOTP authenticator (RFC 6238: SHA-1, 6 digits, 30-second steps)
 * and single-use recovery codes. Any user may enrol; an organization may require it of the roles below.
 */
export const SECOND_FACTOR = {
  digits: 6,
  periodSeconds: 30,
  /** Codes of the step before and after the current one are accepted too (clock drift, typing time). */
  window: 1,
  recoveryCodes: 10,
  /** Characters of a recovery code (without its dashes); the alphabet has no 0/o, 1/l/i. */
  recoveryCodeLength: 12,
  /** Minutes between a correct password and the second step, for an account that has a second factor. */
  challengeMinutes: 5,
} as const;

export const RECOVERY_CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Roles an organization's "require two-step sign-in" setting applies to. */
export const SECOND_FACTOR_ROLES = ['owner', 'billing_admin'] as const satisfies readonly Role[];

/** "123 456" and "123456" are the same code. */
export const totpCodeSchema = z
  .string()
  .max(20)
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'must be the 6-digit code of your authenticator app'));

/** Case, spaces and dashes do not matter: "ABCD-EFGH-JKMN" is "abcdefghjkmn". */
export const recoveryCodeSchema = z
  .string()
  .max(40)
  .transform((s) => s.toLowerCase().replace(/[\s-]+/g, ''))
  .pipe(
    z
      .string()
      .regex(
        new RegExp(`^[${RECOVERY_CODE_ALPHABET}]{${SECOND_FACTOR.recoveryCodeLength}}$`),
        'must be one of your recovery codes',
      ),
  );

/** A current code of the authenticator, or (instead) one unused recovery code. */
const proofShape = {
  code: totpCodeSchema.optional(),
  recoveryCode: recoveryCodeSchema.optional(),
};
const oneProof = (v: { code?: string | undefined; recoveryCode?: string | undefined }) =>
  (v.code === undefined) !== (v.recoveryCode === undefined);
const oneProofMessage = { message: 'give either a code or a recovery code' };

export type SecondFactorProof = { code: string } | { recoveryCode: string };

export const secondFactorProofInput = z.strictObject(proofShape).refine(oneProof, oneProofMessage);

/** Confirms an enrolment: the first code of the newly added authenticator (a recovery code cannot do it). */
export const confirmTotpInput = z.strictObject({ code: totpCodeSchema });

/** Turning the second factor off takes the password and a code (or a recovery code). */
export const disableTotpInput = z
  .strictObject({ password: z.string().min(1).max(LIMITS.passwordMax), ...proofShape })
  .refine(oneProof, oneProofMessage);

/** The second step of a sign-in: the challenge the password step answered, and a code. */
export const verifySecondFactorInput = z
  .strictObject({ challenge: z.string().min(20).max(1000), ...proofShape })
  .refine(oneProof, oneProofMessage);

export const setRequireTotpInput = z.strictObject({
  organizationId: z.uuid({ message: 'must be an id' }),
  requireTotp: z.boolean(),
});
