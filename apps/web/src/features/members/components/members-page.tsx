import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { useTRPC, type Organization } from '@/lib/trpc.ts';
import { InviteMemberForm } from './invite-member-form.tsx';
import { MembersTable } from './members-table.tsx';
import { PendingInvitations } from './pending-invitations.tsx';
import { RequireTwoStep } from './require-two-step.tsx';

/** Settings → Members: who belongs to the organization, with which role and brands; invitations. */
export function MembersPage({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const organizationId = organization.id;
  const members = useQuery(trpc.members.list.queryOptions({ organizationId }));
  const brands = useQuery(trpc.brands.list.queryOptions({ organizationId }));

  return (
    <div className="stack">
      <PageHeader
        title={t('members.title')}
        description={t('members.description', { organization: organization.name })}
      />
      <section className="card" aria-labelledby="members-list">
        <h2 id="members-list">{t('members.listTitle')}</h2>
        {members.isPending ? <Loading /> : null}
        <ErrorMessage error={members.error} />
        {members.data ? <MembersTable organization={organization} members={members.data} brands={brands.data} /> : null}
      </section>
      <section className="card" aria-labelledby="members-invite">
        <h2 id="members-invite">{t('members.inviteTitle')}</h2>
        <InviteMemberForm organization={organization} brands={brands.data} />
      </section>
      <section className="card" aria-labelledby="members-invitations">
        <h2 id="members-invitations">{t('members.invitationsTitle')}</h2>
        <PendingInvitations organizationId={organizationId} brands={brands.data} />
      </section>
      {organization.myRole === 'owner' ? (
        <section className="card" aria-labelledby="members-two-step">
          <h2 id="members-two-step">{t('twoStep.orgTitle')}</h2>
          <RequireTwoStep organizationId={organizationId} />
        </section>
      ) : null}
    </div>
  );
}
