import { useTranslation } from '@/lib/use-translation.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import type { Me } from '@/lib/trpc.ts';
import { ChangePasswordForm } from './change-password-form.tsx';
import { ProfileForm } from './profile-form.tsx';
import { SessionsList } from './sessions-list.tsx';
import { TwoStepSection } from './two-step-section.tsx';

export function ProfilePage({ me, onSignedOut }: { me: Me; onSignedOut: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <PageHeader title={t('profile.title')} description={t('profile.description')} />
      <section className="card" aria-labelledby="profile-details">
        <h2 id="profile-details">{t('profile.detailsTitle')}</h2>
        <ProfileForm user={me.user} />
      </section>
      <section className="card" aria-labelledby="profile-password">
        <h2 id="profile-password">{t('profile.passwordTitle')}</h2>
        <ChangePasswordForm />
      </section>
      <section className="card" id="two-step" aria-labelledby="profile-two-step">
        <h2 id="profile-two-step">{t('twoStep.title')}</h2>
        <TwoStepSection />
      </section>
      <section className="card" aria-labelledby="profile-sessions">
        <h2 id="profile-sessions">{t('profile.sessionsTitle')}</h2>
        <p className="muted">{t('profile.sessionsHelp')}</p>
        <SessionsList onSignedOut={onSignedOut} />
      </section>
    </div>
  );
}
