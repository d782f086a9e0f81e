import { randomUUID } from 'node:crypto';
import { FINAL_DELIVERY_STATES, sendReplyInput } from '@perch/shared';
import type { Database } from '../db/database.ts';
import type { WorkDeps } from '../features/conversations/work-context.ts';
import { sendReply } from '../features/replies/replies.service.ts';
import { createLocalEventBus } from '../live/event-bus.ts';
import type { Logger } from '../logger.ts';
import { startQueue } from '../queue/queue.ts';
import type { FaultSettings } from '../sandbox/faults.ts';
import { createPrng } from '../sandbox/prng.ts';
import { createSandbox, type Sandbox } from '../sandbox/sandbox-server.ts';
import { seedR4World, type R4World } from './r4-seed.ts';
import { WorkerProcess } from './worker-process.ts';

/**
 * R4 (quality-bars.md): N replies through `sendReply` against the sandbox X network with faults on (5xx, 429
 * with reset, timeouts, lost answers, permanent 4xx), while a separate worker process is killed with SIGKILL
 * at random moments and restarted. Then every reply must end `sent` or `dead` (with its reason), none may be
 * lost, and what reached the network is compared with what Perch recorded: double posts and double DMs counted.
 */
export interface R4Options {
  db: Database;
  /** The database's URL, handed to the worker process (a PostgreSQL server: several processes share it). */
  databaseUrl: string;
  replies: number;
  kills: number;
  /** Share of the replies sent as direct messages. */
  dmShare?: number;
  seed?: number;
  faults?: Partial<FaultSettings>;
  /** How long to wait, after the last reply was queued, for every reply to be final. */
  settleTimeoutMs?: number;
  /** Worker tuning, passed as worker-main flags. */
  worker?: { timeoutMs: number; leaseMs: number; sweepMs: number };
  log: Logger;
  progress?: (line: string) => void;
}

export const R4_FAULTS: Partial<FaultSettings> = {
  error5xxRate: 0.15,
  rateLimit429Rate: 0.05,
  timeoutRate: 0.05,
  lostResponseRate: 0.05,
  permanent4xxRate: 0.03,
  latencyMs: 3,
  endpoints: ['tweets', 'dms', 'timeline'],
};

export interface R4Report {
  replies: number;
  directMessages: number;
  killsPlanned: number;
  killsDone: number;
  workerStarts: number;
  durationSeconds: number;
  /** Until every reply was final, from the first send. */
  settleSeconds: number;
  byState: Record<string, number>;
  deadReasons: { reason: string; count: number }[];
  /** `dead` without a reason (must be 0). */
  deadWithoutReason: number;
  /** Replies not final at the end (must be 0). */
  notFinal: number;
  /** The first of them, to see why (state, attempts, last error, next attempt). */
  openReplies: { state: string; attempts: number; lastError: string | null; nextAttemptAt: string | null }[];
  /** `sent` replies whose network id is not on the network (must be 0). */
  sentButMissing: number;
  /** Network posts and DMs that no reply of Perch accounts for (their text matches none). */
  unaccountedOnNetwork: number;
  /** `dead` replies that are on the network all the same (a lost answer, then a permanent error on the retry). */
  deadButPosted: number;
  duplicates: { publicReplies: number; directMessages: number; total: number };
  attempts: { total: number; max: number; reconciled: number };
  faultsInjected: Record<string, number>;
  /** Not final, never recorded, `sent` but missing, or on the network unknown to Perch (must be 0). */
  lost: number;
}

const DEFAULT_WORKER = { timeoutMs: 1_500, leaseMs: 6_000, sweepMs: 1_000 };

export async function runR4(options: R4Options): Promise<R4Report> {
  const { db, log } = options;
  const progress = options.progress ?? (() => undefined);
  const prng = createPrng(options.seed ?? 4);
  const secretKey = Buffer.alloc(32, 4);
  const sandbox = await createSandbox({ seed: options.seed ?? 4, rateLimitWindowMs: 2_000 });
  const queue = await startQueue(db, log);
  const bus = createLocalEventBus();
  const tuning = options.worker ?? DEFAULT_WORKER;
  const worker = new WorkerProcess({
    databaseUrl: options.databaseUrl,
    secretKey: secretKey.toString('base64'),
    args: [
      '--only-delivery',
      `--trusted-origin=${sandbox.url}`,
      `--delivery-timeout-ms=${tuning.timeoutMs}`,
      `--lease-ms=${tuning.leaseMs}`,
      `--sweep-ms=${tuning.sweepMs}`,
    ],
    onOutput: (line) => progress(`  worker: ${line.slice(0, 300)}`),
  });
  let chaos: { stop(): Promise<void> } | undefined;
  try {
    progress(`seeding ${options.replies} conversations and customer posts`);
    const world = await seedR4World(db, sandbox, options.replies, secretKey);
    sandbox.faults.set({ ...R4_FAULTS, ...options.faults });
    await worker.start();
    progress(`worker up; sandbox ${sandbox.url}; faults ${JSON.stringify(sandbox.faults.get())}`);

    const started = Date.now();
    const pending = () => countNotFinal(db, world.organizationId);
    chaos = runChaos(worker, options.kills, prng, pending, progress);
    const dms = await sendAll(options, { db: db.prisma, bus, queue }, world, prng, started, progress);
    const settled = await waitUntilFinal(db, world, options.settleTimeoutMs ?? 10 * 60_000, progress);
    const settleSeconds = (Date.now() - started) / 1000;
    await chaos.stop();
    const report = await measure(db, sandbox, world);
    return {
      ...report,
      replies: options.replies,
      directMessages: dms.size,
      killsPlanned: options.kills,
      killsDone: worker.kills,
      workerStarts: worker.starts,
      durationSeconds: (Date.now() - started) / 1000,
      settleSeconds: settled ? settleSeconds : NaN,
      faultsInjected: { ...sandbox.faults.injected },
    };
  } finally {
    await chaos?.stop(); // first: it would restart the worker stopped below
    await worker.stop();
    await queue.stop();
    await bus.close();
    await sandbox.close();
  }
}

/**
 * Queues every reply through `sendReply` (the same path as the composer), spread over a few seconds per planned
 * kill so that kills land while replies are being sent. Returns the ids of the conversations answered by DM.
 */
async function sendAll(
  options: R4Options,
  deps: WorkDeps,
  world: R4World,
  prng: ReturnType<typeof createPrng>,
  started: number,
  progress: (line: string) => void,
): Promise<Set<string>> {
  const spreadMs = Math.max(5_000, options.kills * 3_000);
  const dms = new Set<string>();
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < world.conversations.length; i = next++) {
      const conversation = world.conversations[i]!;
      const dm = prng.next() < (options.dmShare ?? 0.1);
      if (dm) dms.add(conversation.conversationId);
      const due = started + (spreadMs * i) / world.conversations.length;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      const input = sendReplyInput.parse({
        organizationId: world.organizationId,
        conversationId: conversation.conversationId,
        text: replyText(i, conversation.username, dm),
        mode: dm ? 'dm' : 'public',
        idempotencyKey: randomUUID(),
        lastSeenReplyId: null,
      });
      await sendReply(deps, world.actor, input);
      if ((i + 1) % 100 === 0) progress(`queued ${i + 1} replies`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, lane));
  return dms;
}

/** Unique per reply, so that a post on the network names the one reply it belongs to. */
function replyText(i: number, username: string, dm: boolean): string {
  return dm
    ? `Hello ${username}, this is R4 Air customer care (case R4-${i}). Could you send us your booking reference?`
    : `So sorry about the delay on flight R4${i}. Our team is on it, we will update you shortly (case R4-${i}).`;
}

/** Kills the worker `kills` times at random moments while replies are still open, restarting it each time. */
function runChaos(
  worker: WorkerProcess,
  kills: number,
  prng: ReturnType<typeof createPrng>,
  pending: () => Promise<number>,
  progress: (line: string) => void,
): { stop(): Promise<void> } {
  let stopped = false;
  const done = (async () => {
    while (!stopped && worker.kills < kills) {
      // A random stretch of uptime (0.5–4 s), so the kill falls anywhere: between jobs, mid-request, mid-commit.
      await new Promise((r) => setTimeout(r, 500 + prng.next() * 3_500));
      if (stopped) break;
      if ((await pending()) === 0) break;
      await worker.kill();
      progress(`kill -9 #${worker.kills} (${await pending()} replies not final)`);
      await new Promise((r) => setTimeout(r, 100 + prng.next() * 900));
      await worker.start();
    }
  })();
  return {
    async stop() {
      stopped = true;
      await done;
    },
  };
}

async function countNotFinal(db: Database, organizationId: string): Promise<number> {
  return db.prisma.reply.count({ where: { organizationId, state: { notIn: [...FINAL_DELIVERY_STATES] } } });
}

async function waitUntilFinal(
  db: Database,
  world: R4World,
  timeoutMs: number,
  progress: (line: string) => void,
): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  let last = -1;
  for (;;) {
    const open = await countNotFinal(db, world.organizationId);
    const total = await db.prisma.reply.count({ where: { organizationId: world.organizationId } });
    if (open === 0 && total === world.conversations.length) return true;
    if (Date.now() > until) return false;
    if (open !== last) progress(`${open} replies not final yet`);
    last = open;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

type Measured = Omit<
  R4Report,
  | 'replies'
  | 'directMessages'
  | 'killsPlanned'
  | 'killsDone'
  | 'workerStarts'
  | 'durationSeconds'
  | 'settleSeconds'
  | 'faultsInjected'
>;

/** Compares Perch's replies with what the network holds. */
async function measure(db: Database, sandbox: Sandbox, world: R4World): Promise<Measured> {
  const replies = await db.prisma.reply.findMany({
    where: { organizationId: world.organizationId },
    select: {
      id: true,
      state: true,
      text: true,
      lastError: true,
      networkId: true,
      attempts: true,
      isDirectMessage: true,
      conversationId: true,
      nextAttemptAt: true,
    },
  });
  const byState: Record<string, number> = {};
  const reasons = new Map<string, number>();
  let deadWithoutReason = 0;
  for (const r of replies) {
    byState[r.state] = (byState[r.state] ?? 0) + 1;
    if (r.state === 'dead') {
      if (!r.lastError?.trim()) deadWithoutReason += 1;
      else reasons.set(r.lastError, (reasons.get(r.lastError) ?? 0) + 1);
    }
  }
  const open = replies.filter((r) => !(FINAL_DELIVERY_STATES as readonly string[]).includes(r.state));
  const notFinal = open.length;
  // A reply that never made it to the table at all is lost too.
  const missingRows = world.conversations.length - replies.length;

  const posts = sandbox.state.everyPostOf(world.brandXId);
  const messages = sandbox.state.directMessagesOf(world.brandXId).filter((m) => m.senderId === world.brandXId);
  const onNetwork = new Map<string, number>(); // text → copies
  for (const item of [...posts, ...messages]) onNetwork.set(item.text, (onNetwork.get(item.text) ?? 0) + 1);
  const networkIds = new Set([...posts.map((p) => p.id), ...messages.map((m) => m.id)]);
  const texts = new Set(replies.map((r) => r.text));

  let sentButMissing = 0;
  let deadButPosted = 0;
  for (const r of replies) {
    if (r.state === 'sent' && (!r.networkId || !networkIds.has(r.networkId))) sentButMissing += 1;
    if (r.state === 'dead' && onNetwork.has(r.text)) deadButPosted += 1;
  }
  const unaccountedOnNetwork = [...onNetwork.keys()].filter((t) => !texts.has(t)).length;
  const extra = (counts: Iterable<number>) => [...counts].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  const publicCounts = new Map<string, number>();
  for (const p of posts)
    if (p.inReplyToTweetId) publicCounts.set(p.inReplyToTweetId, (publicCounts.get(p.inReplyToTweetId) ?? 0) + 1);
  const dmCounts = new Map<string, number>();
  for (const m of messages) {
    const key = `${m.recipientId}\u0000${m.text}`;
    dmCounts.set(key, (dmCounts.get(key) ?? 0) + 1);
  }
  const publicReplies = extra(publicCounts.values());
  const directMessages = extra(dmCounts.values());
  const reconciled = await countReconciled(db, world.organizationId);
  return {
    byState,
    deadReasons: [...reasons]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    deadWithoutReason,
    notFinal: notFinal + missingRows,
    openReplies: open.slice(0, 20).map((r) => ({
      state: r.state,
      attempts: r.attempts,
      lastError: r.lastError,
      nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
    })),
    sentButMissing,
    unaccountedOnNetwork,
    deadButPosted,
    duplicates: { publicReplies, directMessages, total: publicReplies + directMessages },
    attempts: {
      total: replies.reduce((s, r) => s + r.attempts, 0),
      max: replies.reduce((m, r) => Math.max(m, r.attempts), 0),
      reconciled,
    },
    lost: notFinal + missingRows + sentButMissing + unaccountedOnNetwork,
  };
}

/** Replies whose post was found on the network after an uncertain attempt, instead of being sent again. */
async function countReconciled(db: Database, organizationId: string): Promise<number> {
  return db.prisma.conversationEvent.count({
    where: { organizationId, type: 'reply_sent', data: { path: ['reconciled'], equals: true } },
  });
}
