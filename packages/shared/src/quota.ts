import { z } from 'zod';
import type { PlanId } from './billing.ts';
import { idSchema } from './limits.ts';

/**
 * The monthly mention quota (docs/billing.md, "Quotas: hold and warnings"). Over a plan without overage (Free),
 * new mentions of the month are kept aside — "held" — and reach the inbox at the next period or as soon as the
 * brand moves to a plan that bills overage. Owners and billing admins are warned at 80 % and 100 % of the quota.
 */
export const QUOTA_LIMITS = {
  /** Held mentions per page of the over-quota view. */
  heldPage: 50,
  /** Held mentions are counted up to this per brand (a badge needs no more). */
  heldCountCap: 10_000,
  /** Percentages of the monthly quota at which owners and billing admins are warned, once per period. */
  warningThresholds: [80, 100],
} as const;

const org = { organizationId: idSchema };

export const heldMentionsInput = z.strictObject({
  ...org,
  brandId: idSchema,
  /** The last held mention of the previous page. */
  cursor: idSchema.nullish(),
  limit: z.number().int().min(1).max(QUOTA_LIMITS.heldPage).default(QUOTA_LIMITS.heldPage),
});
export const heldCountsInput = z.strictObject(org);

/** One held mention as the over-quota view shows it (read-only: it is not a conversation yet). */
export interface HeldMentionItem {
  id: string;
  /** 'x' | 'webhook'. */
  network: string;
  username: string;
  displayName: string;
  text: string;
  postedAt: string;
  receivedAt: string;
}

/** Where a brand stands against its quota this period. */
export interface BrandQuota {
  brandId: string;
  brandName: string;
  planId: PlanId;
  /** Mentions counted this period (UTC month). */
  used: number;
  monthlyMentions: number;
  /** The plan holds what is over its quota (no overage price): Free. */
  holdsOverQuota: boolean;
  /** When this period ends and the next one's quota starts (held mentions are released then). */
  periodEnd: string;
  /** Held mentions of the brand, counted up to QUOTA_LIMITS.heldCountCap. */
  held: number;
  heldCapped: boolean;
}

export interface HeldMentionsPage {
  quota: BrandQuota;
  items: HeldMentionItem[];
  /** null on the last page. */
  nextCursor: string | null;
}

/** Brands of the caller with held mentions (brands with none are left out). */
export interface HeldCount {
  brandId: string;
  held: number;
  capped: boolean;
}

/** The `data` of a `quota_warning` notification. */
export interface QuotaWarningData {
  brandId: string;
  brandName: string;
  threshold: number;
  used: number;
  quota: number;
  planId: PlanId;
  /** The plan holds what is over its quota (Free) rather than billing it. */
  holds: boolean;
}
