import type { z } from 'zod';
import {
  OPERATOR_LIMITS,
  type OperatorBrand,
  type OperatorOrganizationsPage,
  type operatorOrganizationsInput,
} from '@perch/shared';
import type { DbOrTx } from '../../../db/database.ts';
import type { Prisma } from '../../../generated/prisma/client.ts';
import { periodOf } from '../billing-period.ts';
import { seatsUsedIn } from '../billing.repository.ts';
import { catalogOf, entitlementsFromSubscription } from '../entitlements.ts';
import { freeSubscription, ownPlan } from '../subscription-machine.ts';
import { subscriptionsIn } from '../subscriptions.repository.ts';
import { compView } from './comps.service.ts';

/**
 * Every organization as the operator sees it (docs/billing.md, "Operator"): its brands with their own plan and
 * state, the comp in force, the plan they have now and the mentions of this month against its quota; the seats
 * taken and brought; what it owes (open invoices, and those past due). By name, then id, 50 at a time (keyset: the
 * cursor is the last organization of the page); `q` matches part of the organization's or a brand's name.
 */
export async function operatorOrganizations(
  db: DbOrTx,
  input: z.output<typeof operatorOrganizationsInput>,
  now = new Date(),
): Promise<OperatorOrganizationsPage> {
  const pageSize = OPERATOR_LIMITS.organizationsPage;
  const filters: Prisma.OrganizationWhereInput[] = [];
  if (input.q) {
    const contains = { contains: input.q, mode: 'insensitive' as const };
    filters.push({ OR: [{ name: contains }, { brands: { some: { name: contains } } }] });
  }
  if (input.cursor) {
    const after = await db.organization.findUnique({ where: { id: input.cursor }, select: { id: true, name: true } });
    if (after) filters.push({ OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] });
  }
  const rows = await db.organization.findMany({
    where: { AND: filters },
    select: { id: true, name: true, slug: true, currency: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: pageSize + 1,
  });
  const page = rows.slice(0, pageSize);
  const ids = page.map((o) => o.id);
  if (ids.length === 0) return { organizations: [], nextCursor: null };

  const invoiceTotals = (where: Prisma.InvoiceWhereInput) =>
    db.invoice.groupBy({
      by: ['organizationId'],
      where: { organizationId: { in: ids }, status: 'open', ...where },
      _sum: { totalCents: true },
      _count: { _all: true },
    });
  const [catalog, brands, subs, usage, seats, open, overdue] = await Promise.all([
    catalogOf(db),
    db.brand.findMany({
      where: { organizationId: { in: ids } },
      select: { id: true, name: true, organizationId: true },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
    }),
    subscriptionsIn(db, ids),
    db.usageRecord.findMany({
      where: { organizationId: { in: ids }, metric: 'mentions', periodStart: periodOf(now).start },
      select: { brandId: true, quantity: true },
    }),
    seatsUsedIn(db, ids),
    invoiceTotals({}),
    invoiceTotals({ dueAt: { lt: now } }),
  ]);
  const subByBrand = new Map(subs.map((s) => [s.brandId, s]));
  const mentions = new Map(usage.map((u) => [u.brandId, u.quantity]));
  const openBy = new Map(open.map((o) => [o.organizationId, o]));
  const overdueBy = new Map(overdue.map((o) => [o.organizationId, o]));

  const organizations = page.map((org) => {
    let seatsTotal = 0;
    const views: OperatorBrand[] = brands
      .filter((b) => b.organizationId === org.id)
      .map((b) => {
        const row = subByBrand.get(b.id);
        const sub = row ?? freeSubscription(catalog, now);
        const entitled = entitlementsFromSubscription(catalog, b.id, sub, now);
        seatsTotal += entitled.seats;
        return {
          brandId: b.id,
          name: b.name,
          ownPlanId: ownPlan(sub),
          state: sub.state,
          planId: entitled.planId,
          comp: compView(sub, row?.compNote ?? null, now),
          mentionsThisPeriod: mentions.get(b.id) ?? 0,
          monthlyMentions: entitled.monthlyMentions,
        };
      });
    return {
      ...org,
      brands: views,
      seatsUsed: seats.get(org.id) ?? 0,
      seatsTotal,
      openInvoices: openBy.get(org.id)?._count._all ?? 0,
      openCents: openBy.get(org.id)?._sum.totalCents ?? 0,
      overdueInvoices: overdueBy.get(org.id)?._count._all ?? 0,
      overdueCents: overdueBy.get(org.id)?._sum.totalCents ?? 0,
    };
  });
  return { organizations, nextCursor: rows.length > pageSize ? page[page.length - 1]!.id : null };
}
