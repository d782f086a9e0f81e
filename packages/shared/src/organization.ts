import { z } from 'zod';
import { emailSchema, idSchema, LIMITS, pageSizeSchema, text } from './limits.ts';
import { roleSchema } from './roles.ts';
import { localeSchema, timeZoneSchema } from './i18n-locales.ts';

/**
 * Every organization procedure names its organization; the server checks membership (NOT_FOUND otherwise).
 * Inputs are strict (an unknown field is an error), so each one declares `organizationId` itself.
 */
function orgScoped<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject({ organizationId: idSchema, ...shape });
}

export const orgInput = orgScoped({});

export const brandIdsSchema = z.array(idSchema).max(LIMITS.brandIdsMax);

export const inviteMemberInput = orgScoped({
  email: emailSchema,
  role: roleSchema,
  brandIds: brandIdsSchema.default([]),
});

export const changeRoleInput = orgScoped({
  membershipId: idSchema,
  role: roleSchema,
  brandIds: brandIdsSchema.optional(),
});

export const removeMemberInput = orgScoped({ membershipId: idSchema });
export const revokeInvitationInput = orgScoped({ invitationId: idSchema });

const handleSchema = z
  .string()
  .trim()
  .max(LIMITS.handle)
  .regex(/^@?[A-Za-z0-9_]{1,15}$/, 'must be an X handle (letters, digits, underscore, at most 15)')
  .transform((s) => s.replace(/^@/, ''));

export const createBrandInput = orgScoped({
  name: text(LIMITS.brandName),
  handle: handleSchema.optional(),
  timeZone: timeZoneSchema,
  locale: localeSchema.default('en'),
});

export const updateBrandInput = orgScoped({
  brandId: idSchema,
  name: text(LIMITS.brandName).optional(),
  handle: handleSchema.nullable().optional(),
  timeZone: timeZoneSchema.optional(),
  locale: localeSchema.optional(),
});

export const auditListInput = orgScoped({
  limit: pageSizeSchema.default(50),
  /** Keyset cursor: the id of the last row of the previous page. */
  cursor: idSchema.optional(),
  action: z.string().max(80).optional(),
});

export const invitationTokenInput = z.strictObject({
  token: z
    .string()
    .min(20)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, 'is not an invitation token'),
});

export const acceptInvitationInput = invitationTokenInput.extend({
  /** For a new account: name and password. For an existing account: its password (proves the email). */
  name: text(LIMITS.name).optional(),
  password: z.string().min(1).max(LIMITS.passwordMax),
});
