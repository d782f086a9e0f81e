import type { Tx } from '../../db/database.ts';
import { Prisma, type ConversationStatus, type Priority } from '../../generated/prisma/client.ts';
import type { NormalizedMention } from './normalized-mention.ts';

/** Finds or creates the customer behind a network account; keeps the handle's public details fresh. */
export async function resolveHandle(
  tx: Tx,
  organizationId: string,
  network: string,
  author: NormalizedMention['author'],
) {
  const details = {
    username: author.username,
    followers: author.followers,
    verified: author.verified,
    profileUrl: author.profileUrl,
  };
  const key = { organizationId, network, externalUserId: author.externalUserId };
  const existing = await tx.handle.findUnique({
    where: { organizationId_network_externalUserId: key },
    select: { id: true, customerId: true, customer: { select: { isVip: true } } },
  });
  if (existing) {
    await tx.handle.update({ where: { id: existing.id }, data: details, select: { id: true } });
    return { handleId: existing.id, customerId: existing.customerId, isVip: existing.customer.isVip };
  }
  const customer = await tx.customer.create({
    data: { organizationId, displayName: author.displayName || author.username },
    select: { id: true },
  });
  // ON CONFLICT DO NOTHING: another worker may have created the same handle a moment ago.
  const [created] = await tx.handle.createManyAndReturn({
    data: [{ ...key, ...details, customerId: customer.id }],
    skipDuplicates: true,
    select: { id: true },
  });
  if (created) return { handleId: created.id, customerId: customer.id, isVip: false };
  await tx.customer.delete({ where: { id: customer.id }, select: { id: true } });
  const winner = await tx.handle.findUniqueOrThrow({
    where: { organizationId_network_externalUserId: key },
    select: { id: true, customerId: true, customer: { select: { isVip: true } } },
  });
  return { handleId: winner.id, customerId: winner.customerId, isVip: winner.customer.isVip };
}

/** Inserts the mention unless (channel, external id) is already stored; returns null for a duplicate. */
export async function insertMentionOnce(tx: Tx, data: Prisma.MentionCreateManyInput) {
  const [row] = await tx.mention.createManyAndReturn({ data: [data], skipDuplicates: true, select: { id: true } });
  return row ?? null;
}

/** The conversation of the post this one answers: a stored mention, or a reply Perch sent. */
export async function conversationOfPost(tx: Tx, organizationId: string, brandId: string, externalId: string) {
  const mention = await tx.mention.findFirst({
    where: { organizationId, brandId, externalId, conversationId: { not: null } },
    select: { conversationId: true },
  });
  if (mention?.conversationId) return mention.conversationId;
  const reply = await tx.reply.findFirst({
    where: { organizationId, networkId: externalId, conversation: { brandId } },
    select: { conversationId: true },
  });
  return reply?.conversationId ?? null;
}

export function latestOpenConversation(tx: Tx, organizationId: string, brandId: string, customerId: string) {
  return tx.conversation.findFirst({
    where: { organizationId, brandId, customerId, status: { not: 'resolved' } },
    orderBy: { lastMessageAt: 'desc' },
    select: { id: true },
  });
}

export function getConversationState(tx: Tx, id: string) {
  return tx.conversation.findUniqueOrThrow({
    where: { id },
    select: { id: true, status: true, priority: true, waitingSince: true },
  });
}

export function createConversation(
  tx: Tx,
  data: {
    organizationId: string;
    brandId: string;
    customerId: string;
    priority: Priority;
    at: Date;
    waitingSince: Date | null;
    sentiment: string | null;
    language: string | null;
  },
) {
  return tx.conversation.create({
    data: {
      organizationId: data.organizationId,
      brandId: data.brandId,
      customerId: data.customerId,
      priority: data.priority,
      waitingSince: data.waitingSince,
      sentiment: data.sentiment,
      language: data.language,
      status: 'new',
      lastMessageAt: data.at,
      episodeStartedAt: data.at,
      createdAt: data.at,
    },
    select: { id: true },
  });
}

export function updateConversation(
  tx: Tx,
  id: string,
  data: {
    status?: ConversationStatus;
    priority?: Priority;
    waitingSince?: Date | null;
    lastMessageAt?: Date;
    episodeStartedAt?: Date;
    sentiment?: string | null;
    language?: string | null;
    snoozedUntil?: null;
  },
) {
  return tx.conversation.update({ where: { id }, data: { ...data, version: { increment: 1 } }, select: { id: true } });
}

export function appendEvent(
  tx: Tx,
  data: {
    organizationId: string;
    conversationId: string;
    brandId: string;
    type: string;
    data: Prisma.InputJsonValue;
    at: Date;
  },
) {
  return tx.conversationEvent.create({
    data: {
      organizationId: data.organizationId,
      conversationId: data.conversationId,
      brandId: data.brandId,
      type: data.type,
      data: data.data,
      occurredAt: data.at,
    },
    select: { id: true },
  });
}

/** Metered usage: mentions ingested per brand per calendar month (UTC). */
export function countIngested(tx: Tx, organizationId: string, brandId: string, at: Date) {
  const periodStart = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  return tx.usageRecord.upsert({
    where: { organizationId_brandId_metric_periodStart: { organizationId, brandId, metric: 'mentions', periodStart } },
    create: { organizationId, brandId, metric: 'mentions', periodStart, quantity: 1 },
    update: { quantity: { increment: 1 } },
    select: { id: true },
  });
}

/** X deleted a post: hide its text everywhere Perch shows or searches it. */
export function hideDeletedMention(tx: Tx, channelId: string, externalId: string, at: Date) {
  return tx.mention.updateMany({
    where: { channelId, externalId, deletedAt: null },
    data: { deletedAt: at, text: '', raw: Prisma.DbNull },
  });
}
