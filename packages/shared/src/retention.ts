import type { PlanId } from './billing.ts';

/**
 * History retention (docs/billing.md, "Retention"): each brand's plan keeps `retentionDays` of history visible.
 * Older closed conversations are hidden from lists, counts, search and dashboards — never deleted: a plan that keeps
 * more shows them again at once.
 */

/** The `feature` named in PAYMENT_REQUIRED's details when a conversation is older than the plan's history. */
export const HISTORY_FEATURE = 'history';

/** A brand whose closed conversations with no message since `before` are hidden by its plan. */
export interface HiddenHistory {
  brandId: string;
  planId: PlanId;
  retentionDays: number;
  /** ISO instant: now − retentionDays. */
  before: string;
  /** The cheapest plan keeping more history (null: none does). */
  upgradePlanId: PlanId | null;
}

/**
 * A dashboard range that started before the history some brands' plans keep, and was read from their first visible
 * day instead. `from`, `retentionDays` and `planId` are those of the most restrictive of these brands.
 */
export interface DashboardRetention {
  /** The first local day read (YYYY-MM-DD) for the most restrictive brand. */
  from: string;
  retentionDays: number;
  planId: PlanId;
  upgradePlanId: PlanId | null;
  /** The brands whose range was shortened. */
  brandIds: string[];
}
