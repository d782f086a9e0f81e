import type { ProcedurePath } from '../src/trpc/policy.ts';
import type { Caller, TenantFixture } from './harness.ts';

/** Organization procedures: those whose policy is a list of roles. */
export type OrgPath = Exclude<
  ProcedurePath,
  `auth.${string}` | `sessions.${string}` | 'invitations.preview' | 'invitations.accept'
>;

interface Sample {
  kind: 'query' | 'mutation';
  /** An input that succeeds for an allowed role of `own`. */
  valid: (own: TenantFixture) => Record<string, unknown>;
  /** Inputs naming `own`'s organization but carrying `foreign` ids (primary, nested, mixed arrays). */
  foreignIds?: (own: TenantFixture, foreign: TenantFixture) => Record<string, unknown>[];
}

const org = (f: TenantFixture) => ({ organizationId: f.organizationId });

/**
 * Every organization procedure with a valid input and its foreign-id variants. The policy, cross-tenant and
 * audit suites walk this table; a meta-test fails when a procedure of the policy matrix is missing here.
 */
export const ORG_SAMPLES: Record<OrgPath, Sample> = {
  'organizations.get': { kind: 'query', valid: org },
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
