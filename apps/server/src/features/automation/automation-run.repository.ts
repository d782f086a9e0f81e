import type { Tx } from '../../db/database.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { MessageFacts } from './conditions.ts';

/** JSON as stored in event data and notifications. */
export type StoredJson = Prisma.InputJsonValue;

/** What the conditions read besides the locked state: channel, VIP flag, the brand's zone, the message. */
export async function runFactsOf(tx: Tx, organizationId: string, conversationId: string, mentionId?: string) {
  const conversation = await tx.conversation.findFirst({
    where: { id: conversationId, organizationId },
    select: { channelId: true, isVip: true, brand: { select: { timeZone: true } } },
  });
  if (!conversation) return null;
  const inbound = { organizationId, conversationId, kind: { not: 'outbound' } } as const;
  const select = { text: true, language: true, sentiment: true, handleId: true, channelId: true } as const;
  const mention =
    (mentionId ? await tx.mention.findFirst({ where: { ...inbound, id: mentionId }, select }) : null) ??
    (await tx.mention.findFirst({
      where: { ...inbound, deletedAt: null },
      orderBy: [{ postedAt: 'desc' }, { id: 'desc' }],
      select,
    }));
  const handle = mention?.handleId
    ? await tx.handle.findFirst({ where: { id: mention.handleId, organizationId }, select: { followers: true } })
    : null;
  const message: MessageFacts | null = mention
    ? {
        text: mention.text,
        language: mention.language,
        sentiment: mention.sentiment,
        followers: handle?.followers ?? null,
      }
    : null;
  const spammable = await tx.mention.count({ where: { ...inbound, isSpam: false } });
  return {
    channelId: conversation.channelId ?? mention?.channelId ?? null,
    isVip: conversation.isVip,
    timeZone: conversation.brand.timeZone,
    message,
    spammable,
  };
}

export async function insertRuleNotes(
  tx: Tx,
  notes: {
    id: string;
    organizationId: string;
    conversationId: string;
    ruleId: string;
    ruleName: string;
    text: string;
  }[],
) {
  if (notes.length === 0) return;
  await tx.note.createMany({
    data: notes.map((n) => ({
      id: n.id,
      organizationId: n.organizationId,
      conversationId: n.conversationId,
      authorUserId: null,
      automationRuleId: n.ruleId,
      automationRuleName: n.ruleName,
      text: n.text,
      mentionedUserIds: [],
    })),
  });
}

/** Notifications a rule sends: no actor (the rule's id and name are in `data`). */
export async function insertRuleNotifications(
  tx: Tx,
  rows: { organizationId: string; userId: string; kind: string; conversationId: string; data: Prisma.InputJsonValue }[],
) {
  if (rows.length === 0) return;
  await tx.notification.createMany({ data: rows.map((r) => ({ ...r, actorUserId: null })) });
}

/** Marks the conversation's inbound messages as spam. */
export function markInboundSpam(tx: Tx, organizationId: string, conversationId: string) {
  return tx.mention.updateMany({
    where: { organizationId, conversationId, kind: { not: 'outbound' }, isSpam: false },
    data: { isSpam: true },
  });
}
