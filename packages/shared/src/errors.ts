/**
 * Stable error codes the server returns in `error.data.perchCode`. The web maps each to a translated message;
 * tests assert on them. Add, never rename.
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'FORBIDDEN',
  'PAYMENT_REQUIRED',
  'CONFLICT',
  'VALIDATION',
  'INVALID_CREDENTIALS',
  'TOO_MANY_ATTEMPTS',
  'WEAK_PASSWORD',
  'INVITATION_INVALID',
  'INVITATION_EXPIRED',
  'INVITATION_USED',
  'INVITATION_EMAIL_MISMATCH',
  'LAST_OWNER',
  'ALREADY_MEMBER',
  'CSRF',
  'INTERNAL',
  /** The organization requires a second factor of the caller's role, and the caller has none (S15). */
  'SECOND_FACTOR_REQUIRED',
  /** A wrong, expired or already used authenticator code or recovery code. */
  'INVALID_CODE',
  /** The sign-in's second step came too late (or its challenge is not valid): sign in again. */
  'SIGN_IN_EXPIRED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
