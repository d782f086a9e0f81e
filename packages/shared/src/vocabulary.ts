/**
 * The workspace's vocabulary as plain values, without zod: the web's first load (the inbox) imports these from
 * `@perch/shared/vocabulary` and stays small (P8); the zod schemas built on them live in the other modules.
 */

/** Conversation vocabulary (product.md): status machine and priorities. */
export const CONVERSATION_STATUSES = ['new', 'open', 'pending', 'snoozed', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;

// ───────────────────────────── Inbox ─────────────────────────────

/** Built-in views. "Open work" means status new, open, pending or snoozed (not resolved). */
export const INBOX_VIEWS = [
  'new',
  'mine',
  'unassigned',
  'my_team',
  'all_open',
  'pending',
  'snoozed',
  'resolved',
] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

/**
 * - priority: urgent first, then the longest waiting within a priority;
 * - sla_due: the nearest SLA due time first (conversations without one last);
 * - longest_waiting: the oldest unanswered inbound message first (answered ones last);
 * - newest / oldest: by the last message.
 */
export const INBOX_SORTS = ['priority', 'sla_due', 'longest_waiting', 'newest', 'oldest'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/** SLA states: the SLA issue sets them; until then every conversation is 'none'. */
export const SLA_STATES = ['none', 'ok', 'warning', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export const INBOX_LIMITS = {
  /** Values per multi-valued filter (tags, assignees, …). */
  filterValues: 20,
  searchMin: 2,
  /** = LIMITS.searchMax */
  searchMax: 200,
  pageSizeMax: 100,
  /** Above this a saved view's count shows as "1,000+" (counted with a bounded query, not a counter). */
  savedViewCountCap: 1000,
} as const;

// ───────────────────────────── Working a conversation ─────────────────────────────

export const WORK_LIMITS = {
  note: 5000,
  customerNote: 2000,
  bulkMax: 500,
  tagsPerConversation: 20,
  mentionsPerNote: 20,
  snoozeMaxDays: 90,
  threadPage: 200,
} as const;

/**
 * Allowed status changes by an agent. `new` is only ever set by ingest (a new conversation); an inbound
 * message reopens a pending, snoozed or resolved conversation (ingest, not here).
 */
export const STATUS_TRANSITIONS: Record<ConversationStatus, readonly ConversationStatus[]> = {
  new: ['open', 'pending', 'snoozed', 'resolved'],
  open: ['pending', 'snoozed', 'resolved'],
  pending: ['open', 'snoozed', 'resolved'],
  snoozed: ['open', 'pending', 'resolved'],
  resolved: ['open'],
};

export function canTransition(from: ConversationStatus, to: ConversationStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/** Presence: viewing or typing in a conversation expires after this unless refreshed. */
export const PRESENCE_TTL_MS = 30_000;

/** How long a reply may be (zod-free, so that `reply-text.ts` can measure without the zod barrel). */
export const REPLY_LENGTHS = {
  /** A direct message on X, in characters. */
  directMessage: 10_000,
  /** A reply through a generic webhook channel, in characters (the brand's own system decides beyond that). */
  webhook: 5_000,
} as const;

export const NOTIFICATION_KINDS = [
  'note_mention',
  'assigned',
  'automation',
  'reply_approved',
  'reply_rejected',
  'reply_dead',
  'sla_breached',
  /** A brand reached 80 % or 100 % of its monthly mention quota (owners and billing admins). */
  'quota_warning',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

// ───────────────────────────── Workspace settings ─────────────────────────────

export const WORKSPACE_LIMITS = {
  tagName: 60,
  tagsPerBrand: 500,
  teamName: 120,
  teamsPerOrganization: 200,
  membersPerTeam: 500,
  capacityMin: 1,
  capacityMax: 200,
  savedViewName: 80,
  savedViewsPerUser: 50,
} as const;

export const DEFAULT_TAG_COLOR = '#6b7280';

export const AVAILABILITIES = ['online', 'away', 'offline'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

/** The roles that work conversations (they appear in agents.list and may join teams). */
export const WORKING_ROLES = ['owner', 'admin', 'manager', 'agent'] as const;
/** The roles that manage tags, teams, capacity and shared views. */
export const MANAGING_ROLES = ['owner', 'admin', 'manager'] as const;
