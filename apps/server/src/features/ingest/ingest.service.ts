import { v7 as uuidv7 } from 'uuid';
import { groupBy } from '../../lib/group-by.ts';
import type { Database } from '../../db/database.ts';
import { withPgTransaction, type SqlClient } from '../../db/pg-transaction.ts';
import type { Queue } from '../../queue/queue.ts';
import { QUEUES } from '../../queue/queue.ts';
import { insertInboundEvents, touchChannels, type InboundSource, type JsonPayload } from './ingest.repository.ts';

/** An ingest job: accepted raw events of one organization, processed together (every job names its tenant). */
export interface IngestJob {
  organizationId: string;
  inboundEventIds: string[];
}

export interface InboundInput {
  organizationId: string;
  channelId: string;
  source: InboundSource;
  payload: JsonPayload;
}

/** What accepting needs: the pg pool behind Prisma (the write runs on it directly, see `writeAccepted`). */
export type AcceptDb = Pick<Database, 'pool'>;

/**
 * Accepts verified ingest requests: their raw payloads and their processing jobs are written in one transaction.
 * The caller answers 2xx only after this resolves (after COMMIT), so an acknowledged mention is never lost; a
 * crash before COMMIT leaves nothing, and the sender retries.
 */
export async function acceptInbound(
  db: AcceptDb,
  queue: Queue,
  input: InboundInput,
): Promise<{ inboundEventId: string }> {
  const [id] = await withPgTransaction(db.pool, (client) => writeAccepted(client, queue, [input]));
  if (!id) throw new Error('ingest: nothing accepted');
  queue.wake(QUEUES.ingest.name);
  return { inboundEventId: id };
}

/**
 * The raw events, one job per organization and the channels' last event time, on a pg connection rather than
 * through Prisma: under the P2 load Prisma's per-call work (its query engine, the interactive transaction) was
 * about 30 % of the web process's CPU on this path. Three statements plus one per organization, whatever the
 * number of requests.
 */
async function writeAccepted(client: SqlClient, queue: Queue, inputs: readonly InboundInput[]): Promise<string[]> {
  const rows = inputs.map((input) => ({ ...input, id: uuidv7() }));
  await insertInboundEvents(client, rows);
  for (const [organizationId, own] of groupBy(rows, (r) => r.organizationId)) {
    const job: IngestJob = { organizationId, inboundEventIds: own.map((r) => r.id) };
    await queue.enqueueOnConnection(client, QUEUES.ingest.name, job);
  }
  await touchChannels(client, [...new Set(rows.map((r) => r.channelId))], new Date());
  return rows.map((r) => r.id);
}

/**
 * Group commit for the webhook routes: requests that arrive while a commit is in flight are written together by
 * the next one — one transaction, one multi-row insert and one job per organization — and each is answered after
 * that COMMIT. Under light load a request commits alone at once (no added wait); under heavy load many share a
 * commit, which is what lets one process acknowledge thousands of signed webhooks a second (P2).
 * A failed group is retried one request at a time, so one bad request never fails its neighbours.
 */
export function createInboundAcceptor(
  db: AcceptDb,
  queue: Queue,
  options: { maxBatch?: number; parallel?: number } = {},
) {
  const maxBatch = options.maxBatch ?? 500;
  const parallel = options.parallel ?? 1;
  type Waiting = { input: InboundInput; resolve: (id: string) => void; reject: (error: unknown) => void };
  let waiting: Waiting[] = [];
  let inFlight = 0;

  const commit = async (group: Waiting[]) => {
    try {
      const ids = await withPgTransaction(db.pool, (client) =>
        writeAccepted(
          client,
          queue,
          group.map((w) => w.input),
        ),
      );
      // The jobs are committed: the ingest workers start now (here or, by NOTIFY, in a worker process), not at
      // their next poll — that poll was most of the webhook → live event time (P3).
      queue.wake(QUEUES.ingest.name);
      group.forEach((w, i) => w.resolve(ids[i] ?? ''));
    } catch (error) {
      if (group.length === 1) {
        group[0]?.reject(error);
        return;
      }
      for (const w of group) {
        try {
          w.resolve((await acceptInbound(db, queue, w.input)).inboundEventId);
        } catch (single) {
          w.reject(single);
        }
      }
    }
  };
  const pump = () => {
    while (inFlight < parallel && waiting.length > 0) {
      const group = waiting.slice(0, maxBatch);
      waiting = waiting.slice(group.length);
      inFlight++;
      void commit(group).finally(() => {
        inFlight--;
        pump();
      });
    }
  };
  return {
    accept(input: InboundInput): Promise<{ inboundEventId: string }> {
      return new Promise((resolve, reject) => {
        waiting.push({ input, resolve: (inboundEventId) => resolve({ inboundEventId }), reject });
        pump();
      });
    },
  };
}
export type InboundAcceptor = ReturnType<typeof createInboundAcceptor>;
