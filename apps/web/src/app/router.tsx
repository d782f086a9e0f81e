import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { Loading } from '@/components/loading.tsx';
import { PageStrings } from '@/lib/page-strings.tsx';
import { OrganizationRoutes } from './organization-routes.tsx';
import { AccountLayout } from './routes/account-layout.tsx';
import { HomeRoute } from './routes/home.tsx';
import { LoginRoute } from './routes/login.tsx';
import { NotFound } from './routes/not-found.tsx';
import { OrganizationLayout } from './routes/org-layout.tsx';
import { FullPage, RequireAuth } from './shell/require-auth.tsx';

// Loaded on first visit, so the first load stays small.
const InviteRoute = lazy(() => import('./routes/invite.tsx'));
const ProfileRoute = lazy(() => import('./routes/profile.tsx'));
// The platform operator's console: its own chunk, never part of an agent's first load (P8).
const OperatorRoute = lazy(() => import('./routes/operator.tsx'));

/**
 * The app's pages. Full paths, first match wins; a layout is a wrapper of the page, the same element at the same
 * place for every page that has it, so it stays mounted between them (as a layout route's did).
 */
export function AppRoutes() {
  return (
    <Switch>
      <Route path="/login">
        <LoginRoute />
      </Route>
      <Route path="/invite/:token">
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
      </Route>
      <Route path="/">
        <RequireAuth>
          <HomeRoute />
        </RequireAuth>
      </Route>
      <Route path="/profile">
        <RequireAuth>
          <AccountLayout>
            <PageStrings>
              <ProfileRoute />
            </PageStrings>
          </AccountLayout>
        </RequireAuth>
      </Route>
      <Route path="/operator">
        <RequireAuth>
          <AccountLayout>
            <PageStrings>
              <OperatorRoute />
            </PageStrings>
          </AccountLayout>
        </RequireAuth>
      </Route>
      <Route path="/o/:organizationId/*?">
        <RequireAuth>
          <OrganizationLayout>
            <OrganizationRoutes />
          </OrganizationLayout>
        </RequireAuth>
      </Route>
      <Route>
        <FullPage>
          <NotFound />
        </FullPage>
      </Route>
    </Switch>
  );
}
