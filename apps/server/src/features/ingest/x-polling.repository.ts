import type { DbOrTx } from '../../db/database.ts';

/** What the X polling connector reads of a channel: the brand's X user id, its sealed token and its config. */
export function getChannelForPolling(db: DbOrTx, channelId: string) {
  return db.channel.findUnique({
    where: { id: channelId },
    select: { id: true, organizationId: true, kind: true, externalId: true, secrets: true, config: true },
  });
}

/**
 * Merges `patch` into the channel's non-secret config in one statement (top-level keys; the others are kept), so
 * that a poll never overwrites settings an admin saved while it ran.
 */
function mergeConfig(db: DbOrTx, channelId: string, patch: Record<string, unknown>, clearError: boolean) {
  const json = JSON.stringify(patch);
  return clearError
    ? db.$executeRaw`
        UPDATE "Channel"
        SET config = (CASE WHEN jsonb_typeof(config) = 'object' THEN config ELSE '{}'::jsonb END) || ${json}::jsonb,
            "lastError" = NULL
        WHERE id = ${channelId}::uuid`
    : db.$executeRaw`
        UPDATE "Channel"
        SET config = (CASE WHEN jsonb_typeof(config) = 'object' THEN config ELSE '{}'::jsonb END) || ${json}::jsonb
        WHERE id = ${channelId}::uuid`;
}

/** The poll succeeded: moves the cursor (and records a gap warning, if any) and clears `lastError`. */
export function savePollCursor(db: DbOrTx, channelId: string, patch: Record<string, unknown>) {
  return mergeConfig(db, channelId, patch, true);
}

/**
 * When the next poll of the channel is due (shown in its health); only while the channel's polling is still the
 * configuration (`epoch`) this chain of polls belongs to.
 */
export function saveNextPoll(db: DbOrTx, channelId: string, epoch: number, nextPollAt: Date) {
  const json = JSON.stringify({ nextPollAt: nextPollAt.toISOString() });
  return db.$executeRaw`
    UPDATE "Channel"
    SET config = config || ${json}::jsonb
    WHERE id = ${channelId}::uuid
      AND jsonb_typeof(config) = 'object'
      AND COALESCE(config #>> '{polling,epoch}', '0') = ${String(epoch)}`;
}

export function setChannelError(db: DbOrTx, channelId: string, message: string) {
  return db.channel.update({
    where: { id: channelId },
    data: { lastError: message.slice(0, 500) },
    select: { id: true },
  });
}
