import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { sealChannelSecrets } from '../features/channels/channel-secrets.ts';
import type { WorkActor } from '../features/conversations/work-context.ts';
import type { Sandbox } from '../sandbox/sandbox-server.ts';
import { addMember, createBrand, createOrganization, createUser } from '../seed/factories.ts';

/**
 * The R4 world: one organization, brand, agent and X channel in Perch pointing at the sandbox X network, and
 * `count` customers on the network, each with one post to the brand that Perch holds as one conversation
 * (written directly, as ingest would have: the test is about delivery, not ingest).
 */
export const R4_BRAND_HANDLE = 'R4Air';
export const R4_USER_TOKEN = 'r4-brand-user-token-0123456789';

export interface R4Conversation {
  conversationId: string;
  /** The customer's post on the sandbox, which a public reply answers. */
  postId: string;
  /** The customer's sandbox user id, to which a DM goes. */
  customerXId: string;
  username: string;
}

export interface R4World {
  organizationId: string;
  brandId: string;
  channelId: string;
  brandXId: string;
  actor: WorkActor;
  conversations: R4Conversation[];
}

const CHUNK = 500;

export async function seedR4World(db: Database, sandbox: Sandbox, count: number, secretKey: Buffer): Promise<R4World> {
  const prisma = db.prisma;
  const run = randomUUID().slice(0, 8);
  const org = await createOrganization(prisma, { name: `R4 ${run}`, id: randomUUID() });
  const brand = await createBrand(prisma, org.id, { name: 'R4 Air', handle: R4_BRAND_HANDLE, timeZone: 'UTC' });
  const agent = await createUser(prisma, {
    email: `r4.agent.${run}@r4.perch.test`,
    name: 'R4 Agent',
    password: `r4-password-${run}-not-used`,
  });
  await addMember(prisma, org.id, agent.id, 'agent');

  const brandAccount = sandbox.state.createAccount({
    username: R4_BRAND_HANDLE,
    name: 'R4 Air',
    followers: 50_000,
    verified: true,
    kind: 'brand',
  });
  sandbox.state.registerToken(R4_USER_TOKEN, brandAccount.id);
  const channel = await prisma.channel.create({
    data: {
      organizationId: org.id,
      brandId: brand.id,
      kind: 'x',
      name: `X @${R4_BRAND_HANDLE}`,
      externalId: brandAccount.id,
      // Perch's own configuration (trusted origin), not a user's: the channel talks to the local sandbox.
      config: { apiBaseUrl: sandbox.url },
      secrets: sealChannelSecrets(secretKey, org.id, {
        consumerSecret: 'r4-consumer-secret-unused',
        accessToken: R4_USER_TOKEN,
      }),
    },
    select: { id: true },
  });

  const conversations: R4Conversation[] = [];
  for (let from = 0; from < count; from += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, count - from) }, (_, k) => {
      const n = from + k;
      const username = `r4_customer_${n}`;
      const account = sandbox.state.createAccount({
        username,
        name: `Customer ${n}`,
        followers: 100 + n,
        verified: false,
        kind: 'customer',
      });
      const post = sandbox.state.postTweet({
        authorId: account.id,
        text: `@${R4_BRAND_HANDLE} flight R4${n} delayed three hours and nobody at the gate knows anything`,
        lang: 'en',
        via: 'sandbox',
      });
      return {
        n,
        username,
        customerXId: account.id,
        postId: post.id,
        postedAt: new Date(post.createdAt),
        text: post.text,
        customerId: randomUUID(),
        handleId: randomUUID(),
        conversationId: randomUUID(),
      };
    });
    const base = { organizationId: org.id };
    await prisma.customer.createMany({
      data: rows.map((r) => ({ ...base, id: r.customerId, displayName: `Customer ${r.n}` })),
    });
    await prisma.handle.createMany({
      data: rows.map((r) => ({
        ...base,
        id: r.handleId,
        customerId: r.customerId,
        network: 'x',
        externalUserId: r.customerXId,
        username: r.username,
      })),
    });
    await prisma.conversation.createMany({
      data: rows.map((r) => ({
        ...base,
        id: r.conversationId,
        brandId: brand.id,
        customerId: r.customerId,
        channelId: channel.id,
        status: 'open' as const,
        waitingSince: r.postedAt,
        lastMessageAt: r.postedAt,
      })),
    });
    await prisma.mention.createMany({
      data: rows.map((r) => ({
        ...base,
        channelId: channel.id,
        brandId: brand.id,
        conversationId: r.conversationId,
        handleId: r.handleId,
        externalId: r.postId,
        text: r.text,
        postedAt: r.postedAt,
      })),
    });
    for (const r of rows)
      conversations.push({
        conversationId: r.conversationId,
        postId: r.postId,
        customerXId: r.customerXId,
        username: r.username,
      });
  }
  return {
    organizationId: org.id,
    brandId: brand.id,
    channelId: channel.id,
    brandXId: brandAccount.id,
    actor: { userId: agent.id, organizationId: org.id, ip: null, role: 'agent', brandIds: [] },
    conversations,
  };
}
