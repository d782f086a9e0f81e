import type { Db } from '../../db/database.ts';
import type { Queue } from '../../queue/queue.ts';
import { getChannelForIngest } from '../channels/channels.repository.ts';
import { IMPORT_BATCH_SIZE, toImportBatch } from './import-batch.ts';
import { parseImport } from './import-parsers.ts';
import { acceptInbound } from './ingest.service.ts';
import type { NormalizedMention } from './normalized-mention.ts';

export interface ImportReport {
  rows: number;
  accepted: number;
  rejected: { line: number; error: string }[];
  warnings: { line: number; warning: string }[];
  batches: string[];
}

/** Rejected rows kept in the report (the counts stay exact beyond it). */
const MAX_REPORTED = 10_000;

/**
 * Streams a history file into a channel: rows are parsed one by one (memory stays flat), valid ones are committed
 * in batches of 500 as `import` inbound events with their jobs (the worker then stores each mention once, exactly
 * as for webhooks, so re-importing a file adds nothing), bad rows are reported with their line number.
 */
export async function importFile(
  db: Db,
  queue: Queue,
  input: {
    channelId: string;
    source: NodeJS.ReadableStream | AsyncIterable<Buffer | string>;
    format: 'ndjson' | 'csv';
    /** Mentions per committed batch (at most 500). */
    batchSize?: number;
  },
  onProgress?: (report: ImportReport) => void,
): Promise<ImportReport> {
  const channel = await getChannelForIngest(db, input.channelId);
  if (!channel) throw new Error(`channel ${input.channelId} not found`);
  const report: ImportReport = { rows: 0, accepted: 0, rejected: [], warnings: [], batches: [] };
  let batch: NormalizedMention[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const { inboundEventId } = await acceptInbound(db, queue, {
      organizationId: channel.organizationId,
      channelId: channel.id,
      source: 'import',
      payload: toImportBatch(batch),
    });
    report.accepted += batch.length;
    report.batches.push(inboundEventId);
    batch = [];
    onProgress?.(report);
  };
  for await (const row of parseImport(input.source, input.format)) {
    if (row.warning) {
      report.warnings.push({ line: row.line, warning: row.warning });
      continue;
    }
    report.rows++;
    if (row.mention) batch.push(row.mention);
    else if (report.rejected.length < MAX_REPORTED)
      report.rejected.push({ line: row.line, error: row.error ?? 'invalid row' });
    if (batch.length >= Math.min(input.batchSize ?? IMPORT_BATCH_SIZE, IMPORT_BATCH_SIZE)) await flush();
  }
  await flush();
  return report;
}
