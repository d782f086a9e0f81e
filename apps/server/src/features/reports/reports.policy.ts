import type { Access } from '../../trpc/policy-types.ts';

export const REPORTS_POLICY = {} as const satisfies Record<`reports.${string}`, Access>;
