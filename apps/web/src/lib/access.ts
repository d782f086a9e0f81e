import type { Role } from '@perch/shared';

/**
 * What each role can open in the web app. The server decides (the policy matrix in apps/server/src/trpc/policy.ts);
 * this only keeps the navigation to pages the role can use. Same lists as ADMIN_ROLES / ROLES in @perch/shared
 * (a test keeps them equal; importing them here would pull zod into the first load).
 */
export const ROLE_LIST = ['owner', 'admin', 'manager', 'agent', 'billing_admin'] as const satisfies readonly Role[];
export const ADMINISTRATORS = ['owner', 'admin'] as const satisfies readonly Role[];

export type OrgPage =
  | 'overview'
  | 'inbox'
  | 'members'
  | 'brands'
  | 'channels'
  | 'rules'
  | 'automation'
  | 'macros'
  | 'cannedReplies'
  | 'approvals'
  | 'tags'
  | 'teams'
  | 'jobs'
  | 'imports'
  | 'audit'
  | 'dashboards'
  | 'wallboard'
  | 'sla'
  | 'reports'
  | 'billing';

/** The roles that work conversations (WORKING_ROLES in @perch/shared). */
export const WORKING = ['owner', 'admin', 'manager', 'agent'] as const satisfies readonly Role[];

const PAGE_ROLES: Record<OrgPage, readonly Role[]> = {
  overview: ROLE_LIST,
  /** The agent's workspace: every role that works conversations (billing admins do not). */
  inbox: WORKING,
  members: ADMINISTRATORS,
  brands: ADMINISTRATORS,
  channels: ['owner', 'admin', 'manager'],
  rules: ['owner', 'admin', 'manager'],
  /** Managers set up automation rules and macros; agents apply macros from the conversation, not from here. */
  automation: ['owner', 'admin', 'manager'],
  macros: ['owner', 'admin', 'manager'],
  /** Managers write the canned replies; agents insert them from the composer (`/`). */
  cannedReplies: ['owner', 'admin', 'manager'],
  /** Replies waiting for a manager's approval. */
  approvals: ['owner', 'admin', 'manager'],
  /** Managers manage brand tags and teams; agents only use them. */
  tags: ['owner', 'admin', 'manager'],
  teams: ['owner', 'admin', 'manager'],
  /** Failed jobs: managers look, owners and admins retry or discard. */
  jobs: ['owner', 'admin', 'manager'],
  /** Same roles as the upload route's HTTP_ROUTE_POLICY (apps/server/src/features/ingest/import.routes.ts). */
  imports: ['owner', 'admin', 'manager'],
  audit: ADMINISTRATORS,
  /** Managers see everyone's figures; an agent sees their own (the server filters). */
  dashboards: WORKING,
  wallboard: ['owner', 'admin', 'manager'],
  sla: ['owner', 'admin', 'manager'],
  reports: ['owner', 'admin', 'manager'],
  /** Plans and subscriptions: owners and billing admins (BILLING_ROLES in @perch/shared). */
  billing: ['owner', 'billing_admin'],
};

export function canOpen(role: Role, page: OrgPage): boolean {
  return PAGE_ROLES[page].includes(role);
}

/** Owners and admins change settings (e.g. connect channels); other roles may only look. */
export function isAdministrator(role: Role): boolean {
  return (ADMINISTRATORS as readonly Role[]).includes(role);
}

/** Roles a member may grant: only an owner grants (or changes) the owner role. */
export function grantableRoles(myRole: Role): readonly Role[] {
  return myRole === 'owner' ? ROLE_LIST : ROLE_LIST.filter((r) => r !== 'owner');
}
