import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { Loading } from '@/components/loading.tsx';
import { useMe } from '@/lib/session.ts';
import { AppShell } from '../shell/app-shell.tsx';
import { lastOrganization } from '../shell/last-organization.ts';

/** Pages about the user rather than an organization (/profile), in the same shell. */
export function AccountLayout() {
  const me = useMe().data;
  if (!me) return null;
  const membership = lastOrganization(me);
  return (
    <AppShell
      me={me}
      organization={membership ? { id: membership.organizationId, role: membership.role } : null}
      inOrganization={false}
    >
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </AppShell>
  );
}
