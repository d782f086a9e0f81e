import { WORKING_ROLES } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import type { Prisma } from '../../generated/prisma/client.ts';

/** The organization's brands, by name. */
export function brandsOf(db: DbOrTx, organizationId: string) {
  return db.brand.findMany({ where: { organizationId }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
}

/**
 * Seats taken in the organization: members with a working role, and pending invitations for one. Billing admins
 * take no seat. Seats are pooled: each brand's plan brings its seats to the organization (docs/billing.md).
 */
export async function seatsUsed(db: DbOrTx, organizationId: string): Promise<number> {
  return (await seatsUsedIn(db, [organizationId])).get(organizationId) ?? 0;
}

/** Seats taken in each of these organizations (the operator's console reads a page of them at once). */
export async function seatsUsedIn(db: DbOrTx, organizationIds: string[]): Promise<Map<string, number>> {
  const [members, invitations] = await Promise.all([
    db.membership.groupBy({
      by: ['organizationId'],
      where: { organizationId: { in: organizationIds }, role: { in: [...WORKING_ROLES] } },
      _count: { _all: true },
    }),
    db.invitation.groupBy({
      by: ['organizationId'],
      where: {
        organizationId: { in: organizationIds },
        role: { in: [...WORKING_ROLES] },
        acceptedAt: null,
        revokedAt: null,
        expiresAt: { gt: new Date() },
      },
      _count: { _all: true },
    }),
  ]);
  const used = new Map<string, number>();
  for (const row of [...members, ...invitations]) {
    used.set(row.organizationId, (used.get(row.organizationId) ?? 0) + row._count._all);
  }
  return used;
}

/** Mentions metered for each brand in the period starting at `periodStart`. */
export async function mentionsIn(db: DbOrTx, organizationId: string, periodStart: Date): Promise<Map<string, number>> {
  const rows = await db.usageRecord.findMany({
    where: { organizationId, metric: 'mentions', periodStart },
    select: { brandId: true, quantity: true },
  });
  return new Map(rows.map((r) => [r.brandId, r.quantity]));
}

/**
 * Claims an idempotency key for `procedure` inside the change's transaction. Returns the stored answer when the
 * key was used before (a retry, a double click): the caller replays it and changes nothing. A concurrent request
 * with the same key waits on the unique index until the first commits, then replays its answer.
 */
export async function claimIdempotencyKey(
  tx: DbOrTx,
  organizationId: string,
  key: string,
  procedure: string,
): Promise<{ replay: Prisma.JsonValue } | null> {
  const claimed = await tx.billingRequest.createMany({
    data: [{ organizationId, key, procedure, response: {} }],
    skipDuplicates: true,
  });
  if (claimed.count === 1) return null;
  const prior = await tx.billingRequest.findFirstOrThrow({
    where: { organizationId, key },
    select: { procedure: true, response: true },
  });
  if (prior.procedure !== procedure) return { replay: { reusedFor: prior.procedure } };
  return { replay: prior.response };
}

export async function storeIdempotentAnswer(tx: DbOrTx, organizationId: string, key: string, response: object) {
  await tx.billingRequest.updateMany({
    where: { organizationId, key },
    data: { response: JSON.parse(JSON.stringify(response)) as Prisma.InputJsonObject },
  });
}
