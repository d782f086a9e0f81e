import type { Access } from '../../trpc/policy-types.ts';

export const SLA_POLICY = {} as const satisfies Record<`sla.${string}`, Access>;
