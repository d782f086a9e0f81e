import { useTranslation } from '@/lib/use-translation.tsx';
import { Redirect } from 'wouter';
import { Link } from '@/components/link.tsx';
import { SignOutButton } from '@/features/auth/components/sign-out-button.tsx';
import { homePathFor, useMe } from '@/lib/session.ts';
import { FullPage } from '../shell/require-auth.tsx';

/** `/`: a member goes to their first organization, Perch's staff to the operator console; others see how to join one. */
export function HomeRoute() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return null;
  const first = me.memberships[0];
  if (first || me.user.isPlatformOperator) return <Redirect to={homePathFor(me)} replace />;
  return (
    <FullPage>
      <div className="stack" data-testid="no-organization">
        <h1>{t('noOrganization.title')}</h1>
        <p>{t('noOrganization.body', { name: me.user.name })}</p>
        <p>{t('noOrganization.howTo')}</p>
        <div className="form-actions">
          <Link to="/profile" className="button">
            {t('nav.profile')}
          </Link>
          <SignOutButton />
        </div>
      </div>
    </FullPage>
  );
}
