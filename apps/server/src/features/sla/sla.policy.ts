import { MANAGERS, WORKERS, type Access } from '../../trpc/policy-types.ts';

/** Who may call each `sla.*` procedure: every worker sees the SLA settings of their brands; managers change them. */
export const SLA_POLICY = {
  'sla.settings': WORKERS,
  'sla.savePolicy': MANAGERS,
  'sla.deletePolicy': MANAGERS,
  'sla.setCalendar': MANAGERS,
} as const satisfies Record<`sla.${string}`, Access>;
