import { z } from 'zod';
import { emailSchema, LIMITS, text } from './limits.ts';
import { localeSchema } from './i18n-locales.ts';

/** Passwords are never trimmed or truncated; length bounds follow NIST SP 800-63B / OWASP. */
export const passwordSchema = z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax);

export const signInInput = z.strictObject({
  email: emailSchema,
  // Sign-in accepts any bounded string: policy is checked when a password is set, not when it is tried.
  password: z.string().min(1).max(LIMITS.passwordMax),
});

export const changePasswordInput = z.strictObject({
  currentPassword: z.string().min(1).max(LIMITS.passwordMax),
  newPassword: passwordSchema,
});

export const updateProfileInput = z.strictObject({
  name: text(LIMITS.name),
  locale: localeSchema,
});

export const revokeSessionInput = z.strictObject({ sessionId: z.uuid() });
