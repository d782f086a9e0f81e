import { auditRouter } from './features/audit/audit.router.ts';
import { authRouter, sessionsRouter } from './features/auth/auth.router.ts';
import { brandsRouter } from './features/brands/brands.router.ts';
import { channelsRouter } from './features/channels/channels.router.ts';
import { invitationsRouter } from './features/invitations/invitations.router.ts';
import { jobsRouter } from './features/jobs/jobs.router.ts';
import { membersRouter } from './features/members/members.router.ts';
import { organizationsRouter } from './features/organizations/organizations.router.ts';
import { rulesRouter } from './features/rules/rules.router.ts';
import { liveRouter } from './live/live.router.ts';
import { agentsRouter } from './features/agents/agents.router.ts';
import { conversationsRouter } from './features/conversations/conversations.router.ts';
import { inboxRouter } from './features/inbox/inbox.router.ts';
import { notificationsRouter } from './features/notifications/notifications.router.ts';
import { savedViewsRouter } from './features/saved-views/saved-views.router.ts';
import { tagsRouter } from './features/tags/tags.router.ts';
import { teamsRouter } from './features/teams/teams.router.ts';
import { routingRouter } from './features/routing/routing.router.ts';
import { automationRouter } from './features/automation/automation.router.ts';
import { macrosRouter } from './features/macros/macros.router.ts';
import { repliesRouter } from './features/replies/replies.router.ts';
import { cannedRepliesRouter } from './features/canned-replies/canned-replies.router.ts';
import { slaRouter } from './features/sla/sla.router.ts';
import { billingRouter } from './features/billing/billing.router.ts';
import { operatorRouter } from './features/billing/operator.router.ts';
import { quotaRouter } from './features/billing/quota.router.ts';
import { dashboardsRouter } from './features/dashboards/dashboards.router.ts';
import { reportsRouter } from './features/reports/reports.router.ts';
import { totpRouter } from './features/second-factor/second-factor.router.ts';
import { router } from './trpc/init.ts';

export const appRouter = router({
  auth: authRouter,
  sessions: sessionsRouter,
  totp: totpRouter,
  invitations: invitationsRouter,
  organizations: organizationsRouter,
  members: membersRouter,
  brands: brandsRouter,
  channels: channelsRouter,
  audit: auditRouter,
  live: liveRouter,
  rules: rulesRouter,
  jobs: jobsRouter,
  inbox: inboxRouter,
  conversations: conversationsRouter,
  notifications: notificationsRouter,
  tags: tagsRouter,
  teams: teamsRouter,
  savedViews: savedViewsRouter,
  agents: agentsRouter,
  routing: routingRouter,
  automation: automationRouter,
  macros: macrosRouter,
  replies: repliesRouter,
  cannedReplies: cannedRepliesRouter,
  sla: slaRouter,
  billing: billingRouter,
  quota: quotaRouter,
  operator: operatorRouter,
  dashboards: dashboardsRouter,
  reports: reportsRouter,
});

export type AppRouter = typeof appRouter;
