import { z } from 'zod';
import { IANAZone } from 'luxon';
import { idSchema } from '@perch/shared';
import { EXPORT_FORMATS, reportFiltersSchema } from '../exports/export-filters.ts';

/** Limits of scheduled reports (docs/reports.md). */
export const REPORT_LIMITS = {
  perOrganization: 50,
  recipients: 20,
  nameMax: 120,
  /** Rows in a mailed attachment: mail servers refuse big messages; the full set is a download away. */
  attachmentRows: 50_000,
} as const;

export const REPORT_FREQUENCIES = ['daily', 'weekly'] as const;
export type ReportFrequency = (typeof REPORT_FREQUENCIES)[number];

const name = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(REPORT_LIMITS.nameMax)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');
const timeZone = z
  .string()
  .max(64)
  .refine((v) => IANAZone.isValidZone(v), 'must be a time zone such as Europe/Paris');
const recipients = z
  .array(z.email({ message: 'must be an email address' }).max(254).toLowerCase())
  .min(1, 'add at least one recipient')
  .max(REPORT_LIMITS.recipients, `at most ${REPORT_LIMITS.recipients} recipients`)
  .transform((list) => [...new Set(list)]);

const fields = {
  name,
  frequency: z.enum(REPORT_FREQUENCIES),
  /** 1 = Monday … 7 = Sunday; weekly reports only. */
  weekday: z.number().int().min(1).max(7).nullish(),
  /** The local hour of sending, in `timeZone`. */
  hour: z.number().int().min(0).max(23),
  timeZone,
  recipients,
  filters: reportFiltersSchema.default({}),
  format: z.enum(EXPORT_FORMATS).default('csv'),
};

const weekdayForWeekly = (r: { frequency: ReportFrequency; weekday?: number | null | undefined }) =>
  r.frequency === 'daily' || typeof r.weekday === 'number';
const weekdayIssue = { message: 'choose a weekday for a weekly report', path: ['weekday'] };

export const listReportsInput = z.strictObject({ organizationId: idSchema });
export const createReportInput = z
  .strictObject({ organizationId: idSchema, ...fields })
  .refine(weekdayForWeekly, weekdayIssue);
export const updateReportInput = z
  .strictObject({ organizationId: idSchema, reportId: idSchema, ...fields })
  .refine(weekdayForWeekly, weekdayIssue);
export const reportIdInput = z.strictObject({ organizationId: idSchema, reportId: idSchema });

export type ReportFields = Omit<z.output<typeof createReportInput>, 'organizationId'>;

/** A scheduled report as the web shows it. */
export interface ReportItem {
  id: string;
  name: string;
  frequency: ReportFrequency;
  weekday: number | null;
  hour: number;
  timeZone: string;
  recipients: string[];
  filters: z.output<typeof reportFiltersSchema>;
  format: (typeof EXPORT_FORMATS)[number];
  nextRunAt: string;
  lastSentAt: string | null;
  lastError: string | null;
}

export interface ReportList {
  /** false: PERCH_SMTP_URL / PERCH_MAIL_FROM are not set; the page says so and schedules are refused. */
  smtpConfigured: boolean;
  reports: ReportItem[];
}
