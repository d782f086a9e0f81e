import type { Db, DbOrTx } from '../../db/database.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import type { SearchCursor } from './inbox-cursor.ts';
import { filterConditions, type ConversationScope } from './inbox-list.repository.ts';

/** At most this many customers match a name/handle prefix (the first ones alphabetically): a prefix is a lookup. */
export const CUSTOMER_MATCH_CAP = 200;

/**
 * The query in every configuration a mention can be indexed with, OR-ed: "retardé" becomes french 'retard' |
 * english 'retardé' | … so that each mention matches in its own language. A constant per statement, so the
 * GIN index on to_tsvector(perch_text_config(language), text) applies.
 */
const tsQuery = (q: string) => Prisma.sql`(websearch_to_tsquery('english'::regconfig, ${q})
  || websearch_to_tsquery('french'::regconfig, ${q}) || websearch_to_tsquery('spanish'::regconfig, ${q})
  || websearch_to_tsquery('german'::regconfig, ${q}) || websearch_to_tsquery('simple'::regconfig, ${q}))`;
/** The indexed document expression, for the mention `m` and for a newer mention `n` of its conversation. */
const DOC_M = Prisma.sql`to_tsvector(perch_text_config(m."language"), m."text")`;
const DOC_N = Prisma.sql`to_tsvector(perch_text_config(n."language"), n."text")`;

/** `lower(column) LIKE 'prefix%'` with LIKE's wildcards in the prefix escaped. */
export const likePrefix = (q: string) => `${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Customers of the organization whose handle or display name starts with the prefix (case-insensitive). */
export async function customersByPrefix(db: DbOrTx, organizationId: string, prefix: string): Promise<string[]> {
  const like = likePrefix(prefix);
  const rows = await db.$queryRaw<{ id: string }[]>`
    (SELECT h."customerId" AS id FROM "Handle" h
      WHERE h."organizationId" = ${organizationId}::uuid AND lower(h."username") LIKE ${like}
      ORDER BY lower(h."username") LIMIT ${CUSTOMER_MATCH_CAP}::int)
    UNION
    (SELECT cu."id" FROM "Customer" cu
      WHERE cu."organizationId" = ${organizationId}::uuid AND lower(cu."displayName") LIKE ${like}
      ORDER BY lower(cu."displayName") LIMIT ${CUSTOMER_MATCH_CAP}::int)`;
  return rows.map((r) => r.id);
}

export interface Hit {
  conversationId: string;
  at: Date;
  mentionId: string | null;
  text: string | null;
}

function scopeConditions(scope: ConversationScope) {
  const conditions = filterConditions(scope);
  return conditions.length ? Prisma.sql` AND ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
}

/** How many of the newest mentions the first, ordered phase of a text search reads at most. */
export const RECENT_WINDOW = 8_000;

/**
 * The `postedAt` of the RECENT_WINDOW-th newest mention of the brand at or before the cursor (an index-only
 * walk of the brand's time index), or null when there are fewer: the start of the first phase's window.
 */
export async function recentWindowStart(
  db: DbOrTx,
  scope: ConversationScope,
  cursor: SearchCursor | null,
  size = RECENT_WINDOW,
) {
  const [brandId] = scope.brandIds;
  const before = cursor ? Prisma.sql`AND m."postedAt" <= ${cursor.t}::timestamptz` : Prisma.empty;
  const [row] = await db.$queryRaw<{ at: Date }[]>`
    SELECT m."postedAt" AS at FROM "Mention" m
    WHERE m."organizationId" = ${scope.organizationId}::uuid AND m."brandId" = ${brandId}::uuid ${before}
    ORDER BY m."postedAt" DESC OFFSET ${size - 1}::int LIMIT 1`;
  return row?.at ?? null;
}

/** A time range of mentions: `from` inclusive, `before` exclusive; null is unbounded. */
export interface MentionRange {
  from: Date | null;
  before: Date | null;
}

/**
 * The mention side of a text match: the brand, not deleted, the query, the cursor and the range. With
 * `rangeAs: 'filter'` the range is written so that no index serves it (tested on each mention read): a probe
 * then reads the GIN index alone, instead of intersecting it with a bitmap of every mention in a wide range.
 */
function mentionMatches(
  scope: ConversationScope,
  query: string,
  cursor: SearchCursor | null,
  range: MentionRange,
  rangeAs: 'index' | 'filter' = 'index',
) {
  const [brandId] = scope.brandIds;
  const after = cursor
    ? Prisma.sql`AND (m."postedAt", m."conversationId") < (${cursor.t}::timestamptz, ${cursor.i}::uuid)`
    : Prisma.empty;
  const at = rangeAs === 'index' ? Prisma.sql`m."postedAt"` : Prisma.sql`(m."postedAt" + interval '0 seconds')`;
  const from = range.from ? Prisma.sql`AND ${at} >= ${range.from}` : Prisma.empty;
  const before = range.before ? Prisma.sql`AND ${at} < ${range.before}` : Prisma.empty;
  return Prisma.sql`m."organizationId" = ${scope.organizationId}::uuid AND m."brandId" = ${brandId}::uuid
      AND m."deletedAt" IS NULL AND ${DOC_M} @@ ${tsQuery(query)} ${after} ${from} ${before}`;
}

/**
 * The conversation side: in scope, not left to the customer stream, and no newer matching mention in the
 * conversation (each conversation once, by its newest matching mention).
 */
function conversationMatches(scope: ConversationScope, query: string, exceptCustomers: string[]) {
  return Prisma.sql`c."organizationId" = ${scope.organizationId}::uuid
      AND c."status" = ANY(${scope.statuses}::"ConversationStatus"[])${scopeConditions(scope)}
      AND c."customerId" <> ALL(${exceptCustomers}::uuid[])
      AND NOT EXISTS (
        SELECT 1 FROM "Mention" n
        WHERE n."conversationId" = m."conversationId" AND (n."postedAt", n."id") > (m."postedAt", m."id")
          AND n."deletedAt" IS NULL AND ${DOC_N} @@ ${tsQuery(query)})`;
}

/**
 * Text matches, newest first: each conversation once, by its newest matching mention, so the keyset
 * (postedAt, conversationId) never repeats a conversation across pages. Conversations of `exceptCustomers` are
 * left to the customer stream. The recent window's statement, with the planner's own plan: a walk of the
 * window's mentions by time (docs/inbox.md "Search").
 */
export function textHits(
  db: DbOrTx,
  scope: ConversationScope,
  query: string,
  exceptCustomers: string[],
  cursor: SearchCursor | null,
  limit: number,
  range: MentionRange,
) {
  return db.$queryRaw<Hit[]>`
    SELECT m."conversationId", m."postedAt" AS at, m."id" AS "mentionId", left(m."text", 2000) AS text
    FROM "Mention" m JOIN "Conversation" c ON c."id" = m."conversationId"
    WHERE ${mentionMatches(scope, query, cursor, range)} AND ${conversationMatches(scope, query, exceptCustomers)}
    ORDER BY m."postedAt" DESC, m."conversationId" DESC
    LIMIT ${limit}::int`;
}

/**
 * The older windows pin their plans: the planner cannot tell a rare word from a common one (the tsquery is a
 * parameter), and its own plans for them were a walk of the whole brand by time, a hash join over 3.3M
 * conversations plus JIT, or every conversation of the brand joined to its mentions (58 s at 10M). Each
 * statement runs in its own transaction with these settings and the `mode`'s own: a `walk` reads the time
 * index, never a bitmap (no sort of every match); a `probe` reads bitmaps only, with memory enough to keep a
 * common word's bitmap exact (a lossy one rechecks every mention of the range) and per-row text tests priced
 * high enough that the planner intersects the GIN bitmap with the time range instead of testing each mention.
 */
function pinned<T>(db: DbOrTx & Pick<Db, '$transaction'>, mode: 'walk' | 'probe' | 'ids', sql: Prisma.Sql) {
  const own =
    mode === 'walk'
      ? [db.$executeRaw`SET LOCAL enable_bitmapscan = off`]
      : mode === 'probe'
        ? [
            db.$executeRaw`SET LOCAL enable_indexscan = off`,
            db.$executeRaw`SET LOCAL work_mem = '64MB'`,
            db.$executeRaw`SET LOCAL cpu_operator_cost = 0.25`,
          ]
        : [];
  return db
    .$transaction([
      ...own,
      db.$executeRaw`SET LOCAL enable_seqscan = off`,
      db.$executeRaw`SET LOCAL enable_hashjoin = off`,
      db.$executeRaw`SET LOCAL enable_mergejoin = off`,
      db.$executeRaw`SET LOCAL jit = off`,
      db.$executeRaw`SET LOCAL max_parallel_workers_per_gather = 0`,
      db.$queryRaw<T>(sql),
    ])
    .then((results) => results.at(-1) as T);
}

/**
 * Hits from the mentions selected by `mentions` (a FROM "Mention" m … clause): the mentions are read first
 * (`OFFSET 0` keeps the planner from starting at the conversations), then joined to their conversations,
 * newest first.
 */
function hitsFrom(
  mentions: Prisma.Sql,
  scope: ConversationScope,
  query: string,
  exceptCustomers: string[],
  limit: number,
) {
  return Prisma.sql`
    SELECT m."conversationId", m.at, m."mentionId", m.text
    FROM (SELECT m."id", m."id" AS "mentionId", m."conversationId", m."postedAt", m."postedAt" AS at,
                 left(m."text", 2000) AS text
          ${mentions} OFFSET 0) m
    JOIN "Conversation" c ON c."id" = m."conversationId"
    WHERE ${conversationMatches(scope, query, exceptCustomers)}
    ORDER BY m.at DESC, m."conversationId" DESC
    LIMIT ${limit}::int`;
}

/** Text matches of an older window, walked newest first through the time index (each mention tested). */
export function walkedTextHits(
  db: DbOrTx & Pick<Db, '$transaction'>,
  scope: ConversationScope,
  query: string,
  exceptCustomers: string[],
  cursor: SearchCursor | null,
  limit: number,
  range: MentionRange,
) {
  const mentions = Prisma.sql`FROM "Mention" m WHERE ${mentionMatches(scope, query, cursor, range)}
          ORDER BY m."postedAt" DESC`;
  return pinned<Hit[]>(db, 'walk', hitsFrom(mentions, scope, query, exceptCustomers, limit));
}

/**
 * The ids of at most `cap` mentions of an older range that match, in no order, through the GIN index: either
 * intersected with the range's bitmap from the time index (`intersect`: a narrow range, whose bitmap is
 * small), or alone, the range tested on each match read (`filter`: a wide range, where most matches fall, so
 * the cap is reached after few reads — and a bitmap of millions of mentions, ≈ 1 s at 10M, is not built).
 */
export async function probedTextMentions(
  db: DbOrTx & Pick<Db, '$transaction'>,
  scope: ConversationScope,
  query: string,
  cursor: SearchCursor | null,
  range: MentionRange,
  cap: number,
  access: 'intersect' | 'filter',
) {
  const rangeAs = access === 'intersect' ? 'index' : 'filter';
  const rows = await pinned<{ id: string }[]>(
    db,
    'probe',
    Prisma.sql`SELECT m."id" FROM "Mention" m
      WHERE ${mentionMatches(scope, query, cursor, range, rangeAs)} LIMIT ${cap}::int`,
  );
  return rows.map((r) => r.id);
}

/** Text matches among the given (matching) mentions, newest first: the conversation side of a probe. */
export function textHitsAmong(
  db: DbOrTx & Pick<Db, '$transaction'>,
  scope: ConversationScope,
  query: string,
  exceptCustomers: string[],
  mentionIds: string[],
  limit: number,
) {
  if (mentionIds.length === 0) return Promise.resolve([] as Hit[]);
  const mentions = Prisma.sql`FROM "Mention" m
          WHERE m."id" = ANY(${mentionIds}::uuid[]) AND m."organizationId" = ${scope.organizationId}::uuid`;
  return pinned<Hit[]>(db, 'ids', hitsFrom(mentions, scope, query, exceptCustomers, limit));
}

/**
 * The share of all mentions the planner expects the query to match (0–1), from the statistics ANALYZE keeps on
 * the GIN index's lexemes: a word among the most common lexemes is estimated well; a word outside them is rare
 * (a fraction of a percent per configuration). One EXPLAIN, no rows read.
 */
export async function estimatedTextShare(db: DbOrTx, query: string): Promise<number> {
  const [plan] = await db.$queryRaw<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>`
    EXPLAIN (FORMAT JSON) SELECT 1 FROM "Mention" m WHERE ${DOC_M} @@ ${tsQuery(query)}`;
  const [table] = await db.$queryRaw<{ rows: number }[]>`
    SELECT greatest(reltuples, 1)::float8 AS rows FROM pg_class WHERE oid = '"Mention"'::regclass`;
  const estimate = plan?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0;
  return Math.min(1, estimate / (table?.rows ?? 1));
}

/** The brand's newest and oldest mention times at or before the cursor (two index reads), or null. */
export async function mentionTimeBounds(db: DbOrTx, scope: ConversationScope, cursor: SearchCursor | null) {
  const [brandId] = scope.brandIds;
  const before = cursor ? Prisma.sql`AND m."postedAt" <= ${cursor.t}::timestamptz` : Prisma.empty;
  const [row] = await db.$queryRaw<{ newest: Date | null; oldest: Date | null }[]>`
    SELECT max(m."postedAt") AS newest, min(m."postedAt") AS oldest FROM "Mention" m
    WHERE m."organizationId" = ${scope.organizationId}::uuid AND m."brandId" = ${brandId}::uuid ${before}`;
  return row?.newest && row.oldest ? { newest: row.newest, oldest: row.oldest } : null;
}

/** Conversations of the brand with one of `customerIds`, by last message, newest first. */
export function customerHits(
  db: DbOrTx,
  scope: ConversationScope,
  customerIds: string[],
  cursor: SearchCursor | null,
  limit: number,
) {
  if (!customerIds.length) return Promise.resolve([] as Hit[]);
  const [brandId] = scope.brandIds;
  const after = cursor
    ? Prisma.sql`AND (c."lastMessageAt", c."id") < (${cursor.t}::timestamptz, ${cursor.i}::uuid)`
    : Prisma.empty;
  return db.$queryRaw<Hit[]>`
    SELECT c."id" AS "conversationId", c."lastMessageAt" AS at, NULL::uuid AS "mentionId", NULL::text AS text
    FROM "Conversation" c
    WHERE c."customerId" = ANY(${customerIds}::uuid[]) AND c."organizationId" = ${scope.organizationId}::uuid
      AND c."brandId" = ${brandId}::uuid AND c."status" = ANY(${scope.statuses}::"ConversationStatus"[])
      ${after}${scopeConditions(scope)}
    ORDER BY c."lastMessageAt" DESC, c."id" DESC
    LIMIT ${limit}::int`;
}
