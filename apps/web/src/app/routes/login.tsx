import { useTranslation } from '@/lib/use-translation.tsx';
import { Redirect, useLocation } from 'wouter';
import { SignInForm } from '@/features/auth/components/sign-in-form.tsx';
import { Loading } from '@/components/loading.tsx';
import { useSearchParams } from '@/lib/location.ts';
import { homePathFor, safeNextPath, useMe } from '@/lib/session.ts';
import { FullPage } from '../shell/require-auth.tsx';

export function LoginRoute() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const me = useMe();

  if (me.isPending)
    return (
      <FullPage>
        <Loading />
      </FullPage>
    );
  if (me.data) return <Redirect to={next ?? homePathFor(me.data)} replace />;
  return (
    <FullPage>
      <h1>{t('auth.signInTitle')}</h1>
      <SignInForm onSignedIn={(signedIn) => navigate(next ?? homePathFor(signedIn), { replace: true })} />
    </FullPage>
  );
}
