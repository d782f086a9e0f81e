import type { Priority } from '@perch/shared';
import type { DbOrTx, Tx } from '../../db/database.ts';
import { Prisma } from '../../generated/prisma/client.ts';

/** SLA policies and the brand calendar: the settings side of the SLA feature, scoped by organization. */

const policySelect = {
  id: true,
  brandId: true,
  priority: true,
  name: true,
  firstResponseMinutes: true,
  nextResponseMinutes: true,
  resolutionMinutes: true,
  businessHours: true,
  warnAtPercent: true,
  updatedAt: true,
} as const;

export type SlaPolicyRow = Prisma.SlaPolicyGetPayload<{ select: typeof policySelect }>;

export interface SlaPolicyData {
  name: string;
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  businessHours: boolean;
  warnAtPercent: number;
}

export function brandSettings(db: DbOrTx, organizationId: string, brandId: string) {
  return db.brand.findFirst({
    where: { id: brandId, organizationId },
    select: { id: true, timeZone: true, businessCalendar: true },
  });
}

export function listPolicies(db: DbOrTx, organizationId: string, brandId: string): Promise<SlaPolicyRow[]> {
  return db.slaPolicy.findMany({ where: { organizationId, brandId }, select: policySelect });
}

export function findPolicy(db: DbOrTx, organizationId: string, policyId: string): Promise<SlaPolicyRow | null> {
  return db.slaPolicy.findFirst({ where: { id: policyId, organizationId }, select: policySelect });
}

export function findPolicyFor(db: DbOrTx, organizationId: string, brandId: string, priority: Priority) {
  return db.slaPolicy.findFirst({ where: { organizationId, brandId, priority }, select: policySelect });
}

/** One policy per (brand, priority): saving replaces it. */
export function upsertPolicy(
  tx: Tx,
  key: { organizationId: string; brandId: string; priority: Priority },
  data: SlaPolicyData,
): Promise<SlaPolicyRow> {
  return tx.slaPolicy.upsert({
    where: { organizationId_brandId_priority: key },
    create: { ...key, ...data },
    update: data,
    select: policySelect,
  });
}

export async function deletePolicy(tx: Tx, organizationId: string, policyId: string) {
  await tx.slaPolicy.deleteMany({ where: { id: policyId, organizationId } });
}

export async function setCalendar(tx: Tx, organizationId: string, brandId: string, calendar: object | null) {
  await tx.brand.updateMany({
    where: { id: brandId, organizationId },
    data: { businessCalendar: calendar === null ? Prisma.DbNull : (calendar as Prisma.InputJsonValue) },
  });
}
