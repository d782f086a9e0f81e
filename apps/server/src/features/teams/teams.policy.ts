import type { Access } from '../../trpc/policy-types.ts';

/** Who may call each `teams.*` procedure (spread into the policy matrix, src/trpc/policy.ts). */
export const TEAMS_POLICY = {} as const satisfies Record<`teams.${string}`, Access>;
