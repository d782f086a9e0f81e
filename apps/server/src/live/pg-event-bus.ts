import type pg from 'pg';
import { listenPg } from '../db/pg-listener.ts';
import type { Logger } from '../logger.ts';
import { LocalFanout, type EventBus, type LiveEvent } from './event-bus.ts';

const CHANNEL = 'perch_live';
/** NOTIFY payloads must stay under 8,000 bytes: events travel in chunks below that. */
const MAX_PAYLOAD = 7_500;

/**
 * The event bus across processes on a real PostgreSQL server: events are sent with NOTIFY (after the publisher's
 * COMMIT) and every Perch process LISTENs on one dedicated connection (db/pg-listener.ts), then fans out to its
 * own subscribers. The listening connection reconnects with back-off; events sent while it was down are not
 * replayed — clients refetch what they show when their stream reconnects (docs/live.md).
 */
export async function createPgEventBus(options: { url: string; pool: pg.Pool; log: Logger }): Promise<EventBus> {
  const fanout = new LocalFanout();
  const listener = await listenPg({
    url: options.url,
    channel: CHANNEL,
    name: 'perch-live',
    log: options.log,
    onPayload: (payload) => {
      try {
        for (const event of JSON.parse(payload) as LiveEvent[]) fanout.deliver(event);
      } catch (error) {
        options.log.warn({ err: error }, 'live: unreadable notification');
      }
    },
  });
  return {
    async publish(events) {
      for (const chunk of chunks(events)) {
        await options.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, chunk]);
      }
    },
    subscribe: (organizationId, listener) => fanout.subscribe(organizationId, listener),
    close: () => listener.close(),
  };
}

/** JSON arrays of events, each under the NOTIFY payload limit. */
function chunks(events: readonly LiveEvent[]): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const event of events) {
    const json = JSON.stringify(event);
    if (current.length > 0 && size + json.length + 1 > MAX_PAYLOAD) {
      out.push(`[${current.join(',')}]`);
      current = [];
      size = 2;
    }
    current.push(json);
    size += json.length + 1;
  }
  if (current.length > 0) out.push(`[${current.join(',')}]`);
  return out;
}
