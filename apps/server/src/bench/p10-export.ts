import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { openDatabase, type Database } from '../db/database.ts';
import { csvChunks } from '../features/exports/csv.ts';
import { exportBatchSql, poolFetcher } from '../features/exports/export.repository.ts';
import {
  exportBatches,
  exportFormatter,
  resolveExport,
  type ResolvedExport,
} from '../features/exports/export.service.ts';
import { xlsxStream } from '../features/exports/xlsx.ts';
import { createDatabaseIfMissing } from './dataset.ts';

/**
 * P10 (quality-bars.md): the conversation export of 1M conversations, streamed, memory flat, ≥ 100,000 rows/s.
 * On PostgreSQL: an organization of `rows` conversations (+ customers, handles, tags, ConversationMetric rows)
 * generated in bulk with generate_series once and reused; then, in the same run,
 *  - baseline: `COPY (<the export's own SELECT, without keyset batches>) TO STDOUT (FORMAT csv)`: PostgreSQL
 *    writing the same columns with no application in between;
 *  - the export: resolveExport + exportBatches (keyset batches through the pool) + csvChunks, consumed by a sink
 *    as fast as it reads, RSS sampled every 50 ms;
 *  - for information, XLSX on the first `xlsxRows` rows.
 */
export interface P10Result {
  rows: number;
  csv: { seconds: number; rowsPerSecond: number; megabytes: number };
  copy: { seconds: number; rowsPerSecond: number; megabytes: number };
  vsCopy: number;
  /** RSS before, at each quarter of the export, peak and after: flat means the quarters do not grow with rows. */
  memory: { rssBeforeMb: number; rssAtQuartersMb: number[]; rssPeakMb: number; rssAfterMb: number; heapPeakMb: number };
  xlsx: { rows: number; seconds: number; rowsPerSecond: number; megabytes: number };
  /** 1-minute load average at the end: other processes on the machine slow both sides alike. */
  loadAverage: number;
  bar: string;
  pass: boolean;
}

const ORG_SLUG = 'p10-export-bench';
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** The bench organization with `rows` conversations, generated once (ids time-ordered like UUIDv7). */
async function ensureExportDataset(pool: pg.Pool, rows: number, log: (line: string) => void) {
  const found = await pool.query<{ id: string; brand: string; n: number }>(
    `SELECT o.id, b.id AS brand, (SELECT count(*)::int FROM "Conversation" c WHERE c."organizationId" = o.id) AS n
       FROM "Organization" o JOIN "Brand" b ON b."organizationId" = o.id WHERE o.slug = $1`,
    [ORG_SLUG],
  );
  if (found.rows[0] && found.rows[0].n === rows) return { organizationId: found.rows[0].id };
  if (found.rows[0]) await pool.query('DELETE FROM "Organization" WHERE id = $1', [found.rows[0].id]);
  log(`P10: generating ${rows.toLocaleString('en')} conversations with their metrics`);
  const started = performance.now();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SET LOCAL statement_timeout = '1h'");
    const org = (
      await client.query<{ id: string }>(
        `INSERT INTO "Organization" (id, name, slug, "updatedAt") VALUES (gen_random_uuid(), 'P10 export bench', $1, now()) RETURNING id`,
        [ORG_SLUG],
      )
    ).rows[0]!.id;
    const brand = (
      await client.query<{ id: string }>(
        `INSERT INTO "Brand" (id, "organizationId", name, "timeZone", "updatedAt")
         VALUES (gen_random_uuid(), $1, 'Bench Air', 'Europe/Paris', now()) RETURNING id`,
        [org],
      )
    ).rows[0]!.id;
    await client.query(
      `INSERT INTO "Channel" (id, "organizationId", "brandId", kind, name) VALUES (gen_random_uuid(), $1, $2, 'webhook', 'Bench webhook')`,
      [org, brand],
    );
    await client.query(
      `INSERT INTO "Tag" (id, "organizationId", "brandId", name)
       SELECT gen_random_uuid(), $1, $2, 'tag ' || g FROM generate_series(1, 20) g`,
      [org, brand],
    );
    await client.query(
      `INSERT INTO "Team" (id, "organizationId", name) SELECT gen_random_uuid(), $1, 'Team ' || g FROM generate_series(1, 5) g`,
      [org],
    );
    const customers = Math.max(1, Math.floor(rows / 4));
    await client.query(
      `INSERT INTO "Customer" (id, "organizationId", "displayName")
       SELECT gen_random_uuid(), $1, 'Customer ' || g || CASE WHEN g % 50 = 0 THEN ', "quoted"' ELSE '' END
       FROM generate_series(1, $2::int) g`,
      [org, customers],
    );
    await client.query(
      `INSERT INTO "Handle" (id, "organizationId", "customerId", network, "externalUserId", username, "updatedAt")
       SELECT gen_random_uuid(), $1, c.id, 'x', c.id::text, 'user_' || left(c.id::text, 8), now()
       FROM "Customer" c WHERE c."organizationId" = $1`,
      [org],
    );
    // Time-ordered ids (48-bit milliseconds first), as Perch's UUIDv7: the heap follows the id order.
    await client.query(
      `WITH cust AS (SELECT array_agg(id) AS ids FROM "Customer" WHERE "organizationId" = $1),
            tags AS (SELECT array_agg(id) AS ids FROM "Tag" WHERE "organizationId" = $1),
            teams AS (SELECT array_agg(id) AS ids FROM "Team" WHERE "organizationId" = $1),
            ch AS (SELECT id FROM "Channel" WHERE "organizationId" = $1 LIMIT 1)
       INSERT INTO "Conversation" (id, "organizationId", "brandId", "customerId", status, priority, "teamId", "tagIds",
         "channelId", sentiment, language, "lastMessageAt", "episodeStartedAt", "createdAt", "updatedAt", "resolvedAt")
       SELECT (substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || substr(r, 16, 3) || '-' || substr(r, 20, 4) || '-' || substr(r, 25, 12))::uuid,
         $1, $2, cust.ids[1 + g % array_length(cust.ids, 1)],
         (ARRAY['new','open','pending','snoozed','resolved'])[1 + g % 5]::"ConversationStatus",
         (ARRAY['urgent','high','normal','low'])[1 + g % 4]::"Priority",
         CASE WHEN g % 3 = 0 THEN NULL ELSE teams.ids[1 + g % 5] END,
         CASE WHEN g % 4 = 0 THEN ARRAY[]::uuid[] ELSE ARRAY[tags.ids[1 + g % 20], tags.ids[1 + (g / 7) % 20]] END,
         ch.id, (ARRAY['positive','neutral','negative'])[1 + g % 3], (ARRAY['en','fr','de'])[1 + g % 3],
         t, t, t, t, CASE WHEN g % 5 = 4 THEN t + interval '2 hours' END
       FROM generate_series(1, $3::int) g, cust, tags, teams, ch,
         LATERAL (SELECT timestamptz '2024-11-01' + g * interval '60 seconds' AS t) tt,
         LATERAL (SELECT lpad(to_hex((extract(epoch FROM tt.t) * 1000)::bigint), 12, '0') AS h, gen_random_uuid()::text AS r) ids`,
      [org, brand, rows],
    );
    await client.query(
      `INSERT INTO "ConversationMetric" ("conversationId", "organizationId", "brandId", episodes, "inboundCount",
         "outboundCount", "firstResponseMs", "firstResponseBusinessMs", "replyTimeMedianMs", "replyTimeMedianBusinessMs",
         "replyCount", "resolutionMs", "resolutionBusinessMs", "fullResolutionMs", "fullResolutionBusinessMs",
         "requesterWaitMs", "requesterWaitBusinessMs", "slaHits", "slaBreaches", "computedAt")
       SELECT c.id, c."organizationId", c."brandId", 1 + (n % 3), 1 + (n % 7), n % 5, 60000 + n % 3600000,
         30000 + n % 1800000, 120000 + n % 600000, 100000 + n % 500000, n % 5,
         CASE WHEN c.status = 'resolved' THEN 7200000 END, CASE WHEN c.status = 'resolved' THEN 3600000 END,
         CASE WHEN c.status = 'resolved' THEN 7200000 END, CASE WHEN c.status = 'resolved' THEN 3600000 END,
         300000 + n % 86400000, 200000 + n % 40000000, n % 3, n % 2, now()
       FROM (SELECT c.*, row_number() OVER () AS n FROM "Conversation" c WHERE c."organizationId" = $1) c`,
      [org],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE "Conversation"; ANALYZE "ConversationMetric"; ANALYZE "Customer"; ANALYZE "Handle"');
    log(`P10: generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { organizationId: org };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** A bound value as an SQL literal (COPY takes no parameters): uuids, enum names, dates and integers only. */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `'{${value.map((v) => String(v)).join(',')}}'`;
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (typeof value === 'number') return String(value);
  const text = String(value);
  if (!/^[\w:.-]+$/.test(text)) throw new Error(`unexpected bench literal ${text}`);
  return `'${text}'`;
}

/** The export's own SELECT (every batch at once: no keyset, no LIMIT) as a COPY to CSV. */
function copySql(resolved: ResolvedExport): string {
  const sql = exportBatchSql(resolved.scope!, resolved.created, null, 2_000_000_000);
  const text = sql.text.replace(/\$(\d+)/g, (_m, i: string) => literal(sql.values[Number(i) - 1]));
  return `COPY (${text}) TO STDOUT (FORMAT csv, HEADER)`;
}

function counter() {
  let bytes = 0;
  return {
    sink: new Writable({
      write(chunk: Buffer | string, _enc, done) {
        bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
        done();
      },
    }),
    bytes: () => bytes,
  };
}

export async function benchExport(
  db: Database,
  opts: { rows?: number; xlsxRows?: number; log: (line: string) => void },
): Promise<P10Result> {
  const rows = opts.rows ?? 1_000_000;
  const xlsxRows = opts.xlsxRows ?? 50_000;
  const { log } = opts;
  if (db.embedded) throw new Error('P10 needs a PostgreSQL server (--database-url or BENCH_DATABASE_URL)');
  const { organizationId } = await ensureExportDataset(db.pool, rows, log);
  const owner = { userId: '', organizationId, membershipId: '', brandIds: [] };
  const resolved = await resolveExport(db.prisma, owner, {});

  // Baseline: PostgreSQL alone writes the same columns as CSV.
  log('P10: baseline COPY … TO STDOUT of the same SELECT');
  const copyCount = counter();
  let started = performance.now();
  const client = await db.pool.connect();
  try {
    await client.query("SET statement_timeout = '1h'");
    await pipeline(client.query(copyTo(copySql(resolved))), copyCount.sink);
    await client.query('RESET statement_timeout');
  } finally {
    client.release();
  }
  const copySeconds = (performance.now() - started) / 1000;

  // The export: keyset batches through the pool, CSV encoding, consumed as fast as produced.
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  let heapPeak = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  }, 50);
  log('P10: the export (CSV)');
  const csvCount = counter();
  let exported = 0;
  started = performance.now();
  const quarters: number[] = [];
  const counted = (async function* () {
    for await (const batch of exportBatches(poolFetcher(db.pool), resolved)) {
      exported += batch.length;
      if (exported >= ((quarters.length + 1) * rows) / 4) quarters.push(mb(process.memoryUsage().rss));
      yield batch;
    }
  })();
  await pipeline(Readable.from(csvChunks(counted, exportFormatter(resolved.dictionaries))), csvCount.sink);
  const csvSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const rssAfter = process.memoryUsage().rss;
  if (exported !== rows) throw new Error(`P10: exported ${exported} rows, expected ${rows}`);

  log(`P10: XLSX of the first ${xlsxRows.toLocaleString('en')} rows (for information)`);
  const xlsxCount = counter();
  started = performance.now();
  await pipeline(
    xlsxStream(
      exportBatches(poolFetcher(db.pool), resolved, { maxRows: xlsxRows }),
      exportFormatter(resolved.dictionaries),
      (e) => {
        throw e;
      },
    ),
    xlsxCount.sink,
  );
  const xlsxSeconds = (performance.now() - started) / 1000;

  const csvRate = rows / csvSeconds;
  const copyRate = rows / copySeconds;
  return {
    rows,
    csv: { seconds: csvSeconds, rowsPerSecond: csvRate, megabytes: mb(csvCount.bytes()) },
    copy: { seconds: copySeconds, rowsPerSecond: copyRate, megabytes: mb(copyCount.bytes()) },
    vsCopy: csvRate / copyRate,
    memory: {
      rssBeforeMb: mb(rssBefore),
      rssAtQuartersMb: quarters,
      rssPeakMb: mb(rssPeak),
      rssAfterMb: mb(rssAfter),
      heapPeakMb: mb(heapPeak),
    },
    xlsx: {
      rows: xlsxRows,
      seconds: xlsxSeconds,
      rowsPerSecond: xlsxRows / xlsxSeconds,
      megabytes: mb(xlsxCount.bytes()),
    },
    loadAverage: Math.round(os.loadavg()[0]! * 10) / 10,
    bar: '≥ 100,000 rows/s, 1M conversations, memory flat',
    pass: csvRate >= 100_000 && rssPeak - rssBefore < 200 * 1024 * 1024,
  };
}

/** Writes bench/results/<date>-p10-export.json and prints the figures. */
export function reportP10(result: P10Result, repoRoot: string, log: (line: string) => void) {
  const outDir = path.join(repoRoot, 'bench/results');
  fs.mkdirSync(outDir, { recursive: true });
  const date = new Date().toISOString();
  const file = path.join(outDir, `${date.slice(0, 10)}-p10-export.json`);
  fs.writeFileSync(file, `${JSON.stringify({ date, P10: result }, null, 2)}\n`);
  const f = (n: number) => Math.round(n).toLocaleString('en');
  log(
    `P10 export: ${f(result.csv.rowsPerSecond)} rows/s (${f(result.rows)} rows, ${result.csv.megabytes} MB in ` +
      `${result.csv.seconds.toFixed(1)} s); COPY ${f(result.copy.rowsPerSecond)} rows/s → ${result.vsCopy.toFixed(2)}×; ` +
      `RSS ${result.memory.rssBeforeMb} → quarters ${result.memory.rssAtQuartersMb.join(' / ')} → peak ${result.memory.rssPeakMb} MB; ` +
      `XLSX ${f(result.xlsx.rowsPerSecond)} rows/s; ${result.pass ? 'PASS' : 'FAIL'} (${file})`,
  );
}

/**
 * `pnpm bench p10 [--database-url postgres://…] [--rows N] [--xlsx-rows N]` (or BENCH_DATABASE_URL): generates the
 * data set on first use, measures, writes bench/results/<date>-p10-export.json, then exits.
 */
export async function main(args: string[]) {
  const { values } = parseArgs({
    args: args.filter((a) => a !== '--'),
    allowPositionals: true,
    options: { 'database-url': { type: 'string' }, rows: { type: 'string' }, 'xlsx-rows': { type: 'string' } },
  });
  // eslint-disable-next-line no-restricted-syntax -- the bench command is a CLI of its own, not the server
  const url = values['database-url'] ?? process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('P10 needs a PostgreSQL server: --database-url or BENCH_DATABASE_URL');
  const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  await createDatabaseIfMissing(url, log);
  const db = await openDatabase({
    databaseUrl: url,
    dataDir: '',
    poolSize: 4,
    statementTimeoutMs: 3_600_000,
    migrate: true,
  });
  try {
    const result = await benchExport(db, {
      log,
      ...(values.rows ? { rows: Number(values.rows) } : {}),
      ...(values['xlsx-rows'] ? { xlsxRows: Number(values['xlsx-rows']) } : {}),
    });
    reportP10(result, path.resolve(import.meta.dirname, '../../../..'), log);
  } finally {
    await db.close();
  }
  process.exit(0);
}

if (import.meta.main) await main(process.argv.slice(2));
