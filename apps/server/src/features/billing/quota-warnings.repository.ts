import type { QuotaWarningData } from '@perch/shared';
import type { Tx } from '../../db/database.ts';

/** Records these thresholds for the brand and period; returns those recorded now (not already there). */
export async function insertQuotaWarnings(
  tx: Tx,
  scope: { organizationId: string; brandId: string },
  periodStart: Date,
  thresholds: number[],
): Promise<number[]> {
  const rows = await tx.$queryRaw<{ threshold: number }[]>`
    INSERT INTO "QuotaWarning" ("organizationId", "brandId", "periodStart", threshold)
    SELECT ${scope.organizationId}::uuid, ${scope.brandId}::uuid, ${periodStart.toISOString()}::timestamptz, t
    FROM unnest(${thresholds}::int[]) AS u(t)
    ON CONFLICT ("brandId", "periodStart", threshold) DO NOTHING
    RETURNING threshold`;
  return rows.map((r) => r.threshold);
}

/** The organization's owners and billing admins who see the brand (a member limited to other brands does not). */
export async function billingRecipients(tx: Tx, organizationId: string, brandId: string): Promise<string[]> {
  const rows = await tx.membership.findMany({
    where: {
      organizationId,
      role: { in: ['owner', 'billing_admin'] },
      OR: [{ brandIds: { isEmpty: true } }, { brandIds: { has: brandId } }],
    },
    select: { userId: true },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((r) => r.userId);
}

export async function brandNameOf(tx: Tx, organizationId: string, brandId: string): Promise<string> {
  const brand = await tx.brand.findFirst({ where: { id: brandId, organizationId }, select: { name: true } });
  return brand?.name ?? '';
}

/** One `quota_warning` notification per recipient (no conversation, no actor). */
export async function notifyQuotaWarning(
  tx: Tx,
  organizationId: string,
  userIds: string[],
  data: QuotaWarningData,
): Promise<void> {
  if (userIds.length === 0) return;
  await tx.notification.createMany({
    data: userIds.map((userId) => ({
      organizationId,
      userId,
      kind: 'quota_warning',
      conversationId: null,
      actorUserId: null,
      data: { ...data },
    })),
  });
}
