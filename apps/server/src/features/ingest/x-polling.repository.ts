import type { DbOrTx } from '../../db/database.ts';
import type { Prisma } from '../../generated/prisma/client.ts';

/** What the X polling connector reads of a channel: the brand's X user id, its sealed token and its config. */
export function getChannelForPolling(db: DbOrTx, channelId: string) {
  return db.channel.findUnique({
    where: { id: channelId },
    select: { id: true, organizationId: true, kind: true, externalId: true, secrets: true, config: true },
  });
}

/**
 * Merges `patch` (the poll cursor) into the channel's non-secret config, keeping its other keys, and clears
 * `lastError`: the poll succeeded.
 */
export function savePollCursor(db: DbOrTx, channelId: string, previous: unknown, patch: Record<string, string>) {
  const base = typeof previous === 'object' && previous !== null && !Array.isArray(previous) ? previous : {};
  const config = { ...(base as Prisma.InputJsonObject), ...patch };
  return db.channel.update({ where: { id: channelId }, data: { config, lastError: null }, select: { id: true } });
}

export function setChannelError(db: DbOrTx, channelId: string, message: string) {
  return db.channel.update({
    where: { id: channelId },
    data: { lastError: message.slice(0, 500) },
    select: { id: true },
  });
}
