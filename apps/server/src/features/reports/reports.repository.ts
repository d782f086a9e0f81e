import type { DbOrTx } from '../../db/database.ts';
import type { Prisma } from '../../generated/prisma/client.ts';

const reportSelect = {
  id: true,
  organizationId: true,
  createdByUserId: true,
  name: true,
  frequency: true,
  weekday: true,
  hour: true,
  timeZone: true,
  recipients: true,
  filters: true,
  format: true,
  nextRunAt: true,
  lastSentAt: true,
  lastError: true,
} as const;

export type ReportRow = NonNullable<Awaited<ReturnType<typeof getReport>>>;

export interface ReportData {
  name: string;
  frequency: string;
  weekday: number | null;
  hour: number;
  timeZone: string;
  recipients: string[];
  filters: Prisma.InputJsonValue;
  format: string;
  nextRunAt: Date;
}

export function listReports(db: DbOrTx, organizationId: string) {
  return db.scheduledReport.findMany({ where: { organizationId }, select: reportSelect, orderBy: { name: 'asc' } });
}

export function getReport(db: DbOrTx, organizationId: string, reportId: string) {
  return db.scheduledReport.findFirst({ where: { id: reportId, organizationId }, select: reportSelect });
}

export function countReports(db: DbOrTx, organizationId: string) {
  return db.scheduledReport.count({ where: { organizationId } });
}

export function findReportByName(db: DbOrTx, organizationId: string, name: string) {
  return db.scheduledReport.findFirst({ where: { organizationId, name }, select: { id: true } });
}

export function insertReport(db: DbOrTx, data: ReportData & { organizationId: string; createdByUserId: string }) {
  return db.scheduledReport.create({ data, select: reportSelect });
}

export function changeReport(db: DbOrTx, reportId: string, data: ReportData) {
  return db.scheduledReport.update({ where: { id: reportId }, data, select: reportSelect });
}

export function removeReport(db: DbOrTx, reportId: string) {
  return db.scheduledReport.delete({ where: { id: reportId }, select: { id: true } });
}

/** Reports whose time has come, oldest first (every organization: the worker's query). */
export function dueReports(db: DbOrTx, now: Date, limit: number) {
  return db.scheduledReport.findMany({
    where: { nextRunAt: { lte: now } },
    select: reportSelect,
    orderBy: { nextRunAt: 'asc' },
    take: limit,
  });
}

/**
 * Takes a due run: moves nextRunAt from the value read to the next one, only if no other process did first
 * (compare-and-set), so that several workers send each report once.
 */
export async function claimRun(db: DbOrTx, reportId: string, due: Date, next: Date): Promise<boolean> {
  const { count } = await db.scheduledReport.updateMany({
    where: { id: reportId, nextRunAt: due },
    data: { nextRunAt: next },
  });
  return count === 1;
}

export function recordOutcome(db: DbOrTx, reportId: string, outcome: { sentAt: Date } | { error: string }) {
  return db.scheduledReport.update({
    where: { id: reportId },
    data:
      'sentAt' in outcome
        ? { lastSentAt: outcome.sentAt, lastError: null }
        : { lastError: outcome.error.slice(0, 500) },
    select: { id: true },
  });
}

export function brandsOf(db: DbOrTx, organizationId: string, brandIds: string[]) {
  return db.brand.findMany({
    where: { organizationId, id: { in: brandIds } },
    select: { id: true, name: true, timeZone: true },
    orderBy: { name: 'asc' },
  });
}
