import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../db/database.ts';
import { createDatabaseIfMissing, ensureDataset, settleAfterWrites } from './dataset.ts';
import { benchImport } from './p1-import.ts';
import { measureBundle } from './p8-bundle.ts';
import { measureRender } from './p9-render.ts';
import { loadWebhook, type LoadResult } from './p2-webhook.ts';
import { loadInbox } from './load-inbox.ts';
import { measureLive } from './p3-live.ts';
import { benchInbox } from './p4-inbox.ts';
import { benchCounts } from './p5-counts.ts';
import { benchSearch } from './p6-search.ts';
import { f, resultRows, type BenchResults } from './results-table.ts';
import { startServer, startWorker } from './server-process.ts';
// P7 and P10 have data sets and runners of their own (`pnpm bench p7`, `pnpm bench p10`, docs/benchmarks.md).
const OWN_RUNNERS = { p7: () => import('./p7-dashboards.ts'), p10: () => import('./p10-export.ts') } as const;
const ownRunner = process.argv
  .slice(2)
  .map((a) => a.toLowerCase())
  .find((a): a is keyof typeof OWN_RUNNERS => Object.hasOwn(OWN_RUNNERS, a));
if (ownRunner) {
  const runner = await OWN_RUNNERS[ownRunner]();
  await runner.main(process.argv.slice(2));
  process.exit(0);
}

const usage = `usage: pnpm bench [-- options]
  --only P1,P2,P3        which bars to run (default: P1,P2,P3; the inbox bars: P4,P5,P6; the web: P8, P9;
                         LOAD: the inbox procedures over HTTP under autocannon; all: every bar — P7 and P10
                         then run too, with their own data sets, in <database>_p7 and <database>_p10)
  --mentions N           size of the seeded data set (default 10000000; generated once per size, reused)
  --import-rows N        P1 file size (default 200000)
  --p2-seconds N         P2 duration per run (default 20)
  --p2-connections N     P2 concurrent connections (default 64)
  --p3-samples N         P3 webhook → event samples (default 200)
  --p4-samples N         P4/P5 samples per measured query (default 100)
  --p6-rounds N          P6 rounds of the search query set (default 20)
  --load-seconds N       LOAD duration per run (default 20)
  --load-connections N   LOAD concurrent connections (default 32)
  --database-url URL     PostgreSQL server to use (default: BENCH_DATABASE_URL, else the embedded database in
                         <repo>/.perch-bench-data)
Writes bench/results/<date>.json and prints a table (docs/benchmarks.md).`;

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    only: { type: 'string' },
    mentions: { type: 'string' },
    'import-rows': { type: 'string' },
    'p2-seconds': { type: 'string' },
    'p2-connections': { type: 'string' },
    'p3-samples': { type: 'string' },
    'p4-samples': { type: 'string' },
    'p6-rounds': { type: 'string' },
    'load-seconds': { type: 'string' },
    'load-connections': { type: 'string' },
    'database-url': { type: 'string' },
    help: { type: 'boolean' },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const num = (v: string | undefined, fallback: number) => {
  const n = v === undefined ? fallback : Number(v);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`expected a positive integer, got ${v}\n\n${usage}`);
    process.exit(64);
  }
  return n;
};
const ALL = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P8', 'P9', 'LOAD'];
const onlyList = (values.only ?? 'P1,P2,P3').toUpperCase().split(',');
const runAll = onlyList.includes('ALL');
const only = new Set(runAll ? ALL : onlyList);
const mentions = num(values.mentions, 10_000_000);
const importRows = num(values['import-rows'], 200_000);
const p2Seconds = num(values['p2-seconds'], 20);
const p2Connections = num(values['p2-connections'], 64);
const p3Samples = num(values['p3-samples'], 200);
const p4Samples = num(values['p4-samples'], 100);
const p6Rounds = num(values['p6-rounds'], 20);
const loadSeconds = num(values['load-seconds'], 20);
const loadConnections = num(values['load-connections'], 32);
// eslint-disable-next-line no-restricted-syntax -- the bench command is a CLI of its own, not the server
const databaseUrl = values['database-url'] ?? process.env.BENCH_DATABASE_URL;
const repoRoot = path.resolve(import.meta.dirname, '../../../..');
const dataDir = path.join(repoRoot, '.perch-bench-data');
const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

// P8 (the web bundle) needs no database: `--only P8` runs without seeding the data set.
const needsDatabase = [...only].some((bar) => bar !== 'P8');
if (databaseUrl && needsDatabase) await createDatabaseIfMissing(databaseUrl, log);
const db = needsDatabase
  ? await openDatabase({
      ...(databaseUrl ? { databaseUrl } : {}),
      dataDir,
      poolSize: 4,
      statementTimeoutMs: 3_600_000,
      migrate: true,
    })
  : null;
const dataset = db ? await ensureDataset(db, mentions, log) : null;
const results: BenchResults = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1e9),
    node: process.version,
  },
  database: databaseUrl ? 'PostgreSQL server' : 'embedded (PGlite)',
  dataset,
};

if (only.has('P1')) {
  const p1 = await benchImport(db!, dataset!, importRows, log);
  const pass = p1.mentionsPerSecond >= 50_000 && p1.vsCreateLoop >= 35 && (p1.vsCopy ?? 0) >= 0.5;
  results.P1 = { ...p1, bar: '≥ 50,000 mentions/s; ≥ 35× create loop; ≥ 0.5× COPY', pass };
  // P1 wrote and deleted hundreds of thousands of rows: the read bars that follow measure the inbox on a settled
  // data set (as a day's import would leave it once autovacuum ran), not autovacuum and a checkpoint running under
  // them. Each step is timed in the log.
  if (['P4', 'P5', 'P6'].some((bar) => only.has(bar))) await settleAfterWrites(db!, log);
}
// The inbox bars measure the services in this process (server time without HTTP) on the data set.
if (only.has('P4')) {
  const p4 = await benchInbox(db!, dataset!, p4Samples, log);
  const pass = p4.worstPage1P99Ms <= 25 && p4.worstDeepP99Ms <= 25 && p4.worstRatio <= 1.5;
  results.P4 = { ...p4, bar: 'p99 ≤ 25 ms for every view and sort; page 1,000 within 1.5× of page 1', pass };
}
if (only.has('P5')) {
  const p5 = await benchCounts(db!, dataset!, p4Samples, log);
  results.P5 = { ...p5, bar: '≤ 5 ms (p99)', pass: p5.p99Ms <= 5 && p5.exactMatch };
}
if (only.has('P6')) {
  const p6 = await benchSearch(db!, dataset!, p6Rounds, log);
  results.P6 = { ...p6, bar: 'p95 ≤ 100 ms', pass: p6.p95Ms <= 100 };
}
/** The production web build (P8 reads it, P9 and the servers serve it): built once per run. */
let webBuilt = false;
function buildWeb() {
  if (webBuilt) return;
  log('building the web app (production)');
  execFileSync('pnpm', ['--filter', '@perch/web', 'run', 'build'], { cwd: repoRoot, stdio: 'ignore' });
  webBuilt = true;
}

if (only.has('P8')) {
  buildWeb();
  const p8 = measureBundle(path.join(repoRoot, 'apps/web/dist'));
  results.P8 = {
    ...p8,
    bar: '≤ 150 KiB JavaScript gzip (agent first load: inbox route)',
    pass: p8.firstLoadKiB <= 150,
  };
}
// The embedded database lives in one process: the bench lets go of it before the server takes it.
await db?.close();

const serverOptions = databaseUrl ? { databaseUrl } : { dataDir };
/**
 * Waits until the worker has processed every accepted event (a server must be running). Only on a PostgreSQL
 * server: the embedded database cannot be opened by a second process. Returns seconds, or null.
 */
async function drainBacklog(label: string): Promise<{ seconds: number; events: number } | null> {
  if (!databaseUrl) return null;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const pending = async () =>
      (
        (await client.query('SELECT count(*)::int AS n FROM "InboundEvent" WHERE status = $1', ['pending']))
          .rows[0] as { n: number }
      ).n;
    const started = performance.now();
    const events = await pending();
    if (events > 0) log(`${label}: waiting for the worker to process ${events.toLocaleString('en')} pending events`);
    while ((await pending()) > 0) {
      if (performance.now() - started > 900_000) throw new Error(`${label}: backlog not drained in 15 min`);
      await new Promise((r) => setTimeout(r, 250));
    }
    return { seconds: (performance.now() - started) / 1000, events };
  } finally {
    await client.end();
  }
}

if (only.has('P3')) {
  const server = await startServer({ port: 3191, ...serverOptions });
  try {
    // Events left by an earlier run would delay these ones: P3 measures a worker that is keeping up.
    await drainBacklog('P3');
    log(`P3: ${p3Samples} webhook → live event samples`);
    const p3 = await measureLive(server, dataset!, p3Samples);
    results.P3 = { ...p3, bar: 'p95 ≤ 1 s', pass: p3.p95Ms <= 1_000 && p3.missed === 0 };
  } finally {
    await server.stop();
  }
}
if (only.has('P9')) {
  buildWeb();
  const server = await startServer({ port: 3192, ...serverOptions });
  try {
    // eslint-disable-next-line no-restricted-syntax -- the bench command is a CLI of its own, not the server
    const chromiumPath = process.env.PERCH_CHROMIUM ?? '/usr/bin/chromium';
    const p9 = await measureRender(server, dataset!, chromiumPath, log);
    results.P9 = {
      ...p9,
      bar: 'render ≤ 100 ms with 10,000 rows loaded; scroll without dropped frames',
      pass: p9.virtualised.renderMs <= 100 && p9.virtualised.droppedFrames === 0,
    };
  } finally {
    await server.stop();
  }
}
if (only.has('LOAD')) {
  // On PostgreSQL a web-only server, as deployed (the inbox reads; no jobs compete with it). The embedded
  // database is one process: its server runs the workers too.
  const server = await startServer({
    port: 3193,
    ...serverOptions,
    ...(databaseUrl ? { env: { PERCH_WORKERS: 'false' } } : {}),
  });
  try {
    log(`LOAD: the inbox over HTTP, ${loadSeconds} s, ${loadConnections} connections; then /healthz`);
    const load = await loadInbox(server, dataset!, { seconds: loadSeconds, connections: loadConnections });
    results.LOAD = { ...load, topology: databaseUrl ? 'web-only process' : 'one process (web + workers)' };
  } finally {
    await server.stop();
  }
}
// P2 last: it leaves a backlog for the worker, which would delay P3's events.
if (only.has('P2')) {
  const port = 3190;
  // On PostgreSQL, the deployed shape (ARCHITECTURE.md): a web-only server takes the webhooks and a worker process
  // stores, threads and enriches them. The embedded database is one process by design: its server runs the workers.
  const run = async (label: string, env: Record<string, string>) => {
    const worker = databaseUrl ? await startWorker({ databaseUrl, env }) : null;
    const server = await startServer({
      port,
      ...serverOptions,
      env: { ...env, ...(worker ? { PERCH_WORKERS: 'false' } : {}) },
    });
    let workerPeakRssMb = worker?.rssMb() ?? 0;
    const sampler = setInterval(() => (workerPeakRssMb = Math.max(workerPeakRssMb, worker?.rssMb() ?? 0)), 500);
    try {
      log(
        `P2 ${label}: ${p2Seconds} s, ${p2Connections} connections${worker ? ', web-only server + worker process' : ''}`,
      );
      await loadWebhook(server, dataset!, { seconds: 2, connections: p2Connections, label: `${label}-warm` });
      const load = await loadWebhook(server, dataset!, { seconds: p2Seconds, connections: p2Connections, label });
      // How long the worker takes to store, thread and enrich what was acknowledged (its throughput).
      const drain = await drainBacklog(`P2 ${label}`);
      return { ...load, drain, topology: worker ? 'web + worker' : 'one process', workerPeakRssMb };
    } finally {
      clearInterval(sampler);
      await server.stop();
      await worker?.stop();
    }
  };
  const baseline = await run('one-commit-per-request', { PERCH_INGEST_GROUP_COMMIT: 'false' });
  const grouped = await run('group-commit', {});
  // Every acknowledged request must have been stored: count the raw events each run committed.
  const check = await openDatabase({
    ...(databaseUrl ? { databaseUrl } : {}),
    dataDir,
    poolSize: 1,
    statementTimeoutMs: 600_000,
    migrate: false,
  });
  const storedIn = async (r: LoadResult) => {
    const { rows } = await check.pool.query(
      'SELECT count(*)::int AS n FROM "InboundEvent" WHERE "channelId" = $1 AND "receivedAt" BETWEEN $2 AND $3',
      [dataset!.channelId, r.window.from, new Date(r.window.to.getTime() + 1_000)],
    );
    return (rows[0] as { n: number }).n;
  };
  const storedGrouped = await storedIn(grouped);
  const storedBaseline = await storedIn(baseline);
  await check.close();
  const vsBaseline = grouped.requestsPerSecond / baseline.requestsPerSecond;
  results.P2 = {
    grouped: { ...grouped, stored: storedGrouped },
    baseline: { ...baseline, stored: storedBaseline },
    vsBaseline,
    bar: '≥ 5,000 req/s with p99 ≤ 50 ms; ≥ 1.5× one insert per request',
    pass:
      grouped.requestsPerSecond >= 5_000 &&
      grouped.p99Ms <= 50 &&
      vsBaseline >= 1.5 &&
      grouped.non2xx === 0 &&
      grouped.errors === 0 &&
      storedGrouped >= grouped.requests,
  };
  results.P11 = {
    peakRssMb: grouped.peakRssMb,
    workerPeakRssMb: grouped.workerPeakRssMb,
    topology: grouped.topology,
    bar: 'RSS ≤ 300 MB under the P2 load',
    pass: grouped.peakRssMb <= 300,
  };
}

const outDir = path.join(repoRoot, 'bench/results');
fs.mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, `${results.date.slice(0, 10)}-${databaseUrl ? 'postgres' : 'embedded'}.json`);
// Bars run separately on the same day and database keep each other's figures (a later run of a bar replaces it).
const earlier = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
const measured = Object.fromEntries(Object.entries(results).filter(([, value]) => value !== null));
fs.writeFileSync(file, `${JSON.stringify({ ...earlier, ...measured }, null, 2)}\n`);

const rows = resultRows(results);
console.log(
  `\nPerch benchmarks — ${results.database}, ${dataset ? `${f(dataset.mentions)} mentions` : 'no data set'}, ${results.machine.cpus} CPUs`,
);
console.log('| bar | measured | baseline (same run) | result |\n|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
console.log(`\nresults: ${path.relative(repoRoot, file)}`);

// `--only all`: the bars with data sets of their own, in sibling databases, each printing its own table.
if (runAll) {
  if (!databaseUrl) {
    console.log('\nP7 and P10 run on PostgreSQL only: pass --database-url to run them with the others.');
  } else {
    const sibling = (suffix: string) => {
      const url = new URL(databaseUrl);
      url.pathname = `${url.pathname}_${suffix}`;
      return url.toString();
    };
    for (const [bar, extra] of [
      ['p7', ['--mentions', String(mentions)]],
      ['p10', []],
    ] as const) {
      log(`${bar.toUpperCase()}: its own runner and data set (${new URL(sibling(bar)).pathname.slice(1)})`);
      execFileSync(
        'pnpm',
        ['--filter', '@perch/server', 'run', 'bench', bar, '--database-url', sibling(bar), ...extra],
        {
          cwd: repoRoot,
          stdio: 'inherit',
        },
      );
    }
  }
}
