import type { Access } from '../../trpc/policy-types.ts';

export const DASHBOARDS_POLICY = {} as const satisfies Record<`dashboards.${string}`, Access>;
