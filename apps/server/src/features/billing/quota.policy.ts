import { ALL, WORKERS, type Access } from '../../trpc/policy-types.ts';

/**
 * Who may call each `quota.*` procedure (spread into the policy matrix, src/trpc/policy.ts). Those who work the
 * inbox read a brand's held mentions (posts of their brands, read-only); everyone — billing admins included, on the
 * billing page — reads how many are held per brand, never their text.
 */
export const QUOTA_POLICY = {
  'quota.held': WORKERS,
  'quota.heldCounts': ALL,
} as const satisfies Record<`quota.${string}`, Access>;
