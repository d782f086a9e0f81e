import type { Db } from '../../db/database.ts';
import type { Queue } from '../../queue/queue.ts';
import { QUEUES } from '../../queue/queue.ts';
import { touchChannel } from '../channels/channels.repository.ts';
import { createInboundEvent, type InboundSource, type JsonPayload } from './ingest.repository.ts';

export interface IngestJob {
  inboundEventId: string;
}

/**
 * Accepts one verified ingest request: its raw payload and its processing job are written in one transaction.
 * The caller answers 2xx only after this resolves (after COMMIT), so an acknowledged mention is never lost; a
 * crash before COMMIT leaves nothing, and the sender retries.
 */
export async function acceptInbound(
  db: Db,
  queue: Queue,
  input: { organizationId: string; channelId: string; source: InboundSource; payload: JsonPayload },
): Promise<{ inboundEventId: string }> {
  return db.$transaction(async (tx) => {
    const event = await createInboundEvent(tx, input);
    await queue.enqueueInTransaction(tx, QUEUES.ingest.name, { inboundEventId: event.id } satisfies IngestJob);
    await touchChannel(tx, input.channelId, new Date());
    return { inboundEventId: event.id };
  });
}
