import type { Access } from '../../trpc/policy-types.ts';

/** Who may call each `agents.*` procedure (spread into the policy matrix, src/trpc/policy.ts). */
export const AGENTS_POLICY = {} as const satisfies Record<`agents.${string}`, Access>;
