import { createContext, Suspense, use, useEffect, type ReactNode } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Redirect } from 'wouter';
import { Link } from '@/components/link.tsx';
import { ErrorMessage, TWO_STEP_SETUP_PATH } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { canOpen, type OrgPage } from '@/lib/access.ts';
import { LiveEventsProvider } from '@/lib/live-events.tsx';
import { PageStrings } from '@/lib/page-strings.tsx';
import { WorkspaceLiveRefresh } from '@/lib/workspace-live-refresh.tsx';
import { perchCodeOf } from '@/lib/errors.ts';
import { useOrganization, useOrganizationId } from '@/lib/organization.ts';
import { useMe } from '@/lib/session.ts';
import type { Organization } from '@/lib/trpc.ts';
import { AppShell } from '../shell/app-shell.tsx';
import { rememberOrganization } from '../shell/last-organization.ts';
import { NoAccess, NotFound } from './not-found.tsx';

/** Codes meaning "this organization is not yours" (or not an organization id at all): shown as Not found. */
const NOT_YOURS = new Set(['NOT_FOUND', 'FORBIDDEN', 'VALIDATION']);

const CurrentOrganization = createContext<Organization | null>(null);

/** `/o/:organizationId/*`: checks membership with the server, then renders the shell and the page. */
export function OrganizationLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const organization = useOrganization();
  const loaded = organization.data;

  useEffect(() => {
    if (loaded) rememberOrganization(loaded.id);
  }, [loaded]);

  if (!me) return null;
  if (organization.isPending) {
    return (
      <LiveEventsProvider organizationId={null}>
        <AppShell me={me} organization={null} inOrganization={false}>
          <Loading />
        </AppShell>
      </LiveEventsProvider>
    );
  }
  if (organization.isError) {
    const code = perchCodeOf(organization.error);
    return (
      <LiveEventsProvider organizationId={null}>
        <AppShell me={me} organization={null} inOrganization={false}>
          {code && NOT_YOURS.has(code) ? (
            <NotFound />
          ) : (
            <div className="stack">
              <ErrorMessage error={organization.error} />
              <button type="button" className="button" onClick={() => void organization.refetch()}>
                {t('common.retry')}
              </button>
            </div>
          )}
        </AppShell>
      </LiveEventsProvider>
    );
  }
  if (organization.data.mustSetUpSecondFactor) {
    // The organization requires two-step sign-in of this role (S15): every other request would be refused, so
    // none is made; the page says why and where to set it up.
    return (
      <LiveEventsProvider organizationId={null}>
        <AppShell me={me} organization={null} inOrganization={false}>
          <section className="card stack" aria-labelledby="second-factor-required">
            <h1 id="second-factor-required">{t('auth.secondStepTitle')}</h1>
            <p>{t('errors.SECOND_FACTOR_REQUIRED')}</p>
            <p>
              <Link className="button button-primary" to={TWO_STEP_SETUP_PATH}>
                {t('errors.SECOND_FACTOR_REQUIRED_link')}
              </Link>
            </p>
          </section>
        </AppShell>
      </LiveEventsProvider>
    );
  }
  return (
    <LiveEventsProvider organizationId={organization.data.id}>
      <AppShell me={me} organization={{ id: organization.data.id, role: organization.data.myRole }} inOrganization>
        <Suspense fallback={<Loading />}>
          <CurrentOrganization value={organization.data}>{children}</CurrentOrganization>
        </Suspense>
      </AppShell>
      {/* After the shell: the shell keeps its place in the tree while the organization loads (no remount). */}
      <WorkspaceLiveRefresh />
    </LiveEventsProvider>
  );
}

/** The current organization, for pages under OrganizationLayout. */
export function useCurrentOrganization(): Organization {
  const organization = use(CurrentOrganization);
  if (!organization) throw new Error('useCurrentOrganization() outside OrganizationLayout');
  return organization;
}

/** A page only some roles use: others get a clear "no access" (the server refuses them anyway). */
export function RequirePage({ page, children }: { page: OrgPage; children: ReactNode }) {
  const organization = useCurrentOrganization();
  const { t } = useTranslation();
  if (!canOpen(organization.myRole, page)) return <NoAccess role={t(`roles.${organization.myRole}`)} />;
  // The inbox's strings are part of the first load; every other page's strings are fetched with the page.
  if (page === 'inbox') return children;
  return <PageStrings>{children}</PageStrings>;
}

const SETTINGS_PAGES = [
  'members',
  'brands',
  'channels',
  'rules',
  'automation',
  'tags',
  'teams',
  'macros',
  'cannedReplies',
  'sla',
  'reports',
  'jobs',
  'imports',
] as const;

/** `/o/:id/settings`: the first settings page the role can open (a manager: Channels, then Rules). */
export function SettingsIndex() {
  const organization = useCurrentOrganization();
  const organizationId = useOrganizationId();
  const { t } = useTranslation();
  const page = SETTINGS_PAGES.find((p) => canOpen(organization.myRole, p));
  if (!page) return <NoAccess role={t(`roles.${organization.myRole}`)} />;
  return <Redirect to={`/o/${organizationId}/settings/${page}`} replace />;
}
