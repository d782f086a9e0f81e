import { lazy } from 'react';
import { Redirect, Route, Switch } from 'wouter';
import { useOrganizationId } from '@/lib/organization.ts';
import { PageStrings } from '@/lib/page-strings.tsx';
import { NotFound } from './routes/not-found.tsx';
import { RequirePage, SettingsIndex } from './routes/org-layout.tsx';
import { OverviewRoute } from './routes/overview.tsx';

// Loaded on first visit, so the first load stays small.
const MembersRoute = lazy(() => import('./routes/members.tsx'));
const BrandsRoute = lazy(() => import('./routes/brands.tsx'));
const ChannelsRoute = lazy(() => import('./routes/channels.tsx'));
const RulesRoute = lazy(() => import('./routes/rules.tsx'));
const AutomationRoute = lazy(() => import('./routes/automation.tsx'));
const MacrosRoute = lazy(() => import('./routes/macros.tsx'));
const CannedRepliesRoute = lazy(() => import('./routes/canned-replies.tsx'));
const ApprovalsRoute = lazy(() => import('./routes/approvals.tsx'));
const JobsRoute = lazy(() => import('./routes/jobs.tsx'));
const ImportsRoute = lazy(() => import('./routes/imports.tsx'));
const AuditRoute = lazy(() => import('./routes/audit.tsx'));
const InboxRoute = lazy(() => import('./routes/inbox.tsx'));
const OverQuotaRoute = lazy(() => import('./routes/over-quota.tsx'));
const TagsRoute = lazy(() => import('./routes/tags.tsx'));
const TeamsRoute = lazy(() => import('./routes/teams.tsx'));
const DashboardsRoute = lazy(() => import('./routes/dashboards.tsx'));
const WallboardRoute = lazy(() => import('./routes/wallboard.tsx'));
const SlaRoute = lazy(() => import('./routes/sla.tsx'));
const ReportsRoute = lazy(() => import('./routes/reports.tsx'));
const BillingRoute = lazy(() => import('./routes/billing.tsx'));
const InvoiceRoute = lazy(() => import('./routes/invoice.tsx'));

const O = '/o/:organizationId';

/** The pages of `/o/:organizationId/…`, inside OrganizationLayout (full paths: no nested base). */
export function OrganizationRoutes() {
  return (
    <Switch>
      <Route path={O}>
        <PageStrings>
          <OverviewRoute />
        </PageStrings>
      </Route>
      <Route path={`${O}/inbox`}>
        <RequirePage page="inbox">
          <InboxIndex />
        </RequirePage>
      </Route>
      <Route path={`${O}/inbox/over-quota`}>
        <RequirePage page="inbox">
          <PageStrings>
            <OverQuotaRoute />
          </PageStrings>
        </RequirePage>
      </Route>
      {/* One shape for both: the inbox stays mounted when a conversation opens or closes. */}
      <Route path={`${O}/inbox/:view`}>
        <RequirePage page="inbox">
          <InboxRoute />
        </RequirePage>
      </Route>
      <Route path={`${O}/inbox/:view/c/:conversationId`}>
        <RequirePage page="inbox">
          <InboxRoute />
        </RequirePage>
      </Route>
      <Route path={`${O}/dashboards`}>
        <RequirePage page="dashboards">
          <DashboardsRoute />
        </RequirePage>
      </Route>
      <Route path={`${O}/wallboard`}>
        <RequirePage page="wallboard">
          <WallboardRoute />
        </RequirePage>
      </Route>
      <Route path={`${O}/settings`}>
        <SettingsIndex />
      </Route>
      <Route path={`${O}/settings/sla`}>
        <RequirePage page="sla">
          <SlaRoute />
        </RequirePage>
      </Route>
      <Route path={`${O}/settings/reports`}>
        <RequirePage page="reports">
          <ReportsRoute />
        </RequirePage>
      </Route>
      <Route path={`${O}/settings/members`}>
        <RequirePage page="members">
          <MembersRoute />
        </RequirePage>
      </Route>
      <Route path={`${O}/settings/brands`}>
        <RequirePage page="brands">
          <BrandsRoute />
        </RequirePage>
      </Route>
      <Route path={`${O}/settings/channels`}>
        <RequirePage page="channels">
          <ChannelsRoute />
        </RequirePage>
      </Route>
      <Route path={`${O}/settings/rules`}>
        <RequirePage page="rules">
          <RulesRoute />
        </RequirePage>
      </Route>
      <Route path={`${O}/settings/automation`}>
        <RequirePage page="automation">
          <AutomationRoute />
        </RequirePage>
      </Route>
      <Route path={`${O}/settings/macros`}>
        <RequirePage page="macros">
          <MacrosRoute />
        </RequirePage>
      </Route>
      <Route path={`${O}/settings/canned-replies`}>
        <RequirePage page="cannedReplies">
          <CannedRepliesRoute />
        </RequirePage>
      </Route>
      <Route path={`${O}/approvals`}>
        <RequirePage page="approvals">
          <ApprovalsRoute />
        </RequirePage>
      </Route>
      <Route path={`${O}/settings/tags`}>
        <RequirePage page="tags">
          <TagsRoute />
        </RequirePage>
      </Route>
      <Route path={`${O}/settings/teams`}>
        <RequirePage page="teams">
          <TeamsRoute />
        </RequirePage>
      </Route>
      <Route path={`${O}/settings/jobs`}>
        <RequirePage page="jobs">
          <JobsRoute />
        </RequirePage>
      </Route>
      <Route path={`${O}/settings/imports`}>
        <RequirePage page="imports">
          <ImportsRoute />
        </RequirePage>
      </Route>
      <Route path={`${O}/billing`}>
        <RequirePage page="billing">
          <BillingRoute />
        </RequirePage>
      </Route>
      <Route path={`${O}/billing/invoices/:invoiceId`}>
        <RequirePage page="billing">
          <InvoiceRoute />
        </RequirePage>
      </Route>
      <Route path={`${O}/audit`}>
        <RequirePage page="audit">
          <AuditRoute />
        </RequirePage>
      </Route>
      <Route>
        <NotFound />
      </Route>
    </Switch>
  );
}

/** `/o/:id/inbox`: the default view (its address replaces this one). */
function InboxIndex() {
  const organizationId = useOrganizationId();
  return <Redirect to={`/o/${organizationId}/inbox/all_open`} replace />;
}
