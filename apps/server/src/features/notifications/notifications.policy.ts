import type { Access } from '../../trpc/policy-types.ts';

/** Who may call each `notifications.*` procedure (spread into the policy matrix, src/trpc/policy.ts). */
export const NOTIFICATIONS_POLICY = {} as const satisfies Record<`notifications.${string}`, Access>;
