import { useTranslation } from '@/lib/use-translation.tsx';
import type { ReactNode } from 'react';
import { Redirect, useLocation } from 'wouter';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { useSearchString } from '@/lib/location.ts';
import { useMe, useSignedOutOnPurpose } from '@/lib/session.ts';

/** Signed-in routes: a signed-out visitor goes to /login and comes back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const [path] = useLocation();
  const search = useSearchString();
  const signedOutOnPurpose = useSignedOutOnPurpose();
  if (me.isPending)
    return (
      <FullPage>
        <Loading />
      </FullPage>
    );
  if (me.isError) {
    return (
      <FullPage>
        <ErrorMessage error={me.error} />
        <button type="button" className="button" onClick={() => void me.refetch()}>
          {t('common.retry')}
        </button>
      </FullPage>
    );
  }
  if (!me.data) {
    const next = `${path}${search}`;
    return (
      <Redirect
        to={next === '/' || signedOutOnPurpose ? '/login' : `/login?next=${encodeURIComponent(next)}`}
        replace
      />
    );
  }
  return children;
}

export function FullPage({ children }: { children: React.ReactNode }) {
  return (
    <div className="full-page">
      <main className="full-page-card" id="main">
        <p className="brand-mark brand-mark-large">Perch</p>
        {children}
      </main>
    </div>
  );
}
