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

/**
 * Text matches, newest first: each conversation once, by its newest matching mention (a mention counts only
 * if no newer mention of its conversation matches), so the keyset (postedAt, conversationId) never repeats a
 * conversation across pages. Conversations of `exceptCustomers` are left to the customer stream.
 *
 * Two phases bound the work whatever the word's frequency (docs/inbox.md "Search"): `{ from }` reads the
 * window of recent mentions newest first, testing each (a common word fills the page there); `{ before }`
 * reads older mentions through the GIN index only (plain index scans disabled for that statement, so the
 * planner cannot walk 10M rows by time for a word it wrongly believes common) and sorts the matches; a word
 * that is common in old mentions but absent from the recent window is the slow case (its whole posting list).
 */
export function textHits(
  db: DbOrTx & Pick<Db, '$transaction'>,
  scope: ConversationScope,
  query: string,
  exceptCustomers: string[],
  cursor: SearchCursor | null,
  limit: number,
  range: { from: Date | null } | { before: Date },
) {
  const tsq = tsQuery(query);
  const [brandId] = scope.brandIds;
  const after = cursor
    ? Prisma.sql`AND (m."postedAt", m."conversationId") < (${cursor.t}::timestamptz, ${cursor.i}::uuid)`
    : Prisma.empty;
  const window =
    'before' in range
      ? Prisma.sql`AND m."postedAt" < ${range.before}`
      : range.from
        ? Prisma.sql`AND m."postedAt" >= ${range.from}`
        : Prisma.empty;
  const sql = Prisma.sql`
    SELECT m."conversationId", m."postedAt" AS at, m."id" AS "mentionId", left(m."text", 2000) AS text
    FROM "Mention" m JOIN "Conversation" c ON c."id" = m."conversationId"
    WHERE m."organizationId" = ${scope.organizationId}::uuid AND m."brandId" = ${brandId}::uuid
      AND m."deletedAt" IS NULL AND ${DOC_M} @@ ${tsq} ${after} ${window}
      AND c."organizationId" = ${scope.organizationId}::uuid
      AND c."status" = ANY(${scope.statuses}::"ConversationStatus"[])${scopeConditions(scope)}
      AND c."customerId" <> ALL(${exceptCustomers}::uuid[])
      AND NOT EXISTS (
        SELECT 1 FROM "Mention" n
        WHERE n."conversationId" = m."conversationId" AND (n."postedAt", n."id") > (m."postedAt", m."id")
          AND n."deletedAt" IS NULL AND ${DOC_N} @@ ${tsq})
    ORDER BY m."postedAt" DESC, m."conversationId" DESC
    LIMIT ${limit}::int`;
  if (!('before' in range)) return db.$queryRaw<Hit[]>(sql);
  return db
    .$transaction([
      // Bitmap scans only, nested loops: the GIN entries drive the plan. The planner's estimate for a word it
      // does not know is large (0.2 % of 10M), which would otherwise pick a hash join over every conversation,
      // JIT compilation and parallel workers (~0.5–1.5 s) for a query that reads a few GIN entries.
      db.$executeRaw`SET LOCAL enable_indexscan = off`,
      db.$executeRaw`SET LOCAL enable_seqscan = off`,
      db.$executeRaw`SET LOCAL enable_hashjoin = off`,
      db.$executeRaw`SET LOCAL enable_mergejoin = off`,
      db.$executeRaw`SET LOCAL jit = off`,
      db.$executeRaw`SET LOCAL max_parallel_workers_per_gather = 0`,
      db.$queryRaw<Hit[]>(sql),
    ])
    .then((results) => results[6]);
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
