import { createDeadJob } from '../src/features/jobs/dead-job.testing.ts';
import { createRulesFixture } from '../src/features/rules/rules.testing.ts';
import type { Caller, TenantFixture } from './harness.ts';
import { AGENTS_SAMPLES } from './samples/agents.samples.ts';
import { AUTOMATION_SAMPLES } from './samples/automation.samples.ts';
import { CONVERSATIONS_SAMPLES } from './samples/conversations.samples.ts';
import { INBOX_SAMPLES } from './samples/inbox.samples.ts';
import { NOTIFICATIONS_SAMPLES } from './samples/notifications.samples.ts';
import { SAVED_VIEWS_SAMPLES } from './samples/saved-views.samples.ts';
import { ROUTING_SAMPLES } from './samples/routing.samples.ts';
import { brandOf, org, type OrgPath, type Sample } from './samples/sample.ts';
import { MACROS_SAMPLES } from './samples/macros.samples.ts';
import { REPLIES_SAMPLES } from './samples/replies.samples.ts';
import { CANNED_REPLIES_SAMPLES } from './samples/canned-replies.samples.ts';
import { TAGS_SAMPLES } from './samples/tags.samples.ts';
import { TEAMS_SAMPLES } from './samples/teams.samples.ts';
import { SLA_SAMPLES } from './samples/sla.samples.ts';
import { DASHBOARDS_SAMPLES } from './samples/dashboards.samples.ts';
import { REPORTS_SAMPLES } from './samples/reports.samples.ts';
import { BILLING_SAMPLES } from './samples/billing.samples.ts';
import { QUOTA_SAMPLES } from './samples/quota.samples.ts';
import { SECOND_FACTOR_SAMPLES } from './samples/second-factor.samples.ts';

export type { OrgPath, Sample } from './samples/sample.ts';

/** A real dead job per tenant (made by pg-boss: see createDeadJob), for the jobs.* samples. */
const deadJobs = new Map<string, string>();
const deadJobSetup: Sample['setup'] = async ({ db, queue }, own) => {
  const data = { organizationId: own.organizationId, inboundEventIds: [] };
  deadJobs.set(own.organizationId, await createDeadJob(db, queue, 'ingest.process', data));
};
function deadJobOf(f: TenantFixture): string {
  const id = deadJobs.get(f.organizationId);
  if (!id) throw new Error('no dead job for this tenant: await the sample setup first');
  return id;
}

/** A keyword rule, a VIP handle and a team per tenant (created once), for the rules.* samples. */
const rulesFixtures = new Map<string, Awaited<ReturnType<typeof createRulesFixture>>>();
const rulesSetup: Sample['setup'] = async ({ db }, own) => {
  if (rulesFixtures.has(own.organizationId)) return;
  const brandId = own.brandIds[0]!;
  const fixture = await createRulesFixture(db, { ...org(own), brandId, userId: own.users.manager.userId });
  rulesFixtures.set(own.organizationId, fixture);
};
function rulesOf(f: TenantFixture) {
  const fixture = rulesFixtures.get(f.organizationId);
  if (!fixture) throw new Error('no rules fixture for this tenant: await the sample setup first');
  return fixture;
}

/**
 * Every organization procedure with a valid input and its foreign-id variants. The policy, cross-tenant and
 * audit suites walk this table; a meta-test fails when a procedure of the policy matrix is missing here.
 */
export const ORG_SAMPLES: Record<OrgPath, Sample> = {
  'organizations.get': { kind: 'query', valid: org },
  ...SECOND_FACTOR_SAMPLES,
  'live.events': {
    kind: 'subscription',
    valid: brandOf,
    foreignIds: (own, foreign) => [{ ...org(own), brandId: foreign.brandIds[0] }],
  },
  'members.list': { kind: 'query', valid: org },
  'members.invite': {
    kind: 'mutation',
    valid: (o) => ({ ...org(o), email: 'newcomer@example.test', role: 'agent', brandIds: [o.brandIds[0]] }),
    foreignIds: (o, f) => [
      { ...org(o), email: 'x1@example.test', role: 'agent', brandIds: [f.brandIds[0]] },
      { ...org(o), email: 'x2@example.test', role: 'agent', brandIds: [o.brandIds[0], f.brandIds[1]] },
    ],
  },
  'members.changeRole': {
    kind: 'mutation',
    valid: (o) => ({ ...org(o), membershipId: o.users.agent.membershipId, role: 'manager' }),
    foreignIds: (o, f) => [
      { ...org(o), membershipId: f.users.agent.membershipId, role: 'manager' },
      { ...org(o), membershipId: o.users.agent.membershipId, role: 'agent', brandIds: [o.brandIds[0], f.brandIds[0]] },
    ],
  },
  'members.remove': {
    kind: 'mutation',
    valid: (o) => ({ ...org(o), membershipId: o.users.agent.membershipId }),
    foreignIds: (o, f) => [{ ...org(o), membershipId: f.users.owner.membershipId }],
  },
  'invitations.list': { kind: 'query', valid: org },
  'invitations.revoke': {
    kind: 'mutation',
    valid: (o) => ({ ...org(o), invitationId: o.invitationId }),
    foreignIds: (o, f) => [{ ...org(o), invitationId: f.invitationId }],
  },
  'brands.list': { kind: 'query', valid: org },
  'brands.create': {
    kind: 'mutation',
    valid: (o) => ({ ...org(o), name: 'Brand from the suite', timeZone: 'Europe/Paris' }),
  },
  'brands.update': {
    kind: 'mutation',
    valid: (o) => ({ ...org(o), brandId: o.brandIds[0], name: 'Renamed by the suite' }),
    foreignIds: (o, f) => [{ ...org(o), brandId: f.brandIds[0], name: 'Hijacked' }],
  },
  'audit.list': { kind: 'query', valid: (o) => ({ ...org(o), limit: 10 }) },
  'channels.list': { kind: 'query', valid: org },
  'channels.createX': {
    kind: 'mutation',
    valid: (o) => ({
      ...org(o),
      brandId: o.brandIds[0],
      name: 'X',
      xUserId: '1234567890',
      consumerSecret: 'consumer-secret-0123',
    }),
    foreignIds: (o, f) => [
      { ...org(o), brandId: f.brandIds[0], name: 'X', xUserId: '1', consumerSecret: 'consumer-secret-0123' },
    ],
  },
  'channels.createWebhook': {
    kind: 'mutation',
    valid: (o) => ({ ...org(o), brandId: o.brandIds[0], name: 'Reviews' }),
    foreignIds: (o, f) => [{ ...org(o), brandId: f.brandIds[0], name: 'Reviews' }],
  },
  'channels.rotateWebhookSecret': {
    kind: 'mutation',
    valid: (o) => ({ ...org(o), channelId: o.webhookChannelId }),
    foreignIds: (o, f) => [{ ...org(o), channelId: f.webhookChannelId }],
  },
  'channels.configurePolling': {
    kind: 'mutation',
    valid: (o) => ({ ...org(o), channelId: o.xChannelId, enabled: true, intervalSeconds: 120 }),
    foreignIds: (o, f) => [{ ...org(o), channelId: f.xChannelId, enabled: true, intervalSeconds: 120 }],
  },
  'channels.configureReplyWebhook': {
    kind: 'mutation',
    valid: (o) => ({ ...org(o), channelId: o.webhookChannelId, url: 'https://replies.example.com/perch' }),
    foreignIds: (o, f) => [{ ...org(o), channelId: f.webhookChannelId, url: 'https://replies.example.com/perch' }],
  },
  'channels.dismissGapWarning': {
    kind: 'mutation',
    valid: (o) => ({ ...org(o), channelId: o.xChannelId }),
    foreignIds: (o, f) => [{ ...org(o), channelId: f.xChannelId }],
  },
  'rules.listKeywordRules': {
    kind: 'query',
    valid: brandOf,
    foreignIds: (o, f) => [{ ...org(o), brandId: f.brandIds[0] }],
  },
  'rules.createKeywordRule': {
    kind: 'mutation',
    setup: rulesSetup,
    valid: (o) => ({
      ...brandOf(o),
      phrase: 'lost bag',
      tagName: 'baggage',
      priority: 'high',
      teamId: rulesOf(o).teamId,
    }),
    foreignIds: (o, f) => [
      { ...org(o), brandId: f.brandIds[0], phrase: 'lost bag', priority: 'high' },
      { ...brandOf(o), phrase: 'lost bag', teamId: rulesOf(f).teamId },
    ],
  },
  'rules.updateKeywordRule': {
    kind: 'mutation',
    setup: rulesSetup,
    valid: (o) => ({ ...org(o), ruleId: rulesOf(o).ruleId, priority: 'high', tagName: 'annulations' }),
    foreignIds: (o, f) => [
      { ...org(o), ruleId: rulesOf(f).ruleId, enabled: false },
      { ...org(o), ruleId: rulesOf(o).ruleId, teamId: rulesOf(f).teamId },
    ],
  },
  'rules.deleteKeywordRule': {
    kind: 'mutation',
    setup: rulesSetup,
    valid: (o) => ({ ...org(o), ruleId: rulesOf(o).ruleId }),
    foreignIds: (o, f) => [{ ...org(o), ruleId: rulesOf(f).ruleId }],
  },
  'rules.reorderKeywordRules': {
    kind: 'mutation',
    setup: rulesSetup,
    valid: (o) => ({ ...brandOf(o), ruleIds: [rulesOf(o).ruleId] }),
    foreignIds: (o, f) => [
      { ...org(o), brandId: f.brandIds[0], ruleIds: [rulesOf(f).ruleId] },
      { ...brandOf(o), ruleIds: [rulesOf(f).ruleId] },
      { ...brandOf(o), ruleIds: [rulesOf(o).ruleId, rulesOf(f).ruleId] },
    ],
  },
  'rules.listVips': {
    kind: 'query',
    valid: brandOf,
    foreignIds: (o, f) => [{ ...org(o), brandId: f.brandIds[0] }],
  },
  'rules.addVip': {
    kind: 'mutation',
    valid: (o) => ({ ...brandOf(o), network: 'x', username: '@FrequentFlyer', note: 'Gold member' }),
    foreignIds: (o, f) => [{ ...org(o), brandId: f.brandIds[0], network: 'x', username: 'frequentflyer' }],
  },
  'rules.removeVip': {
    kind: 'mutation',
    setup: rulesSetup,
    valid: (o) => ({ ...org(o), vipId: rulesOf(o).vipId }),
    foreignIds: (o, f) => [{ ...org(o), vipId: rulesOf(f).vipId }],
  },
  'jobs.listDead': { kind: 'query', valid: (o) => ({ ...org(o), limit: 10 }) },
  'jobs.countDead': { kind: 'query', valid: org },
  'jobs.retryDead': {
    kind: 'mutation',
    setup: deadJobSetup,
    valid: (o) => ({ ...org(o), jobId: deadJobOf(o) }),
    foreignIds: (o, f) => [{ ...org(o), jobId: deadJobOf(f) }],
  },
  'jobs.discardDead': {
    kind: 'mutation',
    setup: deadJobSetup,
    valid: (o) => ({ ...org(o), jobId: deadJobOf(o) }),
    foreignIds: (o, f) => [{ ...org(o), jobId: deadJobOf(f) }],
  },
  ...INBOX_SAMPLES,
  ...CONVERSATIONS_SAMPLES,
  ...NOTIFICATIONS_SAMPLES,
  ...TAGS_SAMPLES,
  ...MACROS_SAMPLES,
  ...TEAMS_SAMPLES,
  ...SAVED_VIEWS_SAMPLES,
  ...AGENTS_SAMPLES,
  ...ROUTING_SAMPLES,
  ...AUTOMATION_SAMPLES,
  ...REPLIES_SAMPLES,
  ...CANNED_REPLIES_SAMPLES,
  ...SLA_SAMPLES,
  ...DASHBOARDS_SAMPLES,
  ...REPORTS_SAMPLES,
  ...BILLING_SAMPLES,
  ...QUOTA_SAMPLES,
};

/** Calls `path` on a tRPC caller. */
export function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const fn = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (i: unknown) => Promise<unknown>)(input);
}

/** The tRPC code of a failed call, or 'OK'. */
export async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return (error as { code?: string }).code ?? 'THROWN';
  }
}
