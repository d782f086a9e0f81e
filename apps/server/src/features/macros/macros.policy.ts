import { MANAGERS, WORKERS, type Access } from '../../trpc/policy-types.ts';

/** Who may call each `macros.*` procedure (spread into the policy matrix): agents list and apply; managers manage. */
export const MACROS_POLICY = {
  'macros.list': WORKERS,
  'macros.run': WORKERS,
  'macros.create': MANAGERS,
  'macros.update': MANAGERS,
  'macros.delete': MANAGERS,
} as const satisfies Record<`macros.${string}`, Access>;
