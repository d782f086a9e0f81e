import type { DbOrTx } from '../../db/database.ts';

export interface AutomationFixture {
  tagId: string;
  teamId: string;
  /** An enabled conversation_updated rule of the first brand that tags and notifies the agent. */
  ruleId: string;
}

interface TenantLike {
  organizationId: string;
  brandIds: string[];
  users: { agent: { userId: string; membershipId: string } };
}

/** Test support: a tag and a team of the tenant's first brand, and one rule using them. */
export async function createAutomationFixture(db: DbOrTx, tenant: TenantLike): Promise<AutomationFixture> {
  const { organizationId } = tenant;
  const brandId = tenant.brandIds[0]!;
  const tag = await db.tag.create({
    data: { organizationId, brandId, name: 'fixture-automation', color: '#7c3aed' },
    select: { id: true },
  });
  const team = await db.team.create({
    data: { organizationId, name: `Automation desk ${tag.id.slice(-6)}`, brandIds: [brandId] },
    select: { id: true },
  });
  const rule = await db.automationRule.create({
    data: {
      organizationId,
      brandId,
      name: 'Fixture rule',
      trigger: 'conversation_updated',
      conditions: [{ type: 'tags', match: 'none', tagIds: [tag.id] }],
      actions: [
        { type: 'add_tag', tagId: tag.id },
        { type: 'notify', userIds: [tenant.users.agent.userId] },
      ],
      position: 0,
    },
    select: { id: true },
  });
  return { tagId: tag.id, teamId: team.id, ruleId: rule.id };
}

const fixtures = new Map<string, AutomationFixture>();

/** Creates the tenant's fixture once (the security suites call setups repeatedly). */
export async function automationSetup({ db }: { db: DbOrTx }, own: TenantLike): Promise<void> {
  if (fixtures.has(own.organizationId)) return;
  fixtures.set(own.organizationId, await createAutomationFixture(db, own));
}

export function automationOf(tenant: { organizationId: string }): AutomationFixture {
  const fixture = fixtures.get(tenant.organizationId);
  if (!fixture) throw new Error('no automation fixture for this tenant: await the sample setup first');
  return fixture;
}

export interface ConversationSpec {
  text?: string;
  language?: string | null;
  sentiment?: string | null;
  followers?: number;
  isVip?: boolean;
  status?: 'new' | 'open' | 'pending' | 'resolved';
  priority?: 'urgent' | 'high' | 'normal' | 'low';
  tagIds?: string[];
  assigneeUserId?: string | null;
  channelId?: string;
  brandId?: string;
}

let seq = 0;

/** A conversation of the tenant's first brand (by default) with one inbound mention from a handle. */
export async function conversationWithMention(
  db: DbOrTx,
  tenant: { organizationId: string; brandIds: string[]; webhookChannelId: string },
  spec: ConversationSpec = {},
) {
  const { organizationId } = tenant;
  const brandId = spec.brandId ?? tenant.brandIds[0]!;
  const channelId = spec.channelId ?? tenant.webhookChannelId;
  const n = ++seq;
  const customer = await db.customer.create({
    data: { organizationId, displayName: `Automation customer ${n}`, isVip: spec.isVip ?? false },
    select: { id: true },
  });
  const handle = await db.handle.create({
    data: {
      organizationId,
      customerId: customer.id,
      network: 'webhook',
      externalUserId: `auto-${n}-${customer.id.slice(-8)}`,
      username: `customer${n}`,
      followers: spec.followers ?? 100,
    },
    select: { id: true },
  });
  const conversation = await db.conversation.create({
    data: {
      organizationId,
      brandId,
      customerId: customer.id,
      channelId,
      status: spec.status ?? 'new',
      priority: spec.priority ?? 'normal',
      tagIds: spec.tagIds ?? [],
      assigneeUserId: spec.assigneeUserId ?? null,
      isVip: spec.isVip ?? false,
      resolvedAt: spec.status === 'resolved' ? new Date() : null,
      waitingSince: new Date(),
    },
    select: { id: true },
  });
  const mention = await db.mention.create({
    data: {
      organizationId,
      channelId,
      brandId,
      conversationId: conversation.id,
      handleId: handle.id,
      externalId: `auto-post-${n}-${conversation.id.slice(-8)}`,
      text: spec.text ?? 'Hello there',
      postedAt: new Date(),
      language: spec.language === undefined ? 'en' : spec.language,
      sentiment: spec.sentiment === undefined ? 'neutral' : spec.sentiment,
    },
    select: { id: true },
  });
  return { conversationId: conversation.id, mentionId: mention.id, brandId, customerId: customer.id };
}
