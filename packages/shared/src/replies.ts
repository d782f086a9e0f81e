import { z } from 'zod';
import { idSchema, multilineText, text } from './limits.ts';
import { REPLY_LENGTHS } from './vocabulary.ts';

/**
 * Replies (docs/replies.md): the composer's inputs, canned replies with variables, approvals and delivery states.
 * Weighted counting lives in `reply-text.ts` (`@perch/shared/reply-text`), which loads twitter-text.
 */

const org = { organizationId: idSchema };

export const REPLY_LIMITS = {
  /** Stored text of any reply (X DMs allow 10,000 characters). */
  text: 10_000,
  directMessage: REPLY_LENGTHS.directMessage,
  webhook: REPLY_LENGTHS.webhook,
  cannedName: 120,
  cannedShortcut: 40,
  cannedText: 2_000,
  cannedPerBrand: 500,
  reviewComment: 1_000,
  approvalsPage: 100,
  /** A reply that failed this many times is dead (a 429 wait counts as an attempt too). */
  maxAttempts: 12,
} as const;

/** `awaiting_approval → queued → sending → sent | failed (retrying) | dead`; `canceled` and `rejected` end it. */
export const DELIVERY_STATES = [
  'awaiting_approval',
  'queued',
  'sending',
  'sent',
  'failed',
  'dead',
  'canceled',
  'rejected',
] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
/** States a reply leaves only by a person's action (retry) or never. */
export const FINAL_DELIVERY_STATES: readonly DeliveryState[] = ['sent', 'dead', 'canceled', 'rejected'];
/** States from which the author (or a manager) may cancel: the network has not been called for this attempt. */
export const CANCELABLE_STATES: readonly DeliveryState[] = ['awaiting_approval', 'queued', 'failed'];

/** What happens to the conversation when the reply is queued. */
export const REPLY_THEN = ['none', 'resolve', 'pending'] as const;
export type ReplyThen = (typeof REPLY_THEN)[number];

/** Public reply, direct message, or (handled by conversations.addNote) an internal note. */
export const REPLY_MODES = ['public', 'dm'] as const;
export type ReplyMode = (typeof REPLY_MODES)[number];

/** Reply text: paragraphs kept (line breaks), control characters refused; the weighted limit is checked apart. */
export const replyTextSchema = multilineText(REPLY_LIMITS.text);

export const sendReplyInput = z.strictObject({
  ...org,
  conversationId: idSchema,
  text: replyTextSchema,
  mode: z.enum(REPLY_MODES).default('public'),
  /** A fresh uuid per click of Send, kept across retries of the same request: one click, one reply. */
  idempotencyKey: z.uuid({ message: 'must be a uuid' }),
  /** The newest reply the agent saw when they opened the thread (null: none): a colleague's newer one is CONFLICT. */
  lastSeenReplyId: idSchema.nullable(),
  then: z.enum(REPLY_THEN).default('none'),
  /** Required with `then` resolve or pending: the status change is refused on a stale view, as any action. */
  expectedVersion: z.int().min(0).optional(),
  /** The canned reply inserted, if any (usage count, audit). */
  cannedReplyId: idSchema.optional(),
});

export const replyIdInput = z.strictObject({ ...org, replyId: idSchema });

export const reviewReplyInput = z.strictObject({
  ...org,
  replyId: idSchema,
  /** Approve as written, or with the manager's edit (the agent's original text is kept). */
  text: replyTextSchema.optional(),
});
export const rejectReplyInput = z.strictObject({
  ...org,
  replyId: idSchema,
  comment: multilineText(REPLY_LIMITS.reviewComment),
});

export const listApprovalsInput = z.strictObject({ ...org, brandId: idSchema.optional() });

/** Who needs approval: a member (every brand), or everyone replying for a brand. Managers and admins never do. */
export const setMemberApprovalInput = z.strictObject({ ...org, userId: idSchema, needsApproval: z.boolean() });
export const setBrandApprovalInput = z.strictObject({ ...org, brandId: idSchema, requiresApproval: z.boolean() });

export interface ReplyResult {
  id: string;
  state: DeliveryState;
  /** True when this idempotency key had already made the reply (nothing new was created). */
  replayed: boolean;
  /** The conversation after `then` (null when it did not change). */
  conversation: { id: string; version: number; status: string } | null;
}

export interface ApprovalItem {
  replyId: string;
  conversationId: string;
  brandId: string;
  authorUserId: string;
  authorName: string;
  text: string;
  isDirectMessage: boolean;
  /** The channel it goes out on: 'x' counts 280 weighted characters; 'webhook' allows REPLY_LIMITS.webhook. */
  channelKind: string;
  customer: { displayName: string; username: string | null };
  /** The customer's message it answers (plain text, may be ''). */
  inReplyToText: string;
  at: string;
}

// ───────────────────────────── Canned replies ─────────────────────────────

/** The variables a canned reply may use; anything else between {{ }} is refused when it is saved. */
export const CANNED_VARIABLES = ['customer.name', 'customer.handle', 'agent.first_name', 'brand.name'] as const;
export type CannedVariable = (typeof CANNED_VARIABLES)[number];
export type CannedValues = Record<CannedVariable, string>;

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Every {{ variable }} in a text, as written (trimmed), in order. */
export function variablesIn(template: string): string[] {
  return [...template.matchAll(VARIABLE)].map((m) => m[1] ?? '');
}

/** The variables of a text that are not known ones (the editor and the server refuse those). */
export function unknownVariables(template: string): string[] {
  return [...new Set(variablesIn(template).filter((v) => !(CANNED_VARIABLES as readonly string[]).includes(v)))];
}

/** Fills the known variables (unknown ones are left as written, so they stay visible and the send refuses them). */
export function fillVariables(template: string, values: CannedValues): string {
  return template.replace(VARIABLE, (whole, name: string) =>
    (CANNED_VARIABLES as readonly string[]).includes(name) ? values[name as CannedVariable] : whole,
  );
}

/** True while a text still holds a {{ variable }}: such a reply is refused (it would post the braces). */
export const hasVariables = (s: string) => variablesIn(s).length > 0;

/** `agent.first_name`: the first word of the member's name. */
export const firstNameOf = (name: string) => name.trim().split(/\s+/u)[0] ?? '';

const cannedText = multilineText(REPLY_LIMITS.cannedText).refine((s) => unknownVariables(s).length === 0, {
  message: `uses an unknown variable (known: ${CANNED_VARIABLES.map((v) => `{{${v}}}`).join(', ')})`,
});
const shortcut = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/u, 'letters, digits, - and _ only (up to 40)')
  .nullable();
const language = z
  .string()
  .regex(/^[a-z]{2}$/u, 'must be a two-letter language code')
  .default('en');

export const cannedReplyFields = {
  name: text(REPLY_LIMITS.cannedName),
  shortcut: shortcut.default(null),
  text: cannedText,
  language,
};
export const createCannedReplyInput = z.strictObject({ ...org, brandId: idSchema, ...cannedReplyFields });
export const updateCannedReplyInput = z.strictObject({ ...org, cannedReplyId: idSchema, ...cannedReplyFields });
export const cannedReplyIdInput = z.strictObject({ ...org, cannedReplyId: idSchema });
export const listCannedRepliesInput = z.strictObject({
  ...org,
  brandId: idSchema,
  /** Name, shortcut or text contains it (case-insensitive). */
  search: z.string().trim().max(100).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2}$/u)
    .optional(),
});

export interface CannedReplyItem {
  id: string;
  brandId: string;
  name: string;
  shortcut: string | null;
  text: string;
  language: string;
  useCount: number;
  updatedAt: string;
}
