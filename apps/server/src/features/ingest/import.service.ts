import type { Db } from '../../db/database.ts';
import type { EventBus } from '../../live/event-bus.ts';
import type { Queue } from '../../queue/queue.ts';
import { getChannelForIngest } from '../channels/channels.repository.ts';
import { enrich as defaultEnrich, type Enrichment } from '../enrichment/index.ts';
import { parseImport } from './import-parsers.ts';
import { storeMentionBatch, type Enrich, type LoadBrandTriage } from './mention-batch.ts';
import type { NormalizedMention } from './normalized-mention.ts';

export interface ImportReport {
  /** Data rows read (header and blank lines excluded). */
  rows: number;
  /** Valid rows handed to storage. */
  accepted: number;
  /** Posts newly stored. */
  stored: number;
  /** Valid rows already stored before (a re-import) or repeated in the file. */
  duplicates: number;
  /** Valid rows of the current month kept aside over a Free brand's quota (docs/billing.md): stored later. */
  held: number;
  rejected: { line: number; error: string }[];
  /** Rejected rows beyond the reported list (counts stay exact). */
  rejectedNotListed: number;
  warnings: { line: number; warning: string }[];
}

/** Posts per committed batch: large enough that the per-statement cost vanishes, small enough to stay brief. */
export const IMPORT_STORE_BATCH = 5_000;
/** Rejected rows kept in the report (the counts stay exact beyond it). */
const MAX_REPORTED = 10_000;

/**
 * Streams a history file into a channel: rows are parsed one by one (memory stays flat); valid ones are stored
 * set-based, in committed batches, by the same pipeline step as every other path (each post once, threaded,
 * enriched), so re-importing a file adds nothing. Bad rows are reported with their line number. If the process
 * stops midway, the batches committed so far stay, and importing the same file again completes it.
 * `queue` is unused since imports are stored directly; it stays for callers' compatibility.
 */
export async function importFile(
  db: Db,
  _queue: Queue | null,
  input: {
    channelId: string;
    source: NodeJS.ReadableStream | AsyncIterable<Buffer | string>;
    format: 'ndjson' | 'csv';
    /** Posts per committed batch (at most IMPORT_STORE_BATCH). */
    batchSize?: number;
    enrich?: Enrich;
    loadTriage?: LoadBrandTriage;
    /** Live events of each committed batch are published here. */
    bus?: EventBus;
  },
  onProgress?: (report: ImportReport) => void,
): Promise<ImportReport> {
  const channel = await getChannelForIngest(db, input.channelId);
  if (!channel) throw new Error(`channel ${input.channelId} not found`);
  const scope = {
    organizationId: channel.organizationId,
    brandId: channel.brandId,
    channelId: channel.id,
    network: channel.kind === 'x' ? 'x' : 'webhook',
  };
  const deps = { enrich: input.enrich ?? defaultEnrich, ...(input.loadTriage && { loadTriage: input.loadTriage }) };
  const size = Math.max(1, Math.min(input.batchSize ?? IMPORT_STORE_BATCH, IMPORT_STORE_BATCH));
  const report: ImportReport = {
    rows: 0,
    accepted: 0,
    stored: 0,
    duplicates: 0,
    held: 0,
    rejected: [],
    rejectedNotListed: 0,
    warnings: [],
  };
  let batch: NormalizedMention[] = [];
  // Pipelined: while one batch is being written (database CPU), the next is parsed and enriched (this process's
  // CPU). At most one write is in flight, so batches commit in file order.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (batch.length === 0) return;
    const mentions = batch;
    batch = [];
    const enriched = new Map<string, Enrichment>();
    for (const m of mentions) {
      if (m.kind !== 'outbound' && !enriched.has(m.externalId)) {
        enriched.set(
          m.externalId,
          deps.enrich({ text: m.text, followers: m.author.followers, verified: m.author.verified }),
        );
      }
    }
    await writing;
    writing = db
      .$transaction((tx) => storeMentionBatch(tx, deps, scope, mentions, [], enriched), {
        maxWait: 30_000,
        timeout: 120_000,
      })
      .then(async (result) => {
        report.accepted += mentions.length;
        report.stored += result.stored;
        report.duplicates += result.duplicates;
        report.held += result.held;
        if (input.bus && result.live.length > 0) await input.bus.publish(result.live);
        onProgress?.(report);
      });
    // A failed write stops the import at the next batch (its error is thrown there or at the end).
    writing.catch(() => undefined);
  };
  for await (const row of parseImport(input.source, input.format)) {
    if (row.warning) {
      if (report.warnings.length < MAX_REPORTED) report.warnings.push({ line: row.line, warning: row.warning });
      continue;
    }
    report.rows++;
    if (row.mention) batch.push(row.mention);
    else if (report.rejected.length < MAX_REPORTED)
      report.rejected.push({ line: row.line, error: row.error ?? 'invalid row' });
    else report.rejectedNotListed++;
    if (batch.length >= size) await flush();
  }
  await flush();
  await writing;
  return report;
}
