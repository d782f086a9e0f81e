import { z } from 'zod';
import { describeIssues, displayNameSchema, normalizeText, type Rejection } from './generic-webhook.ts';
import type { NormalizedMention } from './normalized-mention.ts';

/**
 * Parser for one page of the X API v2 mentions timeline (`GET /2/users/:id/mentions`), as the polling connector
 * stores it: `{ data[], includes.users[], meta }`. Schemas keep unknown fields (X adds fields all the time); a bad
 * post or user is rejected with its path and reason, the others are kept. Never throws, whatever the input.
 */

/** X ids are 64-bit integers, always strings in v2 (JSON numbers would lose precision). */
const xId = z.string().regex(/^\d{1,20}$/, 'must be a numeric id string');

export const xV2UserSchema = z.object({
  id: xId,
  /** The profile link is built from it, so only letters, digits and underscores pass. */
  username: z.string().regex(/^\w{1,50}$/, 'must be an X handle (letters, digits, _)'),
  name: displayNameSchema.nullish(),
  verified: z.boolean().nullish(),
  public_metrics: z.object({ followers_count: z.int().nonnegative().nullish() }).nullish(),
});

export const xV2TweetSchema = z.object({
  id: xId,
  text: z.string(),
  author_id: xId,
  /** ISO 8601, e.g. `2026-11-29T10:00:00.000Z`. */
  created_at: z.iso.datetime({ offset: true }),
  conversation_id: xId.nullish(),
  in_reply_to_user_id: xId.nullish(),
  referenced_tweets: z.array(z.object({ type: z.string(), id: xId })).nullish(),
});

export interface XV2Page {
  mentions: NormalizedMention[];
  /** Bad posts or users: `{ path: 'data[3]', reason: 'author_id: …' }`. */
  rejected: Rejection[];
  /** Valid posts Perch does not store (retweets). */
  ignored: Rejection[];
}

type XV2User = z.infer<typeof xV2UserSchema>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function usersOf(page: Record<string, unknown>, out: XV2Page): Map<string, { user: XV2User; raw: unknown }> {
  const users = new Map<string, { user: XV2User; raw: unknown }>();
  const includes = page.includes;
  if (includes === undefined) return users;
  if (!isRecord(includes)) {
    out.rejected.push({ path: 'includes', reason: 'expected an object' });
    return users;
  }
  const list = includes.users;
  if (list === undefined) return users;
  if (!Array.isArray(list)) {
    out.rejected.push({ path: 'includes.users', reason: 'expected an array of users' });
    return users;
  }
  list.forEach((raw: unknown, i) => {
    const parsed = xV2UserSchema.safeParse(raw);
    if (parsed.success) users.set(parsed.data.id, { user: parsed.data, raw });
    else out.rejected.push({ path: `includes.users[${i}]`, reason: describeIssues(parsed.error, 'user') });
  });
  return users;
}

function convert(
  raw: unknown,
  users: Map<string, { user: XV2User; raw: unknown }>,
  brandUserId: string,
): { mention: NormalizedMention } | { error: string } | { ignored: string } {
  const parsed = xV2TweetSchema.safeParse(raw);
  if (!parsed.success) return { error: describeIssues(parsed.error, 'post') };
  const t = parsed.data;
  const refs = t.referenced_tweets ?? [];
  if (refs.some((r) => r.type === 'retweeted')) return { ignored: 'retweet (not a mention)' };
  const author = users.get(t.author_id);
  if (!author) return { error: `author_id: no valid user ${t.author_id} in includes.users` };
  const text = normalizeText(t.text);
  if ('error' in text) return { error: `text: ${text.error}` };
  const postedAt = new Date(t.created_at);
  if (Number.isNaN(postedAt.getTime())) return { error: 'created_at: not a valid date' };
  const repliedTo = refs.find((r) => r.type === 'replied_to')?.id ?? null;
  const kind =
    t.author_id === brandUserId
      ? 'outbound'
      : repliedTo
        ? 'reply'
        : refs.some((r) => r.type === 'quoted')
          ? 'quote'
          : 'mention';
  const u = author.user;
  return {
    mention: {
      externalId: t.id,
      kind,
      text: text.text,
      inReplyToExternalId: repliedTo,
      threadExternalId: t.conversation_id ?? null,
      postedAt,
      author: {
        externalUserId: u.id,
        username: u.username,
        displayName: (u.name || u.username).normalize('NFC'),
        followers: u.public_metrics?.followers_count ?? 0,
        verified: u.verified ?? false,
        profileUrl: `https://x.com/${u.username}`,
      },
      raw: { tweet: raw, user: author.raw },
    },
  };
}

/** Parses one stored mentions-timeline page for the brand account `brandUserId`. */
export function parseXv2MentionsPage(page: unknown, brandUserId: string): XV2Page {
  const out: XV2Page = { mentions: [], rejected: [], ignored: [] };
  if (!isRecord(page)) {
    out.rejected.push({ path: '(root)', reason: 'expected a JSON object (a mentions timeline page)' });
    return out;
  }
  const data = page.data;
  if (data === undefined) return out; // an empty page: {"meta":{"result_count":0}}
  if (!Array.isArray(data)) {
    out.rejected.push({ path: 'data', reason: 'expected an array of posts' });
    return out;
  }
  const users = usersOf(page, out);
  data.forEach((raw: unknown, i) => {
    const result = convert(raw, users, brandUserId);
    if ('mention' in result) out.mentions.push(result.mention);
    else if ('ignored' in result) out.ignored.push({ path: `data[${i}]`, reason: result.ignored });
    else out.rejected.push({ path: `data[${i}]`, reason: result.error });
  });
  return out;
}
