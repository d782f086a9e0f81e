import { z } from 'zod';
import { CONVERSATION_STATUSES, idSchema, INBOX_LIMITS, prioritySchema, SENTIMENTS } from '@perch/shared';

/**
 * Filters of a conversation export (docs/reports.md): the inbox filters that make sense for a report, and two
 * date ranges (creation, last message). All optional, combined with AND; the values of one filter with OR.
 * `assigneeUserIds` / `teamIds` may hold 'none' (unassigned, no team), as in the inbox.
 */
const many = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(INBOX_LIMITS.filterValues).optional();
const instant = z.iso.datetime({ offset: true }).optional();

export const reportFiltersSchema = z.strictObject({
  brandIds: many(idSchema),
  channelIds: many(idSchema),
  statuses: many(z.enum(CONVERSATION_STATUSES)),
  priorities: many(prioritySchema),
  sentiments: many(z.enum(SENTIMENTS)),
  languages: many(z.string().regex(/^[a-z]{2,3}$/, 'must be a language code')),
  tagIds: many(idSchema),
  assigneeUserIds: many(z.union([idSchema, z.literal('none')])),
  teamIds: many(z.union([idSchema, z.literal('none')])),
});
export type ReportFilters = z.infer<typeof reportFiltersSchema>;

const dateRanges = { createdFrom: instant, createdTo: instant, lastMessageFrom: instant, lastMessageTo: instant };

type Ranged = { createdFrom?: string; createdTo?: string; lastMessageFrom?: string; lastMessageTo?: string };
const ordered = <T extends z.ZodType<Ranged>>(schema: T) =>
  schema
    .refine((f) => !f.createdFrom || !f.createdTo || Date.parse(f.createdFrom) <= Date.parse(f.createdTo), {
      message: 'createdFrom must not be after createdTo',
      path: ['createdTo'],
    })
    .refine(
      (f) => !f.lastMessageFrom || !f.lastMessageTo || Date.parse(f.lastMessageFrom) <= Date.parse(f.lastMessageTo),
      { message: 'lastMessageFrom must not be after lastMessageTo', path: ['lastMessageTo'] },
    );

export const exportFiltersSchema = ordered(reportFiltersSchema.extend(dateRanges));
export type ExportFilters = z.infer<typeof exportFiltersSchema>;

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The export route's query string: `organizationId` and the filters. */
export const exportQuerySchema = ordered(reportFiltersSchema.extend({ ...dateRanges, organizationId: idSchema }));

const LIST_KEYS = new Set(Object.keys(reportFiltersSchema.shape));

/**
 * Query-string lists come as `brandIds=a&brandIds=b` (repeated: an array) or `brandIds=a,b` (one value,
 * comma-separated); empty values are absent filters.
 */
export function normaliseQuery(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (value === '' || value === undefined) continue;
    if (!LIST_KEYS.has(key)) out[key] = value;
    else {
      const items = ((Array.isArray(value) ? value : [value]) as unknown[]).flatMap((x) =>
        typeof x === 'string' ? x.split(',') : [x],
      );
      const kept = items.filter((x) => x !== '');
      if (kept.length) out[key] = kept;
    }
  }
  return out;
}
