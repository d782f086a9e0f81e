import type { Role } from '@perch/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { useLocation } from 'wouter';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { grantableRoles, ROLE_LIST } from '@/lib/access.ts';
import { useFormatDate } from '@/lib/format.ts';
import { useTRPC, type Brand, type Member, type Organization } from '@/lib/trpc.ts';
import { brandNames } from './brand-names.ts';
import { TableHead } from '@/components/table-head.tsx';

interface MembersTableProps {
  organization: Organization;
  members: Member[];
  brands: Brand[] | undefined;
}

export function MembersTable({ organization, members, brands }: MembersTableProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formatDate = useFormatDate();
  const [, navigate] = useLocation();
  const organizationId = organization.id;
  const [removing, setRemoving] = useState<Member | null>(null);
  const [notice, setNotice] = useState('');

  /** A change to my own membership also changes what I may see (role, navigation). */
  const invalidate = (membershipId: string) =>
    Promise.all([
      queryClient.invalidateQueries(trpc.members.list.queryFilter({ organizationId })),
      queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId })),
      ...(membershipId === organization.myMembershipId
        ? [
            queryClient.invalidateQueries(trpc.organizations.get.queryFilter({ organizationId })),
            queryClient.invalidateQueries(trpc.auth.me.queryFilter()),
            queryClient.invalidateQueries(trpc.brands.list.queryFilter({ organizationId })),
          ]
        : []),
    ]);

  const changeRole = useMutation(
    trpc.members.changeRole.mutationOptions({
      onSuccess: async (member) => {
        setNotice(t('members.roleChanged', { name: member.name, role: t(`roles.${member.role}`) }));
        await invalidate(member.membershipId);
      },
    }),
  );
  const remove = useMutation(
    trpc.members.remove.mutationOptions({
      onSuccess: async (_data, variables) => {
        if (variables.membershipId === organization.myMembershipId) {
          // I left the organization: nothing here is mine any more.
          await queryClient.invalidateQueries(trpc.auth.me.queryFilter());
          navigate('/', { replace: true });
          return;
        }
        setNotice(t('members.removed', { name: removing?.name ?? '' }));
        setRemoving(null);
        await invalidate(variables.membershipId);
      },
    }),
  );

  const mayManage = (member: Member) => organization.myRole === 'owner' || member.role !== 'owner';
  const roles = grantableRoles(organization.myRole);

  return (
    <>
      <SuccessMessage>{notice}</SuccessMessage>
      <ErrorMessage error={changeRole.error} />
      <div className="table-wrap">
        <table className="table" data-testid="members-table">
          <TableHead
            columns={[
              t('members.name'),
              t('members.email'),
              t('members.role'),
              t('members.brands'),
              t('members.joined'),
            ]}
            actions
          />
          <tbody>
            {members.map((member) => {
              const you = member.membershipId === organization.myMembershipId;
              const editable = mayManage(member);
              // An owner row shown to an admin keeps "owner" visible although admins cannot grant it.
              const options: readonly Role[] = editable ? roles : ROLE_LIST;
              return (
                <tr key={member.membershipId} data-testid={`member-${member.email}`}>
                  <td>
                    {member.name}
                    {you ? <span className="badge">{t('members.you')}</span> : null}
                  </td>
                  <td>{member.email}</td>
                  <td>
                    <select
                      aria-label={t('members.roleOf', { name: member.name })}
                      value={
                        changeRole.isPending && changeRole.variables.membershipId === member.membershipId
                          ? changeRole.variables.role
                          : member.role
                      }
                      disabled={!editable || changeRole.isPending}
                      onChange={(e) => {
                        setNotice('');
                        changeRole.mutate({
                          organizationId,
                          membershipId: member.membershipId,
                          role: e.target.value as Role,
                        });
                      }}
                    >
                      {options.map((role) => (
                        <option key={role} value={role}>
                          {t(`roles.${role}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{brandNames(member.brandIds, brands, t)}</td>
                  <td>{formatDate(member.joinedAt, { style: 'date' })}</td>
                  <td className="cell-actions">
                    {editable ? (
                      <button
                        type="button"
                        className="button button-small button-danger-outline"
                        aria-label={t('members.removeMember', { name: member.name })}
                        onClick={() => {
                          remove.reset();
                          setNotice('');
                          setRemoving(member);
                        }}
                      >
                        {t('members.remove')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {removing ? (
        <ConfirmDialog
          title={t('members.removeTitle', { name: removing.name })}
          confirmLabel={t('members.removeConfirm')}
          danger
          pending={remove.isPending}
          error={<ErrorMessage error={remove.error} />}
          onCancel={() => setRemoving(null)}
          onConfirm={() => remove.mutate({ organizationId, membershipId: removing.membershipId })}
        >
          <p>
            {removing.membershipId === organization.myMembershipId
              ? t('members.removeSelfWarning', { organization: organization.name })
              : t('members.removeWarning', {
                  name: removing.name,
                  email: removing.email,
                  organization: organization.name,
                })}
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
