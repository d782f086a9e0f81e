import type { ConversationStatus, Priority } from '@perch/shared';
import type { Enrichment } from '../enrichment/index.ts';
import type { NormalizedMention } from './normalized-mention.ts';

/**
 * The threading rule (docs/ingest.md), applied to a whole batch in memory: the caller loads the state it needs in
 * a few set-based queries, this plans every row to write, and the caller writes them in a few set-based
 * statements. Pure, so the rule is tested without a database and a batch of 5,000 costs the same handful of
 * statements as a batch of one.
 *
 * For each new post, oldest first:
 * 1. a reply joins the conversation of the post it answers (a stored post of the channel, a reply Perch sent, or
 *    a post earlier in the same batch);
 * 2. otherwise an inbound post joins the author's latest unresolved conversation with the brand;
 * 3. otherwise a new conversation starts.
 * An inbound post reopens a resolved conversation (a new episode) and brings a pending or snoozed one back to open.
 */

/** What keyword rules and the VIP list decided for one post (features/rules). */
export interface RuleOutcome {
  tagIds: string[];
  priority: Priority | null;
  teamId: string | null;
  matchedRuleIds: string[];
}

export interface PreparedMention {
  /** The id the mention row will get. */
  id: string;
  mention: NormalizedMention;
  customerId: string;
  handleId: string;
  /** null for the brand's own (outbound) posts. */
  enrichment: Enrichment | null;
  rules: RuleOutcome | null;
  /** The author is a VIP of the brand (customer flag or the brand's list): the conversation is marked VIP. */
  vip?: boolean;
  /**
   * false when the brand's plan has no sentiment and priority triage (docs/billing.md): the post's sentiment and
   * computed priority are then left out (its language still counts). Absent: triaged.
   */
  triaged?: boolean;
}

export interface ConversationState {
  id: string;
  customerId: string;
  status: ConversationStatus;
  priority: Priority;
  teamId: string | null;
  tagIds: string[];
  waitingSince: Date | null;
  lastMessageAt: Date;
  episodeStartedAt: Date;
  sentiment: string | null;
  language: string | null;
  /** A VIP started or joined it (inbox VIP filter). */
  isVip: boolean;
  /** The channel of its first post (set when created, never changed). */
  channelId: string | null;
  lastInboundAt: Date | null;
  snoozedUntilCleared: boolean;
  /** Created by this batch (inserted), rather than loaded (updated). */
  isNew: boolean;
  /** Loaded and changed by this batch. */
  changed: boolean;
}

export interface PlannedEvent {
  conversationId: string;
  type: 'conversation_created' | 'reopened' | 'status_changed' | 'received' | 'outbound_received';
  data: Record<string, unknown>;
  at: Date;
}

export interface ThreadingPlan {
  /** Every conversation the batch created or changed, in its final state. */
  conversations: ConversationState[];
  /** Mention id → conversation id. */
  conversationOf: Map<string, string>;
  events: PlannedEvent[];
}

const RANK: Record<Priority, number> = { urgent: 3, high: 2, normal: 1, low: 0 };
const higherPriority = (a: Priority, b: Priority | null | undefined): Priority => (b && RANK[b] > RANK[a] ? b : a);

export function planThreading(input: {
  /** New posts only (duplicates already removed), any order. */
  mentions: PreparedMention[];
  /** External id of a stored post (this channel) or a sent reply → its conversation. */
  postConversation: ReadonlyMap<string, string>;
  /** Customer id → their latest unresolved conversation with the brand. */
  openByCustomer: ReadonlyMap<string, string>;
  /** The state of every conversation named in the two maps above. */
  states: ReadonlyMap<string, Omit<ConversationState, 'isNew' | 'changed' | 'snoozedUntilCleared'>>;
  newId: () => string;
  /** The channel of the batch: a conversation it creates belongs to it. */
  channelId?: string;
}): ThreadingPlan {
  const sorted = [...input.mentions].sort(
    (a, b) => a.mention.postedAt.getTime() - b.mention.postedAt.getTime() || cmp(a.id, b.id),
  );
  const postConversation = new Map(input.postConversation);
  const openByCustomer = new Map(input.openByCustomer);
  const touched = new Map<string, ConversationState>();
  const conversationOf = new Map<string, string>();
  const events: PlannedEvent[] = [];

  const stateOf = (id: string): ConversationState | undefined => {
    const mine = touched.get(id);
    if (mine) return mine;
    const loaded = input.states.get(id);
    if (!loaded) return undefined;
    const state: ConversationState = {
      ...loaded,
      tagIds: [...loaded.tagIds],
      isNew: false,
      changed: false,
      snoozedUntilCleared: false,
    };
    touched.set(id, state);
    return state;
  };

  for (const p of sorted) {
    const { mention } = p;
    const at = mention.postedAt;
    const outbound = mention.kind === 'outbound';
    const target = mention.inReplyToExternalId ? postConversation.get(mention.inReplyToExternalId) : undefined;
    const joinId = target ?? (outbound ? undefined : openByCustomer.get(p.customerId));
    const joined = joinId ? stateOf(joinId) : undefined;
    let conversation: ConversationState;
    if (joined) {
      conversation = joined;
      if (!outbound) {
        const from = joined.status;
        if (from === 'resolved') {
          joined.status = 'open';
          joined.episodeStartedAt = at;
          events.push({ conversationId: joined.id, type: 'reopened', data: reason(from), at });
        } else if (from === 'pending' || from === 'snoozed') {
          joined.status = 'open';
          joined.snoozedUntilCleared = true;
          events.push({ conversationId: joined.id, type: 'status_changed', data: reason(from), at });
        }
        joined.waitingSince ??= at;
        if (at > joined.lastMessageAt) joined.lastMessageAt = at;
        if (!joined.lastInboundAt || at > joined.lastInboundAt) joined.lastInboundAt = at;
        joined.changed = true;
        applyTriage(joined, p);
        if (joined.status !== 'resolved') openByCustomer.set(p.customerId, joined.id);
      }
    } else {
      conversation = {
        id: input.newId(),
        customerId: p.customerId,
        status: 'new',
        priority: 'normal',
        teamId: null,
        tagIds: [],
        waitingSince: outbound ? null : at,
        lastMessageAt: at,
        episodeStartedAt: at,
        sentiment: null,
        language: null,
        isVip: false,
        channelId: input.channelId ?? null,
        lastInboundAt: outbound ? null : at,
        snoozedUntilCleared: false,
        isNew: true,
        changed: false,
      };
      applyTriage(conversation, p);
      touched.set(conversation.id, conversation);
      openByCustomer.set(p.customerId, conversation.id);
      events.push({ conversationId: conversation.id, type: 'conversation_created', data: {}, at });
    }
    conversationOf.set(p.id, conversation.id);
    postConversation.set(mention.externalId, conversation.id);
    events.push({
      conversationId: conversation.id,
      type: outbound ? 'outbound_received' : 'received',
      data: {
        mentionId: p.id,
        kind: mention.kind,
        spam: p.enrichment?.spam.isSpam ?? false,
        ...(p.rules && p.rules.matchedRuleIds.length > 0 ? { rules: p.rules.matchedRuleIds } : {}),
      },
      at,
    });
  }
  return {
    conversations: [...touched.values()].filter((c) => c.isNew || c.changed),
    conversationOf,
    events,
  };
}

/**
 * A post's priority is its enrichment's, replaced by a matching rule's when one sets it (a VIP's is always urgent).
 * A new conversation takes its first post's priority; a later post raises it, never lowers it. Rules add their
 * tags and set their team when the conversation has none.
 */
function applyTriage(c: ConversationState, p: PreparedMention) {
  if (p.vip) c.isVip = true;
  const triaged = p.triaged !== false;
  const own = p.rules?.priority ?? (triaged ? p.enrichment?.priority.priority : undefined);
  if (own) c.priority = c.isNew && !c.changed ? own : higherPriority(c.priority, own);
  if (p.enrichment) {
    if (triaged) c.sentiment = p.enrichment.sentiment.label;
    c.language = p.enrichment.language;
  }
  if (p.rules) {
    for (const tag of p.rules.tagIds) if (!c.tagIds.includes(tag)) c.tagIds.push(tag);
    c.teamId ??= p.rules.teamId;
  }
}

const reason = (from: ConversationStatus) => ({ from, to: 'open', reason: 'customer_message' });
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
