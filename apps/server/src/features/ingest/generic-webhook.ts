import { z } from 'zod';
import type { NormalizedMention } from './normalized-mention.ts';

/**
 * The documented mention format of the generic signed webhook (docs/ingest-formats.md), also used line by line by
 * the NDJSON import and row by row (after mapping the columns) by the CSV import. This module also holds the text
 * rules every parser shares, so that a mention is stored the same way whichever door it came through.
 */

/** The whole body is unusable (not an object, a required top-level field missing or of the wrong type). */
export class PayloadError extends Error {
  override name = 'PayloadError';
}

export const MAX_TEXT_CHARS = 25_000;
export const MAX_GENERIC_MENTIONS = 500;
const MAX_URL_LENGTH = 2048;

/**
 * The columns these fields are stored in (prisma/schema.prisma): Mention.externalId and Handle.externalUserId
 * VarChar(64), Handle.username 100, Customer.displayName 200, Handle.profileUrl 500. Parsers check them, so that a
 * mention the webhook acknowledged never fails its batch in the worker ("value too long" lost the whole batch).
 */
export const STORED_LIMITS = { externalId: 64, username: 100, displayName: 200, profileUrl: 500 } as const;

/** A display name as stored: at most 200 characters, storable. */
export const displayNameSchema = z
  .string()
  .max(STORED_LIMITS.displayName, `must be at most ${STORED_LIMITS.displayName} characters`)
  .refine((s) => storable(s) === null, 'must not contain NUL or lone surrogates');

export type Rejection = { path: string; reason: string };
export type MentionOrError = { mention: NormalizedMention } | { error: string };

/** Postgres `text` refuses U+0000, and a lone surrogate cannot be encoded as UTF-8: refuse both up front. */
function storable(s: string): string | null {
  if (s.includes('\u0000')) return 'must not contain NUL (U+0000)';
  if (/\p{Cs}/u.test(s)) return 'must be well-formed Unicode (lone surrogate)';
  return null;
}

export function isStorable(s: string): boolean {
  return storable(s) === null;
}

/** A short stored string (id, handle, name). */
export function shortString(max: number) {
  return z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(isStorable, 'must not contain NUL or lone surrogates');
}

/** NFC-normalises post text and enforces the 25,000-character cap (counted in code points, like Postgres). */
export function normalizeText(raw: string): { text: string } | { error: string } {
  const problem = storable(raw);
  if (problem) return { error: problem };
  const text = raw.normalize('NFC');
  if (text.length > MAX_TEXT_CHARS) {
    let n = 0;
    for (const _ of text) if (++n > MAX_TEXT_CHARS) return { error: 'is longer than 25,000 characters' };
  }
  return { text };
}

/**
 * Profile links are rendered as links: only http(s) survives; `javascript:`, `data:`, junk and links longer than
 * their column once normalised (percent-encoding lengthens them) become null — the mention is kept without it.
 */
export function httpUrlOrNull(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH || !URL.canParse(value)) return null;
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.href.length <= STORED_LIMITS.profileUrl ? url.href : null;
}

/** "path: message" for the first few issues, never echoing the (possibly huge) input value. */
export function describeIssues(error: z.ZodError, root = '(root)'): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : root}: ${issue.message}`)
    .join('; ');
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$/i;

/** Strict ISO 8601 / RFC 3339 date-time with a zone; rejects impossible dates (Feb 30) that Date would roll over. */
export function parseIsoDateTime(s: string): Date | null {
  const m = ISO_DATE_TIME.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const offsetMin = m[9] ? (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11])) : 0;
  if (y < 1970 || h > 23 || mi > 59 || se > 59 || Number(m[10] ?? 0) > 23 || Number(m[11] ?? 0) > 59) return null;
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi, se, ms));
  if (local.getUTCMonth() !== mo - 1 || local.getUTCDate() !== d) return null;
  return new Date(local.getTime() - offsetMin * 60_000);
}

const externalId = shortString(STORED_LIMITS.externalId);

export const genericAuthorSchema = z.strictObject({
  id: externalId,
  username: shortString(STORED_LIMITS.username),
  name: displayNameSchema.nullish(),
  followers: z.int().nonnegative().nullish(),
  verified: z.boolean().nullish(),
  /** Dropped (null) unless http/https. */
  profile_url: z.string().nullish(),
});

/**
 * One mention. Objects are strict: an unknown field is a rejection naming it, because a misspelt optional field
 * (`in_reply_to` for `in_reply_to_id`) would otherwise lose threading silently.
 */
export const genericMentionSchema = z.strictObject({
  id: externalId,
  text: z.string(),
  /** ISO 8601 with a zone: `2026-03-01T09:30:00Z`, `2026-03-01T10:30:00.250+01:00`. */
  created_at: z.string().max(64),
  in_reply_to_id: externalId.nullish(),
  thread_id: externalId.nullish(),
  /** Defaults to `reply` when in_reply_to_id is set, else `mention`. */
  kind: z.enum(['mention', 'reply', 'dm']).nullish(),
  author: genericAuthorSchema,
});

/** The documented request body (for docs and senders); parsing validates each mention on its own instead. */
export const genericWebhookSchema = z.strictObject({
  mentions: z.array(genericMentionSchema).max(MAX_GENERIC_MENTIONS),
});

const envelopeSchema = z.strictObject({
  mentions: z.array(z.unknown()).max(MAX_GENERIC_MENTIONS, `must hold at most ${MAX_GENERIC_MENTIONS} mentions`),
});

/** Validates and normalises one mention of the generic format; never throws. */
export function normalizeGenericMention(input: unknown): MentionOrError {
  const parsed = genericMentionSchema.safeParse(input);
  if (!parsed.success) return { error: describeIssues(parsed.error, 'mention') };
  const m = parsed.data;
  const text = normalizeText(m.text);
  if ('error' in text) return { error: `text: ${text.error}` };
  const postedAt = parseIsoDateTime(m.created_at);
  if (!postedAt) return { error: 'created_at: expected an ISO 8601 date-time with a time zone (2026-03-01T09:30:00Z)' };
  const username = m.author.username.normalize('NFC');
  return {
    mention: {
      externalId: m.id,
      kind: m.kind ?? (m.in_reply_to_id ? 'reply' : 'mention'),
      text: text.text,
      inReplyToExternalId: m.in_reply_to_id ?? null,
      threadExternalId: m.thread_id ?? null,
      postedAt,
      author: {
        externalUserId: m.author.id,
        username,
        displayName: m.author.name?.normalize('NFC') || username,
        followers: m.author.followers ?? 0,
        verified: m.author.verified ?? false,
        profileUrl: httpUrlOrNull(m.author.profile_url),
      },
      raw: input,
    },
  };
}

/**
 * Parses a generic webhook body. Whole-body problems throw PayloadError (answer 400, store nothing); a bad mention
 * is listed in `rejected` with its index and reason, and the others are kept.
 */
export function parseGenericWebhook(body: unknown): { mentions: NormalizedMention[]; rejected: Rejection[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new PayloadError('body: expected a JSON object with a "mentions" array');
  }
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) throw new PayloadError(describeIssues(envelope.error, 'body'));
  const mentions: NormalizedMention[] = [];
  const rejected: Rejection[] = [];
  for (const [i, item] of envelope.data.mentions.entries()) {
    const result = normalizeGenericMention(item);
    if ('mention' in result) mentions.push(result.mention);
    else rejected.push({ path: `mentions[${i}]`, reason: result.error });
  }
  return { mentions, rejected };
}
