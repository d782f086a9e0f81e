import type { DbOrTx } from '../../db/database.ts';
import type { Prisma } from '../../generated/prisma/client.ts';

/** A raw ingest payload as stored (JSON). */
export type JsonPayload = Prisma.InputJsonValue;

export type InboundSource = 'x_webhook' | 'generic_webhook' | 'x_poll' | 'import';

/** Several accepted requests in one statement (the webhook routes' group commit); ids made by the caller. */
export function createInboundEvents(
  db: DbOrTx,
  rows: { id: string; organizationId: string; channelId: string; source: InboundSource; payload: JsonPayload }[],
) {
  return db.inboundEvent.createMany({ data: rows });
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
