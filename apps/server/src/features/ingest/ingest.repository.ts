import type { DbOrTx } from '../../db/database.ts';
import type { SqlClient } from '../../db/pg-transaction.ts';
import type { Prisma } from '../../generated/prisma/client.ts';

/** A raw ingest payload as stored (JSON). */
export type JsonPayload = Prisma.InputJsonValue;

export type InboundSource = 'x_webhook' | 'generic_webhook' | 'x_poll' | 'import';

/**
 * Several accepted requests in one statement (the webhook routes' group commit), on the transaction's pg
 * connection; ids made by the caller. The rows travel as one JSON document (`jsonb_to_recordset`): as a pg text
 * array, every payload's quotes were escaped one character at a time in the web process (`escapeElement`, 6 % of
 * its CPU under the P2 load), and the payloads were parsed once more as array elements by the database.
 */
export async function insertInboundEvents(
  client: SqlClient,
  rows: { id: string; organizationId: string; channelId: string; source: InboundSource; payload: JsonPayload }[],
) {
  await client.query(
    `INSERT INTO "InboundEvent" (id, "organizationId", "channelId", source, payload)
     SELECT u.id, u."organizationId", u."channelId", u.source, u.payload
     FROM jsonb_to_recordset($1::jsonb)
       AS u(id uuid, "organizationId" uuid, "channelId" uuid, source varchar, payload jsonb)`,
    [
      // Keys other than the record's columns are ignored by jsonb_to_recordset.
      JSON.stringify(rows),
    ],
  );
}

/** How stale a channel's last event time may be: it is rewritten at most once per this many milliseconds. */
export const CHANNEL_TOUCH_MS = 1_000;

/**
 * The channels' last event time (their health in Settings), one statement; rows locked in id order. A channel
 * touched less than CHANNEL_TOUCH_MS ago is left alone. Under a webhook burst every group commit names the same
 * channel: rewriting its row each time made the commits in flight queue for that row's lock until the one ahead
 * committed, so they ran one at a time (P2). Now one commit a second waits at most, and the time never goes back.
 * Returns how many channels were rewritten (a row left alone is not locked).
 */
export async function touchChannels(client: SqlClient, channelIds: string[], at: Date): Promise<number> {
  const result = await client.query(
    `UPDATE "Channel" SET "lastEventAt" = $2
     WHERE id = ANY($1::uuid[]) AND ("lastEventAt" IS NULL OR "lastEventAt" < $3)`,
    [[...channelIds].sort(), at, new Date(at.getTime() - CHANNEL_TOUCH_MS)],
  );
  return result.rowCount ?? 0;
}

/** The events among `ids` the worker has not processed yet, with their channel, oldest first. */
export function getPendingInboundEvents(db: DbOrTx, ids: string[]) {
  return db.inboundEvent.findMany({
    where: { id: { in: ids }, status: 'pending' },
    orderBy: { receivedAt: 'asc' },
    select: {
      id: true,
      organizationId: true,
      source: true,
      payload: true,
      channel: { select: { id: true, brandId: true, kind: true, externalId: true } },
    },
  });
}

export function markInboundEventsProcessed(db: DbOrTx, ids: string[]) {
  return db.inboundEvent.updateMany({
    where: { id: { in: ids }, status: 'pending' },
    data: { status: 'processed', processedAt: new Date() },
  });
}
