import { z } from 'zod';
import { CONVERSATION_STATUSES, prioritySchema, type ConversationStatus } from './conversation.ts';
import type { InboxRow } from './inbox.ts';
import { idSchema, isoDateTime, multilineText } from './limits.ts';
import type { DeliveryState } from './replies.ts';
import { WORK_LIMITS, type NotificationKind } from './vocabulary.ts';
import type { QuotaWarningData } from './quota.ts';

/**
 * Working a conversation (docs/inbox.md): the status machine, assignment, tags, notes, bulk actions and the
 * conversation detail. Every mutation names the `version` the agent saw: when a colleague changed the
 * conversation since, the server answers CONFLICT saying who did what (stale-action guard), never overwrites.
 */

export {
  canTransition,
  NOTIFICATION_KINDS,
  PRESENCE_TTL_MS,
  STATUS_TRANSITIONS,
  WORK_LIMITS,
  type NotificationKind,
} from './vocabulary.ts';

const org = { organizationId: idSchema };
/** The conversation and the version the caller saw (stale-action guard). */
const target = { ...org, conversationId: idSchema, expectedVersion: z.number().int().min(0) };

export const conversationIdInput = z.strictObject({ ...org, conversationId: idSchema });

/** `snoozedUntil` is required with 'snoozed' (future, at most WORK_LIMITS.snoozeMaxDays ahead), refused otherwise. */
export const changeStatusInput = z.strictObject({
  ...target,
  status: z.enum(CONVERSATION_STATUSES).exclude(['new']),
  snoozedUntil: isoDateTime().optional(),
});

/** Assign to a member (null: unassign). A member must be allowed on the conversation's brand. */
export const assignInput = z.strictObject({ ...target, assigneeUserId: idSchema.nullable() });
/** Take an unassigned conversation (or one assigned to you): CONFLICT when someone else holds it. */
export const claimInput = z.strictObject({ ...target });
export const setTeamInput = z.strictObject({ ...target, teamId: idSchema.nullable() });
export const setPriorityInput = z.strictObject({ ...target, priority: prioritySchema });
/** Tags to add and remove (brand tags only). */
export const changeTagsInput = z.strictObject({
  ...target,
  add: z.array(idSchema).max(WORK_LIMITS.tagsPerConversation).default([]),
  remove: z.array(idSchema).max(WORK_LIMITS.tagsPerConversation).default([]),
});

/** An internal note; `@name` mentions are sent as member user ids (the composer resolves them). */
export const addNoteInput = z.strictObject({
  ...org,
  conversationId: idSchema,
  text: multilineText(WORK_LIMITS.note),
  mentionedUserIds: z.array(idSchema).max(WORK_LIMITS.mentionsPerNote).default([]),
});

export const addCustomerNoteInput = z.strictObject({
  ...org,
  customerId: idSchema,
  text: multilineText(WORK_LIMITS.customerNote),
});

/** "Get next": assigns the best waiting conversation to the caller (priority, then SLA due, then waiting). */
export const getNextInput = z.strictObject({ ...org, brandId: idSchema.optional() });

/** One action on many conversations: all or nothing, one audit row per call listing them (S12; docs/conversations.md). */
export const bulkActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('assign'), assigneeUserId: idSchema.nullable() }),
  z.strictObject({ kind: z.literal('add_tag'), tagId: idSchema }),
  z.strictObject({ kind: z.literal('remove_tag'), tagId: idSchema }),
  z.strictObject({ kind: z.literal('status'), status: z.enum(CONVERSATION_STATUSES).exclude(['new', 'snoozed']) }),
  z.strictObject({ kind: z.literal('priority'), priority: prioritySchema }),
  z.strictObject({ kind: z.literal('snooze'), snoozedUntil: isoDateTime() }),
]);
export type BulkAction = z.infer<typeof bulkActionSchema>;
export const bulkInput = z.strictObject({
  ...org,
  /** Each conversation with the version the agent saw. */
  items: z
    .array(z.strictObject({ conversationId: idSchema, expectedVersion: z.number().int().min(0) }))
    .min(1)
    .max(WORK_LIMITS.bulkMax),
  action: bulkActionSchema,
});
export interface BulkResult {
  changed: number;
}

/** Presence: the caller is viewing (typing: false) or typing a reply in a conversation. Expires after 30 s. */
export const presenceInput = z.strictObject({ ...org, conversationId: idSchema, typing: z.boolean() });
/** Who is viewing or typing in each of these conversations (the caller's own entry included). */
export const presenceOfInput = z.strictObject({ ...org, conversationIds: z.array(idSchema).min(1).max(100) });
export type PresenceOf = Record<string, PresenceEntry[]>;
export interface PresenceEntry {
  userId: string;
  name: string;
  typing: boolean;
  /** ISO 8601: when it expires unless refreshed. */
  expiresAt: string;
}

// ───────────────────────────── The conversation detail ─────────────────────────────

export type ThreadItem =
  | {
      kind: 'mention';
      id: string;
      at: string;
      direction: 'inbound' | 'outbound';
      mentionKind: string; // mention | reply | quote | dm | outbound
      text: string; // '' when deleted
      deleted: boolean;
      authorName: string;
      authorUsername: string | null;
      externalId: string;
      sentiment: string | null;
      language: string | null;
    }
  | {
      kind: 'reply';
      id: string;
      at: string;
      text: string;
      authorUserId: string;
      authorName: string;
      isDirectMessage: boolean;
      state: DeliveryState;
      /** The network's reason of the last failure (retrying or dead). */
      lastError: string | null;
      attempts: number;
      /** While `failed`: when the next attempt starts. */
      nextAttemptAt: string | null;
      sentAt: string | null;
      /** The post's id on the network once sent. */
      networkId: string | null;
      /** Approval: who reviewed it, when, their comment (a rejection's reason), and the agent's text if edited. */
      review: {
        byUserId: string;
        byName: string;
        at: string;
        comment: string | null;
        originalText: string | null;
      } | null;
    }
  | {
      kind: 'note';
      id: string;
      at: string;
      text: string;
      /** null: written by an automation rule (`automationRule` names it). */
      authorUserId: string | null;
      authorName: string;
      mentionedUserIds: string[];
      automationRule: { id: string; name: string } | null;
    };

export interface TimelineEvent {
  id: string;
  type: string;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
}

export interface CustomerPanel {
  id: string;
  displayName: string;
  isVip: boolean;
  handles: {
    id: string;
    network: string;
    username: string;
    followers: number;
    verified: boolean;
    profileUrl: string | null; // http/https only, else null
  }[];
  notes: { id: string; text: string; authorUserId: string; authorName: string; at: string }[];
  /** Other conversations of this customer with the same brand, newest first (at most 20). */
  previousConversations: { id: string; status: ConversationStatus; lastMessageAt: string; snippet: string }[];
}

export interface ConversationDetail {
  conversation: InboxRow & {
    createdAt: string;
    firstResponseDueAt: string | null;
    resolutionDueAt: string | null;
    episodeStartedAt: string;
    lastOutboundAt: string | null;
    /** The kind of channel replies go out on ('x', 'webhook'…; null: none, e.g. an import): the composer's limit. */
    channelKind: string | null;
  };
  /** Oldest first; at most WORK_LIMITS.threadPage newest items. */
  thread: ThreadItem[];
  /** True when older thread items exist beyond WORK_LIMITS.threadPage (not shown). */
  threadTruncated: boolean;
  /** Oldest first; at most WORK_LIMITS.threadPage newest events. */
  timeline: TimelineEvent[];
  customer: CustomerPanel;
}

/** What every single-conversation action returns: the new state and version (the next action's expectedVersion). */
export interface ConversationActionResult {
  id: string;
  version: number;
  status: ConversationStatus;
  priority: z.infer<typeof prioritySchema>;
  assigneeUserId: string | null;
  teamId: string | null;
  tagIds: string[];
  snoozedUntil: string | null;
  resolvedAt: string | null;
}

/** The kinds of change a stale action can be told about (the web words each in the user's language). */
export const CONFLICT_CHANGE_KINDS = [
  'took',
  'assigned',
  'unassigned',
  'status',
  'woke',
  'reopened',
  'team',
  'priority',
  'tags',
  'replied',
  'received',
  'macro',
  'other',
] as const;
export type ConflictChangeKind = (typeof CONFLICT_CHANGE_KINDS)[number];

/** What a stale action's CONFLICT carries (in the error's data.conflict) so the UI can say who did what. */
export interface ConflictInfo {
  actorName: string | null;
  /** English words for API clients ('assigned it to Léa', 'resolved it'); the web words `change` instead. */
  what: string;
  change: {
    kind: ConflictChangeKind;
    /** The status or priority it was set to. */
    to: string | null;
    /** Who it was assigned to ('assigned'). */
    assigneeName: string | null;
    /** The automation rule that made the change (then `actorName` is null), or the macro applied ('macro'). */
    ruleName: string | null;
    macroName: string | null;
  };
  at: string;
  currentVersion: number;
}

// ───────────────────────────── Notifications ─────────────────────────────

export const listNotificationsInput = z.strictObject({
  ...org,
  unreadOnly: z.boolean().default(false),
  cursor: z.string().max(100).nullish(),
  limit: z.number().int().min(1).max(50).default(20),
});
export const markNotificationsReadInput = z.strictObject({
  ...org,
  /** Omitted: all of the caller's notifications. */
  notificationIds: z.array(idSchema).min(1).max(100).optional(),
});
export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  conversationId: string | null;
  actorUserId: string | null;
  actorName: string | null;
  /** The automation rule that sent it (then there is no actor). */
  ruleName: string | null;
  /** Plain text, e.g. the note's first 200 characters. */
  excerpt: string;
  /** With `quota_warning`: the brand, the threshold reached and the figures (no conversation). */
  quota?: QuotaWarningData | null;
  readAt: string | null;
  at: string;
}
export interface NotificationPage {
  items: NotificationItem[];
  /** null when this is the last page. */
  nextCursor: string | null;
}
