import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { Loading } from '@/components/loading.tsx';
import { PageStrings } from '@/lib/page-strings.tsx';
import { AccountLayout } from './routes/account-layout.tsx';
import { HomeRoute } from './routes/home.tsx';
import { LoginRoute } from './routes/login.tsx';
import { NotFound } from './routes/not-found.tsx';
import { OrganizationLayout, RequirePage, SettingsIndex } from './routes/org-layout.tsx';
import { OverviewRoute } from './routes/overview.tsx';
import { FullPage, RequireAuth } from './shell/require-auth.tsx';

// Loaded on first visit, so the first load stays small.
const InviteRoute = lazy(() => import('./routes/invite.tsx'));
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
const ProfileRoute = lazy(() => import('./routes/profile.tsx'));
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
// The platform operator's console: its own chunk, never part of an agent's first load (P8).
const OperatorRoute = lazy(() => import('./routes/operator.tsx'));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginRoute />} />
      <Route
        path="/invite/:token"
        element={
          <Suspense
            fallback={
              <FullPage>
                <Loading />
              </FullPage>
            }
          >
            <PageStrings>
              <InviteRoute />
            </PageStrings>
          </Suspense>
        }
      />
      <Route element={<RequireAuth />}>
        <Route index element={<HomeRoute />} />
        <Route element={<AccountLayout />}>
          <Route
            path="/profile"
            element={
              <PageStrings>
                <ProfileRoute />
              </PageStrings>
            }
          />
          <Route
            path="/operator"
            element={
              <PageStrings>
                <OperatorRoute />
              </PageStrings>
            }
          />
        </Route>
        <Route path="/o/:organizationId" element={<OrganizationLayout />}>
          <Route
            index
            element={
              <PageStrings>
                <OverviewRoute />
              </PageStrings>
            }
          />
          <Route path="inbox" element={<RequirePage page="inbox" />}>
            <Route index element={<Navigate to="all_open" replace />} />
            <Route
              path="over-quota"
              element={
                <PageStrings>
                  <OverQuotaRoute />
                </PageStrings>
              }
            />
            <Route path=":view" element={<InboxRoute />} />
            <Route path=":view/c/:conversationId" element={<InboxRoute />} />
          </Route>
          <Route path="dashboards" element={<RequirePage page="dashboards" />}>
            <Route index element={<DashboardsRoute />} />
          </Route>
          <Route path="wallboard" element={<RequirePage page="wallboard" />}>
            <Route index element={<WallboardRoute />} />
          </Route>
          <Route path="settings" element={<SettingsIndex />} />
          <Route path="settings/sla" element={<RequirePage page="sla" />}>
            <Route index element={<SlaRoute />} />
          </Route>
          <Route path="settings/reports" element={<RequirePage page="reports" />}>
            <Route index element={<ReportsRoute />} />
          </Route>
          <Route path="settings/members" element={<RequirePage page="members" />}>
            <Route index element={<MembersRoute />} />
          </Route>
          <Route path="settings/brands" element={<RequirePage page="brands" />}>
            <Route index element={<BrandsRoute />} />
          </Route>
          <Route path="settings/channels" element={<RequirePage page="channels" />}>
            <Route index element={<ChannelsRoute />} />
          </Route>
          <Route path="settings/rules" element={<RequirePage page="rules" />}>
            <Route index element={<RulesRoute />} />
          </Route>
          <Route path="settings/automation" element={<RequirePage page="automation" />}>
            <Route index element={<AutomationRoute />} />
          </Route>
          <Route path="settings/macros" element={<RequirePage page="macros" />}>
            <Route index element={<MacrosRoute />} />
          </Route>
          <Route path="settings/canned-replies" element={<RequirePage page="cannedReplies" />}>
            <Route index element={<CannedRepliesRoute />} />
          </Route>
          <Route path="approvals" element={<RequirePage page="approvals" />}>
            <Route index element={<ApprovalsRoute />} />
          </Route>
          <Route path="settings/tags" element={<RequirePage page="tags" />}>
            <Route index element={<TagsRoute />} />
          </Route>
          <Route path="settings/teams" element={<RequirePage page="teams" />}>
            <Route index element={<TeamsRoute />} />
          </Route>
          <Route path="settings/jobs" element={<RequirePage page="jobs" />}>
            <Route index element={<JobsRoute />} />
          </Route>
          <Route path="settings/imports" element={<RequirePage page="imports" />}>
            <Route index element={<ImportsRoute />} />
          </Route>
          <Route path="billing" element={<RequirePage page="billing" />}>
            <Route index element={<BillingRoute />} />
            <Route path="invoices/:invoiceId" element={<InvoiceRoute />} />
          </Route>
          <Route path="audit" element={<RequirePage page="audit" />}>
            <Route index element={<AuditRoute />} />
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function NotFoundPage() {
  return (
    <FullPage>
      <NotFound />
    </FullPage>
  );
}
