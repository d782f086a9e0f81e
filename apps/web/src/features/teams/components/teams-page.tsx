import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { TableHead } from '@/components/table-head.tsx';
import { AgentsSection } from '@/features/agents/components/agents-section.tsx';
import { RoutingSection } from './routing-section.tsx';
import { useTRPC, useTRPCClient, type Organization } from '@/lib/trpc.ts';
import type { Team } from '../types.ts';
import { TeamForm, type TeamValues } from './team-form.tsx';
import { EditDeleteButtons } from '@/components/row-buttons.tsx';

const MANAGERS: readonly string[] = ['owner', 'admin', 'manager'];
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Settings → Teams: teams with their members and brands, and the agents' availability, load and capacity.
 * Managers, admins and owners change them; agents see them read-only.
 */
export function TeamsPage({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const organizationId = organization.id;
  const canManage = MANAGERS.includes(organization.myRole);
  const teams = useQuery(trpc.teams.list.queryOptions({ organizationId }));
  const agents = useQuery(trpc.agents.list.queryOptions({ organizationId }));
  const brands = useQuery(trpc.brands.list.queryOptions({ organizationId }));
  const [editing, setEditing] = useState<Team | null>(null);
  const [deleting, setDeleting] = useState<Team | null>(null);
  const [notice, setNotice] = useState('');
  const [createKey, setCreateKey] = useState(0);

  const brandName = new Map((brands.data ?? []).map((b) => [b.id, b.name]));
  const affected = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.teams.list.pathFilter()),
      queryClient.invalidateQueries(trpc.agents.list.pathFilter()),
      queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId })),
    ]);
  const create = useMutation(
    trpc.teams.create.mutationOptions({
      onSuccess: async (team) => {
        setNotice(t('teams.created', { name: team.name }));
        setCreateKey((k) => k + 1);
        await affected();
      },
    }),
  );
  // Name and brands, then the members if they changed: two audited changes, as the server records them.
  const update = useMutation({
    mutationFn: async ({ team, values }: { team: Team; values: TeamValues }) => {
      const before = team.members.map((m) => m.membershipId);
      let saved = await client.teams.update.mutate({
        organizationId,
        teamId: team.id,
        name: values.name,
        brandIds: values.brandIds,
      });
      if (!sameSet(before, values.membershipIds)) {
        saved = await client.teams.setMembers.mutate({
          organizationId,
          teamId: team.id,
          membershipIds: values.membershipIds,
        });
      }
      return saved;
    },
    onSuccess: async (team) => {
      setNotice(t('teams.updated', { name: team.name }));
      setEditing(null);
      await affected();
    },
  });
  const remove = useMutation(
    trpc.teams.delete.mutationOptions({
      onSuccess: async () => {
        if (deleting) setNotice(t('teams.deleted', { name: deleting.name }));
        if (editing?.id === deleting?.id) setEditing(null);
        setDeleting(null);
        await affected();
      },
    }),
  );

  const list = teams.data ?? [];
  const working = agents.data ?? [];
  return (
    <div className="stack">
      <PageHeader title={t('teams.title')} description={t('teams.description')} />
      <section className="card" aria-labelledby="teams-list">
        <h2 id="teams-list">{t('teams.title')}</h2>
        {canManage ? null : <p className="muted">{t('teams.readOnly')}</p>}
        <SuccessMessage>{notice}</SuccessMessage>
        {teams.isPending ? <Loading /> : null}
        <ErrorMessage error={teams.error} />
        {teams.data && list.length === 0 ? <p className="muted">{t('teams.empty')}</p> : null}
        {list.length > 0 ? (
          <div className="table-wrap">
            <table className="table" data-testid="teams-table">
              <TableHead columns={[t('teams.name'), t('teams.brands'), t('teams.members')]} actions={canManage} />
              <tbody>
                {list.map((team) => (
                  <tr key={team.id} aria-current={editing?.id === team.id ? 'true' : undefined}>
                    <td>{team.name}</td>
                    <td>
                      {team.brandIds.length === 0
                        ? t('teams.allBrands')
                        : team.brandIds.map((id) => brandName.get(id) ?? '…').join(', ')}
                    </td>
                    <td>
                      {team.members.length === 0 ? t('teams.noMember') : team.members.map((m) => m.name).join(', ')}
                    </td>
                    {canManage ? (
                      <td className="cell-actions">
                        <EditDeleteButtons
                          editLabel={t('teams.editOf', { name: team.name })}
                          deleteLabel={t('teams.deleteOf', { name: team.name })}
                          deleteText={t('teams.delete')}
                          onEdit={() => {
                            update.reset();
                            setEditing(team);
                          }}
                          onDelete={() => {
                            remove.reset();
                            setDeleting(team);
                          }}
                        />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}

        {canManage && editing ? (
          <>
            <h3>{t('teams.editTitle', { name: editing.name })}</h3>
            <TeamForm
              key={editing.id}
              label={t('teams.editTitle', { name: editing.name })}
              submitLabel={t('teams.save')}
              initial={{
                name: editing.name,
                brandIds: editing.brandIds,
                membershipIds: editing.members.map((m) => m.membershipId),
              }}
              brands={brands.data ?? []}
              agents={working}
              pending={update.isPending}
              error={update.error}
              onCancel={() => setEditing(null)}
              onSubmit={(values) => update.mutate({ team: editing, values })}
            />
          </>
        ) : null}

        {canManage ? (
          <>
            <h3>{t('teams.createTitle')}</h3>
            <TeamForm
              key={createKey}
              label={t('teams.createTitle')}
              submitLabel={t('teams.create')}
              brands={brands.data ?? []}
              agents={working}
              pending={create.isPending}
              error={create.error}
              onSubmit={(values) => {
                setNotice('');
                create.mutate({ organizationId, ...values });
              }}
            />
          </>
        ) : null}
      </section>

      <RoutingSection organizationId={organizationId} canManage={canManage} role={organization.myRole} />
      <AgentsSection organizationId={organizationId} agents={agents} canManage={canManage} />

      {deleting ? (
        <ConfirmDialog
          title={t('teams.deleteTitle', { name: deleting.name })}
          confirmLabel={t('teams.deleteConfirm')}
          danger
          pending={remove.isPending}
          error={<ErrorMessage error={remove.error} overrides={{ FORBIDDEN: t('teams.beyondYourBrands') }} />}
          onCancel={() => setDeleting(null)}
          onConfirm={() => remove.mutate({ organizationId, teamId: deleting.id })}
        >
          <p>{t('teams.deleteWarning')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
