import type { Access } from '../../trpc/policy-types.ts';

/** Who may call each `conversations.*` procedure (spread into the policy matrix, src/trpc/policy.ts). */
export const CONVERSATIONS_POLICY = {} as const satisfies Record<`conversations.${string}`, Access>;
