import { QUOTA_LIMITS, type PlanId } from '@perch/shared';
import type { Tx } from '../../db/database.ts';
import type { LiveEvent } from '../../live/event-bus.ts';
import {
  billingRecipients,
  brandNameOf,
  insertQuotaWarnings,
  notifyQuotaWarning,
} from './quota-warnings.repository.ts';

/**
 * Quota warnings (docs/billing.md, "Quotas: hold and warnings"): when a brand's mentions of the current period reach
 * 80 % and then 100 % of its plan's monthly quota (any plan), its organization's owners and billing admins get a
 * `quota_warning` notification — once per brand, period and threshold (`QuotaWarning`'s key), in the transaction
 * that metered the mentions. A batch that passes both thresholds at once sends one notification, for 100 %.
 */

/**
 * Thresholds this process knows are recorded, per brand and period: a brand past 80 % costs no statement per
 * batch. Only learned from a conflict (a row committed before), never from our own insert, which may roll back.
 */
const known = new Map<string, number>();
const KNOWN_MAX = 10_000;

export interface QuotaUsage {
  organizationId: string;
  brandId: string;
  planId: PlanId;
  /** The plan's monthly mentions. */
  quota: number;
  /** The plan holds what is over its quota (Free) rather than billing it. */
  holds: boolean;
  periodStart: Date;
  /** Mentions metered in the period, this batch's included. */
  used: number;
}

/** After metering, inside the batch's transaction: records and notifies the thresholds reached. */
export async function recordQuotaWarnings(tx: Tx, usage: QuotaUsage): Promise<LiveEvent[]> {
  const { organizationId, brandId, quota, used, periodStart } = usage;
  if (quota <= 0) return [];
  const key = `${brandId}:${periodStart.getTime()}`;
  const reached = QUOTA_LIMITS.warningThresholds.filter((t) => used * 100 >= t * quota && t > (known.get(key) ?? 0));
  if (reached.length === 0) return [];
  const recorded = await insertQuotaWarnings(tx, { organizationId, brandId }, periodStart, reached);
  if (recorded.length === 0) {
    if (known.size >= KNOWN_MAX) known.clear();
    known.set(key, Math.max(...reached));
    return [];
  }
  const threshold = Math.max(...recorded);
  const recipients = await billingRecipients(tx, organizationId, brandId);
  await notifyQuotaWarning(tx, organizationId, recipients, {
    brandId,
    brandName: await brandNameOf(tx, organizationId, brandId),
    threshold,
    used,
    quota,
    planId: usage.planId,
    holds: usage.holds,
  });
  const at = new Date().toISOString();
  return recipients.map((userId) => ({ organizationId, brandId, type: 'notification.created' as const, userId, at }));
}
