import {
  createConversationFixture,
  createTagFixture,
  createTeamFixture,
} from '../../src/features/conversations/conversations.testing.ts';
import type { TenantFixture } from '../harness.ts';
import { org, type Sample, type SamplesOf } from './sample.ts';

interface WorkFixture {
  conversationId: string;
  customerId: string;
  tagId: string;
  teamId: string;
}

/** One waiting conversation (new, unassigned, version 0), a brand tag and a team per tenant, made once. */
const fixtures = new Map<string, WorkFixture>();
const setup: Sample['setup'] = async ({ db }, own) => {
  if (fixtures.has(own.organizationId)) return;
  const brandId = own.brandIds[0]!;
  const { conversationId, customerId } = await createConversationFixture(db, {
    organizationId: own.organizationId,
    brandId,
    channelId: own.webhookChannelId,
  });
  fixtures.set(own.organizationId, {
    conversationId,
    customerId,
    tagId: await createTagFixture(db, own.organizationId, brandId, 'sample tag'),
    teamId: await createTeamFixture(db, own.organizationId, 'Sample desk'),
  });
};
function work(f: TenantFixture): WorkFixture {
  const fixture = fixtures.get(f.organizationId);
  if (!fixture) throw new Error('no conversation fixture for this tenant: await the sample setup first');
  return fixture;
}

/** The tenant's conversation at the version its fixture was made with (the samples never succeed twice on one). */
const target = (f: TenantFixture) => ({ ...org(f), conversationId: work(f).conversationId, expectedVersion: 0 });
const conv = (f: TenantFixture) => ({ ...org(f), conversationId: work(f).conversationId });
/** A's request naming B's conversation. */
const foreignTarget = (o: TenantFixture, f: TenantFixture) => ({
  ...target(o),
  conversationId: work(f).conversationId,
});

/** Samples of the `conversations.*` procedures for the policy, cross-tenant and audit suites. */
export const CONVERSATIONS_SAMPLES: SamplesOf<'conversations'> = {
  'conversations.get': {
    kind: 'query',
    setup,
    valid: conv,
    foreignIds: (o, f) => [{ ...conv(o), conversationId: work(f).conversationId }],
  },
  'conversations.changeStatus': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...target(o), status: 'open' }),
    foreignIds: (o, f) => [{ ...foreignTarget(o, f), status: 'open' }],
  },
  'conversations.assign': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...target(o), assigneeUserId: o.users.agent.userId }),
    foreignIds: (o, f) => [
      { ...foreignTarget(o, f), assigneeUserId: o.users.agent.userId },
      { ...target(o), assigneeUserId: f.users.agent.userId },
    ],
  },
  'conversations.claim': {
    kind: 'mutation',
    setup,
    valid: target,
    foreignIds: (o, f) => [foreignTarget(o, f)],
  },
  'conversations.setTeam': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...target(o), teamId: work(o).teamId }),
    foreignIds: (o, f) => [
      { ...foreignTarget(o, f), teamId: work(o).teamId },
      { ...target(o), teamId: work(f).teamId },
    ],
  },
  'conversations.setPriority': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...target(o), priority: 'urgent' }),
    foreignIds: (o, f) => [{ ...foreignTarget(o, f), priority: 'urgent' }],
  },
  'conversations.changeTags': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...target(o), add: [work(o).tagId] }),
    foreignIds: (o, f) => [
      { ...foreignTarget(o, f), add: [work(o).tagId] },
      { ...target(o), add: [work(f).tagId] },
      { ...target(o), add: [work(o).tagId, work(f).tagId] },
      { ...target(o), remove: [work(f).tagId] },
    ],
  },
  'conversations.addNote': {
    kind: 'mutation',
    setup,
    valid: (o) => ({
      ...conv(o),
      text: 'Refund approved, @agent please reply',
      mentionedUserIds: [o.users.agent.userId],
    }),
    foreignIds: (o, f) => [
      { ...conv(o), conversationId: work(f).conversationId, text: 'Note' },
      { ...conv(o), text: 'Note', mentionedUserIds: [f.users.agent.userId] },
      { ...conv(o), text: 'Note', mentionedUserIds: [o.users.agent.userId, f.users.agent.userId] },
    ],
  },
  'conversations.addCustomerNote': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...org(o), customerId: work(o).customerId, text: 'Prefers French' }),
    foreignIds: (o, f) => [{ ...org(o), customerId: work(f).customerId, text: 'Prefers French' }],
  },
  'conversations.getNext': {
    kind: 'mutation',
    setup,
    valid: org,
    foreignIds: (o, f) => [{ ...org(o), brandId: f.brandIds[0] }],
  },
  'conversations.bulk': {
    kind: 'mutation',
    setup,
    valid: (o) => ({
      ...org(o),
      items: [{ conversationId: work(o).conversationId, expectedVersion: 0 }],
      action: { kind: 'priority', priority: 'high' },
    }),
    foreignIds: (o, f) => {
      const own = { conversationId: work(o).conversationId, expectedVersion: 0 };
      const theirs = { conversationId: work(f).conversationId, expectedVersion: 0 };
      return [
        { ...org(o), items: [theirs], action: { kind: 'priority', priority: 'high' } },
        { ...org(o), items: [own, theirs], action: { kind: 'priority', priority: 'high' } },
        { ...org(o), items: [own], action: { kind: 'assign', assigneeUserId: f.users.agent.userId } },
        { ...org(o), items: [own], action: { kind: 'add_tag', tagId: work(f).tagId } },
        { ...org(o), items: [own], action: { kind: 'remove_tag', tagId: work(f).tagId } },
      ];
    },
  },
  // A heartbeat writes nothing to the database (memory and the live bus only), so it has no audit row: S12 lists
  // it as its one exemption (NOT_AUDITED) and checks that it writes nothing. See docs/conversations.md.
  'conversations.presence': {
    kind: 'mutation',
    setup,
    valid: (o) => ({ ...conv(o), typing: false }),
    foreignIds: (o, f) => [{ ...conv(o), conversationId: work(f).conversationId, typing: true }],
  },
  'conversations.presenceOf': {
    kind: 'query',
    setup,
    valid: (o) => ({ ...org(o), conversationIds: [work(o).conversationId] }),
    foreignIds: (o, f) => [
      { ...org(o), conversationIds: [work(f).conversationId] },
      { ...org(o), conversationIds: [work(o).conversationId, work(f).conversationId] },
    ],
  },
};
