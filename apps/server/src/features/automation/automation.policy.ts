import { MANAGERS, type Access } from '../../trpc/policy-types.ts';

/** Who may call each `automation.*` procedure (spread into the policy matrix): managers only. */
export const AUTOMATION_POLICY = {
  'automation.list': MANAGERS,
  'automation.create': MANAGERS,
  'automation.update': MANAGERS,
  'automation.delete': MANAGERS,
  'automation.reorder': MANAGERS,
} as const satisfies Record<`automation.${string}`, Access>;
