/**
 * The columns of a conversation export, in order (docs/reports.md lists them with their meaning). `kind` decides
 * how a value is written: text is user-controlled (quoted when needed, guarded against formula injection in
 * CSV); number, time and code values are Perch's own (written as they are; typed cells in XLSX).
 */
export type ColumnKind = 'text' | 'code' | 'number' | 'time';

export const EXPORT_COLUMNS = [
  { key: 'id', kind: 'code' },
  { key: 'brand', kind: 'text' },
  { key: 'channel', kind: 'text' },
  { key: 'customer', kind: 'text' },
  { key: 'handle', kind: 'text' },
  { key: 'status', kind: 'code' },
  { key: 'priority', kind: 'code' },
  { key: 'assignee', kind: 'text' },
  { key: 'team', kind: 'text' },
  { key: 'tags', kind: 'text' },
  { key: 'sentiment', kind: 'code' },
  { key: 'language', kind: 'code' },
  { key: 'created', kind: 'time' },
  { key: 'resolved', kind: 'time' },
  { key: 'episodes', kind: 'number' },
  { key: 'inbound', kind: 'number' },
  { key: 'outbound', kind: 'number' },
  { key: 'replies', kind: 'number' },
  { key: 'first_responder', kind: 'text' },
  { key: 'first_response_s', kind: 'number' },
  { key: 'first_response_business_s', kind: 'number' },
  { key: 'reply_time_median_s', kind: 'number' },
  { key: 'reply_time_median_business_s', kind: 'number' },
  { key: 'resolution_s', kind: 'number' },
  { key: 'resolution_business_s', kind: 'number' },
  { key: 'full_resolution_s', kind: 'number' },
  { key: 'full_resolution_business_s', kind: 'number' },
  { key: 'requester_wait_s', kind: 'number' },
  { key: 'requester_wait_business_s', kind: 'number' },
  { key: 'sla_hits', kind: 'number' },
  { key: 'sla_breaches', kind: 'number' },
] as const satisfies readonly { key: string; kind: ColumnKind }[];

export type ExportColumnKey = (typeof EXPORT_COLUMNS)[number]['key'];
export const EXPORT_HEADER: readonly string[] = EXPORT_COLUMNS.map((c) => c.key);

/** One exported row: a value (as text; null = empty) per column of EXPORT_COLUMNS. */
export type ExportRow = (string | null)[];
