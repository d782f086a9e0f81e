import pg from 'pg';
import type { Logger } from '../logger.ts';
import { LocalFanout, type EventBus, type LiveEvent } from './event-bus.ts';

const CHANNEL = 'perch_live';
/** NOTIFY payloads must stay under 8,000 bytes: events travel in chunks below that. */
const MAX_PAYLOAD = 7_500;

/**
 * The event bus across processes on a real PostgreSQL server: events are sent with NOTIFY (after the publisher's
 * COMMIT) and every Perch process LISTENs on one dedicated connection, then fans out to its own subscribers.
 * The listening connection reconnects with back-off; events sent while it was down are not replayed — clients
 * refetch what they show when their stream reconnects (docs/live.md).
 */
export async function createPgEventBus(options: { url: string; pool: pg.Pool; log: Logger }): Promise<EventBus> {
  const fanout = new LocalFanout();
  let client: pg.Client | null = null;
  let closed = false;
  let retry = 250;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: options.url, application_name: 'perch-live' });
    c.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        for (const event of JSON.parse(msg.payload) as LiveEvent[]) fanout.deliver(event);
      } catch (error) {
        options.log.warn({ err: error }, 'live: unreadable notification');
      }
    });
    c.on('error', (error) => {
      options.log.warn({ err: error }, 'live: listening connection lost');
      void reconnect(c);
    });
    c.on('end', () => void reconnect(c));
    await c.connect();
    await c.query(`LISTEN ${CHANNEL}`);
    client = c;
    retry = 250;
  };
  const reconnect = async (dead: pg.Client) => {
    if (closed || client !== dead) return;
    client = null;
    dead.removeAllListeners();
    void dead.end().catch(() => undefined);
    while (!closed && !client) {
      await new Promise((r) => setTimeout(r, retry));
      retry = Math.min(retry * 2, 10_000);
      try {
        await connect();
        options.log.info('live: listening again');
      } catch (error) {
        options.log.warn({ err: error, retryMs: retry }, 'live: reconnect failed');
      }
    }
  };
  await connect();

  return {
    async publish(events) {
      for (const chunk of chunks(events)) {
        await options.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, chunk]);
      }
    },
    subscribe: (organizationId, listener) => fanout.subscribe(organizationId, listener),
    async close() {
      closed = true;
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners();
        await c.end().catch(() => undefined);
      }
    },
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
