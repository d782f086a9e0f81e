import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { useFormatDate } from '@/lib/format.ts';
import { useTRPC, type Brand } from '@/lib/trpc.ts';
import { brandNames } from './brand-names.ts';
import { TableHead } from '@/components/table-head.tsx';

export function PendingInvitations({
  organizationId,
  brands,
}: {
  organizationId: string;
  brands: Brand[] | undefined;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formatDate = useFormatDate();
  const invitations = useQuery(trpc.invitations.list.queryOptions({ organizationId }));
  const revoke = useMutation(
    trpc.invitations.revoke.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.invitations.list.queryFilter({ organizationId })),
          queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId })),
        ]),
    }),
  );

  if (invitations.isPending) return <Loading />;
  if (invitations.isError) return <ErrorMessage error={invitations.error} />;
  if (invitations.data.length === 0) return <p className="muted">{t('members.noInvitations')}</p>;
  return (
    <>
      <ErrorMessage error={revoke.error} />
      <div className="table-wrap">
        <table className="table" data-testid="invitations-table">
          <TableHead
            columns={[t('members.email'), t('members.role'), t('members.brands'), t('members.expires')]}
            actions
          />
          <tbody>
            {invitations.data.map((invitation) => (
              <tr key={invitation.id}>
                <td>{invitation.email}</td>
                <td>{t(`roles.${invitation.role}`)}</td>
                <td>{brandNames(invitation.brandIds, brands, t)}</td>
                <td>{formatDate(invitation.expiresAt)}</td>
                <td className="cell-actions">
                  <button
                    type="button"
                    className="button button-small button-danger-outline"
                    aria-label={t('members.revokeInvitation', { email: invitation.email })}
                    disabled={revoke.isPending && revoke.variables.invitationId === invitation.id}
                    onClick={() => revoke.mutate({ organizationId, invitationId: invitation.id })}
                  >
                    {t('members.revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
