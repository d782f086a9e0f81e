import pg from 'pg';
import type { Logger } from '../logger.ts';

export interface PgListener {
  close(): Promise<void>;
}

/**
 * LISTENs on one channel over a dedicated connection (a pooled one cannot keep a LISTEN) and hands each
 * notification's payload to `onPayload`. The connection reconnects with back-off (250 ms doubling to 10 s);
 * notifications sent while it was down are lost, so what listens must tolerate a lost one (a live event costs
 * a client refetch, a queue wake the next poll). Resolves once the first LISTEN is in place.
 */
export async function listenPg(options: {
  url: string;
  channel: string;
  /** Shown as the connection's application_name. */
  name: string;
  log: Logger;
  onPayload: (payload: string) => void;
}): Promise<PgListener> {
  let client: pg.Client | null = null;
  let closed = false;
  let retry = 250;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: options.url, application_name: options.name });
    c.on('notification', (msg) => {
      if (msg.channel === options.channel && msg.payload) options.onPayload(msg.payload);
    });
    c.on('error', (error) => {
      options.log.warn({ err: error, channel: options.channel }, 'listening connection lost');
      void reconnect(c);
    });
    c.on('end', () => void reconnect(c));
    await c.connect();
    await c.query(`LISTEN ${options.channel}`);
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
        options.log.info({ channel: options.channel }, 'listening again');
      } catch (error) {
        options.log.warn({ err: error, channel: options.channel, retryMs: retry }, 'listen: reconnect failed');
      }
    }
  };
  await connect();

  return {
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
