import { brandEntitlements } from '../billing/entitlements.ts';
import { periodOf } from '../billing/billing-period.ts';
import { brandHoldsOverQuota, holdOverQuota } from '../billing/quota-hold.ts';
import { deleteHeldMentions } from '../billing/quota-hold.repository.ts';
import { recordQuotaWarnings } from '../billing/quota-warnings.ts';
import { v7 as uuidv7 } from 'uuid';
import type { Tx } from '../../db/database.ts';
import type { LiveEvent } from '../../live/event-bus.ts';
import { withVip, type EnrichInput, type Enrichment } from '../enrichment/index.ts';
import {
  appendEvents,
  conversationStates,
  conversationsOfPosts,
  findHandles,
  hideDeletedMentions,
  insertHandles,
  insertMentions,
  lockBrandForIngest,
  meterMentions,
  openConversationsOf,
  refreshHandles,
  storedExternalIds,
  writeConversations,
  type HandleRow,
  type NewHandle,
} from './mention-batch.repository.ts';
import type { MentionDeletion, NormalizedMention } from './normalized-mention.ts';
import { planThreading, type PreparedMention, type RuleOutcome } from './threading.ts';

/** The enrichment step, injected so that the worker (and tests) choose it; production passes `enrich`. */
export type Enrich = (input: EnrichInput) => Enrichment;

/** A brand's keyword rules and VIP list, loaded once per batch (features/rules). */
export interface BrandTriage {
  apply(mention: { text: string; language: string | null; network: string; username: string }): RuleOutcome & {
    isVip: boolean;
  };
}
export type LoadBrandTriage = (tx: Tx, organizationId: string, brandId: string) => Promise<BrandTriage | null>;

export interface BatchScope {
  organizationId: string;
  brandId: string;
  channelId: string;
  /** 'x' for X channels, 'webhook' for the others: the namespace of authors' user ids. */
  network: string;
}

export interface BatchResult {
  stored: number;
  /** Posts already stored or already held (a re-delivery), or repeated in the batch. */
  duplicates: number;
  /** Posts kept aside over a Free brand's monthly quota (docs/billing.md): not stored, not lost. */
  held: number;
  /** Posts the network deleted: stored ones hidden, held ones dropped. */
  deleted: number;
  /** To publish on the event bus once the transaction has committed. */
  live: LiveEvent[];
  /** Conversations this batch created (automation's conversation_created; never collapsed, unlike `live`). */
  createdConversationIds: string[];
  /** Inbound posts stored by this batch, in batch order (automation's mention_received). */
  received: { mentionId: string; conversationId: string; externalId: string }[];
}

export interface BatchOptions {
  /**
   * The posts were held over the quota and are released now (billing/quota-release.ts): they count in this
   * instant's period — its quota and its usage — whatever their post dates.
   */
  releasedAt?: Date;
}

/** Above this many changed conversations, a batch announces one brand-wide change instead of one event each. */
const MAX_LIVE_EVENTS = 200;

/**
 * Stores a batch of posts of one channel inside `tx`, set-based: each (channel, external id) once, authors
 * resolved to customers, threaded (threading.ts), enriched, triaged by the brand's rules, events appended, usage
 * metered. Idempotent: a retried job, or the same post delivered again by any path, changes nothing.
 */
export async function storeMentionBatch(
  tx: Tx,
  deps: { enrich: Enrich; loadTriage?: LoadBrandTriage },
  scope: BatchScope,
  mentions: readonly NormalizedMention[],
  deletions: readonly MentionDeletion[] = [],
  /** Enrichment already computed outside the transaction (bulk paths), by external id, without VIP status. */
  preEnriched?: ReadonlyMap<string, Enrichment>,
  options: BatchOptions = {},
): Promise<BatchResult> {
  const { organizationId, brandId, channelId, network } = scope;
  await lockBrandForIngest(tx, brandId);
  const live: LiveEvent[] = [];
  /** Never collapsed into `inbox.bulk_changed`: recipient-only notifications, quota changes. */
  const extra: LiveEvent[] = [];
  const createdConversationIds: string[] = [];
  const received: BatchResult['received'] = [];
  const now = new Date().toISOString();

  const unique = new Map<string, NormalizedMention>();
  for (const m of mentions) if (!unique.has(m.externalId)) unique.set(m.externalId, m);
  const stored = unique.size > 0 ? await storedExternalIds(tx, channelId, [...unique.keys()]) : new Set<string>();
  const incoming = [...unique.values()].filter((m) => !stored.has(m.externalId));
  const duplicates = mentions.length - incoming.length;
  // The brand's plan decides (docs/billing.md): its quota (Free holds what is over it), keyword and VIP rules,
  // sentiment and priority triage.
  const entitlements = incoming.length > 0 ? await brandEntitlements(tx, organizationId, brandId) : null;
  const holds = await brandHoldsOverQuota(tx, entitlements);
  const { store: fresh, held } = await holdOverQuota(
    tx,
    scope,
    holds ? entitlements : null,
    incoming,
    options.releasedAt,
  );
  if (held > 0) extra.push({ organizationId, brandId, type: 'quota.changed', channelId, at: now });

  let planned = 0;
  if (fresh.length > 0) {
    const authors = await resolveAuthors(tx, organizationId, network, fresh);
    const features = entitlements?.features ?? [];
    const triaged = features.includes('triage');
    const triage =
      deps.loadTriage && features.includes('vip_keyword_rules')
        ? await deps.loadTriage(tx, organizationId, brandId)
        : null;
    const prepared: PreparedMention[] = fresh.map((mention) => {
      const author = authors.get(mention.author.externalUserId);
      if (!author) throw new Error(`ingest: author ${mention.author.externalUserId} was not resolved`);
      const ids = { id: uuidv7(), mention, customerId: author.customerId, handleId: author.handleId };
      if (mention.kind === 'outbound') return { ...ids, enrichment: null, rules: null };
      // Language first (rules may be limited to one), then the rules once; a VIP (the customer's flag or the
      // brand's list) makes the post urgent, exactly as enriching with `isVip` would (withVip, property-tested).
      const base =
        preEnriched?.get(mention.externalId) ??
        deps.enrich({ text: mention.text, followers: mention.author.followers, verified: mention.author.verified });
      const rules =
        triage?.apply({ text: mention.text, language: base.language, network, username: mention.author.username }) ??
        null;
      const vip = author.isVip || (rules?.isVip ?? false);
      const enrichment = vip ? withVip(base) : base;
      return { ...ids, enrichment, rules, vip, triaged };
    });

    const replyTargets = [...new Set(fresh.flatMap((m) => (m.inReplyToExternalId ? [m.inReplyToExternalId] : [])))];
    const postConversation = await conversationsOfPosts(tx, organizationId, brandId, channelId, replyTargets);
    const customerIds = [...new Set(prepared.map((p) => p.customerId))];
    const openByCustomer = await openConversationsOf(tx, organizationId, brandId, customerIds);
    const states = await conversationStates(tx, organizationId, [
      ...new Set([...postConversation.values(), ...openByCustomer.values()]),
    ]);
    const plan = planThreading({
      mentions: prepared,
      postConversation,
      openByCustomer,
      states,
      newId: uuidv7,
      channelId,
    });

    await writeConversations(tx, organizationId, brandId, plan.conversations);
    const inserted = await insertMentions(
      tx,
      scope,
      prepared.map((p) => {
        const conversationId = plan.conversationOf.get(p.id);
        if (!conversationId) throw new Error('ingest: a post was left without a conversation');
        const e = p.enrichment;
        return {
          id: p.id,
          conversationId,
          handleId: p.handleId,
          externalId: p.mention.externalId,
          inReplyToExternalId: p.mention.inReplyToExternalId,
          kind: p.mention.kind,
          text: p.mention.text,
          postedAt: p.mention.postedAt,
          raw: p.mention.raw,
          language: e?.language ?? null,
          sentiment: p.triaged !== false ? (e?.sentiment.label ?? null) : null,
          sentimentScore: p.triaged !== false ? (e?.sentiment.score ?? null) : null,
          isSpam: e?.spam.isSpam ?? false,
          priorityScore: p.triaged !== false ? (e?.priority.score ?? null) : null,
        };
      }),
    );
    // The brand lock makes this impossible unless a writer bypassed it; roll back and let the job retry.
    if (inserted !== prepared.length) throw new Error('ingest: a post of this batch was stored concurrently');
    await appendEvents(tx, organizationId, brandId, plan.events);
    const metered = await meterMentions(tx, organizationId, brandId, usagePerMonth(fresh, options.releasedAt));
    planned = prepared.length;
    // 80 % and 100 % of the period's quota: owners and billing admins are told, once per period and threshold.
    const periodStart = periodOf(options.releasedAt ?? new Date()).start;
    const current = metered.find((m) => m.periodStart.getTime() === periodStart.getTime());
    if (entitlements && current) {
      extra.push(
        ...(await recordQuotaWarnings(tx, {
          organizationId,
          brandId,
          planId: entitlements.planId,
          quota: entitlements.monthlyMentions,
          holds,
          periodStart,
          used: current.quantity,
        })),
      );
    }

    for (const p of prepared) {
      const conversationId = plan.conversationOf.get(p.id);
      if (p.mention.kind !== 'outbound' && conversationId) {
        received.push({ mentionId: p.id, conversationId, externalId: p.mention.externalId });
      }
    }
    for (const c of plan.conversations) {
      if (c.isNew) createdConversationIds.push(c.id);
      live.push({
        organizationId,
        brandId,
        type: c.isNew ? 'conversation.created' : 'conversation.updated',
        conversationId: c.id,
        channelId,
        at: now,
      });
    }
  }

  let deleted = 0;
  if (deletions.length > 0) {
    const hit = await hideDeletedMentions(
      tx,
      channelId,
      deletions.map((d) => d.externalId),
    );
    for (const conversationId of new Set(hit.flatMap((h) => (h.conversationId ? [h.conversationId] : [])))) {
      live.push({ organizationId, brandId, type: 'mention.deleted', conversationId, channelId, at: now });
    }
    // A held copy of a deleted post is dropped: it never reaches the inbox.
    const dropped = await deleteHeldMentions(
      tx,
      channelId,
      deletions.map((d) => d.externalId),
    );
    if (dropped > 0) extra.push({ organizationId, brandId, type: 'quota.changed', channelId, at: now });
    deleted = hit.length + dropped;
  }
  const events: LiveEvent[] =
    live.length > MAX_LIVE_EVENTS
      ? [{ organizationId, brandId, type: 'inbox.bulk_changed' as const, channelId, at: now }]
      : live;
  events.push(...extra);
  return { stored: planned, duplicates, held, deleted, live: events, createdConversationIds, received };
}

/** Every author of the batch as a customer and a handle: found, or created (a lost race adopts the winner). */
async function resolveAuthors(tx: Tx, organizationId: string, network: string, mentions: NormalizedMention[]) {
  // The newest post carries the freshest public details of its author.
  type Author = NormalizedMention['author'] & { at: number };
  const latest = new Map<string, Author>();
  for (const m of mentions) {
    const seen = latest.get(m.author.externalUserId);
    if (!seen || m.postedAt.getTime() >= seen.at)
      latest.set(m.author.externalUserId, { ...m.author, at: m.postedAt.getTime() });
  }
  const ids = [...latest.keys()];
  const authorOf = (id: string): Author => {
    const a = latest.get(id);
    if (!a) throw new Error(`ingest: unknown author ${id}`);
    return a;
  };
  const resolved = new Map<string, { handleId: string; customerId: string; isVip: boolean }>();
  const adopt = (rows: HandleRow[]) => {
    for (const r of rows)
      resolved.set(r.externalUserId, { handleId: r.handleId, customerId: r.customerId, isVip: r.isVip });
  };
  const known = await findHandles(tx, organizationId, network, ids);
  adopt(known);
  await refreshHandles(
    tx,
    known.map((k) => {
      const a = authorOf(k.externalUserId);
      return {
        handleId: k.handleId,
        externalUserId: k.externalUserId,
        username: a.username,
        followers: a.followers,
        verified: a.verified,
        profileUrl: a.profileUrl,
        postedAt: new Date(a.at),
      };
    }),
  );
  const created: NewHandle[] = ids
    .filter((id) => !resolved.has(id))
    .map((id) => {
      const a = authorOf(id);
      return {
        handleId: uuidv7(),
        customerId: uuidv7(),
        externalUserId: id,
        displayName: a.displayName || a.username,
        username: a.username,
        followers: a.followers,
        verified: a.verified,
        profileUrl: a.profileUrl,
      };
    });
  const lost = await insertHandles(tx, organizationId, network, created);
  for (const c of created) {
    if (!lost.has(c.externalUserId))
      resolved.set(c.externalUserId, { handleId: c.handleId, customerId: c.customerId, isVip: false });
  }
  if (lost.size > 0) adopt(await findHandles(tx, organizationId, network, [...lost]));
  return resolved;
}

/** Posts per month of their post date; released posts all count in the month of their release. */
function usagePerMonth(mentions: NormalizedMention[], releasedAt: Date | undefined) {
  const months = new Map<number, number>();
  for (const m of mentions) {
    const at = releasedAt ?? m.postedAt;
    const start = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1);
    months.set(start, (months.get(start) ?? 0) + 1);
  }
  return [...months].map(([start, quantity]) => ({ id: uuidv7(), periodStart: new Date(start), quantity }));
}
