import type { ConversationStatus, Priority } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';

let counter = 0;

/**
 * Test support: a customer with one X handle and a conversation of `brandId` (with one inbound mention when a
 * channel of that brand is given) — what the conversation procedures act on.
 */
export async function createConversationFixture(
  db: DbOrTx,
  input: {
    organizationId: string;
    brandId: string;
    channelId?: string;
    customerId?: string;
    status?: ConversationStatus;
    priority?: Priority;
    assigneeUserId?: string | null;
    text?: string;
    waitingSince?: Date;
    slaDueAt?: Date | null;
    lastMessageAt?: Date;
  },
) {
  const { organizationId, brandId } = input;
  const n = ++counter;
  const customerId =
    input.customerId ??
    (
      await db.customer.create({
        data: {
          organizationId,
          displayName: `Customer ${n}`,
          handles: {
            create: {
              organizationId,
              network: 'x',
              externalUserId: `${Date.now()}${n}`,
              username: `customer_${n}`,
              followers: 10 * n,
              profileUrl: `https://x.example/customer_${n}`,
            },
          },
        },
        select: { id: true },
      })
    ).id;
  const at = input.lastMessageAt ?? new Date();
  const conversation = await db.conversation.create({
    data: {
      organizationId,
      brandId,
      customerId,
      channelId: input.channelId ?? null,
      status: input.status ?? 'new',
      priority: input.priority ?? 'normal',
      assigneeUserId: input.assigneeUserId ?? null,
      waitingSince: input.waitingSince ?? at,
      slaDueAt: input.slaDueAt ?? null,
      lastMessageAt: at,
      snoozedUntil: input.status === 'snoozed' ? new Date(Date.now() + 3_600_000) : null,
      resolvedAt: input.status === 'resolved' ? at : null,
    },
    select: { id: true, version: true },
  });
  if (input.channelId) {
    const handle = await db.handle.findFirst({ where: { organizationId, customerId }, select: { id: true } });
    await db.mention.create({
      data: {
        organizationId,
        channelId: input.channelId,
        brandId,
        conversationId: conversation.id,
        handleId: handle?.id ?? null,
        externalId: `${Date.now()}${n}`,
        text: input.text ?? `Hello from customer ${n}`,
        postedAt: at,
      },
      select: { id: true },
    });
  }
  return { conversationId: conversation.id, customerId, version: conversation.version };
}

export async function createTagFixture(db: DbOrTx, organizationId: string, brandId: string, name: string) {
  const tag = await db.tag.create({ data: { organizationId, brandId, name }, select: { id: true } });
  return tag.id;
}

export async function createTeamFixture(db: DbOrTx, organizationId: string, name: string, brandIds: string[] = []) {
  const team = await db.team.create({ data: { organizationId, name, brandIds }, select: { id: true } });
  return team.id;
}

export async function createNotificationFixture(db: DbOrTx, organizationId: string, userId: string) {
  const row = await db.notification.create({
    data: { organizationId, userId, kind: 'note_mention', data: { excerpt: 'Fixture' } },
    select: { id: true },
  });
  return row.id;
}
