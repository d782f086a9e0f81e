import { DASHBOARD_LIMITS } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { CLOSED_STATUSES } from '../billing/retention.ts';
import type { RollupPiece } from './dashboard-time.ts';
import { piecesTable } from './dashboards.repository.ts';

/**
 * The facts behind a figure (drill-down lists, docs/dashboards.md "Drill-down"): MetricFact rows in pages, in the
 * order of an index so a page stops early, joined to their conversations; the rollups are read elsewhere
 * (dashboards.repository.ts).
 */

/** A dimension filter as a condition on MetricFact `f` (the fact's dimensions, as the rollups count them). */
export function factDimension(filter: { dimension: string; value: string } | null) {
  if (!filter) return Prisma.empty;
  const v = filter.value;
  // '' = none, as the rollups count a fact without the dimension (rollups.ts dimensionValues).
  if (v === '') {
    switch (filter.dimension) {
      case 'agent':
        return Prisma.sql`AND f."agentUserId" IS NULL`;
      case 'team':
        return Prisma.sql`AND f."teamId" IS NULL`;
      case 'channel':
        return Prisma.sql`AND f."channelId" IS NULL`;
      case 'tag':
        return Prisma.sql`AND cardinality(f."tagIds") = 0`;
      case 'sentiment':
        return Prisma.sql`AND coalesce(f.sentiment, '') = ''`;
      case 'language':
        return Prisma.sql`AND coalesce(f.language, '') = ''`;
      // Every fact has a priority: none matches.
      case 'priority':
        return Prisma.sql`AND false`;
      default:
        throw new Error(`unknown dimension ${filter.dimension}`);
    }
  }
  switch (filter.dimension) {
    case 'agent':
      return Prisma.sql`AND f."agentUserId" = ${v}::uuid`;
    case 'team':
      return Prisma.sql`AND f."teamId" = ${v}::uuid`;
    case 'channel':
      return Prisma.sql`AND f."channelId" = ${v}::uuid`;
    case 'tag':
      return Prisma.sql`AND ${v}::uuid = ANY(f."tagIds")`;
    case 'priority':
      return Prisma.sql`AND f.priority::text = ${v}`;
    case 'sentiment':
      return Prisma.sql`AND f.sentiment = ${v}`;
    case 'language':
      return Prisma.sql`AND f.language = ${v}`;
    default:
      throw new Error(`unknown dimension ${filter.dimension}`);
  }
}

export interface FactPage {
  kinds: string[];
  /** null: any; true/false: SLA hits or breaches only. */
  hit: boolean | null;
  businessHours: boolean;
  minMs: number | null;
  filter: { dimension: string; value: string } | null;
  /** Duration kinds: slowest first; counts: latest first. */
  byValue: boolean;
  after: { v: number; i: string } | null;
  limit: number;
  /** One heatmap cell: the facts at this local weekday (0 = Monday) and hour, in each brand's zone. */
  cell?: { weekday: number; hour: number } | null;
  /** Brands with hidden history (retention): their closed conversations with no message since `before` are left out. */
  hidden?: { brandId: string; before: Date }[];
}

/**
 * Not a fact of a conversation the brand's plan hides (closed, last message before the cutoff): a probe of the
 * conversation by id, only for brands that have hidden history.
 */
function visibleConversation(hidden: FactPage['hidden'], brandId: string) {
  const h = hidden?.find((x) => x.brandId === brandId);
  if (!h) return Prisma.empty;
  return Prisma.sql` AND NOT EXISTS (SELECT 1 FROM "Conversation" hc WHERE hc."id" = f."conversationId"
    AND hc."status" = ANY(${[...CLOSED_STATUSES]}::"ConversationStatus"[]) AND hc."lastMessageAt" < ${h.before})`;
}

export interface FactRow {
  id: string;
  conversationId: string;
  brandId: string;
  kind: string;
  at: Date;
  value: number | null;
  hit: boolean | null;
  customerName: string;
  status: string;
  priority: string;
  assigneeName: string | null;
  excerpt: string | null;
}

/**
 * The facts of a drill-down: the pieces inlined as OR-ed (brand, time range) conditions rather than joined from a
 * list, and one kind as an equality, so that with one brand the planner can walk an index in the list's order —
 * (organizationId, brandId, kind, ms) backwards for "slowest first", (…, kind, at) for "latest first" — and stop at
 * the page, instead of sorting every fact of two years.
 */
function factConditions(organizationId: string, pieces: RollupPiece[], q: FactPage) {
  const value = q.businessHours ? Prisma.sql`f."businessMs"` : Prisma.sql`f.ms`;
  const cell = (zone: string) =>
    q.cell
      ? Prisma.sql` AND extract(isodow FROM f.at AT TIME ZONE ${zone}::text) = ${q.cell.weekday + 1}
          AND extract(hour FROM f.at AT TIME ZONE ${zone}::text) = ${q.cell.hour}`
      : Prisma.empty;
  const inPieces = Prisma.join(
    pieces.map(
      (p) => Prisma.sql`(f."brandId" = ${p.brandId}::uuid AND f.at >= ${p.lo.toISOString()}::timestamptz
        AND f.at < ${p.hi.toISOString()}::timestamptz${cell(p.zone)}${visibleConversation(q.hidden, p.brandId)})`,
    ),
    ' OR ',
  );
  const kind = q.kinds.length === 1 ? Prisma.sql`f.kind = ${q.kinds[0]}` : Prisma.sql`f.kind = ANY(${q.kinds}::text[])`;
  return {
    value,
    from: Prisma.sql`"MetricFact" f
      WHERE f."organizationId" = ${organizationId}::uuid AND ${kind} AND (${inPieces})
        ${q.byValue ? Prisma.sql`AND ${value} IS NOT NULL` : Prisma.empty}
        ${q.hit === null ? Prisma.empty : Prisma.sql`AND f.hit = ${q.hit}`}
        ${q.minMs === null ? Prisma.empty : Prisma.sql`AND ${value} >= ${q.minMs}::float8`}
        ${factDimension(q.filter)}`,
  };
}

/** One page of facts (slowest or latest first, keyset), joined to their conversations, and the total matching. */
export async function factPage(
  db: DbOrTx,
  organizationId: string,
  pieces: RollupPiece[],
  q: FactPage,
  /** false: the caller knows the total (from the rollups); the facts are not counted. */
  countTotal = true,
): Promise<{ rows: FactRow[]; total: number | null }> {
  if (!pieces.length) return { rows: [], total: 0 };
  const { value, from } = factConditions(organizationId, pieces, q);
  const after = q.after
    ? q.byValue
      ? Prisma.sql`AND (${value}, f.id) < (${q.after.v}::float8, ${BigInt(q.after.i)}::bigint)`
      : Prisma.sql`AND (f.at, f.id) < (to_timestamp(${q.after.v}::float8 / 1000), ${BigInt(q.after.i)}::bigint)`
    : Prisma.empty;
  const key = q.byValue ? value : Prisma.sql`f.at`;
  const page = Prisma.sql`
      SELECT f.id, f."conversationId", f."brandId", f.kind, f.at, ${value} AS value, f.hit
      FROM ${from} ${after}
      ORDER BY ${key} DESC, f.id DESC
      LIMIT ${q.limit}`;
  // The page and the count at once (on a server, two pooled connections): each reads the same facts.
  // Counted up to the cap (one more row tells that there are more): a list over two years of 10M mentions has
  // millions of facts, and counting them all would cost seconds.
  const [rows, count] = await Promise.all([
    hydratedPage(db, organizationId, page, q.byValue),
    countTotal
      ? db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} LIMIT ${DASHBOARD_LIMITS.drilldownCountMax + 1}::int) x`
      : null,
  ]);
  return { rows, total: count ? (count[0]?.n ?? 0) : null };
}

/**
 * The conversations open at the end of each piece (`hi`): episodes started before it whose resolution (same
 * conversation, same episode) is not before it, latest started first (keyset on start time and fact id). Walks the
 * brand's episode starts backwards from `hi`, probing each for its resolution: recent episodes are the open ones,
 * so a page reads a few times its length.
 */
export async function openEpisodesPage(
  db: DbOrTx,
  organizationId: string,
  pieces: RollupPiece[],
  q: Pick<FactPage, 'filter' | 'after' | 'limit' | 'hidden'>,
) {
  if (!pieces.length) return [];
  const after = q.after
    ? Prisma.sql`AND (f.at, f.id) < (to_timestamp(${q.after.v}::float8 / 1000), ${BigInt(q.after.i)}::bigint)`
    : Prisma.empty;
  // Each brand's end inlined (not joined from a list), and the resolution probe a scalar subquery (a NOT EXISTS
  // becomes an anti-join the planner costs as nearly empty), so that with one brand it walks the time index backwards
  // and probes each episode, stopping at the page: 12 ms at 10M mentions, where the hash anti-join of every episode
  // and resolution of two years took 3–12 s.
  const openAtEnd = Prisma.join(
    pieces.map(
      (p) => Prisma.sql`(f."brandId" = ${p.brandId}::uuid AND f.at < ${p.hi.toISOString()}::timestamptz
        AND (SELECT 1 FROM "MetricFact" r
             WHERE r."conversationId" = f."conversationId" AND r.kind = 'resolution' AND r.episode = f.episode
               AND r.at < ${p.hi.toISOString()}::timestamptz LIMIT 1) IS NULL${visibleConversation(q.hidden, p.brandId)})`,
    ),
    ' OR ',
  );
  const page = Prisma.sql`
      SELECT f.id, f."conversationId", f."brandId", f.kind, f.at, NULL::float8 AS value, NULL::boolean AS hit
      FROM "MetricFact" f
      WHERE f."organizationId" = ${organizationId}::uuid AND f.kind = 'episode_start' AND (${openAtEnd})
        ${factDimension(q.filter)} ${after}
      ORDER BY f.at DESC, f.id DESC
      LIMIT ${q.limit}`;
  return hydratedPage(db, organizationId, page, false);
}

/** Episodes started minus resolved in [lo, hi) of each piece, from the facts (the part of a day rollups do not cut). */
export async function backlogDeltaFromFacts(
  db: DbOrTx,
  organizationId: string,
  pieces: RollupPiece[],
  filter: FactPage['filter'],
): Promise<number> {
  if (!pieces.length) return 0;
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT (count(*) FILTER (WHERE f.kind = 'episode_start') - count(*) FILTER (WHERE f.kind = 'resolution'))::int AS n
    FROM ${piecesTable(pieces)}
    JOIN "MetricFact" f ON f."organizationId" = ${organizationId}::uuid AND f."brandId" = p.brand
      AND f.kind IN ('episode_start', 'resolution') AND f.at >= p.lo AND f.at < p.hi ${factDimension(filter)}`;
  return row?.n ?? 0;
}

/** A page of facts (a SELECT of FactRow's fact columns, ordered and limited) joined to their conversations. */
async function hydratedPage(db: DbOrTx, organizationId: string, page: Prisma.Sql, byValue: boolean) {
  const rows = await db.$queryRaw<(Omit<FactRow, 'id'> & { id: bigint })[]>`
    WITH page AS (${page})
    SELECT page.id, page."conversationId", page."brandId", page.kind, page.at, page.value, page.hit,
           cu."displayName" AS "customerName", c.status::text AS status, c.priority::text AS priority,
           u.name AS "assigneeName",
           (SELECT left(mm.text, 280) FROM "Mention" mm
             WHERE mm."conversationId" = c.id AND mm.kind <> 'outbound' ORDER BY mm."postedAt", mm.id LIMIT 1) AS excerpt
    FROM page
    JOIN "Conversation" c ON c.id = page."conversationId" AND c."organizationId" = ${organizationId}::uuid
    JOIN "Customer" cu ON cu.id = c."customerId"
    LEFT JOIN "User" u ON u.id = c."assigneeUserId"
    ORDER BY ${byValue ? Prisma.sql`COALESCE(page.value, -1)` : Prisma.sql`page.at`} DESC, page.id DESC`;
  return rows.map((r) => ({ ...r, id: r.id.toString() }));
}

/**
 * The heatmap of a filtered scope, from the facts: hour rollups only hold brand totals. Reads the inbound facts of
 * the range through the (organizationId, brandId, kind, at) index.
 */
export function heatmapFromFacts(
  db: DbOrTx,
  organizationId: string,
  pieces: RollupPiece[],
  filter: { dimension: string; value: string },
) {
  return db.$queryRaw<{ weekday: number; hour: number; count: number }[]>`
    SELECT (extract(isodow FROM f.at AT TIME ZONE p.zone) - 1)::int AS weekday,
           extract(hour FROM f.at AT TIME ZONE p.zone)::int AS hour, count(*)::int AS count
    FROM ${piecesTable(pieces)}
    JOIN "MetricFact" f ON f."organizationId" = ${organizationId}::uuid AND f."brandId" = p.brand
      AND f.kind = 'inbound' AND f.at >= p.lo AND f.at < p.hi ${factDimension(filter)}
    GROUP BY 1, 2`;
}
