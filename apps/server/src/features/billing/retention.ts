import {
  HISTORY_FEATURE,
  type ConversationStatus,
  type HiddenHistory,
  type PlanId,
  type PlanView,
} from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import { DomainError } from '../../lib/errors.ts';
import { catalogOf, organizationEntitlements } from './entitlements.ts';
import { hiddenCounts, oldestLastMessage, type HiddenCountQuery } from './retention.repository.ts';

/**
 * History retention (docs/billing.md, "Retention"). A brand's plan keeps `retentionDays` of history visible: its
 * cutoff is now − retentionDays. A closed conversation whose last message is before its brand's cutoff is hidden from
 * lists, counts, search and conversation reads; dashboards and their drill-downs start at the brand's first whole
 * local day after the cutoff. Work in progress (every status but the closed ones) is never hidden, and nothing is
 * ever deleted: the cutoff is computed at each read from the cached entitlements (≤ 3 s), so an upgrade shows the
 * history again at once.
 */

export const DAY_MS = 86_400_000;

/** The statuses retention may hide: closed history only. */
export const CLOSED_STATUSES: readonly ConversationStatus[] = ['resolved'];
export const isClosed = (status: ConversationStatus) => CLOSED_STATUSES.includes(status);

export interface BrandRetention {
  brandId: string;
  planId: PlanId;
  retentionDays: number;
  /** now − retentionDays. */
  cutoff: Date;
  /** The cheapest plan that keeps more history (null: none does). */
  upgradePlanId: PlanId | null;
}

/** The cheapest plan of the catalog keeping more than `days` of history. */
function longerRetention(catalog: Iterable<PlanView>, days: number): PlanId | null {
  const plans = [...catalog].sort((a, b) => a.priceCents - b.priceCents);
  return plans.find((p) => p.retentionDays > days)?.id ?? null;
}

/** Each brand's retention now (`brandIds`, or every brand when null; brands not of the organization are left out). */
export async function brandRetentions(
  db: DbOrTx,
  organizationId: string,
  brandIds: readonly string[] | null,
  now = new Date(),
): Promise<BrandRetention[]> {
  const all = await organizationEntitlements(db, organizationId);
  const plans = [...(await catalogOf(db)).values()];
  return (brandIds ?? [...all.keys()]).flatMap((brandId) => {
    const e = all.get(brandId);
    if (!e) return [];
    return [
      {
        brandId,
        planId: e.planId,
        retentionDays: e.retentionDays,
        cutoff: new Date(now.getTime() - e.retentionDays * DAY_MS),
        upgradePlanId: longerRetention(plans, e.retentionDays),
      },
    ];
  });
}

/** A brand's retention with the oldest closed activity it has (hidden history exists: oldest < cutoff). */
export interface HiddenRetention extends BrandRetention {
  oldest: Date;
}

/**
 * The brands among `brandIds` (null: all the organization's) that have closed conversations before their cutoff —
 * the only ones a read must hide anything of. One index seek per brand tells it, so a brand whose history all lies
 * within its plan (most Enterprise brands) gets no retention predicate at all.
 */
export async function hiddenHistory(
  db: DbOrTx,
  organizationId: string,
  brandIds: readonly string[] | null,
  now = new Date(),
): Promise<HiddenRetention[]> {
  // The plans (cached) and the oldest closed conversations at once.
  const [retentions, oldest] = await Promise.all([
    brandRetentions(db, organizationId, brandIds, now),
    oldestLastMessage(db, organizationId, brandIds, CLOSED_STATUSES),
  ]);
  return retentions.flatMap((r) => {
    const at = oldest.get(r.brandId);
    return at && at < r.cutoff ? [{ ...r, oldest: at }] : [];
  });
}

/**
 * Whether the kept side of the cutoff spans less time than the hidden side (the brand kept more history under an
 * earlier plan than it shows now): reads then start from the kept rows rather than skip the hidden ones.
 */
export const keptIsShorter = (h: HiddenRetention, now = new Date()) =>
  now.getTime() - h.cutoff.getTime() < h.cutoff.getTime() - h.oldest.getTime();

/** What the web shows of a brand's hidden history. */
export function hiddenHistoryView(r: BrandRetention): HiddenHistory {
  return {
    brandId: r.brandId,
    planId: r.planId,
    retentionDays: r.retentionDays,
    before: r.cutoff.toISOString(),
    upgradePlanId: r.upgradePlanId,
  };
}

/**
 * How many closed conversations each hidden brand hides, per status, exactly: counted on the side of the cutoff that
 * spans less time (the counters know the total), so a Free brand with two years behind it counts its last 30 days.
 */
export async function hiddenClosedCounts(
  db: DbOrTx,
  organizationId: string,
  hidden: readonly HiddenRetention[],
  now = new Date(),
) {
  const queries: HiddenCountQuery[] = hidden.flatMap((h) =>
    CLOSED_STATUSES.map((status) => ({
      brandId: h.brandId,
      status,
      before: h.cutoff,
      fromVisible: keptIsShorter(h, now),
    })),
  );
  return hiddenCounts(db, organizationId, queries);
}

/**
 * PAYMENT_REQUIRED for a closed conversation older than its brand's history (call after the tenant and brand checks,
 * so another tenant's id stays NOT_FOUND): details name the `history` feature, the brand, the plan's days and the
 * cheapest plan that keeps the conversation visible.
 */
export async function assertWithinHistory(
  db: DbOrTx,
  retention: BrandRetention | undefined,
  conversation: { brandId: string; status: ConversationStatus; lastMessageAt: Date },
  now = new Date(),
) {
  if (!retention || !isClosed(conversation.status) || conversation.lastMessageAt >= retention.cutoff) return;
  const ageDays = (now.getTime() - conversation.lastMessageAt.getTime()) / DAY_MS;
  const catalog = [...(await catalogOf(db)).values()].sort((a, b) => a.priceCents - b.priceCents);
  const keeps = catalog.find((p) => p.retentionDays >= ageDays);
  throw new DomainError(
    'PAYMENT_REQUIRED',
    `This conversation is older than the ${retention.retentionDays} days of history of the brand's plan`,
    {
      feature: HISTORY_FEATURE,
      brandId: conversation.brandId,
      planId: keeps?.id ?? retention.upgradePlanId,
      retentionDays: retention.retentionDays,
    },
  );
}
