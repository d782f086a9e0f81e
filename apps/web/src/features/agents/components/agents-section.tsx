import { WORKSPACE_LIMITS } from '@perch/shared/vocabulary';
import { useMutation, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { TableHead } from '@/components/table-head.tsx';
import { useTRPC } from '@/lib/trpc.ts';
import type { Agent } from '../types.ts';

interface AgentsSectionProps {
  organizationId: string;
  agents: Pick<UseQueryResult<Agent[], unknown>, 'data' | 'error' | 'isPending'>;
  canManage: boolean;
}

/** Who works conversations: availability, open load against capacity; managers set capacities. */
export function AgentsSection({ organizationId, agents, canManage }: AgentsSectionProps) {
  const { t } = useTranslation();
  const list = agents.data ?? [];
  const [notice, setNotice] = useState('');
  return (
    <section className="card" aria-labelledby="agents-list">
      <h2 id="agents-list">{t('agents.title')}</h2>
      <p className="muted">{t('agents.description')}</p>
      <SuccessMessage>{notice}</SuccessMessage>
      {agents.isPending ? <Loading /> : null}
      <ErrorMessage error={agents.error} />
      {agents.data && list.length === 0 ? <p className="muted">{t('agents.empty')}</p> : null}
      {list.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="agents-table">
            <TableHead
              columns={[
                t('agents.name'),
                t('agents.role'),
                t('agents.availability'),
                t('agents.load'),
                t('agents.capacity'),
              ]}
            />
            <tbody>
              {list.map((agent) => (
                <tr key={agent.membershipId}>
                  <td>{agent.name}</td>
                  <td>{t(`roles.${agent.role}`)}</td>
                  <td>{t(`agents.states.${agent.availability}`)}</td>
                  <td>
                    {agent.capacity === null
                      ? agent.openCount
                      : t('agents.loadOf', { count: agent.openCount, capacity: agent.capacity })}
                  </td>
                  <td>
                    {canManage ? (
                      <CapacityForm organizationId={organizationId} agent={agent} onSaved={setNotice} />
                    ) : (
                      (agent.capacity ?? t('agents.noLimit'))
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function CapacityForm({
  organizationId,
  agent,
  onSaved,
}: {
  organizationId: string;
  agent: Agent;
  onSaved: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [value, setValue] = useState(agent.capacity === null ? '' : String(agent.capacity));
  const [invalid, setInvalid] = useState(false);
  const save = useMutation(
    trpc.agents.setCapacity.mutationOptions({
      onSuccess: async () => {
        onSaved(t('agents.capacitySaved', { name: agent.name }));
        await queryClient.invalidateQueries(trpc.agents.list.pathFilter());
      },
    }),
  );
  const max = WORKSPACE_LIMITS.capacityMax;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = value.trim();
    const capacity = trimmed === '' ? null : Number(trimmed);
    const ok =
      capacity === null || (/^\d+$/.test(trimmed) && capacity >= WORKSPACE_LIMITS.capacityMin && capacity <= max);
    setInvalid(!ok);
    if (!ok) return;
    onSaved('');
    save.mutate({ organizationId, membershipId: agent.membershipId, capacity });
  };
  return (
    <form
      className="field-inline"
      onSubmit={submit}
      noValidate
      aria-label={t('agents.capacityOf', { name: agent.name })}
    >
      <input
        type="text"
        inputMode="numeric"
        size={4}
        maxLength={4}
        aria-label={t('agents.capacityOf', { name: agent.name })}
        aria-invalid={invalid || undefined}
        placeholder={t('agents.noLimit')}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button
        type="submit"
        className="button button-small"
        disabled={save.isPending}
        aria-label={t('agents.saveCapacityOf', { name: agent.name })}
      >
        {t('agents.saveCapacity')}
      </button>
      {invalid ? <span className="field-error">{t('agents.capacityInvalid', { max })}</span> : null}
      <ErrorMessage error={save.error} />
    </form>
  );
}
