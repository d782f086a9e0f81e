import { Suspense, type ReactNode } from 'react';
import { Loading } from '@/components/loading.tsx';
import { useMe } from '@/lib/session.ts';
import { AppShell } from '../shell/app-shell.tsx';
import { lastOrganization } from '../shell/last-organization.ts';

/** Pages about the user rather than an organization (/profile), in the same shell. */
export function AccountLayout({ children }: { children: ReactNode }) {
  const me = useMe().data;
  if (!me) return null;
  const membership = lastOrganization(me);
  return (
    <AppShell
      me={me}
      organization={membership ? { id: membership.organizationId, role: membership.role } : null}
      inOrganization={false}
    >
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </AppShell>
  );
}
