import { z } from 'zod';

/** Roles a membership can hold in an organization (product.md, "Vocabulary"). */
export const ROLES = ['owner', 'admin', 'manager', 'agent', 'billing_admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Roles that may administer members, brands and the audit log. */
export const ADMIN_ROLES = ['owner', 'admin'] as const satisfies readonly Role[];
