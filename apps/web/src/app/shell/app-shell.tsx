import type { Role } from '@perch/shared';
import type { ReactNode } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Link } from '@/components/link.tsx';
import { NavLink } from '@/components/nav-link.tsx';
import { AvailabilityToggle } from '@/features/agents/components/availability-toggle.tsx';
import { SignOutButton } from '@/features/auth/components/sign-out-button.tsx';
import { BrandSwitcher } from '@/features/brands/components/brand-switcher.tsx';
import { NotificationBell } from '@/features/notifications/components/notification-bell.tsx';
import { OrganizationSwitcher } from '@/features/organizations/components/organization-switcher.tsx';
import { canOpen } from '@/lib/access.ts';
import { useBrandSearch } from '@/lib/brand-param.ts';
import type { Me } from '@/lib/trpc.ts';

export interface ShellOrganization {
  id: string;
  role: Role;
}

interface AppShellProps {
  me: Me;
  /** The organization the navigation is about (the route's, or the last one visited on /profile). */
  organization: ShellOrganization | null;
  /** The route is inside this organization (brand switcher shown, org links active). */
  inOrganization: boolean;
  children: ReactNode;
}

/** Top bar (organization, brand, user) + left navigation showing only the pages the role can use. */
export function AppShell({ me, organization, inOrganization, children }: AppShellProps) {
  const { t } = useTranslation();
  const search = useBrandSearch();
  const link = (path: string) => (inOrganization ? `${path}${search}` : path);
  const base = organization ? `/o/${organization.id}` : null;
  const showSettings =
    organization &&
    (
      [
        'members',
        'brands',
        'channels',
        'rules',
        'automation',
        'macros',
        'cannedReplies',
        'sla',
        'reports',
        'tags',
        'teams',
        'jobs',
        'imports',
      ] as const
    ).some((page) => canOpen(organization.role, page));

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="topbar">
        <Link to={base ?? '/'} className="brand-mark">
          Perch
        </Link>
        <div className="topbar-switchers">
          <OrganizationSwitcher memberships={me.memberships} currentId={organization?.id ?? null} />
          {inOrganization && organization ? <BrandSwitcher organizationId={organization.id} /> : null}
        </div>
        <div className="topbar-user">
          {inOrganization && organization && canOpen(organization.role, 'inbox') ? (
            <AvailabilityToggle organizationId={organization.id} />
          ) : null}
          {/* Billing admins too: their bell holds billing notifications only (quota warnings). */}
          {inOrganization &&
          organization &&
          (canOpen(organization.role, 'inbox') || canOpen(organization.role, 'billing')) ? (
            <NotificationBell organizationId={organization.id} />
          ) : null}
          {me.user.isPlatformOperator ? (
            <Link to="/operator" className="button button-small">
              {t('nav.operator')}
            </Link>
          ) : null}
          <Link to="/profile" className="user-name" data-testid="user-name">
            {me.user.name}
          </Link>
          <SignOutButton className="button button-small" />
        </div>
      </header>
      <div className="shell-body">
        <nav className="sidenav" aria-label={t('shell.navigation')}>
          {base && organization ? (
            <ul>
              {canOpen(organization.role, 'inbox') ? (
                <li>
                  <NavLink to={link(`${base}/inbox`)}>{t('nav.inbox')}</NavLink>
                </li>
              ) : null}
              {canOpen(organization.role, 'dashboards') ? (
                <li>
                  <NavLink to={link(`${base}/dashboards`)}>{t('nav.dashboards')}</NavLink>
                </li>
              ) : null}
              {canOpen(organization.role, 'approvals') ? (
                <li>
                  <NavLink to={link(`${base}/approvals`)}>{t('nav.approvals')}</NavLink>
                </li>
              ) : null}
              <li>
                <NavLink to={link(base)} end>
                  {t('nav.overview')}
                </NavLink>
              </li>
              {showSettings ? (
                <li>
                  <span className="nav-group" id="nav-settings">
                    {t('nav.settings')}
                  </span>
                  <ul aria-labelledby="nav-settings">
                    {canOpen(organization.role, 'members') ? (
                      <li>
                        <NavLink to={link(`${base}/settings/members`)}>{t('nav.members')}</NavLink>
                      </li>
                    ) : null}
                    {canOpen(organization.role, 'brands') ? (
                      <li>
                        <NavLink to={link(`${base}/settings/brands`)}>{t('nav.brands')}</NavLink>
                      </li>
                    ) : null}
                    {canOpen(organization.role, 'channels') ? (
                      <li>
                        <NavLink to={link(`${base}/settings/channels`)}>{t('nav.channels')}</NavLink>
                      </li>
                    ) : null}
                    {canOpen(organization.role, 'rules') ? (
                      <li>
                        <NavLink to={link(`${base}/settings/rules`)}>{t('nav.rules')}</NavLink>
                      </li>
                    ) : null}
                    {canOpen(organization.role, 'automation') ? (
                      <li>
                        <NavLink to={link(`${base}/settings/automation`)}>{t('nav.automation')}</NavLink>
                      </li>
                    ) : null}
                    {canOpen(organization.role, 'macros') ? (
                      <li>
                        <NavLink to={link(`${base}/settings/macros`)}>{t('nav.macros')}</NavLink>
                      </li>
                    ) : null}
                    {canOpen(organization.role, 'cannedReplies') ? (
                      <li>
                        <NavLink to={link(`${base}/settings/canned-replies`)}>{t('nav.cannedReplies')}</NavLink>
                      </li>
                    ) : null}
                    {canOpen(organization.role, 'sla') ? (
                      <li>
                        <NavLink to={link(`${base}/settings/sla`)}>{t('nav.sla')}</NavLink>
                      </li>
                    ) : null}
                    {canOpen(organization.role, 'reports') ? (
                      <li>
                        <NavLink to={link(`${base}/settings/reports`)}>{t('nav.reports')}</NavLink>
                      </li>
                    ) : null}
                    {canOpen(organization.role, 'tags') ? (
                      <li>
                        <NavLink to={link(`${base}/settings/tags`)}>{t('nav.tags')}</NavLink>
                      </li>
                    ) : null}
                    {canOpen(organization.role, 'teams') ? (
                      <li>
                        <NavLink to={link(`${base}/settings/teams`)}>{t('nav.teams')}</NavLink>
                      </li>
                    ) : null}
                    {canOpen(organization.role, 'jobs') ? (
                      <li>
                        <NavLink to={link(`${base}/settings/jobs`)}>{t('nav.jobs')}</NavLink>
                      </li>
                    ) : null}
                    {canOpen(organization.role, 'imports') ? (
                      <li>
                        <NavLink to={link(`${base}/settings/imports`)}>{t('nav.imports')}</NavLink>
                      </li>
                    ) : null}
                  </ul>
                </li>
              ) : null}
              {canOpen(organization.role, 'billing') ? (
                <li>
                  <NavLink to={link(`${base}/billing`)}>{t('nav.billing')}</NavLink>
                </li>
              ) : null}
              {canOpen(organization.role, 'audit') ? (
                <li>
                  <NavLink to={link(`${base}/audit`)}>{t('nav.audit')}</NavLink>
                </li>
              ) : null}
            </ul>
          ) : null}
          <ul>
            <li>
              <NavLink to="/profile">{t('nav.profile')}</NavLink>
            </li>
          </ul>
        </nav>
        <main id="main" className="content" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
