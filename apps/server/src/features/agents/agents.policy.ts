import { MANAGERS, WORKERS, type Access } from '../../trpc/policy-types.ts';

/**
 * Who may call each `agents.*` procedure (spread into the policy matrix, src/trpc/policy.ts). Everyone who
 * works conversations sets their own availability; managers set capacities.
 */
export const AGENTS_POLICY = {
  'agents.list': WORKERS,
  'agents.setAvailability': WORKERS,
  'agents.setCapacity': MANAGERS,
} as const satisfies Record<`agents.${string}`, Access>;
