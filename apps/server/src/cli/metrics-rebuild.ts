import { parseArgs } from 'node:util';
import { z } from 'zod';
import { idSchema } from '@perch/shared';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { rebuildMetrics } from '../features/metrics/metrics.service.ts';

const usage = `usage: pnpm --filter @perch/server run metrics:rebuild -- --organization <organizationId> [--brand <brandId>]
Recomputes the metric facts of every conversation of the organization (or of one of its brands) from the event log,
then rewrites the rollups from the facts (docs/metrics.md, "Rollups"). Safe while Perch runs: the worker may keep
going; each brand's rollups are rewritten one local month per transaction.`;

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { organization: { type: 'string' }, brand: { type: 'string' }, help: { type: 'boolean' } },
});
if (values.help || !values.organization) {
  console.error(usage);
  process.exit(values.help ? 0 : 64);
}
const ids = z.object({ organization: idSchema, brand: idSchema.optional() }).safeParse(values);
if (!ids.success) {
  console.error(`--organization and --brand must be ids (UUIDs)\n\n${usage}`);
  process.exit(64);
}

const config = loadConfig();
const db = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  poolSize: 4,
  // A rebuild's statements read whole months of facts: no per-statement bound beyond the server's own.
  statementTimeoutMs: Math.max(config.statementTimeoutMs, 600_000),
  migrate: true,
});
const started = Date.now();
let last = 0;
try {
  const report = await rebuildMetrics(db.prisma, {
    organizationId: ids.data.organization,
    ...(ids.data.brand ? { brandId: ids.data.brand } : {}),
    onProgress: (n) => {
      if (Date.now() - last < 2_000) return;
      last = Date.now();
      const rate = Math.round(n / ((Date.now() - started) / 1000));
      process.stderr.write(`${n.toLocaleString('en')} conversations recomputed (${rate.toLocaleString('en')}/s)\n`);
    },
  });
  const rate = report.seconds > 0 ? Math.round(report.conversations / report.seconds) : report.conversations;
  console.log(
    `Rebuilt the metrics of ${report.conversations.toLocaleString('en')} conversations in ${report.brands} brand(s) in ${report.seconds.toFixed(1)} s (${rate.toLocaleString('en')} conversations/s).`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.close();
}
