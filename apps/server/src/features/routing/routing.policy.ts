import { MANAGERS, WORKERS, type Access } from '../../trpc/policy-types.ts';

/**
 * Who may call each `routing.*` procedure (spread into the policy matrix, src/trpc/policy.ts). Everyone who
 * works conversations may see how a brand routes; managers choose the mode.
 */
export const ROUTING_POLICY = {
  'routing.getSettings': WORKERS,
  'routing.setMode': MANAGERS,
} as const satisfies Record<`routing.${string}`, Access>;
