import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { z } from 'zod';
import { openDatabase } from '../db/database.ts';
import { ENDPOINTS } from '../sandbox/rate-limit.ts';
import { runR4, type R4Report } from './r4-replies.ts';
import { createScratchDatabase } from './scratch-database.ts';

// r1 (ingest chaos) and r5 (polling catch-up) have their own flags: dispatched before r4's are parsed.
const [command, ...rest] = process.argv.slice(2).filter((a) => a !== '--');
if (command === 'r1' && !rest.includes('--help')) process.exit(await (await import('./r1-command.ts')).r1Command(rest));
if (command === 'r5' && !rest.includes('--help')) process.exit(await (await import('./r5-command.ts')).r5Command(rest));

const r4Usage = `usage: pnpm --filter @perch/server run reliability -- r4 [options]
  --replies N          replies to send (default 1000; about 10 % as direct messages)
  --kills N            worker kills (kill -9) during the run (default 10)
  --database-url URL   an existing, migrated or empty PostgreSQL database to use (kept afterwards); default: a
                       fresh database on postgres://postgres@127.0.0.1:5432, dropped afterwards
  --server-url URL     the PostgreSQL server for the fresh database (default postgres://postgres@127.0.0.1:5432/postgres)
  --settle-minutes N   how long to wait for every reply to be final (default 10)
  --seed N             faults and kill times (default 4)
  --fault-endpoints L  where the faults apply, comma-separated (default tweets,dms,timeline: the lookups that
                       follow an uncertain attempt face them too)
Writes bench/results/<date>-r4-replies.json, prints a table, exits 1 when a reply is lost, not final, or dead
although it was posted.`;
const usage = [
  'pnpm --filter @perch/server run reliability -- r1|r4|r5 [options]  (docs/sandbox.md)',
  '  r1  R1/R2: ingest through the signed webhook while the server, the worker and PostgreSQL are killed',
  '  r4  R4: replies against a faulty network while the worker is killed',
  '  r5  R5: the X polling connector catches up after 10 minutes down',
  '',
  command === 'r1' ? (await import('./r1-command.ts')).r1Usage : '',
  command === 'r5' ? (await import('./r5-command.ts')).r5Usage : '',
  command === 'r1' || command === 'r5' ? '' : r4Usage,
]
  .filter((line, i) => i < 5 || line) // the blank line after the list stays
  .join('\n');

const { values, positionals } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  allowPositionals: true,
  options: {
    replies: { type: 'string' },
    kills: { type: 'string' },
    'database-url': { type: 'string' },
    'server-url': { type: 'string' },
    'settle-minutes': { type: 'string' },
    seed: { type: 'string' },
    'fault-endpoints': { type: 'string' },
    help: { type: 'boolean' },
  },
});
if (values.help || positionals[0] !== 'r4') {
  console.log(usage);
  process.exit(values.help ? 0 : 64);
}
const num = (v: string | undefined, fallback: number, min: number, max: number) => {
  const n = v === undefined ? fallback : Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`expected an integer in ${min}–${max}, got ${v}\n\n${usage}`);
    process.exit(64);
  }
  return n;
};
const replies = num(values.replies, 1_000, 1, 100_000);
const kills = num(values.kills, 10, 0, 1_000);
const settleMinutes = num(values['settle-minutes'], 10, 1, 120);
const seed = num(values.seed, 4, 0, 2 ** 31);
const faultEndpoints = z
  .array(z.enum(ENDPOINTS))
  .min(1)
  .safeParse((values['fault-endpoints'] ?? 'tweets,dms,timeline').split(','));
if (!faultEndpoints.success) {
  console.error(`--fault-endpoints: a comma-separated list of ${ENDPOINTS.join(', ')}\n\n${usage}`);
  process.exit(64);
}
const log = (line: string) => process.stderr.write(`[r4 ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const logger = pino({ level: 'warn' });

const scratch = values['database-url']
  ? null
  : await createScratchDatabase(values['server-url'] ?? 'postgres://postgres@127.0.0.1:5432/postgres', 'perch_r4');
const databaseUrl = values['database-url'] ?? scratch!.url;
const db =
  scratch?.db ??
  (await openDatabase({ databaseUrl, dataDir: '', poolSize: 6, statementTimeoutMs: 60_000, migrate: true }));
log(`database ${scratch ? 'created' : 'given'}: ${new URL(databaseUrl).pathname.slice(1)}`);

let report: R4Report;
try {
  report = await runR4({
    db,
    databaseUrl,
    replies,
    kills,
    seed,
    faults: { endpoints: faultEndpoints.data },
    settleTimeoutMs: settleMinutes * 60_000,
    log: logger,
    progress: log,
  });
} finally {
  if (scratch) await scratch.dispose();
  else await db.close();
}

// A reply shown `dead` that the customer did see is as wrong as a lost one: its state is not what happened.
const pass = report.lost === 0 && report.notFinal === 0 && report.deadWithoutReason === 0 && report.deadButPosted === 0;
const repoRoot = path.resolve(import.meta.dirname, '../../../..');
const file = path.join(repoRoot, 'bench/results', `${new Date().toISOString().slice(0, 10)}-r4-replies.json`);
fs.mkdirSync(path.dirname(file), { recursive: true });
// One file per day; each run of that day is kept (a storm on the lookups and one without, say).
const earlier = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { runs?: unknown[] }) : {};
const run = {
  date: new Date().toISOString(),
  pass,
  options: { replies, kills, seed, faultEndpoints: faultEndpoints.data, settleMinutes },
  ...report,
};
fs.writeFileSync(
  file,
  `${JSON.stringify(
    {
      bar: 'R4: every reply ends sent or dead with the reason; 0 lost; duplicates counted and reported',
      runs: [...(Array.isArray(earlier.runs) ? earlier.runs : []), run],
    },
    null,
    2,
  )}\n`,
);

const rows: [string, string][] = [
  ['replies (of which DMs)', `${report.replies} (${report.directMessages})`],
  ['worker kills (kill -9) / starts', `${report.killsDone} of ${report.killsPlanned} / ${report.workerStarts}`],
  ['sent', String(report.byState.sent ?? 0)],
  ['dead (all with a reason)', `${report.byState.dead ?? 0} (${report.deadWithoutReason} without a reason)`],
  ['not final', String(report.notFinal)],
  ['lost', String(report.lost)],
  ['sent but not on the network', String(report.sentButMissing)],
  ['on the network, unknown to Perch', String(report.unaccountedOnNetwork)],
  ['dead but on the network', String(report.deadButPosted)],
  [
    'duplicates (public / DM)',
    `${report.duplicates.total} (${report.duplicates.publicReplies} / ${report.duplicates.directMessages})`,
  ],
  [
    'attempts (total / max / found by lookup)',
    `${report.attempts.total} / ${report.attempts.max} / ${report.attempts.reconciled}`,
  ],
  [
    'faults injected',
    Object.entries(report.faultsInjected)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  ],
  [
    'all final after',
    Number.isNaN(report.settleSeconds)
      ? `not all final when the wait ended (${settleMinutes} min)`
      : `${report.settleSeconds.toFixed(1)} s`,
  ],
  ['faults on', faultEndpoints.data.join(', ')],
];
const width = Math.max(...rows.map(([k]) => k.length));
console.log(`\nR4 — replies under faults and worker kills: ${pass ? 'PASS' : 'FAIL'}`);
for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
if (report.deadReasons.length > 0) {
  console.log('  dead reasons:');
  for (const r of report.deadReasons) console.log(`    ${String(r.count).padStart(4)} × ${r.reason}`);
}
console.log(`  written to ${path.relative(repoRoot, file)}`);
process.exit(pass ? 0 : 1);
