import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { northwind } from '../tests/demo.ts';
import { signIn } from '../tests/helpers.ts';
import { deliver, webhookChannel, type WebhookChannel } from '../tests/webhook.ts';
import { startProcess, waitReady, waitWorker, type PerchProcess } from './processes.ts';

/**
 * Perch as deployed (docs/deploy.md): two web processes (PERCH_WORKERS=false) and one worker process on one
 * PostgreSQL database. A browser on web 1 sees, live, mentions delivered to web 2 and worked by the worker; its
 * live stream survives web 1 crashing (kill -9) and coming back; every delivery is stored once and every ingest
 * job ran once.
 */
const serverUrl = process.env.E2E_PG_SERVER_URL;
if (!serverUrl) throw new Error('the multi-process test needs E2E_PG_SERVER_URL (a PostgreSQL server, e.g. CI’s)');
const dbName = `perch_mp_e2e_${randomBytes(4).toString('hex')}`;
const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString();
const basePort = Number(process.env.E2E_MP_PORT ?? 3200);
const web1Url = `http://127.0.0.1:${basePort + 1}`;
const web2Url = `http://127.0.0.1:${basePort + 2}`;
const env = {
  NODE_ENV: 'production',
  DATABASE_URL: databaseUrl,
  PERCH_SECRET_KEY: randomBytes(32).toString('base64'),
  COOKIE_SECURE: 'false',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  DB_POOL_SIZE: '4',
};
const webEnv = (url: string) => ({ ...env, PORT: new URL(url).port, PUBLIC_URL: url, PERCH_WORKERS: 'false' });

const admin = async (sql: string) => {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(sql).finally(() => client.end());
};
const query = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return client
    .query<T>(sql, params)
    .then((r) => r.rows)
    .finally(() => client.end());
};

const processes: PerchProcess[] = [];

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await admin(`CREATE DATABASE ${dbName}`);
  // The demo organizations, as `pnpm db:seed` makes them on a deployment (migrations applied first).
  const seed = spawnSync('pnpm', ['--filter', '@perch/server', 'run', 'seed'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, ...env, PERCH_DEMO_HISTORY_WEEKS: '1' },
    encoding: 'utf8',
  });
  if (seed.status !== 0) throw new Error(`seed failed:\n${seed.stdout}\n${seed.stderr}`);
  const web1 = startProcess('web 1', 'main', webEnv(web1Url));
  const web2 = startProcess('web 2', 'main', webEnv(web2Url));
  const worker = startProcess('worker', 'worker-main', env);
  processes.push(web1, web2, worker);
  await Promise.all([waitReady(web1, web1Url), waitReady(web2, web2Url), waitWorker(worker)]);
});

test.afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
});

const rowOf = (page: Page, name: string) => page.getByRole('row').filter({ hasText: name });

test('two web processes and a worker: live across processes, a crashed web process reconnects, each job once', async ({
  browser,
  playwright,
}) => {
  const api = await playwright.request.newContext({ baseURL: web1Url, extraHTTPHeaders: { 'x-perch-csrf': '1' } });
  const made = await webhookChannel(api);
  // The channel's URL names web 1 (its PUBLIC_URL); the deliveries go to web 2.
  const viaWeb2: WebhookChannel = { ...made, webhookUrl: web2Url + new URL(made.webhookUrl).pathname };
  const run = randomUUID().slice(0, 6);
  const post = (n: number) => ({
    id: `mp-${run}-${n}`,
    username: `mp_customer_${run}_${n}`,
    name: `Multi ${run} ${n}`,
    text: `@NorthwindCares my line is dead since the storm (${run}/${n})`,
  });

  const context = await browser.newContext({ baseURL: web1Url, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await signIn(page, northwind.agent);
  await expect(page.getByRole('heading', { level: 1, name: 'All open' })).toBeVisible();

  // 1. Delivered to web 2, worked by the worker, heard by the browser on web 1.
  await deliver(api, viaWeb2, post(1));
  await expect(rowOf(page, post(1).name)).toBeVisible({ timeout: 30_000 });

  // 2. Web 1 crashes and comes back on the same address; the page is not reloaded, its stream reconnects.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  const [web1] = processes as [PerchProcess];
  const reconnected = page.waitForResponse((r) => r.url().includes('/trpc/live.events') && r.status() === 200, {
    timeout: 90_000,
  });
  await web1.kill();
  const restarted = startProcess('web 1 (restarted)', 'main', webEnv(web1Url));
  processes[0] = restarted;
  await waitReady(restarted, web1Url);
  await reconnected;
  await deliver(api, viaWeb2, post(2));
  await expect(rowOf(page, post(2).name)).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

  // 3. The same mention delivered again, to both web processes at once: still stored once.
  const again = post(3);
  const viaWeb1: WebhookChannel = { ...made, webhookUrl: web1Url + new URL(made.webhookUrl).pathname };
  await Promise.all([deliver(api, viaWeb1, again), deliver(api, viaWeb2, again), deliver(api, viaWeb2, again)]);
  await expect(rowOf(page, again.name)).toBeVisible({ timeout: 30_000 });

  // Each mention stored once, and threaded into a conversation.
  const ids = [1, 2, 3].map((n) => post(n).id);
  const stored = await query<{ externalId: string; n: number; threaded: number }>(
    `SELECT "externalId", count(*)::int AS n, count("conversationId")::int AS threaded
       FROM "Mention" WHERE "externalId" = ANY($1) GROUP BY 1 ORDER BY 1`,
    [ids],
  );
  expect(stored).toEqual(ids.map((externalId) => ({ externalId, n: 1, threaded: 1 })));
  // Every ingest job finished once: none retried, failed or still waiting.
  await expect
    .poll(
      async () =>
        query<{ state: string; retried: number }>(
          `SELECT state, count(*) FILTER (WHERE retry_count > 0)::int AS retried
             FROM pgboss.job WHERE name = 'ingest.process' GROUP BY 1 ORDER BY 1`,
        ),
      { timeout: 30_000 },
    )
    .toEqual([{ state: 'completed', retried: 0 }]);
  await context.close();
  await api.dispose();
});
