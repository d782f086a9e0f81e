import { z } from 'zod';
import { describeIssues, displayNameSchema, normalizeText, PayloadError, type Rejection } from './generic-webhook.ts';
import type { MentionDeletion, NormalizedMention } from './normalized-mention.ts';

/**
 * Parser for X Account Activity POST bodies (v1.1 objects). Schemas are not strict: X adds fields all the time and
 * they must not cost us a mention. One bad event is rejected with its path and reason, the others are kept.
 */

export { PayloadError };

/** X ids are 64-bit integers: only the string forms (`id_str`) are exact, JSON numbers lose precision. */
const xId = z.string().regex(/^\d{1,20}$/, 'must be a numeric id string');
/** Handles are letters, digits and underscores; the profile link is built from them, so nothing else may pass. */
const screenName = z.string().regex(/^\w{1,50}$/, 'must be an X handle (letters, digits, _)');
const displayName = displayNameSchema.nullish();

export const xUserSchema = z.object({
  id_str: xId,
  screen_name: screenName,
  name: displayName,
  followers_count: z.int().nonnegative().nullish(),
  verified: z.boolean().nullish(),
});

export const xTweetSchema = z.object({
  id_str: xId,
  text: z.string().nullish(),
  full_text: z.string().nullish(),
  truncated: z.boolean().nullish(),
  extended_tweet: z.object({ full_text: z.string() }).nullish(),
  user: xUserSchema,
  in_reply_to_status_id_str: xId.nullish(),
  quoted_status_id_str: xId.nullish(),
  is_quote_status: z.boolean().nullish(),
  retweeted_status: z.unknown().optional(),
  /** X's format: `Wed Oct 10 20:19:24 +0000 2018`. */
  created_at: z.string().max(64),
});

export const xTweetDeleteSchema = z.object({ status: z.object({ id: xId, user_id: xId }) });

export const xDirectMessageSchema = z.object({
  type: z.literal('message_create'),
  id: xId,
  /** Milliseconds since the epoch, as a string. */
  created_timestamp: z.string().regex(/^\d{1,15}$/, 'must be a millisecond timestamp string'),
  message_create: z.object({
    sender_id: xId,
    target: z.object({ recipient_id: xId }),
    message_data: z.object({ text: z.string() }),
  }),
});

/** Entries of the DM payload's `users` map (keyed by id; `id` instead of `id_str`). */
export const xDmUserSchema = z.object({
  id: xId,
  screen_name: screenName,
  name: displayName,
  followers_count: z.int().nonnegative().nullish(),
  verified: z.boolean().nullish(),
});

export interface XActivity {
  forUserId: string;
  mentions: NormalizedMention[];
  deletions: MentionDeletion[];
  /** Bad events: `{ path: 'tweet_create_events[3]', reason: 'user.id_str: …' }`. */
  rejected: Rejection[];
  /** Valid events Perch does not store: retweets, DM event types other than message_create. */
  ignored: Rejection[];
  /** Top-level keys this parser does not handle (favorite_events, follow_events, …), for metrics. */
  unknownEventTypes: string[];
  /** How many of the `user_has_blocked` / `is_blocked_by` flags are true in this body (0 to 2). */
  blocks: number;
}

type EventResult =
  { mention: NormalizedMention } | { deletion: MentionDeletion } | { error: string } | { ignored: string };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const X_DATE =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/;

/** Parses X's `created_at`; impossible dates (Feb 30, 25:00) are refused rather than rolled over. */
export function parseXDate(s: string): Date | null {
  const m = X_DATE.exec(s);
  const month = MONTHS.indexOf(m?.[1] ?? '');
  if (!m || month < 0) return null;
  const [d = 0, h = 0, mi = 0, se = 0, , oh = 0, om = 0, y = 0] = m.slice(2).map(Number);
  if (h > 23 || mi > 59 || se > 59 || oh > 23 || om > 59 || y < 1970) return null;
  const local = new Date(Date.UTC(y, month, d, h, mi, se));
  if (local.getUTCDate() !== d) return null;
  const offsetMin = (m[6] === '-' ? -1 : 1) * (oh * 60 + om);
  return new Date(local.getTime() - offsetMin * 60_000);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function author(user: z.infer<typeof xUserSchema> | z.infer<typeof xDmUserSchema>, id: string) {
  return {
    externalUserId: id,
    username: user.screen_name,
    displayName: (user.name || user.screen_name).normalize('NFC'),
    followers: user.followers_count ?? 0,
    verified: user.verified ?? false,
    // v1.1 `user.url` is the user's own website (a t.co link), not their X profile: build the profile link.
    profileUrl: `https://x.com/${user.screen_name}`,
  };
}

function tweet(event: unknown, forUserId: string): EventResult {
  const parsed = xTweetSchema.safeParse(event);
  if (!parsed.success) return { error: describeIssues(parsed.error, 'event') };
  const t = parsed.data;
  if (t.retweeted_status != null) return { ignored: 'retweet (not a mention)' };
  const rawText = t.truncated && t.extended_tweet ? t.extended_tweet.full_text : (t.text ?? t.full_text);
  if (rawText == null) return { error: 'text: missing' };
  const text = normalizeText(rawText);
  if ('error' in text) return { error: `text: ${text.error}` };
  const postedAt = parseXDate(t.created_at);
  if (!postedAt) return { error: 'created_at: expected X format "Wed Oct 10 20:19:24 +0000 2018"' };
  const kind =
    t.user.id_str === forUserId
      ? 'outbound'
      : t.in_reply_to_status_id_str
        ? 'reply'
        : t.quoted_status_id_str || t.is_quote_status
          ? 'quote'
          : 'mention';
  return {
    mention: {
      externalId: t.id_str,
      kind,
      text: text.text,
      inReplyToExternalId: t.in_reply_to_status_id_str ?? null,
      // v1.1 objects carry no conversation id; threading follows inReplyToExternalId.
      threadExternalId: null,
      postedAt,
      author: author(t.user, t.user.id_str),
      raw: event,
    },
  };
}

function tweetDelete(event: unknown): EventResult {
  const parsed = xTweetDeleteSchema.safeParse(event);
  if (!parsed.success) return { error: describeIssues(parsed.error, 'event') };
  return { deletion: { externalId: parsed.data.status.id, authorExternalUserId: parsed.data.status.user_id } };
}

function directMessage(event: unknown, forUserId: string, users: unknown): EventResult {
  const type = isRecord(event) ? event.type : undefined;
  if (typeof type === 'string' && type !== 'message_create') return { ignored: `direct message event type "${type}"` };
  const parsed = xDirectMessageSchema.safeParse(event);
  if (!parsed.success) return { error: describeIssues(parsed.error, 'event') };
  const dm = parsed.data;
  const { sender_id: senderId, target } = dm.message_create;
  const sender = isRecord(users) && Object.hasOwn(users, senderId) ? users[senderId] : undefined;
  const user = xDmUserSchema.safeParse(sender);
  if (!user.success) return { error: `users.${senderId}: ${describeIssues(user.error, 'sender')}` };
  const text = normalizeText(dm.message_create.message_data.text);
  if ('error' in text) return { error: `message_create.message_data.text: ${text.error}` };
  // One conversation per pair of accounts, whoever writes: X v2 names it "<smaller id>-<larger id>".
  const pair = [BigInt(senderId), BigInt(target.recipient_id)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    mention: {
      externalId: dm.id,
      kind: senderId === forUserId ? 'outbound' : 'dm',
      text: text.text,
      inReplyToExternalId: null,
      threadExternalId: pair.join('-'),
      postedAt: new Date(Number(dm.created_timestamp)),
      author: author(user.data, senderId),
      raw: { event, user: sender },
    },
  };
}

/**
 * Parses one Account Activity body. Throws PayloadError only when the body itself is unusable (not an object, no
 * valid `for_user_id`); everything else is sorted into mentions, deletions, rejected and ignored.
 */
export function parseXActivity(body: unknown): XActivity {
  if (!isRecord(body)) throw new PayloadError('body: expected a JSON object');
  const fields = body;
  const forUserId = fields.for_user_id;
  if (typeof forUserId !== 'string' || !/^\d{1,20}$/.test(forUserId)) {
    throw new PayloadError('for_user_id: expected a numeric id string');
  }
  const out: XActivity = {
    forUserId,
    mentions: [],
    deletions: [],
    rejected: [],
    ignored: [],
    unknownEventTypes: [],
    blocks: 0,
  };
  const handlers: Record<string, (event: unknown) => EventResult> = {
    tweet_create_events: (e) => tweet(e, forUserId),
    tweet_delete_events: tweetDelete,
    direct_message_events: (e) => directMessage(e, forUserId, fields.users),
  };
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'for_user_id' || key === 'users' || key === 'apps') continue;
    if (key === 'user_has_blocked' || key === 'is_blocked_by') {
      // X has sent these both as booleans and as "true"/"false" strings.
      if (value === true || value === 'true') out.blocks++;
      continue;
    }
    const handler = Object.hasOwn(handlers, key) ? handlers[key] : undefined;
    if (!handler) {
      out.unknownEventTypes.push(key);
      continue;
    }
    if (!Array.isArray(value)) {
      out.rejected.push({ path: key, reason: 'expected an array of events' });
      continue;
    }
    for (let i = 0; i < value.length; i++) {
      const path = `${key}[${i}]`;
      const result = handler(value[i]);
      if ('mention' in result) out.mentions.push(result.mention);
      else if ('deletion' in result) out.deletions.push(result.deletion);
      else if ('ignored' in result) out.ignored.push({ path, reason: result.ignored });
      else out.rejected.push({ path, reason: result.error });
    }
  }
  return out;
}
