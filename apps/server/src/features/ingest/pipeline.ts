import type { Priority } from '@perch/shared';
import type { Db } from '../../db/database.ts';
import type { EnrichInput, Enrichment } from '../enrichment/index.ts';
import { parseGenericWebhook } from './generic-webhook.ts';
import { getInboundEvent, markInboundEvent } from './ingest.repository.ts';
import type { MentionDeletion, NormalizedMention } from './normalized-mention.ts';
import { parseImportBatch } from './import-batch.ts';
import {
  appendEvent,
  conversationOfPost,
  countIngested,
  createConversation,
  getConversationState,
  hideDeletedMention,
  insertMentionOnce,
  latestOpenConversation,
  resolveHandle,
  updateConversation,
} from './pipeline.repository.ts';
import { parseXActivity } from './x-activity.ts';
import { parseXv2MentionsPage } from './x-v2.ts';

/** The enrichment step, injected so that the worker (and tests) choose it; production passes `enrich`. */
export type Enrich = (input: EnrichInput) => Enrichment;

const PRIORITY_RANK: Record<Priority, number> = { urgent: 3, high: 2, normal: 1, low: 0 };
const higher = (a: Priority, b: Priority): Priority => (PRIORITY_RANK[a] >= PRIORITY_RANK[b] ? a : b);

/**
 * The worker's step for one accepted ingest request: re-parses the stored raw payload (the same parser the route
 * used) and stores each mention once, in its own transaction. Idempotent: a retried job, or the same post
 * delivered again by any path, finds (channel, external id) stored and changes nothing.
 */
export async function processInboundEvent(
  db: Db,
  enrich: Enrich,
  inboundEventId: string,
): Promise<{ stored: number; duplicates: number }> {
  const event = await getInboundEvent(db, inboundEventId);
  if (!event || event.status === 'processed') return { stored: 0, duplicates: 0 };
  const parsed = parseStored(event.source, event.payload, event.channel.externalId);
  const network = event.channel.kind === 'x' ? 'x' : 'webhook';
  let stored = 0;
  let duplicates = 0;
  for (const mention of parsed.mentions) {
    const ok = await storeMention(db, enrich, {
      organizationId: event.organizationId,
      brandId: event.channel.brandId,
      channelId: event.channel.id,
      network,
      mention,
    });
    if (ok) stored++;
    else duplicates++;
  }
  for (const deletion of parsed.deletions) {
    await db.$transaction((tx) => hideDeletedMention(tx, event.channel.id, deletion.externalId, new Date()));
  }
  await markInboundEvent(db, event.id, 'processed');
  return { stored, duplicates };
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

interface StoreInput {
  organizationId: string;
  brandId: string;
  channelId: string;
  network: string;
  mention: NormalizedMention;
}

/**
 * Threading rule (docs/ingest.md): a reply joins the conversation of the post it answers (a stored mention or
 * a reply Perch sent); otherwise the customer's latest unresolved conversation with the brand; otherwise a new
 * conversation. A resolved conversation that receives a reply is reopened (a new episode starts).
 */
async function storeMention(db: Db, enrich: Enrich, input: StoreInput): Promise<boolean> {
  const { organizationId, brandId, mention } = input;
  const at = mention.postedAt;
  return db.$transaction(async (tx) => {
    const outbound = mention.kind === 'outbound';
    const who = await resolveHandle(tx, organizationId, input.network, mention.author);
    const e = outbound
      ? null
      : enrich({
          text: mention.text,
          followers: mention.author.followers,
          verified: mention.author.verified,
          isVip: who.isVip,
        });
    const inserted = await insertMentionOnce(tx, {
      organizationId,
      channelId: input.channelId,
      brandId,
      handleId: who.handleId,
      externalId: mention.externalId,
      inReplyToExternalId: mention.inReplyToExternalId,
      kind: mention.kind,
      text: mention.text,
      postedAt: at,
      raw: mention.raw as object,
      language: e?.language ?? null,
      sentiment: e?.sentiment.label ?? null,
      sentimentScore: e?.sentiment.score ?? null,
      isSpam: e?.spam.isSpam ?? false,
      priorityScore: e?.priority.score ?? null,
    });
    if (!inserted) return false;
    await countIngested(tx, organizationId, brandId, at);

    const repliedTo = mention.inReplyToExternalId
      ? await conversationOfPost(tx, organizationId, brandId, mention.inReplyToExternalId)
      : null;
    const joinId =
      repliedTo ?? (outbound ? null : (await latestOpenConversation(tx, organizationId, brandId, who.customerId))?.id);
    const base = { organizationId, brandId, at };
    let conversationId: string;
    if (joinId) {
      conversationId = joinId;
      const state = await getConversationState(tx, joinId);
      if (!outbound) {
        const reopened = state.status === 'resolved';
        const waiting = state.status === 'pending' || state.status === 'snoozed';
        await updateConversation(tx, joinId, {
          lastMessageAt: at,
          waitingSince: state.waitingSince ?? at,
          priority: e ? higher(state.priority, e.priority.priority) : state.priority,
          sentiment: e?.sentiment.label ?? null,
          language: e?.language ?? null,
          ...(reopened ? { status: 'open', episodeStartedAt: at } : {}),
          ...(waiting ? { status: 'open', snoozedUntil: null } : {}),
        });
        if (reopened || waiting) {
          await appendEvent(tx, {
            ...base,
            conversationId,
            type: reopened ? 'reopened' : 'status_changed',
            data: { from: state.status, to: 'open', reason: 'customer_message' },
          });
        }
      }
    } else {
      const created = await createConversation(tx, {
        organizationId,
        brandId,
        customerId: who.customerId,
        priority: e?.priority.priority ?? 'normal',
        at,
        waitingSince: outbound ? null : at,
        sentiment: e?.sentiment.label ?? null,
        language: e?.language ?? null,
      });
      conversationId = created.id;
      await appendEvent(tx, { ...base, conversationId, type: 'conversation_created', data: {} });
    }
    await tx.mention.update({ where: { id: inserted.id }, data: { conversationId }, select: { id: true } });
    await appendEvent(tx, {
      ...base,
      conversationId,
      type: outbound ? 'outbound_received' : 'received',
      data: { mentionId: inserted.id, kind: mention.kind, spam: e?.spam.isSpam ?? false },
    });
    return true;
  });
}
