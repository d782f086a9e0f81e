import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import type { Logger } from '../../logger.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { reportFiltersSchema, type ReportFilters } from '../exports/export-filters.ts';
import { resolveExport } from '../exports/export.service.ts';
import { conflict, type WorkspaceActor } from '../teams/workspace-actor.ts';
import { deliverReport } from './report-delivery.ts';
import {
  changeReport,
  claimRun,
  countReports,
  dueReports,
  findReportByName,
  getReport,
  insertReport,
  listReports,
  recordOutcome,
  removeReport,
  type ReportRow,
} from './reports.repository.ts';
import {
  REPORT_LIMITS,
  type createReportInput,
  type ReportFields,
  type ReportItem,
  type ReportList,
  type updateReportInput,
} from './reports.schemas.ts';
import { nextRunAt, type Schedule } from './schedule.ts';
import { SMTP_MISSING, smtpSettings, type SmtpSettings } from './smtp-settings.ts';

const toItem = (r: ReportRow): ReportItem => ({
  id: r.id,
  name: r.name,
  frequency: r.frequency as ReportItem['frequency'],
  weekday: r.weekday,
  hour: r.hour,
  timeZone: r.timeZone,
  recipients: r.recipients,
  filters: reportFiltersSchema.catch({}).parse(r.filters),
  format: r.format === 'xlsx' ? 'xlsx' : 'csv',
  nextRunAt: r.nextRunAt.toISOString(),
  lastSentAt: r.lastSentAt?.toISOString() ?? null,
  lastError: r.lastError,
});

const auditView = (r: ReportRow | ReportItem) => ({
  name: r.name,
  frequency: r.frequency,
  weekday: r.weekday,
  hour: r.hour,
  timeZone: r.timeZone,
  recipients: r.recipients,
  filters: r.filters as Record<string, string[]>,
  format: r.format,
});

function requireSmtp(): SmtpSettings {
  const smtp = smtpSettings();
  if (!smtp) throw new DomainError('VALIDATION', SMTP_MISSING, { smtp: 'missing' });
  return smtp;
}

/** A brand-limited manager sees the reports of their brands only (a report on every brand is not theirs). */
function visibleTo(actor: WorkspaceActor, report: ReportRow): boolean {
  if (actor.brandIds.length === 0) return true;
  const brands = reportFiltersSchema.catch({}).parse(report.filters).brandIds ?? [];
  return brands.length > 0 && brands.every((id) => actor.brandIds.includes(id));
}

async function reportInScope(db: DbOrTx, actor: WorkspaceActor, reportId: string) {
  const report = await getReport(db, actor.organizationId, reportId);
  if (!report || !visibleTo(actor, report)) throw notFound('Report');
  return report;
}

/**
 * The filters as stored: ids checked against the organization and the member's brands (foreign → NOT_FOUND, by
 * the export's own resolver), and a brand-limited manager's report narrowed to their brands.
 */
async function checkedFilters(db: DbOrTx, actor: WorkspaceActor, filters: ReportFilters): Promise<ReportFilters> {
  await resolveExport(db, actor, filters);
  if (actor.brandIds.length && !filters.brandIds) return { ...filters, brandIds: [...actor.brandIds] };
  return filters;
}

function dataOf(fields: ReportFields, filters: ReportFilters, now: Date) {
  const schedule: Schedule = {
    frequency: fields.frequency,
    weekday: fields.frequency === 'weekly' ? (fields.weekday ?? 1) : null,
    hour: fields.hour,
    timeZone: fields.timeZone,
  };
  return {
    name: fields.name,
    ...schedule,
    recipients: fields.recipients,
    filters,
    format: fields.format,
    nextRunAt: nextRunAt(schedule, now),
  };
}

const duplicateName = (name: string) => conflict(`A report named "${name}" already exists`);

async function uniqueName<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(name);
    throw error;
  }
}

export async function reportsOf(db: DbOrTx, actor: WorkspaceActor): Promise<ReportList> {
  const rows = await listReports(db, actor.organizationId);
  return { smtpConfigured: smtpSettings() !== null, reports: rows.filter((r) => visibleTo(actor, r)).map(toItem) };
}

export function createReport(
  db: Db,
  actor: WorkspaceActor,
  input: z.output<typeof createReportInput>,
  now = new Date(),
): Promise<ReportItem> {
  requireSmtp();
  return uniqueName(input.name, () =>
    db.$transaction(async (tx) => {
      const filters = await checkedFilters(tx, actor, input.filters);
      if (await findReportByName(tx, actor.organizationId, input.name)) throw duplicateName(input.name);
      if ((await countReports(tx, actor.organizationId)) >= REPORT_LIMITS.perOrganization) {
        throw new DomainError(
          'VALIDATION',
          `An organization can have at most ${REPORT_LIMITS.perOrganization} reports`,
        );
      }
      const report = await insertReport(tx, {
        ...dataOf(input, filters, now),
        organizationId: actor.organizationId,
        createdByUserId: actor.userId,
      });
      await writeAudit(tx, actor, {
        action: 'reports.create',
        targetType: 'scheduledReport',
        targetId: report.id,
        after: auditView(report),
      });
      return toItem(report);
    }),
  );
}

export function updateReport(
  db: Db,
  actor: WorkspaceActor,
  input: z.output<typeof updateReportInput>,
  now = new Date(),
): Promise<ReportItem> {
  requireSmtp();
  return uniqueName(input.name, () =>
    db.$transaction(async (tx) => {
      const before = await reportInScope(tx, actor, input.reportId);
      const filters = await checkedFilters(tx, actor, input.filters);
      const same = await findReportByName(tx, actor.organizationId, input.name);
      if (same && same.id !== before.id) throw duplicateName(input.name);
      const report = await changeReport(tx, before.id, dataOf(input, filters, now));
      await writeAudit(tx, actor, {
        action: 'reports.update',
        targetType: 'scheduledReport',
        targetId: report.id,
        before: auditView(before),
        after: auditView(report),
      });
      return toItem(report);
    }),
  );
}

export function deleteReport(db: Db, actor: WorkspaceActor, reportId: string): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const report = await reportInScope(tx, actor, reportId);
    await removeReport(tx, report.id);
    await writeAudit(tx, actor, {
      action: 'reports.delete',
      targetType: 'scheduledReport',
      targetId: report.id,
      before: auditView(report),
    });
    return { id: report.id };
  });
}

/**
 * "Send now": the report as it would go out now (the previous day or week), sent while the manager waits so the
 * answer says whether the mail server took it. The schedule is unchanged. A refusal is stored as the last error
 * and answered with the server's reason.
 */
export async function sendReportNow(db: Db, actor: WorkspaceActor, reportId: string, now = new Date()) {
  const smtp = requireSmtp();
  const report = await reportInScope(db, actor, reportId);
  try {
    await deliverReport(db, report, smtp, now);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    await recordOutcome(db, report.id, { error: reason });
    throw new DomainError('VALIDATION', `The report could not be sent: ${reason.slice(0, 300)}`);
  }
  return db.$transaction(async (tx) => {
    await recordOutcome(tx, report.id, { sentAt: now });
    await writeAudit(tx, actor, {
      action: 'reports.sendNow',
      targetType: 'scheduledReport',
      targetId: report.id,
      after: { recipients: report.recipients, format: report.format },
    });
    return { id: report.id, sentAt: now.toISOString() };
  });
}

/**
 * Sends every due report once (several workers may run: each run is claimed by moving nextRunAt first). The
 * period is the one of the scheduled time, so a worker that was down sends what was due, once, then resumes the
 * schedule from now (no burst of missed runs). A failure is stored as lastError; the next run is as scheduled.
 */
export async function runDueReports(
  deps: { db: Db; smtp?: SmtpSettings | null },
  logger: Logger,
  now = new Date(),
  limit = 20,
): Promise<{ sent: number; failed: number }> {
  const smtp = deps.smtp === undefined ? smtpSettings() : deps.smtp;
  if (!smtp) return { sent: 0, failed: 0 };
  let sent = 0;
  let failed = 0;
  for (const report of await dueReports(deps.db, now, limit)) {
    const next = nextRunAt(report as Schedule, now);
    if (!(await claimRun(deps.db, report.id, report.nextRunAt, next))) continue;
    try {
      await deliverReport(deps.db, report, smtp, report.nextRunAt);
      await recordOutcome(deps.db, report.id, { sentAt: new Date() });
      sent++;
      logger.info({ reportId: report.id, organizationId: report.organizationId }, 'scheduled report sent');
    } catch (error) {
      failed++;
      const reason = error instanceof Error ? error.message : String(error);
      await recordOutcome(deps.db, report.id, { error: reason }).catch(() => undefined);
      logger.warn(
        { err: error, reportId: report.id, organizationId: report.organizationId },
        'scheduled report failed',
      );
    }
  }
  return { sent, failed };
}
