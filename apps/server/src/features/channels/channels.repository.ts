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
    select: channelSelect,
    orderBy: [{ brandId: 'asc' }, { name: 'asc' }],
    take: 500,
  });
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

export function touchChannel(db: DbOrTx, channelId: string, at: Date) {
  return db.channel.update({ where: { id: channelId }, data: { lastEventAt: at }, select: { id: true } });
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
