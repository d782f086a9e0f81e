import type { ConversationStatus } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';

/**
 * The reads behind history retention (retention.ts). Each is a few seeks of the inbox's
 * (organizationId, brandId, status, lastMessageAt DESC, id DESC) index, never a scan of the brand's conversations.
 */

/**
 * Per brand of the organization (`brandIds`, or all of them when null), the oldest last message of its conversations
 * in `statuses` (null: none): one backward index seek per brand and status.
 */
export async function oldestLastMessage(
  db: DbOrTx,
  organizationId: string,
  brandIds: readonly string[] | null,
  statuses: readonly ConversationStatus[],
): Promise<Map<string, Date | null>> {
  if ((brandIds && !brandIds.length) || !statuses.length) return new Map();
  const rows = await db.$queryRaw<{ brandId: string; oldest: Date | null }[]>`
    SELECT b.id::text AS "brandId", (
      SELECT min(o.at) FROM unnest(${[...statuses]}::"ConversationStatus"[]) AS s(status)
      CROSS JOIN LATERAL (
        SELECT c."lastMessageAt" AS at FROM "Conversation" c
        WHERE c."organizationId" = ${organizationId}::uuid AND c."brandId" = b.id AND c."status" = s.status
        ORDER BY c."lastMessageAt" LIMIT 1
      ) o
    ) AS oldest
    FROM "Brand" b
    WHERE b."organizationId" = ${organizationId}::uuid
      AND (${brandIds === null}::boolean OR b.id = ANY(${[...(brandIds ?? [])]}::uuid[]))`;
  return new Map(rows.map((r) => [r.brandId, r.oldest]));
}

export interface HiddenCountQuery {
  brandId: string;
  status: ConversationStatus;
  before: Date;
  /**
   * true: count the visible side (at or after `before`) and subtract it from the maintained counter — when the
   * hidden side is the longer stretch of time (a brand that kept years of history and moved to a shorter plan).
   */
  fromVisible: boolean;
}

/**
 * How many conversations of each (brand, status) have their last message before `before`, exactly, in one statement
 * (one snapshot): an index-only range count of whichever side of `before` is the shorter stretch of time.
 */
export async function hiddenCounts(
  db: DbOrTx,
  organizationId: string,
  queries: readonly HiddenCountQuery[],
): Promise<{ brandId: string; status: ConversationStatus; count: number }[]> {
  if (!queries.length) return [];
  return db.$queryRaw<{ brandId: string; status: ConversationStatus; count: number }[]>`
    SELECT q.brand::text AS "brandId", q.status::text AS status, (CASE WHEN q.visible THEN
        (SELECT COALESCE(sum(ic."count"), 0) FROM "InboxCount" ic
          WHERE ic."organizationId" = ${organizationId}::uuid AND ic."brandId" = q.brand AND ic."status" = q.status)
        - (SELECT count(*) FROM "Conversation" c
          WHERE c."organizationId" = ${organizationId}::uuid AND c."brandId" = q.brand AND c."status" = q.status
            AND c."lastMessageAt" >= q.before)
      ELSE (SELECT count(*) FROM "Conversation" c
          WHERE c."organizationId" = ${organizationId}::uuid AND c."brandId" = q.brand AND c."status" = q.status
            AND c."lastMessageAt" < q.before) END)::int AS count
    FROM unnest(${queries.map((q) => q.brandId)}::uuid[], ${queries.map((q) => q.status)}::"ConversationStatus"[],
      ${queries.map((q) => q.before.toISOString())}::timestamptz[], ${queries.map((q) => q.fromVisible)}::boolean[])
      AS q(brand, status, before, visible)`;
}
