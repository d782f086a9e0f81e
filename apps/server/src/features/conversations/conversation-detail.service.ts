import {
  WORK_LIMITS,
  type ConversationDetail,
  type CustomerPanel,
  type SlaState,
  type Sentiment,
  type ThreadItem,
  type TimelineEvent,
} from '@perch/shared';
import type { Db } from '../../db/database.ts';
import { notFound } from '../../lib/errors.ts';
import { assertWithinHistory, brandRetentions } from '../billing/retention.ts';
import {
  customerNotes,
  findConversation,
  handlesByIds,
  latestInbound,
  newestEvents,
  newestThread,
  previousConversations,
} from './conversation-detail.repository.ts';
import { userNames } from './conversations.repository.ts';
import { seesBrand, type WorkActor } from './work-context.ts';

const SNIPPET = 200;
const CUSTOMER_NOTES = 50;
const PREVIOUS = 20;

const iso = (d: Date | null) => d?.toISOString() ?? null;
/** Only web links are ever shown as links (a stored `javascript:` URL becomes nothing). */
export const safeUrl = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);
const snippetOf = (m: { text: string; deleted: boolean } | undefined) =>
  !m || m.deleted ? '' : m.text.slice(0, SNIPPET);

/**
 * The conversation as an agent works it: the row, the thread (inbound and outbound messages, replies with their
 * delivery state, notes — oldest first, at most WORK_LIMITS.threadPage newest items), the timeline and the
 * customer panel. Another brand's conversation (for a brand-restricted member) reads as missing; a closed one older
 * than the brand's plan keeps answers PAYMENT_REQUIRED (billing/retention.ts), and the customer's past
 * conversations leave those out.
 */
export async function conversationDetail(
  db: Db,
  actor: WorkActor,
  conversationId: string,
): Promise<ConversationDetail> {
  const { organizationId } = actor;
  const c = await findConversation(db, organizationId, conversationId);
  if (!c || !seesBrand(actor.brandIds, c.brandId)) throw notFound('Conversation');
  const [retention] = await brandRetentions(db, organizationId, [c.brandId]);
  await assertWithinHistory(db, retention, c);
  const page = WORK_LIMITS.threadPage;
  const [raw, events, notes, previous, channel] = await Promise.all([
    newestThread(db, organizationId, c.id, page + 1),
    newestEvents(db, organizationId, c.id, page),
    customerNotes(db, organizationId, c.customer.id, CUSTOMER_NOTES),
    previousConversations(
      db,
      organizationId,
      { customerId: c.customer.id, brandId: c.brandId, exceptId: c.id, hiddenBefore: retention?.cutoff ?? null },
      PREVIOUS,
    ),
    c.channelId ? db.channel.findFirst({ where: { id: c.channelId, organizationId }, select: { kind: true } }) : null,
  ]);
  const snippets = await latestInbound(db, organizationId, [c.id, ...previous.map((p) => p.id)]);
  const handleIds = [...new Set(raw.mentions.map((m) => m.handleId).filter((id): id is string => Boolean(id)))];
  const [handles, names] = await Promise.all([
    handlesByIds(db, organizationId, handleIds),
    userNames(db, [
      ...raw.replies.flatMap((r) => [r.authorUserId, ...(r.reviewedByUserId ? [r.reviewedByUserId] : [])]),
      ...raw.notes.flatMap((n) => (n.authorUserId ? [n.authorUserId] : [])),
      ...events.map((e) => e.actorUserId),
      ...notes.map((n) => n.authorUserId),
    ]),
  ]);
  const handleById = new Map(handles.map((h) => [h.id, h]));
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? 'Former member') : null);

  // The network echoes the posts Perch sent (X delivers a brand's own posts to its webhook): shown once, as the reply.
  const sentIds = new Set(raw.replies.flatMap((r) => (r.networkId ? [r.networkId] : [])));
  const items: ThreadItem[] = [
    ...raw.mentions
      .filter((m) => !(m.kind === 'outbound' && sentIds.has(m.externalId)))
      .map((m): ThreadItem => {
        const handle = m.handleId ? handleById.get(m.handleId) : undefined;
        return {
          kind: 'mention',
          id: m.id,
          at: m.postedAt.toISOString(),
          direction: m.kind === 'outbound' ? 'outbound' : 'inbound',
          mentionKind: m.kind,
          text: m.deletedAt ? '' : m.text,
          deleted: m.deletedAt !== null,
          authorName: handle?.customer.displayName ?? handle?.username ?? '',
          authorUsername: handle?.username ?? null,
          externalId: m.externalId,
          sentiment: m.sentiment,
          language: m.language,
        };
      }),
    ...raw.replies.map((r): ThreadItem => ({
      kind: 'reply',
      id: r.id,
      at: r.createdAt.toISOString(),
      text: r.text,
      authorUserId: r.authorUserId,
      authorName: nameOf(r.authorUserId)!,
      isDirectMessage: r.isDirectMessage,
      state: r.state,
      lastError: r.lastError,
      attempts: r.attempts,
      nextAttemptAt: iso(r.nextAttemptAt),
      sentAt: iso(r.sentAt),
      networkId: r.networkId,
      review:
        r.reviewedByUserId && r.reviewedAt
          ? {
              byUserId: r.reviewedByUserId,
              byName: nameOf(r.reviewedByUserId)!,
              at: r.reviewedAt.toISOString(),
              comment: r.reviewComment,
              originalText: r.originalText,
            }
          : null,
    })),
    ...raw.notes.map((n): ThreadItem => ({
      kind: 'note',
      id: n.id,
      at: n.createdAt.toISOString(),
      text: n.text,
      authorUserId: n.authorUserId,
      // A rule's note: its name (kept when the rule is renamed or deleted).
      authorName: nameOf(n.authorUserId) ?? n.automationRuleName ?? 'Automation',
      mentionedUserIds: n.mentionedUserIds,
      automationRule: n.automationRuleId ? { id: n.automationRuleId, name: n.automationRuleName ?? '' } : null,
    })),
  ];
  // Newest first to cut, then oldest first to read (ISO strings of one format sort by time).
  items.sort((x, y) => (x.at === y.at ? y.id.localeCompare(x.id) : y.at.localeCompare(x.at)));
  const thread = items.slice(0, page).reverse();

  const timeline = events
    .map((e): TimelineEvent => ({
      id: e.id.toString(),
      type: e.type,
      at: e.occurredAt.toISOString(),
      actorUserId: e.actorUserId,
      actorName: nameOf(e.actorUserId),
      data: e.data && typeof e.data === 'object' && !Array.isArray(e.data) ? (e.data as Record<string, unknown>) : {},
    }))
    .reverse();

  const latest = snippets.get(c.id);
  const latestHandle = latest?.handleId ? handleById.get(latest.handleId) : undefined;
  const customer: CustomerPanel = {
    id: c.customer.id,
    displayName: c.customer.displayName,
    isVip: c.customer.isVip,
    handles: c.customer.handles.map((h) => ({ ...h, profileUrl: safeUrl(h.profileUrl) })),
    notes: notes.map((n) => ({
      id: n.id,
      text: n.text,
      authorUserId: n.authorUserId,
      authorName: nameOf(n.authorUserId)!,
      at: n.createdAt.toISOString(),
    })),
    previousConversations: previous.map((p) => ({
      id: p.id,
      status: p.status,
      lastMessageAt: p.lastMessageAt.toISOString(),
      snippet: snippetOf(snippets.get(p.id)),
    })),
  };
  const mainHandle =
    c.customer.handles.find((h) => h.username === latestHandle?.username) ?? c.customer.handles[0] ?? null;

  return {
    conversation: {
      id: c.id,
      brandId: c.brandId,
      channelId: c.channelId,
      status: c.status,
      priority: c.priority,
      sentiment: c.sentiment as Sentiment | null,
      language: c.language,
      tagIds: c.tagIds,
      assigneeUserId: c.assigneeUserId,
      teamId: c.teamId,
      isVip: c.isVip,
      customer: {
        id: c.customer.id,
        displayName: c.customer.displayName,
        username: mainHandle?.username ?? null,
        followers: mainHandle?.followers ?? 0,
        verified: mainHandle?.verified ?? false,
      },
      snippet: snippetOf(latest),
      waitingSince: iso(c.waitingSince),
      lastMessageAt: c.lastMessageAt.toISOString(),
      snoozedUntil: iso(c.snoozedUntil),
      slaDueAt: iso(c.slaDueAt),
      slaState: c.slaState as SlaState,
      version: c.version,
      createdAt: c.createdAt.toISOString(),
      firstResponseDueAt: iso(c.firstResponseDueAt),
      resolutionDueAt: iso(c.resolutionDueAt),
      episodeStartedAt: c.episodeStartedAt.toISOString(),
      lastOutboundAt: iso(c.lastOutboundAt),
      channelKind: channel?.kind ?? null,
    },
    thread,
    threadTruncated: items.length > page,
    timeline,
    customer,
  };
}
