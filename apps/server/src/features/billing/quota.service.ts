import type { z } from 'zod';
import type { BrandQuota, HeldCount, HeldMentionsPage, heldMentionsInput } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { getBrand } from '../brands/brands.repository.ts';
import { periodOf } from './billing-period.ts';
import { brandEntitlements } from './entitlements.ts';
import { brandHoldsOverQuota } from './quota-hold.ts';
import { heldCounts, heldPage, mentionsUsed } from './quota-hold.repository.ts';

/** The caller as the quota views need it: their organization and the brands they are limited to (none: all). */
interface Viewer {
  organizationId: string;
  brandIds: readonly string[];
}

const sees = (viewer: Viewer, brandId: string) => viewer.brandIds.length === 0 || viewer.brandIds.includes(brandId);

/**
 * The over-quota view of one brand (docs/billing.md, "Quotas: hold and warnings"): where it stands against its
 * quota this period and its held mentions, oldest first, read-only. A brand of another organization, or one the
 * caller is not allowed on, reads as missing.
 */
export async function heldMentions(
  db: DbOrTx,
  viewer: Viewer,
  input: z.output<typeof heldMentionsInput>,
  now = new Date(),
): Promise<HeldMentionsPage> {
  const brand = await getBrand(db, viewer.organizationId, input.brandId);
  if (!brand || !sees(viewer, brand.id)) throw notFound('Brand');
  const scope = { organizationId: viewer.organizationId, brandId: brand.id };
  const { rows, cursorKnown } = await heldPage(db, scope, input.cursor ?? null, input.limit);
  if (!cursorKnown) {
    throw new DomainError('VALIDATION', 'This page is no longer available: start again', { field: 'cursor' });
  }
  const page = rows.slice(0, input.limit);
  return {
    quota: await brandQuota(db, scope, brand.name, now),
    items: page.map((r) => ({
      id: r.id,
      network: r.network,
      username: r.username ?? '',
      displayName: r.displayName ?? '',
      text: r.text ?? '',
      postedAt: r.postedAt.toISOString(),
      receivedAt: r.receivedAt.toISOString(),
    })),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

async function brandQuota(
  db: DbOrTx,
  scope: { organizationId: string; brandId: string },
  brandName: string,
  now: Date,
): Promise<BrandQuota> {
  const period = periodOf(now);
  const entitlements = await brandEntitlements(db, scope.organizationId, scope.brandId);
  if (!entitlements) throw notFound('Brand');
  const [used, counts, holds] = await Promise.all([
    mentionsUsed(db, scope.organizationId, scope.brandId, period.start),
    heldCounts(db, scope.organizationId, [scope.brandId]),
    brandHoldsOverQuota(db, entitlements),
  ]);
  return {
    brandId: scope.brandId,
    brandName,
    planId: entitlements.planId,
    used,
    monthlyMentions: entitlements.monthlyMentions,
    holdsOverQuota: holds,
    periodEnd: period.end.toISOString(),
    held: counts[0]?.held ?? 0,
    heldCapped: counts[0]?.capped ?? false,
  };
}

/** The caller's brands with held mentions and how many (the inbox's "Over quota" entries, the billing page). */
export function heldCountsFor(db: DbOrTx, viewer: Viewer): Promise<HeldCount[]> {
  return heldCounts(db, viewer.organizationId, viewer.brandIds.length > 0 ? viewer.brandIds : null);
}
