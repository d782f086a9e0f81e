import { Readable } from 'node:stream';
import type { Db } from '../../db/database.ts';
import { csvChunks } from '../exports/csv.ts';
import { reportFiltersSchema } from '../exports/export-filters.ts';
import { prismaFetcher } from '../exports/export.repository.ts';
import { exportBatches, exportFileName, exportFormatter, resolveExport } from '../exports/export.service.ts';
import { brandsOf, type ReportRow } from './reports.repository.ts';
import { REPORT_LIMITS, type ReportFrequency } from './reports.schemas.ts';
import { reportPeriod } from './schedule.ts';
import type { SmtpSettings } from './smtp-settings.ts';
import { reportSummary, summaryText } from './summary.ts';

const CONTENT_TYPE = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * Builds and sends one report as of `at` (its scheduled time, or now for "Send now"): the summary of the previous
 * day or week in the mail body, and the conversations with a message in that period as the attachment,
 * streamed into the mail. Filters are re-checked against the organization (a tag deleted since → NOT_FOUND,
 * recorded as the report's last error).
 */
export async function deliverReport(db: Db, report: ReportRow, smtp: SmtpSettings, at: Date): Promise<void> {
  const period = reportPeriod(report.frequency as ReportFrequency, report.timeZone, at);
  const filters = reportFiltersSchema.parse(report.filters);
  // The schedule runs as the organization: the brands were narrowed to its author's when it was saved.
  const actor = {
    userId: report.createdByUserId ?? '',
    organizationId: report.organizationId,
    membershipId: '',
    brandIds: [],
  };
  const resolved = await resolveExport(db, actor, {
    ...filters,
    lastMessageFrom: period.from.toISOString(),
    lastMessageTo: new Date(period.to.getTime() - 1).toISOString(),
  });
  const brands = await brandsOf(db, report.organizationId, resolved.scope?.brandIds ?? []);
  const summary = await reportSummary(db, report.organizationId, brands, period);
  const format = report.format === 'xlsx' ? 'xlsx' : 'csv';
  const batches = exportBatches(prismaFetcher(db), resolved, { maxRows: REPORT_LIMITS.attachmentRows });
  // Set by the XLSX writer if it fails after the mail has started (the attachment is then cut short).
  const failed: { error?: Error } = {};
  const content =
    format === 'csv'
      ? Readable.from(csvChunks(batches, exportFormatter(resolved.dictionaries)))
      : (await import('../exports/xlsx.ts')).xlsxStream(batches, exportFormatter(resolved.dictionaries), (error) => {
          failed.error = error instanceof Error ? error : new Error(String(error));
        });
  // Loaded on first use (P11): most server processes never send a report.
  const { sendMail } = await import('./mailer.ts');
  await sendMail(smtp, {
    to: report.recipients,
    subject: `Perch report: ${report.name} (${period.label})`,
    text: summaryText({
      name: report.name,
      period,
      timeZone: report.timeZone,
      brandNames: brands.map((b) => b.name),
      summary,
      attachment: { format, maxRows: REPORT_LIMITS.attachmentRows },
    }),
    attachment: {
      filename: exportFileName(resolved.brandNames, format, at),
      contentType: CONTENT_TYPE[format],
      content,
    },
  });
  if (failed.error) throw failed.error;
}
