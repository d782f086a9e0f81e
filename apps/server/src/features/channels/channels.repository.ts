import type { DbOrTx } from '../../db/database.ts';
import type { ChannelKind, Prisma } from '../../generated/prisma/client.ts';

const channelSelect = {
  id: true,
  brandId: true,
  kind: true,
  name: true,
  externalId: true,
  lastEventAt: true,
  lastError: true,
  createdAt: true,
} as const;

export function listChannels(db: DbOrTx, organizationId: string) {
  return db.channel.findMany({
    where: { organizationId },
    select: { ...channelSelect, config: true, brand: { select: { timeZone: true } } },
    orderBy: [{ brandId: 'asc' }, { name: 'asc' }],
    take: 500,
  });
}

/**
 * Health figures of the given channels in one statement: inbound events received since `dayStarts[i]` (the start
 * of today in the channel's brand time zone) and inbound events still `pending` (not processed yet).
 */
export async function countInboundEvents(
  db: DbOrTx,
  organizationId: string,
  channelIds: string[],
  dayStarts: Date[],
): Promise<Map<string, { eventsToday: number; backlog: number }>> {
  if (channelIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ channelId: string; eventsToday: number; backlog: number }[]>`
    WITH chan AS (
      SELECT t.id, t.day_start
      FROM unnest(${channelIds}::uuid[], ${dayStarts.map((d) => d.toISOString())}::timestamptz[]) AS t(id, day_start)
    ),
    today AS (
      SELECT e."channelId", count(*)::int AS n
      FROM chan JOIN "InboundEvent" e ON e."channelId" = chan.id AND e."receivedAt" >= chan.day_start
      WHERE e."organizationId" = ${organizationId}::uuid
      GROUP BY e."channelId"
    ),
    pending AS (
      SELECT e."channelId", count(*)::int AS n
      FROM "InboundEvent" e
      WHERE e."organizationId" = ${organizationId}::uuid AND e.status = 'pending'
      GROUP BY e."channelId"
    )
    SELECT chan.id::text AS "channelId", COALESCE(today.n, 0) AS "eventsToday", COALESCE(pending.n, 0) AS backlog
    FROM chan
    LEFT JOIN today ON today."channelId" = chan.id
    LEFT JOIN pending ON pending."channelId" = chan.id`;
  return new Map(rows.map((r) => [r.channelId, { eventsToday: r.eventsToday, backlog: r.backlog }]));
}

/** A channel with its non-secret config, for settings changes. */
export function getChannelConfig(db: DbOrTx, organizationId: string, channelId: string) {
  return db.channel.findFirst({
    where: { id: channelId, organizationId },
    select: { id: true, kind: true, config: true },
  });
}

/**
 * Sets top-level keys of a channel's config and removes others, in one statement, keeping every other key (the
 * poll cursor written concurrently by the connector included).
 */
export function updateChannelConfig(
  db: DbOrTx,
  channelId: string,
  set: Record<string, unknown>,
  remove: string[] = [],
) {
  return db.$executeRaw`
    UPDATE "Channel"
    SET config = ((CASE WHEN jsonb_typeof(config) = 'object' THEN config ELSE '{}'::jsonb END) - ${remove}::text[])
      || ${JSON.stringify(set)}::jsonb
    WHERE id = ${channelId}::uuid`;
}

export function getChannel(db: DbOrTx, organizationId: string, channelId: string) {
  return db.channel.findFirst({
    where: { id: channelId, organizationId },
    select: { ...channelSelect, secrets: true },
  });
}

/** For ingest routes, which know only the channel id from the URL (the signature then proves the sender). */
export function getChannelForIngest(db: DbOrTx, channelId: string) {
  return db.channel.findUnique({
    where: { id: channelId },
    select: { id: true, organizationId: true, brandId: true, kind: true, externalId: true, secrets: true },
  });
}

export function createChannel(
  db: DbOrTx,
  data: {
    organizationId: string;
    brandId: string;
    kind: ChannelKind;
    name: string;
    externalId?: string | null;
    secrets: Uint8Array<ArrayBuffer>;
    config?: Prisma.InputJsonValue;
  },
) {
  return db.channel.create({ data, select: channelSelect });
}

export function updateChannelSecrets(db: DbOrTx, channelId: string, secrets: Uint8Array<ArrayBuffer>) {
  return db.channel.update({ where: { id: channelId }, data: { secrets }, select: { id: true } });
}

export function updateChannelExternalId(db: DbOrTx, channelId: string, externalId: string) {
  return db.channel.update({ where: { id: channelId }, data: { externalId }, select: { id: true } });
}

/** Demo brands that have a public handle, for the sandbox traffic. */
export function brandsWithHandles(db: DbOrTx, organizationSlugs: string[]) {
  return db.brand.findMany({
    where: { handle: { not: null }, organization: { slug: { in: organizationSlugs } } },
    select: { id: true, organizationId: true, handle: true, name: true, locale: true, timeZone: true },
    orderBy: { name: 'asc' },
  });
}
