/**
 * Filters of a conversation export (the server's route checks them: docs/reports.md). Lists go as one
 * comma-separated value each; dates as ISO 8601 instants.
 */
export interface ExportFilters {
  brandIds?: readonly string[];
  channelIds?: readonly string[];
  statuses?: readonly string[];
  priorities?: readonly string[];
  sentiments?: readonly string[];
  languages?: readonly string[];
  tagIds?: readonly string[];
  assigneeUserIds?: readonly string[];
  teamIds?: readonly string[];
  createdFrom?: string;
  createdTo?: string;
  lastMessageFrom?: string;
  lastMessageTo?: string;
}

export type ExportFormat = 'csv' | 'xlsx';

/** The download address of an export: `/api/exports/conversations.<format>?organizationId=…&<filters>`. */
export function exportUrl(organizationId: string, format: ExportFormat, filters: ExportFilters = {}): string {
  const query = new URLSearchParams({ organizationId });
  for (const [key, value] of Object.entries(filters) as [string, string | readonly string[] | undefined][]) {
    if (value === undefined) continue;
    if (typeof value === 'string') {
      if (value) query.set(key, value);
    } else if (value.length) query.set(key, value.join(','));
  }
  return `/api/exports/conversations.${format}?${query.toString()}`;
}
