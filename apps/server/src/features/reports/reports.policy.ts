import { MANAGERS, type Access } from '../../trpc/policy-types.ts';

/** Who may call each `reports.*` procedure: scheduled reports are a manager's tool (docs/reports.md). */
export const REPORTS_POLICY = {
  'reports.list': MANAGERS,
  'reports.create': MANAGERS,
  'reports.update': MANAGERS,
  'reports.delete': MANAGERS,
  'reports.sendNow': MANAGERS,
} as const satisfies Record<`reports.${string}`, Access>;
