import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, TEST_PASSWORD, TEST_SECRET_KEY, type TenantFixture } from '../../test/harness.ts';
import { openLiveStream, signInOver } from '../../test/sse.ts';
import { startServer } from '../bench/server-process.ts';
import { openDatabase } from '../db/database.ts';
import { sealChannelSecrets } from '../features/channels/channel-secrets.ts';
import { newWebhookSecret, signStandardWebhook } from '../features/ingest/signatures.ts';

/**
 * Live updates across processes (ARCHITECTURE.md, "Event bus"): two Perch servers on one PostgreSQL database,
 * as deployed. A change accepted by one process reaches a browser subscribed on the other (LISTEN/NOTIFY).
 * PostgreSQL only: the embedded database is one process by design. Run by `.ci/run` with TEST_DATABASE_URL.
 */
const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) throw new Error('two-processes.pg.test.ts needs TEST_DATABASE_URL (a PostgreSQL server)');

const name = `perch_mp_${randomBytes(5).toString('hex')}`;
const dbUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
const admin = async (sql: string) => {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(sql).finally(() => client.end());
};

describe('live events across two Perch processes on one PostgreSQL', () => {
  const servers: Awaited<ReturnType<typeof startServer>>[] = [];
  let tenant: TenantFixture;
  let channelId: string;
  const secret = newWebhookSecret();

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    const db = await openDatabase({
      databaseUrl: dbUrl,
      dataDir: '',
      poolSize: 2,
      statementTimeoutMs: 30_000,
      migrate: true,
    });
    try {
      tenant = await createTenant(db.prisma, 'Two Processes');
      const channel = await db.prisma.channel.create({
        data: {
          organizationId: tenant.organizationId,
          brandId: tenant.brandIds[0]!,
          kind: 'webhook',
          name: 'Reviews',
          secrets: sealChannelSecrets(TEST_SECRET_KEY, tenant.organizationId, {
            webhookSecrets: [{ secret, validUntil: null }],
          }),
        },
        select: { id: true },
      });
      channelId = channel.id;
    } finally {
      await db.close();
    }
    const env = { PERCH_SECRET_KEY: TEST_SECRET_KEY.toString('base64'), LOG_LEVEL: 'info' };
    // A runs everything; B is a web-only process (no queue workers): whatever B's browsers hear about A's work
    // crossed the processes through PostgreSQL. Started one after the other (each is kept for afterAll as soon as
    // it is up), with room for a busy machine: the rest of the integration suite runs beside this file.
    servers.push(await startWithOneRetry(env));
    servers.push(await startWithOneRetry({ ...env, PERCH_WORKERS: 'false' }));
  }, 600_000);

  /**
   * A server that is not ready in 120 s is killed and started once more on another port, and its startup log
   * (phases at info level) is printed: CI once saw a start hang under the load of the suite beside it.
   */
  const startWithOneRetry = async (env: Record<string, string>) => {
    for (let attempt = 1; ; attempt++) {
      const port = 3400 + Math.floor(Math.random() * 500);
      try {
        return await startServer({ port, databaseUrl: dbUrl, env, readyTimeoutMs: 120_000, echo: false });
      } catch (error) {
        if (attempt === 2) throw error;
        console.warn(`two-processes: first start failed, retrying: ${String(error)}`);
      }
    }
  };

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('a mention accepted by process A appears on a stream served by process B', async () => {
    const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
    const cookie = await signInOver(b.url, tenant.users.manager.email, TEST_PASSWORD);
    const stream = await openLiveStream(b.url, cookie, {
      organizationId: tenant.organizationId,
      brandId: tenant.brandIds[0],
    });
    try {
      const created = stream.next('conversation.created');
      const raw = JSON.stringify({
        mentions: [
          {
            id: 'mp-1',
            text: 'Flight SA212 delayed three hours, nobody at the gate knows anything',
            created_at: new Date().toISOString(),
            author: { id: 'mp-author', username: 'traveller' },
          },
        ],
      });
      const ts = Math.floor(Date.now() / 1000);
      const res = await fetch(`${a.url}/webhooks/generic/${channelId}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': `msg_${ts}`,
          'webhook-timestamp': String(ts),
          'webhook-signature': signStandardWebhook(secret, `msg_${ts}`, ts, raw),
        },
        body: raw,
      });
      expect(res.status).toBe(200);
      const event = await created;
      expect(event).toMatchObject({ organizationId: tenant.organizationId, brandId: tenant.brandIds[0] });
      expect(typeof event.conversationId).toBe('string');
    } finally {
      stream.close();
    }
  });
});
