import { randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { createXChannel } from '../features/channels/channels.service.ts';
import { createPrng } from '../sandbox/prng.ts';
import { addMember, createBrand, createOrganization, createUser, subscribeBrand } from '../seed/factories.ts';
import type { PostgresCluster } from './postgres-cluster.ts';
import { freePort } from './postgres-cluster.ts';
import { ProcessSupervisor, startUntilUp } from './process-supervisor.ts';
import { readIngestState, waitForDrain, type IngestState } from './r1-check.ts';
import { postIds, sendMentions, type SenderReport } from './r1-sender.ts';
import { WebProcess } from './web-process.ts';
import { WorkerProcess } from './worker-process.ts';

/**
 * R1/R2 (quality-bars.md): N mentions through the signed X webhook over HTTP into a web-only server process,
 * processed by a separate worker process, while the web server is killed with SIGKILL (and restarted), the
 * worker too, and PostgreSQL is restarted, the faults spread at random over the sending. Then every sent mention
 * must be stored exactly once with its conversation, and the ingest queue must drain within 120 s of the last
 * fault.
 */
export interface R1Options {
  db: Database;
  databaseUrl: string;
  cluster: PostgresCluster;
  mentions: number;
  serverKills: number;
  workerKills: number;
  pgRestarts: number;
  concurrency: number;
  /** Sends are spread over this long; the faults fall inside it. */
  spreadMs: number;
  drainTimeoutMs: number;
  seed: number;
  progress: (line: string) => void;
}

type FaultKind = 'server' | 'worker' | 'postgres';

export interface R1Report {
  sender: Omit<SenderReport, 'ids'>;
  faults: {
    serverKills: number;
    workerKills: number;
    pgRestarts: number;
    unplannedExits: Record<string, number>;
    /** Error lines the worker logged (mostly failed queue fetches while PostgreSQL restarted). */
    workerErrorLogs: number;
    log: { kind: FaultKind; atSeconds: number; recoverySeconds: number }[];
  };
  timings: { serverStartSeconds: { mean: number; max: number }; pgRestartSeconds: { mean: number; max: number } };
  state: IngestState;
  /** From the end of the last fault (its process back, or PostgreSQL up) to a drained queue; null: not drained. */
  drainSeconds: number | null;
  drainSecondsAfterLastAck: number | null;
  durationSeconds: number;
}

const BRAND_HANDLE = 'R1Air';

export async function runR1(options: R1Options): Promise<R1Report> {
  const { db, progress } = options;
  const prng = createPrng(options.seed);
  const secretKey = randomBytes(32);
  const consumerSecret = `r1-consumer-secret-${randomBytes(12).toString('hex')}`;
  const brandXId = String(990_000_000_000_000_000n + BigInt(options.seed));
  const channelId = await seedChannel(db, secretKey, consumerSecret, brandXId);

  const web = new WebProcess({
    port: await freePort(),
    databaseUrl: options.databaseUrl,
    secretKey: secretKey.toString('base64'),
  });
  const worker = new WorkerProcess({
    databaseUrl: options.databaseUrl,
    secretKey: secretKey.toString('base64'),
    args: [],
    // The worker logs each failed database call while PostgreSQL restarts: counted, the first ones shown.
    onOutput: (line) => {
      if (!/"level":(50|60)/.test(line)) return;
      workerErrors += 1;
      if (workerErrors <= 3) progress(`  worker: ${line.slice(0, 240)}`);
    },
  });
  let workerErrors = 0;
  // Ctrl-C or a CI timeout: the children (the web server has its own process group) and the cluster go too.
  const abort = () => {
    void Promise.all([web.kill(), worker.kill()])
      .then(() => options.cluster.dispose())
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  await Promise.all([web.start(), worker.start()]);
  progress(`web server ${web.url} (web only) and worker up; channel ${channelId}`);
  const supervisor = new ProcessSupervisor({ web, worker }, progress);

  const started = Date.now();
  const ids = postIds(options.mentions, options.seed + Date.now());
  const faultLog: R1Report['faults']['log'] = [];
  const pgRestartSeconds: number[] = [];
  let lastFaultEnd = started;
  try {
    const plan = faultPlan(options, prng);
    const chaos = (async () => {
      for (const fault of plan) {
        const wait = started + fault.atMs - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const at = Date.now();
        if (fault.kind === 'server')
          await supervisor.hold(web, async () => {
            await web.kill();
            await new Promise((r) => setTimeout(r, prng.next() * 500));
            await startUntilUp(web, 'web', progress);
          });
        else if (fault.kind === 'worker')
          await supervisor.hold(worker, async () => {
            await worker.kill();
            await new Promise((r) => setTimeout(r, 100 + prng.next() * 900));
            await startUntilUp(worker, 'worker', progress);
          });
        else {
          await options.cluster.restart();
          pgRestartSeconds.push((Date.now() - at) / 1000);
        }
        lastFaultEnd = Date.now();
        faultLog.push({
          kind: fault.kind,
          atSeconds: (at - started) / 1000,
          recoverySeconds: (lastFaultEnd - at) / 1000,
        });
        progress(
          `fault ${faultLog.length}/${plan.length}: ${fault.kind} (${((lastFaultEnd - at) / 1000).toFixed(1)} s)`,
        );
      }
    })();
    const [sender] = await Promise.all([
      sendMentions(
        {
          url: `${web.url}/webhooks/x/${channelId}`,
          consumerSecret,
          forUserId: brandXId,
          brandHandle: BRAND_HANDLE,
          count: options.mentions,
          concurrency: options.concurrency,
          spreadMs: options.spreadMs,
          customers: Math.max(1, Math.floor(options.mentions / 5)),
          timeoutMs: 5_000,
          progress,
        },
        ids,
      ),
      chaos,
    ]);
    progress(
      `all ${sender.mentions} mentions acknowledged after ${sender.sendSeconds.toFixed(1)} s; waiting for the drain`,
    );
    await supervisor.allUp();
    const { state, drainedAt } = await waitForDrain(db.pool, channelId, ids, options.drainTimeoutMs, progress);
    // A last read with everything settled: duplicates and strays are counted even when the drain timed out.
    const final = drainedAt ? await readIngestState(db.pool, channelId, ids) : state;
    const seconds = (from: number) => (drainedAt === null ? null : Math.max(0, drainedAt - from) / 1000);
    const { ids: _ids, ...senderReport } = sender;
    return {
      sender: senderReport,
      faults: {
        serverKills: web.kills,
        workerKills: worker.kills,
        pgRestarts: pgRestartSeconds.length,
        unplannedExits: { ...supervisor.unplannedExits },
        workerErrorLogs: workerErrors,
        log: faultLog,
      },
      timings: { serverStartSeconds: stats(web.startSeconds), pgRestartSeconds: stats(pgRestartSeconds) },
      state: final,
      drainSeconds: seconds(lastFaultEnd),
      drainSecondsAfterLastAck: seconds(sender.lastAckAt),
      durationSeconds: (Date.now() - started) / 1000,
    };
  } finally {
    supervisor.stop();
    process.off('SIGINT', abort);
    process.off('SIGTERM', abort);
    await Promise.all([web.stop(), worker.stop()]);
  }
}

/** The faults in a random order, spread evenly (with jitter) over the sending. */
function faultPlan(options: R1Options, prng: ReturnType<typeof createPrng>): { kind: FaultKind; atMs: number }[] {
  const kinds: FaultKind[] = [
    ...Array<FaultKind>(options.serverKills).fill('server'),
    ...Array<FaultKind>(options.workerKills).fill('worker'),
    ...Array<FaultKind>(options.pgRestarts).fill('postgres'),
  ];
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(prng.next() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
  }
  return kinds.map((kind, k) => ({ kind, atMs: (options.spreadMs * (k + 0.25 + prng.next() * 0.5)) / kinds.length }));
}

async function seedChannel(db: Database, secretKey: Buffer, consumerSecret: string, xUserId: string): Promise<string> {
  const run = randomUUID().slice(0, 8);
  const org = await createOrganization(db.prisma, { name: `R1 ${run}`, id: randomUUID() });
  const brand = await createBrand(db.prisma, org.id, { name: 'R1 Air', handle: BRAND_HANDLE, timeZone: 'UTC' });
  const owner = await createUser(db.prisma, {
    email: `r1.owner.${run}@r1.perch.test`,
    name: 'R1 Owner',
    password: `r1-password-${run}-not-used`,
  });
  await addMember(db.prisma, org.id, owner.id, 'owner');
  // A paid plan: on Free, mentions beyond the monthly quota (1,000) are held, not stored (docs/billing.md).
  await subscribeBrand(db.prisma, org.id, brand.id, 'enterprise');
  const { channel } = await createXChannel(
    db.prisma,
    { secretKey, publicUrl: 'http://127.0.0.1' },
    { userId: owner.id, organizationId: org.id, ip: null, role: 'owner' },
    { organizationId: org.id, brandId: brand.id, name: `X @${BRAND_HANDLE}`, xUserId, consumerSecret },
  );
  return channel.id;
}

const stats = (values: number[]) => ({
  mean: values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0,
  max: values.length ? Math.max(...values) : 0,
});
