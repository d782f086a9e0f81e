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
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
