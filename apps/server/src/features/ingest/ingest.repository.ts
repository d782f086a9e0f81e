import type { DbOrTx } from '../../db/database.ts';
import type { Prisma } from '../../generated/prisma/client.ts';

/** A raw ingest payload as stored (JSON). */
export type JsonPayload = Prisma.InputJsonValue;

export type InboundSource = 'x_webhook' | 'generic_webhook' | 'x_poll' | 'import';

export function createInboundEvent(
  db: DbOrTx,
  data: { organizationId: string; channelId: string; source: InboundSource; payload: Prisma.InputJsonValue },
) {
  return db.inboundEvent.create({ data, select: { id: true } });
}

export function getInboundEvent(db: DbOrTx, id: string) {
  return db.inboundEvent.findUnique({
    where: { id },
    select: {
      id: true,
      organizationId: true,
      source: true,
      payload: true,
      status: true,
      channel: { select: { id: true, brandId: true, kind: true, externalId: true } },
    },
  });
}

export function markInboundEvent(db: DbOrTx, id: string, status: 'processed' | 'failed', error?: string) {
  return db.inboundEvent.update({
    where: { id },
    data: { status, processedAt: new Date(), error: error?.slice(0, 2000) ?? null },
    select: { id: true },
  });
}

/** How many of these inbound events the worker has not processed yet. */
export function countUnprocessed(db: DbOrTx, ids: string[]) {
  return db.inboundEvent.count({ where: { id: { in: ids }, status: 'pending' } });
}
