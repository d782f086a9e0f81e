import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import type { Database } from '../db/database.ts';
import { readXChannelConfig } from '../features/channels/polling-config.ts';
import { createXChannel } from '../features/channels/channels.service.ts';
import { schedulePolling } from '../features/ingest/x-polling.ts';
import { startQueue } from '../queue/queue.ts';
import { createSandbox, type Sandbox } from '../sandbox/sandbox-server.ts';
import { addMember, createBrand, createOrganization, createUser, subscribeBrand } from '../seed/factories.ts';
import { WorkerProcess } from './worker-process.ts';

/**
 * R5 (quality-bars.md): Perch's X API v2 polling connector against the sandbox X network. A worker process
 * (`src/worker-main.ts`: the polling and ingest workers) polls one channel; it is killed (kill -9), the network
 * receives mentions while it is down, then it is started again and must store every missed mention exactly
 * once by itself (its poll chain is a job in PostgreSQL), then keep polling.
 */
export interface R5Options {
  db: Database;
  databaseUrl: string;
  /** Mentions posted while the poller is down (at most X's 800-mention window). */
  missed: number;
  /** Mentions stored before the outage (the cursor) and posted after the recovery (polling goes on). */
  before: number;
  after: number;
  /** Real seconds the worker stays down; the mentions are spread over them. */
  downSeconds: number;
  intervalSeconds: number;
  catchUpTimeoutMs: number;
  seed: number;
  progress: (line: string) => void;
}

export interface R5Report {
  missed: number;
  recovered: number;
  lost: number;
  duplicated: number;
  /** Stored mentions that were never posted (must be 0). */
  unexpected: number;
  withoutConversation: number;
  before: { posted: number; stored: number };
  after: { posted: number; stored: number };
  downSeconds: number;
  /** From the worker's restart to every missed mention stored with its conversation. */
  catchUpSeconds: number | null;
  /** Mention-timeline requests the catch-up made (pages, including the empty last one if any). */
  catchUpRequests: number;
  gapRecorded: boolean;
  lastError: string | null;
  durationSeconds: number;
}

const BRAND = 'R5Air';
const BEARER = 'r5-app-bearer-token-0123456789';

export async function runR5(options: R5Options): Promise<R5Report> {
  const { db, progress } = options;
  const started = Date.now();
  const secretKey = randomBytes(32);
  const sandbox = await createSandbox({ port: 0, seed: options.seed });
  const queue = await startQueue(db, pino({ level: 'warn' }));
  const worker = new WorkerProcess({
    databaseUrl: options.databaseUrl,
    secretKey: secretKey.toString('base64'),
    args: [`--trusted-origin=${sandbox.url}`],
    onOutput: (line) => {
      if (/"level":(50|60)/.test(line)) progress(`  worker: ${line.slice(0, 240)}`);
    },
  });
  try {
    const world = await seedR5World(db, sandbox, secretKey, options.intervalSeconds);
    const customers = Array.from({ length: 50 }, (_, i) =>
      sandbox.state.createAccount({
        username: `r5_customer_${i}`,
        name: `R5 Customer ${i}`,
        followers: 100 + i,
        verified: false,
        kind: 'customer',
      }),
    );
    let n = 0;
    const post = () => {
      const who = customers[n % customers.length]!;
      n += 1;
      return sandbox.state.postTweet({
        authorId: who.id,
        text: `@${BRAND} flight R5${n % 900} delayed, nobody at the gate knows anything (#${n})`,
        lang: 'en',
        via: 'sandbox',
      }).id;
    };
    const stored = (ids: string[]) => storedState(db, world.channelId, ids);

    // 1. Polling runs: the first mentions are stored, which sets the channel's cursor (since_id).
    const beforeIds = Array.from({ length: options.before }, post);
    await schedulePolling(queue, { channelId: world.channelId, organizationId: world.organizationId, epoch: 1 });
    await worker.start();
    progress(`worker up (polling every ${options.intervalSeconds} s); sandbox ${sandbox.url}`);
    if (!(await waitFor(() => stored(beforeIds), 60_000))) throw new Error('the first poll did not store its mentions');
    const cursor = readXChannelConfig((await channelRow(db, world.channelId)).config).sinceId;
    progress(`${options.before} mentions stored, cursor ${cursor}; kill -9 of the worker`);

    // 2. Perch is down: the network receives the missed mentions, spread over the outage.
    await worker.kill();
    const downAt = Date.now();
    const missedIds: string[] = [];
    for (let i = 0; i < options.missed; i++) {
      const due = downAt + (options.downSeconds * 1000 * i) / options.missed;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      missedIds.push(post());
      if ((i + 1) % 100 === 0) progress(`${i + 1} mentions posted while down`);
    }
    const rest = downAt + options.downSeconds * 1000 - Date.now();
    if (rest > 0) await new Promise((r) => setTimeout(r, rest));

    // 3. Back up: the waiting poll job runs at once and pages back to the cursor.
    await worker.start();
    const upAt = Date.now();
    progress(`worker back after ${((upAt - downAt) / 1000).toFixed(0)} s; ${options.missed} mentions to catch up`);
    const caughtUp = await waitFor(() => stored(missedIds), options.catchUpTimeoutMs);
    const catchUpSeconds = caughtUp ? (Date.now() - upAt) / 1000 : null;
    const catchUpRequests = mentionRequests(sandbox, world.brandXId, upAt, Date.now());
    progress(caughtUp ? `caught up in ${catchUpSeconds!.toFixed(1)} s` : 'not caught up in time');

    // 4. Polling goes on after the catch-up (the chain was rescheduled by the restarted worker).
    const afterIds = Array.from({ length: options.after }, post);
    if (options.after > 0) await waitFor(() => stored(afterIds), (options.intervalSeconds + 60) * 1000);

    const all = await stored([...beforeIds, ...missedIds, ...afterIds]);
    const missedState = await stored(missedIds);
    const channel = await channelRow(db, world.channelId);
    return {
      missed: options.missed,
      recovered: options.missed - missedState.lost,
      lost: all.lost,
      duplicated: all.duplicated,
      unexpected: all.unexpected,
      withoutConversation: all.withoutConversation,
      before: { posted: beforeIds.length, stored: beforeIds.length - (await stored(beforeIds)).lost },
      after: { posted: afterIds.length, stored: afterIds.length - (await stored(afterIds)).lost },
      downSeconds: (upAt - downAt) / 1000,
      catchUpSeconds,
      catchUpRequests,
      gapRecorded: Boolean(readXChannelConfig(channel.config).gap),
      lastError: channel.lastError,
      durationSeconds: (Date.now() - started) / 1000,
    };
  } finally {
    await worker.stop();
    await queue.stop();
    await sandbox.close();
  }
}

interface Stored {
  lost: number;
  duplicated: number;
  unexpected: number;
  withoutConversation: number;
  pendingEvents: number;
}

/** The channel's mentions compared with `ids`: lost among them, duplicates over the channel, strays outside them. */
async function storedState(db: Database, channelId: string, ids: string[]): Promise<Stored> {
  const { rows } = await db.pool.query<Record<keyof Stored, string>>(
    `WITH stored AS (SELECT "externalId" AS id, count(*) AS n, count(*) FILTER (WHERE "conversationId" IS NULL) AS bare
                     FROM "Mention" WHERE "channelId" = $1 GROUP BY 1)
     SELECT (SELECT count(*) FROM unnest($2::text[]) AS s(id) LEFT JOIN stored USING (id) WHERE stored.id IS NULL) AS lost,
            (SELECT coalesce(sum(n - 1), 0) FROM stored) AS duplicated,
            (SELECT count(*) FROM stored WHERE NOT id = ANY($2::text[])) AS unexpected,
            (SELECT coalesce(sum(bare), 0) FROM stored) AS "withoutConversation",
            (SELECT count(*) FROM "InboundEvent" WHERE "channelId" = $1 AND status = 'pending') AS "pendingEvents"`,
    [channelId, ids],
  );
  const r = rows[0]!;
  return {
    lost: Number(r.lost),
    duplicated: Number(r.duplicated),
    unexpected: Number(r.unexpected),
    withoutConversation: Number(r.withoutConversation),
    pendingEvents: Number(r.pendingEvents),
  };
}

async function waitFor(read: () => Promise<Stored>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = await read();
    if (s.lost === 0 && s.pendingEvents === 0) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
}

const mentionRequests = (sandbox: Sandbox, userId: string, from: number, to: number) =>
  sandbox.state.apiLog.filter((e) => e.at >= from && e.at <= to && e.url.includes(`/2/users/${userId}/mentions`))
    .length;

const channelRow = (db: Database, id: string) =>
  db.prisma.channel.findUniqueOrThrow({ where: { id }, select: { config: true, lastError: true } });

async function seedR5World(db: Database, sandbox: Sandbox, secretKey: Buffer, intervalSeconds: number) {
  const run = randomUUID().slice(0, 8);
  const org = await createOrganization(db.prisma, { name: `R5 ${run}`, id: randomUUID() });
  const brand = await createBrand(db.prisma, org.id, { name: 'R5 Air', handle: BRAND, timeZone: 'UTC' });
  const owner = await createUser(db.prisma, {
    email: `r5.owner.${run}@r5.perch.test`,
    name: 'R5 Owner',
    password: `r5-password-${run}-not-used`,
  });
  await addMember(db.prisma, org.id, owner.id, 'owner');
  // A paid plan: on Free, mentions beyond the monthly quota (1,000) are held, not stored (docs/billing.md).
  await subscribeBrand(db.prisma, org.id, brand.id, 'enterprise');
  const account = sandbox.state.createAccount({
    username: BRAND,
    name: 'R5 Air',
    followers: 50_000,
    verified: true,
    kind: 'brand',
  });
  sandbox.state.registerToken(BEARER, null);
  const { channel } = await createXChannel(
    db.prisma,
    { secretKey, publicUrl: 'http://127.0.0.1' },
    { userId: owner.id, organizationId: org.id, ip: null, role: 'owner' },
    {
      organizationId: org.id,
      brandId: brand.id,
      name: `X @${BRAND}`,
      xUserId: account.id,
      consumerSecret: 'r5-consumer-secret-unused',
      accessToken: BEARER,
    },
  );
  // As `channels.configurePolling` writes it; the sandbox's origin is trusted by the worker's flag (not input).
  await db.prisma.channel.update({
    where: { id: channel.id },
    data: { config: { apiBaseUrl: sandbox.url, polling: { enabled: true, intervalSeconds, epoch: 1 } } },
  });
  return { organizationId: org.id, channelId: channel.id, brandXId: account.id };
}
