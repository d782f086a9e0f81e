import type { Role } from '@perch/shared';

/**
 * - 'public': anyone (sign-in, invitation acceptance).
 * - 'authenticated': any signed-in user, about their own account.
 * - 'operator': Perch's own staff (platform operator flag).
 * - a list of roles: members of the organization named by `organizationId` holding one of these roles.
 */
export type Access = 'public' | 'authenticated' | 'operator' | readonly Role[];

export const ALL: readonly Role[] = ['owner', 'admin', 'manager', 'agent', 'billing_admin'];
export const ADMINS: readonly Role[] = ['owner', 'admin'];
/** Those who work conversations. */
export const WORKERS: readonly Role[] = ['owner', 'admin', 'manager', 'agent'];
export const MANAGERS: readonly Role[] = ['owner', 'admin', 'manager'];
