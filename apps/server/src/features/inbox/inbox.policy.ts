import type { Access } from '../../trpc/policy-types.ts';

/** Who may call each `inbox.*` procedure (spread into the policy matrix, src/trpc/policy.ts). */
export const INBOX_POLICY = {} as const satisfies Record<`inbox.${string}`, Access>;
