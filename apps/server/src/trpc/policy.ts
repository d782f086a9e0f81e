import { AUTOMATION_POLICY } from '../features/automation/automation.policy.ts';
import { MACROS_POLICY } from '../features/macros/macros.policy.ts';
import { REPLIES_POLICY } from '../features/replies/replies.policy.ts';
import { CANNED_REPLIES_POLICY } from '../features/canned-replies/canned-replies.policy.ts';
import { AGENTS_POLICY } from '../features/agents/agents.policy.ts';
import { CONVERSATIONS_POLICY } from '../features/conversations/conversations.policy.ts';
import { INBOX_POLICY } from '../features/inbox/inbox.policy.ts';
import { NOTIFICATIONS_POLICY } from '../features/notifications/notifications.policy.ts';
import { ROUTING_POLICY } from '../features/routing/routing.policy.ts';
import { SAVED_VIEWS_POLICY } from '../features/saved-views/saved-views.policy.ts';
import { TAGS_POLICY } from '../features/tags/tags.policy.ts';
import { TEAMS_POLICY } from '../features/teams/teams.policy.ts';
import { SLA_POLICY } from '../features/sla/sla.policy.ts';
import { DASHBOARDS_POLICY } from '../features/dashboards/dashboards.policy.ts';
import { REPORTS_POLICY } from '../features/reports/reports.policy.ts';
import { BILLING_POLICY, OPERATOR_POLICY } from '../features/billing/billing.policy.ts';
import { QUOTA_POLICY } from '../features/billing/quota.policy.ts';
import { ADMINS, ALL, type Access } from './policy-types.ts';

export type { Access } from './policy-types.ts';

/**
 * The policy matrix (S1): every tRPC procedure, by path, with who may call it. The organization middleware
 * reads the roles from here, so this table is not documentation beside the code but the check itself.
 * A procedure missing from it is refused (fail closed), and a meta-test fails.
 *
 * - 'public': anyone (sign-in, invitation acceptance).
 * - 'authenticated': any signed-in user, about their own account.
 * - 'operator': Perch's own staff (platform operator flag).
 * - a list of roles: members of the organization named by `organizationId` holding one of these roles.
 */

export const POLICY = {
  'auth.me': 'public',
  'auth.signIn': 'public',
  'auth.signOut': 'authenticated',
  'auth.changePassword': 'authenticated',
  'auth.updateProfile': 'authenticated',
  'sessions.list': 'authenticated',
  'sessions.revoke': 'authenticated',
  // Second factor (S15): any user, on their own account; the sign-in's second step is public.
  'auth.verifySecondFactor': 'public',
  'totp.status': 'authenticated',
  'totp.begin': 'authenticated',
  'totp.confirm': 'authenticated',
  'totp.disable': 'authenticated',
  'totp.regenerateRecoveryCodes': 'authenticated',

  'invitations.preview': 'public',
  'invitations.accept': 'public',
  'invitations.list': ADMINS,
  'invitations.revoke': ADMINS,

  'organizations.get': ALL,
  'organizations.secondFactor': ['owner'],
  'organizations.setRequireTotp': ['owner'],

  'members.list': ALL,
  'members.invite': ADMINS,
  'members.changeRole': ADMINS,
  'members.remove': ADMINS,

  'brands.list': ALL,
  'brands.create': ADMINS,
  'brands.update': ADMINS,

  'channels.list': ['owner', 'admin', 'manager'],
  'channels.createX': ADMINS,
  'channels.createWebhook': ADMINS,
  'channels.rotateWebhookSecret': ADMINS,
  'channels.configurePolling': ADMINS,
  'channels.configureReplyWebhook': ADMINS,
  'channels.dismissGapWarning': ADMINS,

  'audit.list': ADMINS,

  'live.events': ALL,

  // Brand keyword rules and VIP lists: agents read them (why a conversation was prioritised or routed).
  'rules.listKeywordRules': ['owner', 'admin', 'manager', 'agent'],
  'rules.createKeywordRule': ['owner', 'admin', 'manager'],
  'rules.updateKeywordRule': ['owner', 'admin', 'manager'],
  'rules.deleteKeywordRule': ['owner', 'admin', 'manager'],
  'rules.reorderKeywordRules': ['owner', 'admin', 'manager'],
  'rules.listVips': ['owner', 'admin', 'manager', 'agent'],
  'rules.addVip': ['owner', 'admin', 'manager'],
  'rules.removeVip': ['owner', 'admin', 'manager'],

  // Failed jobs: managers see them (they watch channel health); only owners and admins act on them.
  'jobs.listDead': ['owner', 'admin', 'manager'],
  'jobs.countDead': ['owner', 'admin', 'manager'],
  'jobs.retryDead': ADMINS,
  'jobs.discardDead': ADMINS,

  // The agent's workspace (issue #4): each feature lists its procedures beside its router.
  ...INBOX_POLICY,
  ...CONVERSATIONS_POLICY,
  ...NOTIFICATIONS_POLICY,
  ...TAGS_POLICY,
  ...AUTOMATION_POLICY,
  ...MACROS_POLICY,
  ...REPLIES_POLICY,
  ...CANNED_REPLIES_POLICY,
  ...TEAMS_POLICY,
  ...SAVED_VIEWS_POLICY,
  ...AGENTS_POLICY,
  ...ROUTING_POLICY,
  // Measure (issue #6): SLA policies, dashboards, scheduled reports.
  ...SLA_POLICY,
  ...DASHBOARDS_POLICY,
  ...REPORTS_POLICY,
  // Pay (issue #7): plans and subscriptions per brand.
  ...BILLING_POLICY,
  ...QUOTA_POLICY,
  ...OPERATOR_POLICY,
} as const satisfies Record<string, Access>;

export type ProcedurePath = keyof typeof POLICY;

export function accessFor(path: string): Access | undefined {
  return (POLICY as Record<string, Access>)[path];
}
