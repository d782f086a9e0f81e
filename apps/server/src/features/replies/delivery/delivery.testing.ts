import { randomUUID } from 'node:crypto';
import type { Database } from '../../../db/database.ts';
import type { LiveEvent } from '../../../live/event-bus.ts';
import { createLocalEventBus } from '../../../live/event-bus.ts';
import type { Queue } from '../../../queue/queue.ts';
import { createSandbox, type Sandbox } from '../../../sandbox/sandbox-server.ts';
import { TEST_SECRET_KEY, type TenantFixture } from '../../../../test/harness.ts';
import { sealChannelSecrets } from '../../channels/channel-secrets.ts';
import { createConversationFixture } from '../../conversations/conversations.testing.ts';
import type { DeliveryDeps } from './deliver-reply.ts';

/**
 * Test support for the delivery worker: the sandbox X network on a clock the test moves (`advance`), a brand
 * account with its user token, an X channel of the tenant's first brand pointing at the sandbox, and replies
 * written straight into the outbox (state `queued`, due now), as `replies.send` writes them.
 */
export const BRAND_TOKEN = 'delivery-brand-user-token';

export async function startDeliveryWorld(db: Database, queue: Queue, t: TenantFixture) {
  let offset = 0;
  const now = () => Date.now() + offset;
  const sandbox: Sandbox = await createSandbox({ seed: 11, now, rejectDuplicateText: true });
  const brand = sandbox.state.createAccount({
    username: 'PerchDeliver',
    name: 'Perch Deliver',
    followers: 1000,
    verified: true,
    kind: 'brand',
  });
  sandbox.state.registerToken(BRAND_TOKEN, brand.id);
  const customer = sandbox.state.createAccount({
    username: 'ada_traveller',
    name: 'Ada',
    followers: 12,
    verified: false,
    kind: 'customer',
  });
  const channel = await db.prisma.channel.create({
    data: {
      organizationId: t.organizationId,
      brandId: t.brandIds[0]!,
      kind: 'x',
      name: 'X @PerchDeliver',
      externalId: brand.id,
      config: { apiBaseUrl: sandbox.url },
      secrets: sealChannelSecrets(TEST_SECRET_KEY, t.organizationId, {
        consumerSecret: 'unused-consumer-secret',
        accessToken: BRAND_TOKEN,
      }),
    },
    select: { id: true },
  });
  const events: LiveEvent[] = [];
  const bus = createLocalEventBus();
  bus.subscribe(t.organizationId, (e) => events.push(e));
  const deps: DeliveryDeps = {
    db: db.prisma,
    queue,
    bus,
    secretKey: TEST_SECRET_KEY,
    trustedOrigins: [sandbox.url],
    now,
    random: () => 0.5,
    timeoutMs: 2_000,
  };
  let n = 0;

  /** A customer's post, a conversation for it, and a reply to it waiting in the outbox. */
  async function queuedReply(
    options: { text?: string; isDirectMessage?: boolean; channelId?: string | null; attempts?: number } = {},
  ) {
    n++;
    const post = sandbox.state.postTweet({
      authorId: customer.id,
      text: `@PerchDeliver my bag never arrived at CDG (#${n})`,
      via: 'sandbox',
    });
    const { conversationId } = await createConversationFixture(db.prisma, {
      organizationId: t.organizationId,
      brandId: t.brandIds[0]!,
      channelId: options.channelId === undefined ? channel.id : (options.channelId ?? undefined),
      waitingSince: new Date(now() - 60_000),
      lastMessageAt: new Date(now() - 60_000),
    });
    const reply = await db.prisma.reply.create({
      data: {
        organizationId: t.organizationId,
        conversationId,
        brandId: t.brandIds[0]!,
        channelId: options.channelId === undefined ? channel.id : options.channelId,
        authorUserId: t.users.agent.userId,
        text: options.text ?? `So sorry, we are tracing your bag now: https://perch.example/bags/${n} (#${n})`,
        isDirectMessage: options.isDirectMessage ?? false,
        inReplyToExternalId: options.isDirectMessage ? null : post.id,
        recipientExternalId: customer.id,
        idempotencyKey: randomUUID(),
        state: 'queued',
        attempts: options.attempts ?? 0,
        nextAttemptAt: new Date(now()),
      },
      select: { id: true, text: true },
    });
    return { replyId: reply.id, text: reply.text, conversationId, postId: post.id };
  }

  const replyRow = (id: string) => db.prisma.reply.findUniqueOrThrow({ where: { id } });
  /** The brand's posts that answer `postId` (the sandbox's own record, not the API). */
  const answersTo = (postId: string) =>
    sandbox.state.timelineOf(brand.id).filter((tweet) => tweet.inReplyToTweetId === postId);
  const job = (replyId: string) => ({ organizationId: t.organizationId, replyId });

  return {
    sandbox,
    brand,
    customer,
    channelId: channel.id,
    deps,
    events,
    now,
    advance(ms: number) {
      offset += ms;
    },
    /** Moves the clock to `at` (and a millisecond past it), never backwards. */
    advanceTo(at: Date) {
      offset += Math.max(0, at.getTime() + 1 - now());
    },
    queuedReply,
    replyRow,
    answersTo,
    job,
  };
}
