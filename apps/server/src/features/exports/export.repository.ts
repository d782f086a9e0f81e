import type pg from 'pg';
import type { DbOrTx } from '../../db/database.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { filterConditions, type ConversationScope } from '../inbox/inbox-list.repository.ts';

/** Rows per keyset batch: big enough that the round trips do not dominate, small enough to keep memory flat. */
export const EXPORT_BATCH = 5000;

/**
 * Runs one batch query and answers its rows as arrays of text (every column is cast to text in SQL, so the two
 * ways of reading give the same values). The pool reader skips pg's type parsing: the export writes text anyway.
 */
export type FetchRows = (sql: Prisma.Sql) => Promise<(string | null)[][]>;

const asText = { getTypeParser: () => (value: string) => value };

export function poolFetcher(pool: pg.Pool): FetchRows {
  return async (sql) => {
    const result = await pool.query<(string | null)[]>({
      text: sql.text,
      values: sql.values,
      rowMode: 'array',
      types: asText,
    });
    return result.rows;
  };
}

export function prismaFetcher(db: DbOrTx): FetchRows {
  return async (sql) => {
    const rows = await db.$queryRaw<Record<string, string | null>[]>(sql);
    return rows.map((r) => Object.values(r));
  };
}

/** Extra conditions of an export beyond the inbox scope: the creation date range. */
export interface CreatedRange {
  from?: Date | undefined;
  to?: Date | undefined;
}

const utc = (column: Prisma.Sql) => Prisma.sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
/** Milliseconds (double) as whole seconds, rounded; '' when absent. */
const seconds = (column: Prisma.Sql) => Prisma.sql`coalesce(round(${column} / 1000)::bigint::text, '')`;
/** A code column as a CSV-safe value ('' when absent): codes never hold commas, quotes or line breaks. */
const code = (column: Prisma.Sql) => Prisma.sql`coalesce(translate(${column}, E',"\r\n', ''), '')`;
const text = (column: Prisma.Sql) => Prisma.sql`coalesce(${column}::text, '')`;
const joined = (parts: Prisma.Sql[]) => Prisma.join(parts, ` || ',' || `);

/**
 * One keyset batch of the export, in id order (UUIDv7: creation order), after `afterId`, as raw rows (RAW_*
 * positions): the columns Perch itself writes (codes, instants, counts, seconds) come already joined into
 * comma-separated segments, so that Node parses 12 fields a row instead of 31 and pastes the segments into
 * the CSV as they are; ids are turned into names, and user text guarded and quoted, by the service.
 */
export function exportBatchSql(
  scope: ConversationScope,
  created: CreatedRange,
  afterId: string | null,
  limit: number,
): Prisma.Sql {
  const where = [
    Prisma.sql`c."organizationId" = ${scope.organizationId}::uuid`,
    Prisma.sql`c."brandId" = ANY(${scope.brandIds}::uuid[])`,
    Prisma.sql`c."status" = ANY(${scope.statuses}::"ConversationStatus"[])`,
    ...filterConditions(scope),
  ];
  if (created.from) where.push(Prisma.sql`c."createdAt" >= ${created.from}::timestamptz`);
  if (created.to) where.push(Prisma.sql`c."createdAt" <= ${created.to}::timestamptz`);
  if (afterId) where.push(Prisma.sql`c."id" > ${afterId}::uuid`);
  // The same bound on the metric side: without it a merge join re-reads the metric index from its start at every
  // batch (quadratic over a large export).
  const metricAfter = afterId ? Prisma.sql` AND m."conversationId" > ${afterId}::uuid` : Prisma.empty;
  const statusPriority = joined([Prisma.sql`c."status"::text`, Prisma.sql`c."priority"::text`]);
  const facts = joined([
    code(Prisma.sql`c."sentiment"`),
    code(Prisma.sql`c."language"`),
    utc(Prisma.sql`c."createdAt"`),
    Prisma.sql`coalesce(${utc(Prisma.sql`c."resolvedAt"`)}, '')`,
    text(Prisma.sql`m."episodes"`),
    text(Prisma.sql`m."inboundCount"`),
    text(Prisma.sql`m."outboundCount"`),
    text(Prisma.sql`m."replyCount"`),
  ]);
  const metrics = joined([
    seconds(Prisma.sql`m."firstResponseMs"`),
    seconds(Prisma.sql`m."firstResponseBusinessMs"`),
    seconds(Prisma.sql`m."replyTimeMedianMs"`),
    seconds(Prisma.sql`m."replyTimeMedianBusinessMs"`),
    seconds(Prisma.sql`m."resolutionMs"`),
    seconds(Prisma.sql`m."resolutionBusinessMs"`),
    seconds(Prisma.sql`m."fullResolutionMs"`),
    seconds(Prisma.sql`m."fullResolutionBusinessMs"`),
    seconds(Prisma.sql`m."requesterWaitMs"`),
    seconds(Prisma.sql`m."requesterWaitBusinessMs"`),
    text(Prisma.sql`m."slaHits"`),
    text(Prisma.sql`m."slaBreaches"`),
  ]);
  return Prisma.sql`
    SELECT c."id"::text AS r0, c."brandId"::text AS r1, c."channelId"::text AS r2, cu."displayName" AS r3,
      (SELECT h."username" FROM "Handle" h WHERE h."customerId" = c."customerId" ORDER BY h."id" LIMIT 1) AS r4,
      ${statusPriority} AS r5, c."assigneeUserId"::text AS r6, c."teamId"::text AS r7,
      array_to_string(c."tagIds", ',') AS r8, ${facts} AS r9, m."firstResponseAgentUserId"::text AS r10,
      ${metrics} AS r11
    FROM "Conversation" c
    JOIN "Customer" cu ON cu."id" = c."customerId"
    LEFT JOIN "ConversationMetric" m ON m."conversationId" = c."id"${metricAfter}
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY c."id"
    LIMIT ${limit}::int`;
}

/** Positions in a raw batch row (exportBatchSql). */
export const RAW = {
  id: 0,
  brandId: 1,
  channelId: 2,
  customer: 3,
  handle: 4,
  /** status,priority */
  statusPriority: 5,
  assigneeId: 6,
  teamId: 7,
  /** tag ids, comma-separated */
  tagIds: 8,
  /** sentiment,language,created,resolved,episodes,inbound,outbound,replies */
  facts: 9,
  firstResponderId: 10,
  /** the ten durations in seconds, then SLA hits and breaches */
  metrics: 11,
} as const;
export type RawRow = (string | null)[];

/** Names of the organization's brands, channels, members, teams and tags, by id (the export's dictionaries). */
export async function exportDictionaries(db: DbOrTx, organizationId: string) {
  const where = { organizationId };
  const [brands, channels, members, teams, tags] = await Promise.all([
    db.brand.findMany({ where, select: { id: true, name: true } }),
    db.channel.findMany({ where, select: { id: true, name: true } }),
    db.membership.findMany({ where, select: { userId: true, user: { select: { name: true } } } }),
    db.team.findMany({ where, select: { id: true, name: true } }),
    db.tag.findMany({ where, select: { id: true, name: true } }),
  ]);
  const byId = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  return {
    brands: byId(brands),
    channels: byId(channels),
    users: new Map(members.map((m) => [m.userId, m.user.name])),
    teams: byId(teams),
    tags: byId(tags),
  };
}
export type ExportDictionaries = Awaited<ReturnType<typeof exportDictionaries>>;
