import type { DeliveryState } from '@perch/shared';
import type { DbOrTx } from '../../db/database.ts';
import { createConversationFixture } from '../conversations/conversations.testing.ts';

export interface RepliesFixture {
  /** A new conversation of the first brand with one inbound post on the X channel, and no reply yet. */
  conversationId: string;
  /** Another conversation whose replies (by the tenant's agent) are in the states below. */
  repliedConversationId: string;
  deadReplyId: string;
  queuedReplyId: string;
  /** Two replies waiting for approval (one to approve, one to reject). */
  awaitingReplyIds: [string, string];
  cannedReplyId: string;
}

let counter = 0;

/** Test support: conversations on the tenant's X channel, replies in several delivery states, a canned reply. */
export async function createRepliesFixture(
  db: DbOrTx,
  tenant: { organizationId: string; brandId: string; channelId: string; agentUserId: string },
): Promise<RepliesFixture> {
  const { organizationId, brandId, channelId, agentUserId } = tenant;
  const fresh = await createConversationFixture(db, { organizationId, brandId, channelId });
  const replied = await createConversationFixture(db, { organizationId, brandId, channelId });
  const reply = async (state: DeliveryState) => {
    const n = ++counter;
    const row = await db.reply.create({
      data: {
        organizationId,
        conversationId: replied.conversationId,
        brandId,
        channelId,
        authorUserId: agentUserId,
        text: `Fixture reply ${n}`,
        state,
        idempotencyKey: `fixture-${Date.now()}-${n}`,
        inReplyToExternalId: '1',
        lastError: state === 'dead' ? 'X 403 Forbidden: fixture' : null,
      },
      select: { id: true },
    });
    return row.id;
  };
  const canned = await db.cannedReply.create({
    data: { organizationId, brandId, name: `Fixture canned ${++counter}`, text: 'Hello {{customer.name}}' },
    select: { id: true },
  });
  return {
    conversationId: fresh.conversationId,
    repliedConversationId: replied.conversationId,
    deadReplyId: await reply('dead'),
    queuedReplyId: await reply('queued'),
    awaitingReplyIds: [await reply('awaiting_approval'), await reply('awaiting_approval')],
    cannedReplyId: canned.id,
  };
}

const fixtures = new Map<string, RepliesFixture>();

/** Creates the tenant's fixture once (the security suites call setups repeatedly). */
export async function repliesSetup(
  { db }: { db: DbOrTx },
  own: { organizationId: string; brandIds: string[]; xChannelId: string; users: { agent: { userId: string } } },
) {
  if (fixtures.has(own.organizationId)) return;
  fixtures.set(
    own.organizationId,
    await createRepliesFixture(db, {
      organizationId: own.organizationId,
      brandId: own.brandIds[0]!,
      channelId: own.xChannelId,
      agentUserId: own.users.agent.userId,
    }),
  );
}

export function repliesFixtureOf(tenant: { organizationId: string }): RepliesFixture {
  const fixture = fixtures.get(tenant.organizationId);
  if (!fixture) throw new Error('no replies fixture for this tenant: await the sample setup first');
  return fixture;
}
