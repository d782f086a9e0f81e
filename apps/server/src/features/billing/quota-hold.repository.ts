import { QUOTA_LIMITS } from '@perch/shared';
import type { DbOrTx, Tx } from '../../db/database.ts';

/**
 * Held mentions (docs/billing.md, "Quotas: hold and warnings"): posts over a Free brand's monthly quota, kept in
 * `HeldMention` with the normalized post as ingest would have stored it. Only the writers that hold the brand's
 * ingest lock (ingest batches, releases) insert or delete them.
 */

/** Mentions metered for the brand in the period starting at `periodStart` (0 when none yet). */
export async function mentionsUsed(tx: DbOrTx, organizationId: string, brandId: string, periodStart: Date) {
  const row = await tx.usageRecord.findUnique({
    where: {
      organizationId_brandId_metric_periodStart: { organizationId, brandId, metric: 'mentions', periodStart },
    },
    select: { quantity: true },
  });
  return row?.quantity ?? 0;
}

export interface NewHeldMention {
  id: string;
  externalId: string;
  /** The serialized NormalizedMention (quota-hold.ts). */
  payload: string;
  postedAt: Date;
}

/** Keeps these posts aside; one already held (same channel and external id) stays as it is. Returns how many. */
export function insertHeldMentions(
  tx: Tx,
  scope: { organizationId: string; brandId: string; channelId: string; network: string },
  rows: NewHeldMention[],
): Promise<number> {
  if (rows.length === 0) return Promise.resolve(0);
  return tx.$executeRaw`
    INSERT INTO "HeldMention" (id, "organizationId", "brandId", "channelId", "externalId", network, payload, "postedAt")
    SELECT u.id, ${scope.organizationId}::uuid, ${scope.brandId}::uuid, ${scope.channelId}::uuid, u.ext,
      ${scope.network}, u.payload::jsonb, u.posted
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.externalId)}::varchar[],
                ${rows.map((r) => r.payload)}::text[], ${rows.map((r) => r.postedAt.toISOString())}::timestamptz[])
      AS u(id, ext, payload, posted)
    ON CONFLICT ("channelId", "externalId") DO NOTHING`;
}

/** The network deleted these posts: a held copy is dropped (it never reaches the inbox). Returns how many. */
export function deleteHeldMentions(tx: Tx, channelId: string, externalIds: string[]): Promise<number> {
  if (externalIds.length === 0) return Promise.resolve(0);
  return tx.$executeRaw`
    DELETE FROM "HeldMention" WHERE "channelId" = ${channelId}::uuid AND "externalId" = ANY(${externalIds}::varchar[])`;
}

export interface TakenHeldMention {
  id: string;
  channelId: string;
  network: string;
  payload: unknown;
  receivedAt: Date;
}

/** Removes the brand's `limit` oldest held mentions (by reception) and returns them, oldest first. */
export async function takeHeldMentions(tx: Tx, organizationId: string, brandId: string, limit: number) {
  const rows = await tx.$queryRaw<TakenHeldMention[]>`
    DELETE FROM "HeldMention" WHERE id IN (
      SELECT id FROM "HeldMention" WHERE "organizationId" = ${organizationId}::uuid AND "brandId" = ${brandId}::uuid
      ORDER BY "receivedAt", id LIMIT ${limit})
    RETURNING id, "channelId", network, payload, "receivedAt"`;
  return rows.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || (a.id < b.id ? -1 : 1));
}

export async function hasHeldMentions(db: DbOrTx, organizationId: string, brandId: string): Promise<boolean> {
  return (await db.heldMention.findFirst({ where: { organizationId, brandId }, select: { id: true } })) !== null;
}

/** Every brand with held mentions, one index probe per brand (a loose index scan). */
export function brandsWithHeldMentions(db: DbOrTx) {
  return db.$queryRaw<{ organizationId: string; brandId: string }[]>`
    WITH RECURSIVE b AS (
      (SELECT "organizationId", "brandId" FROM "HeldMention" ORDER BY "organizationId", "brandId" LIMIT 1)
      UNION ALL
      SELECT n."organizationId", n."brandId" FROM b CROSS JOIN LATERAL (
        SELECT h."organizationId", h."brandId" FROM "HeldMention" h
        WHERE (h."organizationId", h."brandId") > (b."organizationId", b."brandId")
        ORDER BY h."organizationId", h."brandId" LIMIT 1) n
    )
    SELECT "organizationId"::text AS "organizationId", "brandId"::text AS "brandId" FROM b`;
}

/** Held mentions per brand of the organization (these brands; null: all), counted up to the cap; zeros left out. */
export async function heldCounts(db: DbOrTx, organizationId: string, brandIds: readonly string[] | null) {
  const cap = QUOTA_LIMITS.heldCountCap;
  const rows = await db.$queryRaw<{ brandId: string; held: number }[]>`
    SELECT b.id::text AS "brandId", (
      SELECT count(*)::int FROM (
        SELECT 1 FROM "HeldMention" h WHERE h."organizationId" = b."organizationId" AND h."brandId" = b.id
        LIMIT ${cap + 1}) x) AS held
    FROM "Brand" b
    WHERE b."organizationId" = ${organizationId}::uuid
      AND (${brandIds === null} OR b.id = ANY(${brandIds ?? []}::uuid[]))
    ORDER BY b.name, b.id`;
  return rows
    .filter((r) => r.held > 0)
    .map((r) => ({ brandId: r.brandId, held: Math.min(r.held, cap), capped: r.held > cap }));
}

export interface HeldRow {
  id: string;
  network: string;
  username: string | null;
  displayName: string | null;
  text: string | null;
  postedAt: Date;
  receivedAt: Date;
}

/**
 * One page of a brand's held mentions, oldest received first (the order they are released in), keyset on
 * (receivedAt, id) after the cursor row; only the fields the view shows are read out of the payload. `cursorKnown`
 * is false when the cursor is not a held mention of this brand (released meanwhile, or another tenant's).
 */
export async function heldPage(
  db: DbOrTx,
  scope: { organizationId: string; brandId: string },
  cursor: string | null,
  limit: number,
) {
  const after = cursor
    ? await db.heldMention.findFirst({
        where: { id: cursor, organizationId: scope.organizationId, brandId: scope.brandId },
        select: { id: true, receivedAt: true },
      })
    : null;
  if (cursor && !after) return { cursorKnown: false, rows: [] as HeldRow[] };
  const rows = await db.$queryRaw<HeldRow[]>`
    SELECT id::text AS id, network, payload->'author'->>'username' AS username,
      payload->'author'->>'displayName' AS "displayName", payload->>'text' AS text, "postedAt", "receivedAt"
    FROM "HeldMention"
    WHERE "organizationId" = ${scope.organizationId}::uuid AND "brandId" = ${scope.brandId}::uuid
      AND (${after === null} OR ("receivedAt", id) > (${after?.receivedAt ?? new Date(0)}::timestamptz, ${after?.id ?? '00000000-0000-0000-0000-000000000000'}::uuid))
    ORDER BY "receivedAt", id
    LIMIT ${limit + 1}`;
  return { cursorKnown: true, rows };
}
