import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { enrich } from '../features/enrichment/index.ts';
import { importFile, type ImportReport } from '../features/ingest/import.service.ts';
import { countUnprocessed } from '../features/ingest/ingest.repository.ts';
import { startIngestWorker } from '../features/ingest/ingest.worker.ts';
import { createLogger } from '../logger.ts';
import { startQueue } from '../queue/queue.ts';

const usage = `usage: pnpm --filter @perch/server run import -- --channel <channelId> --file <path.ndjson|path.csv>
       [--format ndjson|csv] [--report rejected.json]
Imports mention history into a channel (columns and format: docs/ingest-formats.md). Rows with errors are
reported with their line number; the rest is imported. Re-importing the same file adds nothing.`;

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    channel: { type: 'string' },
    file: { type: 'string' },
    format: { type: 'string' },
    report: { type: 'string' },
    help: { type: 'boolean' },
  },
});
if (values.help || !values.channel || !values.file) {
  console.error(usage);
  process.exit(values.help ? 0 : 64);
}
const format = values.format ?? (values.file.toLowerCase().endsWith('.csv') ? 'csv' : 'ndjson');
if (format !== 'csv' && format !== 'ndjson') {
  console.error(`--format must be ndjson or csv\n\n${usage}`);
  process.exit(64);
}

const config = loadConfig();
const logger = createLogger('warn');
const db = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  poolSize: 4,
  statementTimeoutMs: config.statementTimeoutMs,
  migrate: true,
});
const queue = await startQueue(db, logger);
// Processes its own jobs: on the embedded database no server can run beside this command.
await startIngestWorker(db.prisma, queue, enrich, logger);

const started = Date.now();
const tty = process.stderr.isTTY;
const progress = (r: ImportReport, phase: string) => {
  const line = `${phase}: ${r.rows} rows read, ${r.accepted} accepted, ${r.rows - r.accepted} rejected (${((Date.now() - started) / 1000).toFixed(1)} s)`;
  process.stderr.write(tty ? `\r${line}` : `${line}\n`);
};

const report = await importFile(
  db.prisma,
  queue,
  { channelId: values.channel, source: fs.createReadStream(values.file), format },
  (r) => progress(r, 'reading'),
);
for (;;) {
  const left = await countUnprocessed(db.prisma, report.batches);
  progress(report, `storing (${report.batches.length - left}/${report.batches.length} batches)`);
  if (left === 0) break;
  await new Promise((r) => setTimeout(r, 500));
}
process.stderr.write('\n');
for (const w of report.warnings) console.error(`line ${w.line}: warning: ${w.warning}`);
for (const r of report.rejected.slice(0, 20)) console.error(`line ${r.line}: ${r.error}`);
if (report.rejected.length > 20) console.error(`… ${report.rejected.length - 20} more rejected rows`);
if (values.report) fs.writeFileSync(values.report, JSON.stringify(report, null, 2));
console.log(`Imported ${report.accepted} of ${report.rows} rows into channel ${values.channel}.`);
await queue.stop();
await db.close();
