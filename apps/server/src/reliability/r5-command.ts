import { parseArgs } from 'node:util';
import { POLLING_INTERVAL } from '@perch/shared';
import { z } from 'zod';
import { openDatabase } from '../db/database.ts';
import { X_MENTIONS_WINDOW } from '../features/channels/polling-config.ts';
import { runR5, type R5Report } from './r5-catch-up.ts';
import { appendRunResult, printTable, stamp } from './run-results.ts';
import { createScratchDatabase } from './scratch-database.ts';

export const r5Usage = `usage: pnpm --filter @perch/server run reliability -- r5 [options]
  --missed N               mentions posted on the sandbox network while the poller is down (default 600; at most
                           ${X_MENTIONS_WINDOW}, X's mentions window)
  --down-seconds N         how long the worker stays down, in real seconds (default 600: R5's 10 minutes); a
                           shorter outage compresses only the waiting, the catch-up is the same (see docs/sandbox.md)
  --before N               mentions stored before the outage, which set the cursor (default 20)
  --after N                mentions posted after the catch-up, to show polling goes on (default 10)
  --interval-seconds N     the channel's polling interval (default 30, the smallest Perch allows)
  --catch-up-timeout-seconds N  how long the catch-up may take after the restart (default 120)
  --database-url URL       an existing database to use (kept afterwards); default: a fresh one on --server-url
  --server-url URL         PostgreSQL server for the fresh database (default postgres://postgres@127.0.0.1:5432/postgres)
  --seed N                 the sandbox's seed (default 5)
Writes bench/results/<date>-r5-catch-up.json, prints a table, exits 1 unless every missed mention is stored
exactly once with its conversation, no gap is recorded, and polling goes on afterwards.`;

const flags = z.object({
  missed: z.coerce.number().int().min(1).max(X_MENTIONS_WINDOW).default(600),
  'down-seconds': z.coerce.number().int().min(1).max(3_600).default(600),
  before: z.coerce.number().int().min(1).max(100).default(20),
  after: z.coerce.number().int().min(0).max(100).default(10),
  'interval-seconds': z.coerce.number().int().min(POLLING_INTERVAL.min).max(POLLING_INTERVAL.max).default(30),
  'catch-up-timeout-seconds': z.coerce.number().int().min(10).max(3_600).default(120),
  'database-url': z.url().optional(),
  'server-url': z.url().default('postgres://postgres@127.0.0.1:5432/postgres'),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(5),
});

export async function r5Command(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: Object.fromEntries(Object.keys(flags.shape).map((k) => [k, { type: 'string' as const }])),
  });
  const parsed = flags.safeParse(values);
  if (!parsed.success) {
    console.error(`${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n')}\n\n${r5Usage}`);
    return 64;
  }
  const o = parsed.data;
  const progress = stamp('r5');
  const scratch = o['database-url'] ? null : await createScratchDatabase(o['server-url'], 'perch_r5');
  const databaseUrl = o['database-url'] ?? scratch!.url;
  const db =
    scratch?.db ??
    (await openDatabase({ databaseUrl, dataDir: '', poolSize: 6, statementTimeoutMs: 60_000, migrate: true }));
  progress(`database ${scratch ? 'created' : 'given'}: ${new URL(databaseUrl).pathname.slice(1)}`);
  let report: R5Report;
  try {
    report = await runR5({
      db,
      databaseUrl,
      missed: o.missed,
      before: o.before,
      after: o.after,
      downSeconds: o['down-seconds'],
      intervalSeconds: o['interval-seconds'],
      catchUpTimeoutMs: o['catch-up-timeout-seconds'] * 1000,
      seed: o.seed,
      progress,
    });
  } finally {
    if (scratch) await scratch.dispose();
    else await db.close();
  }

  const pass =
    report.recovered === report.missed &&
    report.lost === 0 &&
    report.duplicated === 0 &&
    report.unexpected === 0 &&
    report.withoutConversation === 0 &&
    !report.gapRecorded &&
    report.lastError === null &&
    report.after.stored === report.after.posted;
  const file = appendRunResult(
    'r5-catch-up',
    'R5: receiver down 10 minutes, then back: 100 % of the missed mentions recovered, 0 duplicates',
    { pass, options: o, ...report },
  );
  const pct = (100 * report.recovered) / report.missed;
  printTable(`R5 — polling catch-up after ${report.downSeconds.toFixed(0)} s down: ${pass ? 'PASS' : 'FAIL'}`, [
    ['mentions missed while down', String(report.missed)],
    ['recovered after the restart', `${report.recovered} (${pct.toFixed(1)} %)`],
    ['lost / duplicated / never posted', `${report.lost} / ${report.duplicated} / ${report.unexpected}`],
    ['without a conversation', String(report.withoutConversation)],
    ['worker down (kill -9 → restart)', `${report.downSeconds.toFixed(1)} s (real time)`],
    [
      'catch-up after the restart',
      report.catchUpSeconds === null ? 'not caught up' : `${report.catchUpSeconds.toFixed(1)} s`,
    ],
    ['mentions-timeline requests during the catch-up', String(report.catchUpRequests)],
    ['gap warning recorded / channel error', `${report.gapRecorded ? 'yes' : 'no'} / ${report.lastError ?? 'none'}`],
    [
      'stored before / after (polling goes on)',
      `${report.before.stored} of ${report.before.posted} / ${report.after.stored} of ${report.after.posted}`,
    ],
    ['whole run', `${report.durationSeconds.toFixed(1)} s`],
  ]);
  console.log(`  written to ${file}`);
  return pass ? 0 : 1;
}
