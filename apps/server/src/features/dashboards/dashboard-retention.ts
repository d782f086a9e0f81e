import type { DashboardRetention } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import { brandRetentions } from '../billing/retention.ts';
import type { ResolvedScope } from './dashboard-scope.ts';
import type { ScopeBrand } from './dashboards.repository.ts';
import { addDays, localDate } from './dashboard-time.ts';

/**
 * History retention on the dashboards (docs/dashboards.md, docs/billing.md "Retention"). Each brand is read from its
 * first whole local day after its plan's cutoff (now − retentionDays), so no fact before the cutoff is counted or
 * listed; a range starting earlier is shortened per brand — a Free brand from its cutoff, an Enterprise brand of the
 * same scope from the date asked — and the answer says so (`retention`).
 */

/** A brand of a dashboard scope, with the first local day its plan shows when the range starts earlier. */
export interface RetainedBrand extends ScopeBrand {
  /** YYYY-MM-DD: the brand is read from this day (absent: from the range's start). */
  visibleFrom?: string;
}

/** The part of `range` a brand shows (its own start when later), or null when none of it. */
export function brandRange(brand: RetainedBrand, range: { from: string; to: string }) {
  const from = brand.visibleFrom && brand.visibleFrom > range.from ? brand.visibleFrom : range.from;
  return from <= range.to ? { from, to: range.to } : null;
}

/** Whether any brand of the scope shows some of `range` (a compared period wholly hidden is not compared). */
export const anyVisible = (scope: ResolvedScope, range: { from: string; to: string }) =>
  scope.brands.some((b) => brandRange(b, range) !== null);

/**
 * The scope with each brand's first visible day when the range starts before it, `from` moved to the earliest day
 * read when every brand starts later, and `retention` describing the most restrictive brand (null: nothing cut).
 */
export async function withRetention(db: DbOrTx, scope: ResolvedScope, now = new Date()): Promise<ResolvedScope> {
  if (!scope.brands.length) return scope;
  const retentions = new Map(
    (
      await brandRetentions(
        db,
        scope.organizationId,
        scope.brands.map((b) => b.id),
        now,
      )
    ).map((r) => [r.brandId, r]),
  );
  let strictest: { from: string; brandId: string } | null = null;
  const clamped: string[] = [];
  const brands: RetainedBrand[] = scope.brands.map((b) => {
    const r = retentions.get(b.id);
    if (!r) return b;
    // The first local day that starts at or after the cutoff: no fact before the cutoff is read.
    const first = addDays(localDate(r.cutoff, b.timeZone), 1);
    if (first <= scope.from) return b;
    clamped.push(b.id);
    if (!strictest || first > strictest.from) strictest = { from: first, brandId: b.id };
    return { ...b, visibleFrom: first };
  });
  if (!strictest) return scope;
  const { from: strictFrom, brandId } = strictest as { from: string; brandId: string };
  const r = retentions.get(brandId)!;
  const retention: DashboardRetention = {
    from: strictFrom,
    retentionDays: r.retentionDays,
    planId: r.planId,
    upgradePlanId: r.upgradePlanId,
    brandIds: clamped,
  };
  // Every brand starts later: the range (series points, compared period) starts at the earliest of them.
  const starts = brands.map((b) => b.visibleFrom ?? scope.from);
  const earliest = starts.reduce((a, b) => (a < b ? a : b));
  const from = earliest > scope.to ? scope.to : earliest;
  return { ...scope, brands, from, retention };
}

/** `{ retention }` for an answer whose range was shortened, else nothing. */
export const retentionOf = (scope: ResolvedScope) => (scope.retention ? { retention: scope.retention } : {});
