import type { Db } from '../../db/database.ts';
import { groupBy } from '../../lib/group-by.ts';
import type { LiveEvent } from '../../live/event-bus.ts';
import type { AutomationTarget } from '../automation/automation-triggers.ts';
import { parseGenericWebhook } from './generic-webhook.ts';
import { parseImportBatch } from './import-batch.ts';
import { getPendingInboundEvents, markInboundEventsProcessed } from './ingest.repository.ts';
import { storeMentionBatch, type Enrich, type LoadBrandTriage } from './mention-batch.ts';
import type { MentionDeletion, NormalizedMention } from './normalized-mention.ts';
import { parseXActivity } from './x-activity.ts';
import { parseXv2MentionsPage } from './x-v2.ts';

export type { Enrich } from './mention-batch.ts';

/** What a processed batch asks automation to run on (features/automation), in the order to request it. */
export interface IngestAutomation {
  created: AutomationTarget[];
  received: AutomationTarget[];
}

export interface PipelineDeps {
  enrich: Enrich;
  loadTriage?: LoadBrandTriage;
}

/** Longest a worker transaction may run: a 5,000-post batch takes well under a second; this is the safety net. */
const BATCH_TX = { maxWait: 30_000, timeout: 120_000 } as const;

/**
 * The worker's step for accepted ingest requests: re-parses each stored raw payload (the same parser its route
 * used), then stores the posts of each channel in one set-based transaction that also marks the raw events
 * processed. Idempotent: processed events are skipped, and a post already stored by any path changes nothing.
 * A channel whose transaction fails does not stop the others: its events are returned in `failed` (still
 * pending, for the job's retry), and what the other channels committed is returned as usual.
 * Returns the live events to publish (the transactions have committed by then).
 */
export async function processInboundEvents(
  db: Db,
  deps: PipelineDeps,
  inboundEventIds: readonly string[],
): Promise<{
  stored: number;
  duplicates: number;
  held: number;
  deleted: number;
  live: LiveEvent[];
  automation: IngestAutomation;
  /** Events of channels whose transaction failed, with its error: not processed, nothing of them written. */
  failed: Map<string, Error>;
}> {
  const events = await getPendingInboundEvents(db, [...new Set(inboundEventIds)]);
  const byChannel = groupBy(events, (e) => e.channel.id);
  const total = {
    stored: 0,
    duplicates: 0,
    held: 0,
    deleted: 0,
    live: [] as LiveEvent[],
    automation: { created: [], received: [] } as IngestAutomation,
    failed: new Map<string, Error>(),
  };
  for (const group of byChannel.values()) {
    const first = group[0];
    if (!first) continue;
    const { channel } = first;
    const mentions: NormalizedMention[] = [];
    const deletions: MentionDeletion[] = [];
    // Posts of history imports do not run automation rules (docs/automation.md); live deliveries do.
    const delivered = new Set<string>();
    for (const event of group) {
      const parsed = parseStored(event.source, event.payload, channel.externalId);
      mentions.push(...parsed.mentions);
      deletions.push(...parsed.deletions);
      if (event.source !== 'import') for (const m of parsed.mentions) delivered.add(m.externalId);
    }
    const result = await db
      .$transaction(async (tx) => {
        const stored = await storeMentionBatch(
          tx,
          deps,
          {
            organizationId: first.organizationId,
            brandId: channel.brandId,
            channelId: channel.id,
            network: channel.kind === 'x' ? 'x' : 'webhook',
          },
          mentions,
          deletions,
        );
        await markInboundEventsProcessed(
          tx,
          group.map((e) => e.id),
        );
        return stored;
      }, BATCH_TX)
      .catch((error: unknown) => {
        const e = error instanceof Error ? error : new Error(String(error));
        for (const event of group) total.failed.set(event.id, e);
        return null;
      });
    if (!result) continue;
    total.stored += result.stored;
    total.duplicates += result.duplicates;
    total.held += result.held;
    total.deleted += result.deleted;
    total.live.push(...result.live);
    const scope = { organizationId: first.organizationId, brandId: channel.brandId };
    const received = result.received.filter((r) => delivered.has(r.externalId));
    const touched = new Set(received.map((r) => r.conversationId));
    for (const conversationId of result.createdConversationIds) {
      if (touched.has(conversationId)) total.automation.created.push({ ...scope, conversationId });
    }
    for (const r of received) {
      total.automation.received.push({ ...scope, conversationId: r.conversationId, mentionId: r.mentionId });
    }
  }
  return total;
}

/** Re-parses a stored payload with the parser of the path it came in by (the same one its route used). */
function parseStored(
  source: string,
  payload: unknown,
  brandUserId: string | null,
): { mentions: NormalizedMention[]; deletions: MentionDeletion[] } {
  switch (source) {
    case 'x_webhook':
      return parseXActivity(payload);
    case 'x_poll':
      return { ...parseXv2MentionsPage(payload, brandUserId ?? ''), deletions: [] };
    case 'import':
      return { ...parseImportBatch(payload), deletions: [] };
    default:
      return { ...parseGenericWebhook(payload), deletions: [] };
  }
}
