import { parseArgs } from 'node:util';
import { z } from 'zod';
import { findPostgresBin, sharedCluster, startPrivateCluster, type PostgresCluster } from './postgres-cluster.ts';
import { runR1, type R1Report } from './r1-chaos.ts';
import { appendRunResult, printTable, stamp } from './run-results.ts';
import { createScratchDatabase } from './scratch-database.ts';

export const r1Usage = `usage: pnpm --filter @perch/server run reliability -- r1 [options]
  --mentions N             mentions sent through the signed X webhook over HTTP (default 10000)
  --server-kills N         kill -9 of the web-only server process, restarted each time (default 20)
  --worker-kills N         kill -9 of the worker process, restarted each time (default 10)
  --pg-restarts N          PostgreSQL restarts (default 3)
  --concurrency N          deliveries in flight at once (default 16)
  --spread-seconds N       sends spread over this long, the faults inside it (default: 8 s per fault, 10 s at least)
  --drain-timeout-seconds N  how long to wait for the drain after the last fault (default 300; R2 passes at 120)
  --postgres private|shared  private (default): a throwaway cluster (initdb) on a free port, restarted with pg_ctl,
                           so the restarts disturb nobody else; shared: the server at --server-url, restarted
                           with --pg-restart-command
  --server-url URL         shared: the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres)
  --pg-restart-command C   shared: default "pg_ctlcluster --skip-systemctl-redirect <version> main restart"
  --pg-bin DIR             private: PostgreSQL's binaries (default the highest /usr/lib/postgresql/<v>/bin)
  --seed N                 fault order and times (default 1)
Writes bench/results/<date>-r1-chaos.json, prints a table, exits 1 when a mention is lost or duplicated, lacks its
conversation, or the ingest queue did not drain (no waiting, running or dead job) within 120 s of the last fault.`;

const flags = z.object({
  mentions: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  'server-kills': z.coerce.number().int().min(0).max(1_000).default(20),
  'worker-kills': z.coerce.number().int().min(0).max(1_000).default(10),
  'pg-restarts': z.coerce.number().int().min(0).max(100).default(3),
  concurrency: z.coerce.number().int().min(1).max(256).default(16),
  'spread-seconds': z.coerce.number().int().min(1).max(3_600).optional(),
  'drain-timeout-seconds': z.coerce.number().int().min(10).max(3_600).default(300),
  postgres: z.enum(['private', 'shared']).default('private'),
  'server-url': z.url().default('postgres://postgres@127.0.0.1:5432/postgres'),
  'pg-restart-command': z.string().min(1).optional(),
  'pg-bin': z.string().min(1).optional(),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(1),
});

const DRAIN_BAR_SECONDS = 120;

export async function r1Command(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: Object.fromEntries(Object.keys(flags.shape).map((k) => [k, { type: 'string' as const }])),
  });
  const parsed = flags.safeParse(values);
  if (!parsed.success) {
    console.error(`${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n')}\n\n${r1Usage}`);
    return 64;
  }
  const o = parsed.data;
  const progress = stamp('r1');
  const faults = o['server-kills'] + o['worker-kills'] + o['pg-restarts'];
  const spreadSeconds = o['spread-seconds'] ?? Math.max(10, faults * 8);

  let cluster: PostgresCluster;
  if (o.postgres === 'private') {
    const bin = o['pg-bin'] ?? findPostgresBin();
    if (!bin) {
      console.error('no PostgreSQL binaries found: pass --pg-bin, or use --postgres shared');
      return 64;
    }
    cluster = await startPrivateCluster(bin, progress);
  } else {
    const version = findPostgresBin().split('/').at(-2) ?? '15';
    cluster = sharedCluster(
      o['server-url'],
      o['pg-restart-command'] ?? `pg_ctlcluster --skip-systemctl-redirect ${version} main restart`,
    );
  }
  let report: R1Report;
  try {
    const scratch = await createScratchDatabase(cluster.serverUrl, 'perch_r1');
    try {
      progress(`database ${new URL(scratch.url).pathname.slice(1)} on ${cluster.describe}`);
      report = await runR1({
        db: scratch.db,
        databaseUrl: scratch.url,
        cluster,
        mentions: o.mentions,
        serverKills: o['server-kills'],
        workerKills: o['worker-kills'],
        pgRestarts: o['pg-restarts'],
        concurrency: o.concurrency,
        spreadMs: spreadSeconds * 1000,
        drainTimeoutMs: o['drain-timeout-seconds'] * 1000,
        seed: o.seed,
        progress,
      });
    } finally {
      await scratch.dispose();
    }
  } finally {
    await cluster.dispose();
  }

  const s = report.state;
  const drainOk = report.drainSeconds !== null && report.drainSeconds <= DRAIN_BAR_SECONDS;
  const storedOnce = s.lost === 0 && s.duplicated === 0 && s.unexpected === 0 && s.withoutConversation === 0;
  const queueClean = s.jobs.dead === 0 && s.jobs.failed === 0 && s.inboundEvents.failed === 0;
  const faultsDone =
    report.faults.serverKills === o['server-kills'] &&
    report.faults.workerKills === o['worker-kills'] &&
    report.faults.pgRestarts === o['pg-restarts'];
  const pass = storedOnce && drainOk && queueClean && faultsDone;
  const file = appendRunResult(
    'r1-chaos',
    'R1: 0 lost, 0 duplicated; R2: queue drained within 120 s of the last fault',
    {
      pass,
      options: { ...o, spreadSeconds, postgres: cluster.describe },
      ...report,
    },
  );

  const f = (n: number | null, unit = ' s') => (n === null ? 'not drained' : `${n.toFixed(1)}${unit}`);
  const sender = report.sender;
  printTable(`R1/R2 — ingest under kills and restarts: ${pass ? 'PASS' : 'FAIL'}`, [
    ['mentions sent (all acknowledged 2xx)', `${sender.mentions}`],
    [
      'delivery attempts (mentions retried / max for one)',
      `${sender.attempts} (${sender.retried} / ${sender.maxAttemptsForOne})`,
    ],
    [
      'failed attempts (refused / reset / timeout / 5xx / other)',
      `${sender.failures.refused} / ${sender.failures.reset} / ${sender.failures.timeout} / ${sender.failures.status5xx} / ${sender.failures.otherStatus}`,
    ],
    ['server kills (kill -9)', `${report.faults.serverKills} of ${o['server-kills']}`],
    ['worker kills (kill -9)', `${report.faults.workerKills} of ${o['worker-kills']}`],
    ['PostgreSQL restarts', `${report.faults.pgRestarts} of ${o['pg-restarts']}`],
    [
      'unplanned exits (restarted)',
      Object.entries(report.faults.unplannedExits)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    ],
    [
      'server start / PostgreSQL restart (mean)',
      `${f(report.timings.serverStartSeconds.mean)} / ${f(report.timings.pgRestartSeconds.mean)}`,
    ],
    ['lost', String(s.lost)],
    ['duplicated', String(s.duplicated)],
    ['stored but never sent', String(s.unexpected)],
    ['held over the plan quota (not stored)', String(s.held)],
    [
      'without a conversation',
      `${s.withoutConversation} (${s.mentionRows} mentions in ${s.conversations} conversations)`,
    ],
    ['inbound events (deliveries stored) / failed', `${s.inboundEvents.total} / ${s.inboundEvents.failed}`],
    [
      'ingest jobs waiting / running / failed / dead',
      `${s.jobs.waiting} / ${s.jobs.active} / ${s.jobs.failed} / ${s.jobs.dead}`,
    ],
    ['drained after the last fault (bar 120 s)', f(report.drainSeconds)],
    ['drained after the last acknowledgement', f(report.drainSecondsAfterLastAck)],
    ['sending / whole run', `${f(sender.sendSeconds)} / ${f(report.durationSeconds)}`],
  ]);
  console.log(`  written to ${file}`);
  return pass ? 0 : 1;
}
