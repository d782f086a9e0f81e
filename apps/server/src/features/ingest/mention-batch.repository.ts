import type { ConversationStatus, Priority } from '@perch/shared';
import type { Tx } from '../../db/database.ts';
import type { ConversationState, PlannedEvent } from './threading.ts';

/**
 * The set-based statements of the ingest pipeline: each takes whole columns as arrays (`unnest`), so a batch of
 * 5,000 posts costs the same dozen statements as a batch of one. Ids are made by the caller (UUIDv7), as Prisma
 * would; `@updatedAt` columns are set explicitly (they have no database default).
 */

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Serialises the batches of one brand: threading reads "the customer's open conversation" and then writes, so two
 * workers on the same brand must not interleave. Different brands proceed in parallel.
 */
export async function lockBrandForIngest(tx: Tx, brandId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`ingest:${brandId}`}, 0))`;
}

/** Posts of the channel already stored, or held over a Free quota (docs/billing.md): both are duplicates. */
export async function storedExternalIds(tx: Tx, channelId: string, externalIds: string[]): Promise<Set<string>> {
  const rows = await tx.$queryRaw<{ externalId: string }[]>`
    SELECT "externalId" FROM "Mention"
    WHERE "channelId" = ${channelId}::uuid AND "externalId" = ANY(${externalIds}::varchar[])
    UNION ALL
    SELECT "externalId" FROM "HeldMention"
    WHERE "channelId" = ${channelId}::uuid AND "externalId" = ANY(${externalIds}::varchar[])`;
  return new Set(rows.map((r) => r.externalId));
}

export interface HandleRow {
  handleId: string;
  customerId: string;
  externalUserId: string;
  isVip: boolean;
}

export function findHandles(tx: Tx, organizationId: string, network: string, externalUserIds: string[]) {
  return tx.$queryRaw<HandleRow[]>`
    SELECT h.id AS "handleId", h."customerId", h."externalUserId", c."isVip"
    FROM "Handle" h JOIN "Customer" c ON c.id = h."customerId"
    WHERE h."organizationId" = ${organizationId}::uuid AND h.network = ${network}
      AND h."externalUserId" = ANY(${externalUserIds}::varchar[])`;
}

export interface NewHandle {
  handleId: string;
  customerId: string;
  externalUserId: string;
  displayName: string;
  username: string;
  followers: number;
  verified: boolean;
  profileUrl: string | null;
}

/**
 * Creates a customer and a handle per new author. A handle another worker created meanwhile wins (ON CONFLICT DO
 * NOTHING); our customer for it is removed again. Returns the external user ids that lost the race.
 */
export async function insertHandles(tx: Tx, organizationId: string, network: string, rows: NewHandle[]) {
  if (rows.length === 0) return new Set<string>();
  const col = <K extends keyof NewHandle>(k: K) => rows.map((r) => r[k]);
  await tx.$executeRaw`
    INSERT INTO "Customer" (id, "organizationId", "displayName")
    SELECT id, ${organizationId}::uuid, name FROM unnest(${col('customerId')}::uuid[], ${col('displayName')}::varchar[]) AS u(id, name)`;
  const inserted = await tx.$queryRaw<{ externalUserId: string }[]>`
    INSERT INTO "Handle" (id, "organizationId", "customerId", network, "externalUserId", username, followers, verified, "profileUrl", "updatedAt")
    SELECT u.id, ${organizationId}::uuid, u.customer, ${network}, u.ext, u.username, u.followers, u.verified, u.url, now()
    FROM unnest(${col('handleId')}::uuid[], ${col('customerId')}::uuid[], ${col('externalUserId')}::varchar[],
                ${col('username')}::varchar[], ${col('followers')}::int[], ${col('verified')}::bool[],
                ${col('profileUrl')}::varchar[]) AS u(id, customer, ext, username, followers, verified, url)
    ON CONFLICT ("organizationId", network, "externalUserId") DO NOTHING
    RETURNING "externalUserId"`;
  const won = new Set(inserted.map((r) => r.externalUserId));
  const lost = rows.filter((r) => !won.has(r.externalUserId));
  if (lost.length > 0) {
    await tx.$executeRaw`DELETE FROM "Customer" WHERE id = ANY(${lost.map((r) => r.customerId)}::uuid[])`;
  }
  return new Set(lost.map((r) => r.externalUserId));
}

/**
 * Keeps known handles' public details fresh from posts newer than their last refresh (a history import never
 * rolls them back); rows whose details did not change are not rewritten.
 */
export async function refreshHandles(
  tx: Tx,
  rows: (Omit<NewHandle, 'customerId' | 'displayName'> & { postedAt: Date })[],
) {
  if (rows.length === 0) return;
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  await tx.$executeRaw`
    UPDATE "Handle" h SET username = u.username, followers = u.followers, verified = u.verified,
      "profileUrl" = u.url, "updatedAt" = now()
    FROM unnest(${col('handleId')}::uuid[], ${col('username')}::varchar[], ${col('followers')}::int[],
                ${col('verified')}::bool[], ${col('profileUrl')}::varchar[],
                ${rows.map((r) => r.postedAt.toISOString())}::timestamptz[]) AS u(id, username, followers, verified, url, posted)
    WHERE h.id = u.id AND u.posted > h."updatedAt"
      AND (h.username, h.followers, h.verified, h."profileUrl") IS DISTINCT FROM (u.username, u.followers, u.verified, u.url)`;
}

/** Conversations of posts answered by this batch: stored posts of the channel, then replies Perch sent. */
export async function conversationsOfPosts(
  tx: Tx,
  organizationId: string,
  brandId: string,
  channelId: string,
  externalIds: string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (externalIds.length === 0) return found;
  const rows = await tx.$queryRaw<{ externalId: string; conversationId: string }[]>`
    SELECT "externalId", "conversationId" FROM "Mention"
    WHERE "channelId" = ${channelId}::uuid AND "externalId" = ANY(${externalIds}::varchar[])
      AND "conversationId" IS NOT NULL
    UNION ALL
    SELECT r."networkId", r."conversationId" FROM "Reply" r JOIN "Conversation" c ON c.id = r."conversationId"
    WHERE r."organizationId" = ${organizationId}::uuid AND r."networkId" = ANY(${externalIds}::varchar[])
      AND c."brandId" = ${brandId}::uuid`;
  for (const r of rows) if (!found.has(r.externalId)) found.set(r.externalId, r.conversationId);
  return found;
}

/** Each customer's latest unresolved conversation with the brand. */
export async function openConversationsOf(tx: Tx, organizationId: string, brandId: string, customerIds: string[]) {
  if (customerIds.length === 0) return new Map<string, string>();
  const rows = await tx.$queryRaw<{ customerId: string; id: string }[]>`
    SELECT DISTINCT ON ("customerId") "customerId", id FROM "Conversation"
    WHERE "customerId" = ANY(${customerIds}::uuid[]) AND "organizationId" = ${organizationId}::uuid
      AND "brandId" = ${brandId}::uuid AND status <> 'resolved'
    ORDER BY "customerId", "lastMessageAt" DESC, id DESC`;
  return new Map(rows.map((r) => [r.customerId, r.id]));
}

export type LoadedConversation = Omit<ConversationState, 'isNew' | 'changed' | 'snoozedUntilCleared'>;

/**
 * The conversations a batch threads into, locked until it commits (FOR NO KEY UPDATE: the batch rewrites them but
 * never their ids, so inserts that reference them elsewhere, such as a metrics batch's facts, neither wait for it
 * nor make it wait).
 */
export async function conversationStates(tx: Tx, organizationId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, LoadedConversation>();
  const rows = await tx.$queryRaw<(Omit<LoadedConversation, 'tagIds'> & { tags: string })[]>`
    SELECT id, "customerId", status, priority, "teamId", array_to_string("tagIds", ',') AS tags, "waitingSince",
           "lastMessageAt", "episodeStartedAt", sentiment, language, "isVip", "channelId", "lastInboundAt"
    FROM "Conversation" WHERE id = ANY(${ids}::uuid[]) AND "organizationId" = ${organizationId}::uuid
    FOR NO KEY UPDATE`;
  return new Map(
    rows.map(({ tags, ...r }) => [r.id, { ...r, tagIds: tags ? tags.split(',') : [] } satisfies LoadedConversation]),
  );
}

export async function writeConversations(tx: Tx, organizationId: string, brandId: string, all: ConversationState[]) {
  const cols = (rows: ConversationState[]) => ({
    id: rows.map((c) => c.id),
    customer: rows.map((c) => c.customerId),
    status: rows.map((c): ConversationStatus => c.status),
    priority: rows.map((c): Priority => c.priority),
    team: rows.map((c) => c.teamId),
    // unnest flattens 2-D arrays, so each row's tags travel as one comma-separated string.
    tags: rows.map((c) => c.tagIds.join(',')),
    waiting: rows.map((c) => iso(c.waitingSince)),
    last: rows.map((c) => iso(c.lastMessageAt)),
    episode: rows.map((c) => iso(c.episodeStartedAt)),
    sentiment: rows.map((c) => c.sentiment),
    language: rows.map((c) => c.language),
    unsnooze: rows.map((c) => c.snoozedUntilCleared),
    vip: rows.map((c) => c.isVip),
    channel: rows.map((c) => c.channelId),
    inbound: rows.map((c) => iso(c.lastInboundAt)),
  });
  const created = all.filter((c) => c.isNew);
  if (created.length > 0) {
    const c = cols(created);
    await tx.$executeRaw`
      INSERT INTO "Conversation" (id, "organizationId", "brandId", "customerId", status, priority, "teamId", "tagIds",
        "waitingSince", "lastMessageAt", "episodeStartedAt", sentiment, language, "isVip", "channelId",
        "lastInboundAt", "createdAt", "updatedAt")
      SELECT u.id, ${organizationId}::uuid, ${brandId}::uuid, u.customer, u.status::"ConversationStatus",
        u.priority::"Priority", u.team, string_to_array(NULLIF(u.tags, ''), ',')::uuid[], u.waiting, u.last,
        u.episode, u.sentiment, u.language, u.vip, u.channel, u.inbound, u.episode, now()
      FROM unnest(${c.id}::uuid[], ${c.customer}::uuid[], ${c.status}::text[], ${c.priority}::text[],
                  ${c.team}::uuid[], ${c.tags}::text[], ${c.waiting}::timestamptz[], ${c.last}::timestamptz[],
                  ${c.episode}::timestamptz[], ${c.sentiment}::varchar[], ${c.language}::varchar[],
                  ${c.vip}::bool[], ${c.channel}::uuid[], ${c.inbound}::timestamptz[])
        AS u(id, customer, status, priority, team, tags, waiting, last, episode, sentiment, language, vip, channel,
             inbound)`;
  }
  const changed = all.filter((x) => !x.isNew);
  if (changed.length > 0) {
    const c = cols(changed);
    await tx.$executeRaw`
      UPDATE "Conversation" v SET status = u.status::"ConversationStatus", priority = u.priority::"Priority",
        "teamId" = u.team, "tagIds" = COALESCE(string_to_array(NULLIF(u.tags, ''), ',')::uuid[], '{}'),
        "waitingSince" = u.waiting, "lastMessageAt" = u.last, "episodeStartedAt" = u.episode,
        sentiment = u.sentiment, language = u.language, "isVip" = u.vip, "lastInboundAt" = u.inbound,
        "snoozedUntil" = CASE WHEN u.unsnooze THEN NULL ELSE v."snoozedUntil" END,
        "resolvedAt" = CASE WHEN u.status = 'resolved' THEN v."resolvedAt" END,
        version = v.version + 1, "updatedAt" = now()
      FROM unnest(${c.id}::uuid[], ${c.status}::text[], ${c.priority}::text[], ${c.team}::uuid[], ${c.tags}::text[],
                  ${c.waiting}::timestamptz[], ${c.last}::timestamptz[], ${c.episode}::timestamptz[],
                  ${c.sentiment}::varchar[], ${c.language}::varchar[], ${c.unsnooze}::bool[], ${c.vip}::bool[],
                  ${c.inbound}::timestamptz[])
        AS u(id, status, priority, team, tags, waiting, last, episode, sentiment, language, unsnooze, vip, inbound)
      WHERE v.id = u.id`;
  }
}

export interface MentionRow {
  id: string;
  conversationId: string;
  handleId: string;
  externalId: string;
  inReplyToExternalId: string | null;
  kind: string;
  text: string;
  postedAt: Date;
  raw: unknown;
  language: string | null;
  sentiment: string | null;
  sentimentScore: number | null;
  isSpam: boolean;
  priorityScore: number | null;
}

/** Inserts the batch's posts; (channel, external id) already stored is skipped. Returns how many were inserted. */
export function insertMentions(
  tx: Tx,
  scope: { organizationId: string; brandId: string; channelId: string },
  rows: MentionRow[],
): Promise<number> {
  const col = <K extends keyof MentionRow>(k: K) => rows.map((r) => r[k]);
  return tx.$executeRaw`
    INSERT INTO "Mention" (id, "organizationId", "channelId", "brandId", "conversationId", "handleId", "externalId",
      "inReplyToExternalId", kind, text, "postedAt", raw, language, sentiment, "sentimentScore", "isSpam", "priorityScore")
    SELECT u.id, ${scope.organizationId}::uuid, ${scope.channelId}::uuid, ${scope.brandId}::uuid, u.conv, u.handle,
      u.ext, u.reply_to, u.kind, u.text, u.posted, u.raw::jsonb, u.language, u.sentiment, u.score, u.spam, u.prio
    FROM unnest(${col('id')}::uuid[], ${col('conversationId')}::uuid[], ${col('handleId')}::uuid[],
                ${col('externalId')}::varchar[], ${col('inReplyToExternalId')}::varchar[], ${col('kind')}::varchar[],
                ${col('text')}::text[], ${rows.map((r) => r.postedAt.toISOString())}::timestamptz[],
                ${rows.map((r) => (r.raw === undefined || r.raw === null ? null : JSON.stringify(r.raw)))}::text[],
                ${col('language')}::varchar[], ${col('sentiment')}::varchar[], ${col('sentimentScore')}::float8[],
                ${col('isSpam')}::bool[], ${col('priorityScore')}::int[])
      AS u(id, conv, handle, ext, reply_to, kind, text, posted, raw, language, sentiment, score, spam, prio)
    ON CONFLICT ("channelId", "externalId") DO NOTHING`;
}

export async function appendEvents(tx: Tx, organizationId: string, brandId: string, events: PlannedEvent[]) {
  if (events.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "ConversationEvent" ("organizationId", "conversationId", "brandId", type, data, "occurredAt")
    SELECT ${organizationId}::uuid, u.conv, ${brandId}::uuid, u.type, u.data::jsonb, u.at
    FROM unnest(${events.map((e) => e.conversationId)}::uuid[], ${events.map((e) => e.type)}::varchar[],
                ${events.map((e) => JSON.stringify(e.data))}::text[],
                ${events.map((e) => e.at.toISOString())}::timestamptz[]) AS u(conv, type, data, at)`;
}

/**
 * Metered usage: mentions ingested per brand per calendar month (UTC), one upsert per month in the batch. Returns
 * each month's total after this batch (the quota warnings read it: no second statement).
 */
export async function meterMentions(
  tx: Tx,
  organizationId: string,
  brandId: string,
  perMonth: { id: string; periodStart: Date; quantity: number }[],
): Promise<{ periodStart: Date; quantity: number }[]> {
  if (perMonth.length === 0) return [];
  return tx.$queryRaw<{ periodStart: Date; quantity: number }[]>`
    INSERT INTO "UsageRecord" (id, "organizationId", "brandId", metric, "periodStart", quantity)
    SELECT u.id, ${organizationId}::uuid, ${brandId}::uuid, 'mentions', u.period, u.quantity
    FROM unnest(${perMonth.map((m) => m.id)}::uuid[], ${perMonth.map((m) => m.periodStart.toISOString())}::timestamptz[],
                ${perMonth.map((m) => m.quantity)}::int[]) AS u(id, period, quantity)
    ON CONFLICT ("organizationId", "brandId", metric, "periodStart")
    DO UPDATE SET quantity = "UsageRecord".quantity + EXCLUDED.quantity
    RETURNING "periodStart", quantity`;
}

/** X deleted these posts: hide their text everywhere Perch shows or searches it. Returns the conversations hit. */
export function hideDeletedMentions(tx: Tx, channelId: string, externalIds: string[]) {
  if (externalIds.length === 0) return Promise.resolve([] as { conversationId: string | null }[]);
  return tx.$queryRaw<{ conversationId: string | null }[]>`
    UPDATE "Mention" SET "deletedAt" = now(), text = '', raw = NULL
    WHERE "channelId" = ${channelId}::uuid AND "externalId" = ANY(${externalIds}::varchar[]) AND "deletedAt" IS NULL
    RETURNING "conversationId"`;
}
