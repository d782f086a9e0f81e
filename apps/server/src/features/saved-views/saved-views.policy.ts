import type { Access } from '../../trpc/policy-types.ts';

/** Who may call each `savedViews.*` procedure (spread into the policy matrix, src/trpc/policy.ts). */
export const SAVED_VIEWS_POLICY = {} as const satisfies Record<`savedViews.${string}`, Access>;
