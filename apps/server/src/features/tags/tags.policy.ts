import type { Access } from '../../trpc/policy-types.ts';

/** Who may call each `tags.*` procedure (spread into the policy matrix, src/trpc/policy.ts). */
export const TAGS_POLICY = {} as const satisfies Record<`tags.${string}`, Access>;
