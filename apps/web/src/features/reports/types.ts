import type { inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@perch/server/router';

type Api = TRPCOptionsProxy<AppRouter>;
export type ReportList = inferOutput<Api['reports']['list']>;
export type Report = ReportList['reports'][number];
export type ReportFilters = Report['filters'];

export interface ReportValues {
  name: string;
  frequency: 'daily' | 'weekly';
  weekday: number | null;
  hour: number;
  timeZone: string;
  recipients: string[];
  filters: ReportFilters;
  format: 'csv' | 'xlsx';
}
