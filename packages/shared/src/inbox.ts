import { z } from 'zod';
import { CONVERSATION_STATUSES, prioritySchema } from './conversation.ts';
import { idSchema, isoDateTime } from './limits.ts';
import type { HiddenHistory } from './retention.ts';
import {
  INBOX_LIMITS,
  INBOX_SORTS,
  INBOX_VIEWS,
  SENTIMENTS,
  SLA_STATES,
  type InboxView,
  type Sentiment,
  type SlaState,
} from './vocabulary.ts';

/**
 * The agent's inbox (docs/inbox.md): built-in views, filters, sorts and keyset pagination. The server is the
 * only judge of what a view contains; the web keeps view, filters, sort and the open conversation in the URL.
 */

export {
  INBOX_LIMITS,
  INBOX_SORTS,
  INBOX_VIEWS,
  SENTIMENTS,
  SLA_STATES,
  type InboxSort,
  type InboxView,
  type Sentiment,
  type SlaState,
} from './vocabulary.ts';

const many = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(INBOX_LIMITS.filterValues).optional();

/**
 * Filters, all optional and combined with AND (values of one filter with OR). `assigneeUserIds` may hold the
 * literal 'none' for unassigned; `teamIds` likewise. Dates bound the last message time, ISO 8601.
 */
export const inboxFiltersSchema = z.strictObject({
  brandIds: many(idSchema),
  channelIds: many(idSchema),
  statuses: many(z.enum(CONVERSATION_STATUSES)),
  priorities: many(prioritySchema),
  sentiments: many(z.enum(SENTIMENTS)),
  languages: many(z.string().regex(/^[a-z]{2,3}$/, 'must be a language code')),
  tagIds: many(idSchema),
  assigneeUserIds: many(z.union([idSchema, z.literal('none')])),
  teamIds: many(z.union([idSchema, z.literal('none')])),
  slaStates: many(z.enum(SLA_STATES)),
  vip: z.boolean().optional(),
  from: isoDateTime().optional(),
  to: isoDateTime().optional(),
});
export type InboxFilters = z.infer<typeof inboxFiltersSchema>;

/** Opaque keyset cursor returned by the server (base64url); never built by the client. */
export const inboxCursorSchema = z.string().max(400);

export const listInboxInput = z.strictObject({
  organizationId: idSchema,
  /** A built-in view, or a saved view's id (its filters and sort apply; `filters` then narrow further). */
  view: z.union([z.enum(INBOX_VIEWS), idSchema]),
  filters: inboxFiltersSchema.default({}),
  sort: z.enum(INBOX_SORTS).optional(), // default: the saved view's sort, else 'priority'
  cursor: inboxCursorSchema.nullish(),
  limit: z.number().int().min(1).max(INBOX_LIMITS.pageSizeMax).default(50),
});
export type ListInboxInput = z.input<typeof listInboxInput>;

/** One row of the inbox list: everything a row shows, as safe plain text (the web renders text, never HTML). */
export interface InboxRow {
  id: string;
  brandId: string;
  channelId: string | null;
  status: (typeof CONVERSATION_STATUSES)[number];
  priority: z.infer<typeof prioritySchema>;
  sentiment: Sentiment | null;
  language: string | null;
  tagIds: string[];
  assigneeUserId: string | null;
  teamId: string | null;
  isVip: boolean;
  customer: { id: string; displayName: string; username: string | null; followers: number; verified: boolean };
  /** The latest inbound message, cut to 200 characters ('' when deleted). */
  snippet: string;
  /** ISO 8601. */
  waitingSince: string | null;
  lastMessageAt: string;
  snoozedUntil: string | null;
  slaDueAt: string | null;
  slaState: SlaState;
  version: number;
}

export interface InboxPage {
  rows: InboxRow[];
  /** null when this is the last page. */
  nextCursor: string | null;
  /** Brands of the view whose closed history is hidden by their plan's retention (absent: none). */
  hiddenHistory?: HiddenHistory[];
}

/** Live counts of the built-in views (maintained counters), for the brands the user may see or one brand. */
export const inboxCountsInput = z.strictObject({ organizationId: idSchema, brandId: idSchema.optional() });
export type InboxCounts = Record<InboxView, number>;

/** Counts of saved views, capped at INBOX_LIMITS.savedViewCountCap (a bounded count). */
export const savedViewCountsInput = z.strictObject({
  organizationId: idSchema,
  brandId: idSchema.optional(),
});
export interface SavedViewCount {
  viewId: string;
  count: number;
  /** true when the count reached the cap ("1,000+"). */
  capped: boolean;
}

/**
 * Full-text search in one brand: PostgreSQL full-text over mention text (each mention in its language's
 * configuration) plus customer handle and name; newest first, bounded.
 */
export const searchInboxInput = z.strictObject({
  organizationId: idSchema,
  brandId: idSchema,
  query: z.string().trim().min(INBOX_LIMITS.searchMin).max(INBOX_LIMITS.searchMax),
  filters: inboxFiltersSchema.omit({ brandIds: true }).default({}),
  cursor: inboxCursorSchema.nullish(),
  limit: z.number().int().min(1).max(INBOX_LIMITS.pageSizeMax).default(50),
});
export interface SearchHit extends InboxRow {
  /** The matching mention (or the latest one when the customer matched). */
  matchedMentionId: string | null;
  /** Matching text cut to 200 characters around the first match; plain text. */
  matchedText: string;
}
export interface SearchPage {
  rows: SearchHit[];
  nextCursor: string | null;
  /** The brand's closed history hidden by its plan's retention (absent: none). */
  hiddenHistory?: HiddenHistory[];
}
