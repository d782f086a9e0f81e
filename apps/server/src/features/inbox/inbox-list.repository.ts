import type { ConversationStatus, InboxSort, Priority } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { CLOSED_STATUSES, isClosed } from '../billing/retention.ts';
import type { ListCursor } from './inbox-cursor.ts';

/** Ids matched by a multi-valued filter; `none` also matches NULL (unassigned, no team). */
export interface IdsOrNone {
  ids: string[];
  none: boolean;
}

/** A resolved inbox query: every id already checked against the caller's organization and brands. */
export interface ConversationScope {
  organizationId: string;
  /** Non-empty: the brands to read. */
  brandIds: string[];
  /** Non-empty: the statuses to read. */
  statuses: ConversationStatus[];
  assignees?: IdsOrNone;
  teams?: IdsOrNone;
  channelIds?: string[];
  priorities?: Priority[];
  sentiments?: string[];
  languages?: string[];
  tagIds?: string[];
  slaStates?: string[];
  vip?: boolean;
  from?: Date;
  to?: Date;
  /**
   * History retention (billing/retention.ts): the brands whose closed conversations with no message since `before`
   * are hidden — only brands that have some, so a brand whose history is all within its plan costs nothing.
   */
  hidden?: RetentionCutoff[];
}

export interface RetentionCutoff {
  brandId: string;
  before: Date;
  /**
   * The kept stretch is the shorter (a brand that kept years under an earlier plan): a closed scan in another order
   * than the last message's then reads the kept rows and sorts them, rather than skip every hidden row the sort
   * index puts first (closed conversations mostly sort by id there, i.e. oldest first).
   */
  keptFirst?: boolean;
}

const WAIT = Prisma.sql`COALESCE(c."waitingSince", 'infinity'::timestamptz)`;
const SLA = Prisma.sql`COALESCE(c."slaDueAt", 'infinity'::timestamptz)`;

/**
 * Per sort: the key columns (k1[, k2]) selected as-is, the ORDER BY on the indexed expressions, and the
 * bounded row comparison that seeks past a cursor. Each shape has its index (migration inbox_queries).
 */
function sortShape(sort: InboxSort, cursor: ListCursor | null | undefined) {
  const t = (v: string) => Prisma.sql`${v}::timestamptz`;
  switch (sort) {
    case 'priority':
      return {
        keys: Prisma.sql`c."priority" AS k1, ${WAIT} AS k2`,
        order: Prisma.sql`c."priority", ${WAIT}, c."id"`,
        outer: Prisma.sql`u.k1, u.k2, u.id`,
        after:
          cursor?.s === 'priority'
            ? Prisma.sql`(c."priority", ${WAIT}, c."id") > (${cursor.k[0]}::"Priority", ${t(cursor.k[1])}, ${cursor.i}::uuid)`
            : null,
      };
    case 'sla_due':
    case 'longest_waiting': {
      const key = sort === 'sla_due' ? SLA : WAIT;
      return {
        keys: Prisma.sql`${key} AS k1`,
        order: Prisma.sql`${key}, c."id"`,
        outer: Prisma.sql`u.k1, u.id`,
        after:
          cursor && cursor.s !== 'priority'
            ? Prisma.sql`(${key}, c."id") > (${t(cursor.k[0])}, ${cursor.i}::uuid)`
            : null,
      };
    }
    case 'newest':
    case 'oldest': {
      const desc = sort === 'newest';
      const dir = desc ? Prisma.sql`DESC` : Prisma.sql`ASC`;
      const cmp = desc ? Prisma.sql`<` : Prisma.sql`>`;
      return {
        keys: Prisma.sql`c."lastMessageAt" AS k1`,
        order: Prisma.sql`c."lastMessageAt" ${dir}, c."id" ${dir}`,
        outer: Prisma.sql`u.k1 ${dir}, u.id ${dir}`,
        after:
          cursor && cursor.s !== 'priority'
            ? Prisma.sql`(c."lastMessageAt", c."id") ${cmp} (${t(cursor.k[0])}, ${cursor.i}::uuid)`
            : null,
      };
    }
  }
}

function idsOrNone(column: Prisma.Sql, f: IdsOrNone) {
  const parts: Prisma.Sql[] = [];
  // One id as `=`: an index on the column can then give its order (the "mine" indexes); `= ANY` may not.
  if (f.ids.length === 1) parts.push(Prisma.sql`${column} = ${f.ids[0]}::uuid`);
  else if (f.ids.length) parts.push(Prisma.sql`${column} = ANY(${f.ids}::uuid[])`);
  if (f.none) parts.push(Prisma.sql`${column} IS NULL`);
  return parts.length ? Prisma.sql`(${Prisma.join(parts, ' OR ')})` : Prisma.sql`false`;
}

/** The filter conditions other than organization, brand and status (applied inside each keyset scan). */
export function filterConditions(q: Omit<ConversationScope, 'organizationId' | 'brandIds' | 'statuses'>) {
  const where: Prisma.Sql[] = [];
  if (q.assignees) where.push(idsOrNone(Prisma.sql`c."assigneeUserId"`, q.assignees));
  if (q.teams) where.push(idsOrNone(Prisma.sql`c."teamId"`, q.teams));
  if (q.channelIds) where.push(Prisma.sql`c."channelId" = ANY(${q.channelIds}::uuid[])`);
  if (q.priorities) where.push(Prisma.sql`c."priority" = ANY(${q.priorities}::"Priority"[])`);
  if (q.sentiments) where.push(Prisma.sql`c."sentiment" = ANY(${q.sentiments}::text[])`);
  if (q.languages) where.push(Prisma.sql`c."language" = ANY(${q.languages}::text[])`);
  if (q.tagIds) where.push(Prisma.sql`c."tagIds" && ${q.tagIds}::uuid[]`);
  if (q.slaStates) where.push(Prisma.sql`c."slaState" = ANY(${q.slaStates}::text[])`);
  if (q.vip !== undefined) where.push(Prisma.sql`c."isVip" = ${q.vip}`);
  if (q.from) where.push(Prisma.sql`c."lastMessageAt" >= ${q.from}`);
  if (q.to) where.push(Prisma.sql`c."lastMessageAt" <= ${q.to}`);
  if (q.hidden?.length) where.push(retentionCondition(q.hidden));
  return where;
}

/** Not a closed conversation of a brand whose last message is before the brand's retention cutoff. */
export function retentionCondition(hidden: readonly RetentionCutoff[]) {
  const old = Prisma.join(
    hidden.map((h) => Prisma.sql`(c."brandId" = ${h.brandId}::uuid AND c."lastMessageAt" < ${h.before})`),
    ' OR ',
  );
  return Prisma.sql`NOT (c."status" = ANY(${[...CLOSED_STATUSES]}::"ConversationStatus"[]) AND (${old}))`;
}

/** The retention cutoff of one (brand, status) scan: a closed status of a brand with hidden history. */
const scanCutoff = (q: ConversationScope, brandId: string, status: ConversationStatus) =>
  isClosed(status) ? q.hidden?.find((h) => h.brandId === brandId) : undefined;

/** The retention bound of one (brand, status) scan: a range on the last message time (an index column), or nothing. */
function scanRetention(q: ConversationScope, brandId: string, status: ConversationStatus) {
  const cutoff = scanCutoff(q, brandId, status);
  return cutoff ? Prisma.sql` AND c."lastMessageAt" >= ${cutoff.before}` : Prisma.empty;
}

/**
 * The rows one (brand, status) scan reads, as `c`: the table, or — for a closed status whose kept stretch is the
 * shorter, in a sort that is not by last message — the kept range of the last-message index, fenced (OFFSET 0) so
 * that it is read first and sorted (a few thousand rows on Free), instead of walking the sort index through years of
 * hidden rows.
 */
function scanSource(q: ConversationScope, brandId: string, status: ConversationStatus, sort: InboxSort) {
  const cutoff = scanCutoff(q, brandId, status);
  if (!cutoff?.keptFirst || sort === 'newest' || sort === 'oldest') return Prisma.sql`"Conversation" c`;
  return Prisma.sql`(SELECT * FROM "Conversation" k
    WHERE k."organizationId" = ${q.organizationId}::uuid AND k."brandId" = ${brandId}::uuid
      AND k."status" = ${status}::"ConversationStatus" AND k."lastMessageAt" >= ${cutoff.before} OFFSET 0) c`;
}

/**
 * One page of conversation ids in sort order: a UNION ALL of one bounded keyset scan per (brand, status) —
 * each an index range scan that stops after `limit` rows — merged and cut to `limit`. A single scan over
 * `status = ANY(…)` could not use the per-status index order and would sort every matching row.
 */
export async function pageIds(
  db: DbOrTx,
  q: ConversationScope,
  sort: InboxSort,
  cursor: ListCursor | null | undefined,
  limit: number,
): Promise<string[]> {
  const shape = sortShape(sort, cursor);
  // Retention is bounded per scan (below), not by the generic condition.
  const extra = filterConditions({ ...q, hidden: undefined });
  if (shape.after) extra.push(shape.after);
  const rest = extra.length ? Prisma.sql` AND ${Prisma.join(extra, ' AND ')}` : Prisma.empty;
  const scans: Prisma.Sql[] = [];
  for (const brandId of q.brandIds) {
    for (const status of q.statuses) {
      scans.push(Prisma.sql`(SELECT c."id", ${shape.keys} FROM ${scanSource(q, brandId, status, sort)}
        WHERE c."organizationId" = ${q.organizationId}::uuid AND c."brandId" = ${brandId}::uuid
          AND c."status" = ${status}::"ConversationStatus"${rest}${scanRetention(q, brandId, status)}
        ORDER BY ${shape.order} LIMIT ${limit}::int)`);
    }
  }
  const sql =
    scans.length === 1
      ? scans[0]!
      : Prisma.sql`SELECT u.id FROM (${Prisma.join(scans, ' UNION ALL ')}) u ORDER BY ${shape.outer} LIMIT ${limit}::int`;
  const rows = await db.$queryRaw<{ id: string }[]>(sql);
  return rows.map((r) => r.id);
}

/**
 * How many conversations match, counting at most `cap` (saved view badges: "1,000+"). With hidden history, the
 * closed statuses of the brands that have some are counted from their visible range of the last-message index.
 */
export async function boundedCount(db: DbOrTx, q: ConversationScope, cap: number): Promise<number> {
  const extra = filterConditions({ ...q, hidden: undefined });
  const rest = extra.length ? Prisma.sql` AND ${Prisma.join(extra, ' AND ')}` : Prisma.empty;
  const scan = (brandIds: string[], statuses: ConversationStatus[], bound = Prisma.empty) =>
    Prisma.sql`(SELECT 1 FROM "Conversation" c
      WHERE c."organizationId" = ${q.organizationId}::uuid AND c."brandId" = ANY(${brandIds}::uuid[])
        AND c."status" = ANY(${statuses}::"ConversationStatus"[])${rest}${bound})`;
  const hidden = new Set((q.hidden ?? []).map((h) => h.brandId));
  const closed = q.statuses.filter(isClosed);
  const scans: Prisma.Sql[] = [];
  if (!hidden.size || !closed.length) scans.push(scan(q.brandIds, q.statuses));
  else {
    const open = q.statuses.filter((s) => !isClosed(s));
    const kept = q.brandIds.filter((b) => !hidden.has(b));
    if (open.length) scans.push(scan(q.brandIds, open));
    if (kept.length) scans.push(scan(kept, closed));
    for (const brandId of q.brandIds.filter((b) => hidden.has(b))) {
      for (const status of closed) scans.push(scan([brandId], [status], scanRetention(q, brandId, status)));
    }
  }
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (${Prisma.join(scans, ' UNION ALL ')} LIMIT ${cap}::int) bounded`;
  return row?.n ?? 0;
}

export interface ConversationRowData {
  id: string;
  brandId: string;
  channelId: string | null;
  status: ConversationStatus;
  priority: Priority;
  sentiment: string | null;
  language: string | null;
  tagIds: string;
  assigneeUserId: string | null;
  teamId: string | null;
  isVip: boolean;
  waitingSince: Date | null;
  lastMessageAt: Date;
  snoozedUntil: Date | null;
  slaDueAt: Date | null;
  slaState: string;
  version: number;
  customerId: string;
  displayName: string;
  username: string | null;
  followers: number | null;
  verified: boolean | null;
  snippet: string;
}

/**
 * What the rows of a page show, for at most a page of ids, in one query: the customer with their most recently
 * updated handle, and the latest inbound message ('' when deleted). Kept out of the keyset scan.
 */
export function rowsByIds(db: DbOrTx, organizationId: string, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.$queryRaw<ConversationRowData[]>`
    SELECT c."id", c."brandId", c."channelId", c."status"::text AS status, c."priority"::text AS priority,
      c."sentiment", c."language", array_to_string(c."tagIds", ',') AS "tagIds", c."assigneeUserId", c."teamId",
      c."isVip", c."waitingSince", c."lastMessageAt", c."snoozedUntil", c."slaDueAt", c."slaState", c."version",
      cu."id" AS "customerId", cu."displayName", h."username", h."followers", h."verified",
      COALESCE(CASE WHEN m."deletedAt" IS NULL THEN left(m."text", 200) END, '') AS snippet
    FROM "Conversation" c
    JOIN "Customer" cu ON cu."id" = c."customerId"
    LEFT JOIN LATERAL (
      SELECT h."username", h."followers", h."verified" FROM "Handle" h
      WHERE h."customerId" = cu."id" ORDER BY h."updatedAt" DESC LIMIT 1
    ) h ON true
    LEFT JOIN LATERAL (
      SELECT m."text", m."deletedAt" FROM "Mention" m
      WHERE m."conversationId" = c."id" AND m."kind" <> 'outbound' ORDER BY m."postedAt" DESC LIMIT 1
    ) m ON true
    WHERE c."organizationId" = ${organizationId}::uuid AND c."id" = ANY(${ids}::uuid[])`;
}
