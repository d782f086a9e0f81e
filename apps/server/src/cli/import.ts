import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { importFile, type ImportReport } from '../features/ingest/import.service.ts';
import { loadBrandTriage } from '../features/rules/brand-rules.ts';

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
const db = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  poolSize: 4,
  statementTimeoutMs: config.statementTimeoutMs,
  migrate: true,
});

const started = Date.now();
const tty = process.stderr.isTTY;
const size = fs.statSync(values.file).size;
const file = fs.createReadStream(values.file);
const mb = (n: number) => `${(n / 1_048_576).toFixed(1)} MB`;
let lastDraw = 0;
const progress = (r: ImportReport, final = false) => {
  const now = Date.now();
  if (!final && now - lastDraw < (tty ? 100 : 5_000)) return;
  lastDraw = now;
  const seconds = (now - started) / 1000;
  const share = size > 0 ? Math.min(1, file.bytesRead / size) : 1;
  const bar = '█'.repeat(Math.round(share * 30)).padEnd(30, '░');
  const rate = seconds > 0 ? Math.round(r.rows / seconds) : 0;
  const line =
    `${bar} ${(share * 100).toFixed(0).padStart(3)}% ${mb(file.bytesRead)}/${mb(size)}  ` +
    `${r.rows.toLocaleString('en')} rows, ${r.stored.toLocaleString('en')} new, ${r.duplicates.toLocaleString('en')} already stored, ` +
    (r.held > 0 ? `${r.held.toLocaleString('en')} held over the quota, ` : '') +
    `${(r.rows - r.accepted).toLocaleString('en')} rejected  ${rate.toLocaleString('en')} rows/s`;
  process.stderr.write(tty ? `\r${line}` : `${line}\n`);
};

const report = await importFile(
  db.prisma,
  null,
  { channelId: values.channel, source: file, format, loadTriage: loadBrandTriage },
  (r) => progress(r),
);
progress(report, true);
process.stderr.write('\n');
for (const w of report.warnings) console.error(`line ${w.line}: warning: ${w.warning}`);
for (const r of report.rejected.slice(0, 20)) console.error(`line ${r.line}: ${r.error}`);
const more = report.rejected.length - 20 + report.rejectedNotListed;
if (more > 0) console.error(`… ${more} more rejected rows`);
if (values.report) fs.writeFileSync(values.report, JSON.stringify(report, null, 2));
console.log(
  `Imported ${report.accepted} of ${report.rows} rows into channel ${values.channel}: ${report.stored} new, ${report.duplicates} already stored, ` +
    (report.held > 0
      ? `${report.held} held over the brand's monthly quota (released at the next period or on upgrade), `
      : '') +
    `in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
);
await db.close();
