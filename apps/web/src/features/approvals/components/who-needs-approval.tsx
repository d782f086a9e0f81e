import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { TableHead } from '@/components/table-head.tsx';
import { useTRPC } from '@/lib/trpc.ts';

/** Only agents can be made to wait: managers, admins and owners review, so they never need approval. */
const REVIEWERS: readonly string[] = ['owner', 'admin', 'manager'];

/**
 * Who needs approval: every reply for a brand (`brands.requiresApproval`), or every reply of an agent
 * (`needsApproval` of their membership). A switch shows the requested value while its change is saved.
 */
export function WhoNeedsApproval({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const brands = useQuery(trpc.brands.list.queryOptions({ organizationId }));
  const agents = useQuery(trpc.agents.list.queryOptions({ organizationId }));
  const [notice, setNotice] = useState('');

  const refresh = (list: 'brands' | 'agents') =>
    Promise.all([
      queryClient.invalidateQueries((list === 'brands' ? trpc.brands.list : trpc.agents.list).pathFilter()),
      queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId })),
    ]);
  const brandName = (id: string) => brands.data?.find((b) => b.id === id)?.name ?? '';
  const agentName = (id: string) => agents.data?.find((a) => a.userId === id)?.name ?? '';

  const setBrand = useMutation(
    trpc.replies.setBrandApproval.mutationOptions({
      onMutate: () => setNotice(''),
      onSuccess: async (result) => {
        const brand = brandName(result.brandId);
        setNotice(t(result.requiresApproval ? 'approvals.brandOn' : 'approvals.brandOff', { brand }));
        await refresh('brands');
      },
    }),
  );
  const setMember = useMutation(
    trpc.replies.setMemberApproval.mutationOptions({
      onMutate: () => setNotice(''),
      onSuccess: async (result) => {
        const name = agentName(result.userId);
        setNotice(t(result.needsApproval ? 'approvals.agentOn' : 'approvals.agentOff', { name }));
        await refresh('agents');
      },
    }),
  );
  // While a change is saved (and until the list is refetched), the switch shows what was asked for.
  const brandValue = (id: string, stored: boolean) =>
    setBrand.isPending && setBrand.variables.brandId === id ? setBrand.variables.requiresApproval : stored;
  const agentValue = (id: string, stored: boolean) =>
    setMember.isPending && setMember.variables.userId === id ? setMember.variables.needsApproval : stored;

  return (
    <section className="card" aria-labelledby="approval-rules">
      <h2 id="approval-rules">{t('approvals.rulesTitle')}</h2>
      <p className="muted">{t('approvals.rulesDescription')}</p>
      <p className="field-hint">{t('approvals.rulesHint')}</p>
      <SuccessMessage>{notice}</SuccessMessage>
      <ErrorMessage error={setBrand.error ?? setMember.error} />

      <h3>{t('approvals.brandsTitle')}</h3>
      {brands.isPending ? <Loading /> : null}
      <ErrorMessage error={brands.error} />
      {brands.data?.length === 0 ? <p className="muted">{t('approvals.noBrands')}</p> : null}
      {brands.data?.length ? (
        <ul className="plain-list approval-rules" data-testid="approval-brands">
          {brands.data.map((brand) => (
            <li key={brand.id}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  role="switch"
                  checked={brandValue(brand.id, brand.requiresApproval)}
                  disabled={setBrand.isPending}
                  aria-label={t('approvals.brandSwitchOf', { brand: brand.name })}
                  onChange={(e) =>
                    setBrand.mutate({ organizationId, brandId: brand.id, requiresApproval: e.target.checked })
                  }
                />
                <strong>{brand.name}</strong> <span className="subtle">{t('approvals.brandSwitch')}</span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}

      <h3>{t('approvals.agentsTitle')}</h3>
      {agents.isPending ? <Loading /> : null}
      <ErrorMessage error={agents.error} />
      {agents.data?.length === 0 ? <p className="muted">{t('approvals.noAgents')}</p> : null}
      {agents.data?.length ? (
        <div className="table-wrap">
          <table className="table" data-testid="approval-agents">
            <TableHead columns={[t('approvals.agentName'), t('approvals.agentRole'), t('approvals.agentSwitch')]} />
            <tbody>
              {agents.data.map((agent) => (
                <tr key={agent.membershipId}>
                  <td>{agent.name}</td>
                  <td>{t(`roles.${agent.role}`)}</td>
                  <td>
                    {REVIEWERS.includes(agent.role) ? (
                      <span className="muted">{t('approvals.never')}</span>
                    ) : (
                      <input
                        type="checkbox"
                        role="switch"
                        checked={agentValue(agent.userId, agent.needsApproval)}
                        disabled={setMember.isPending}
                        aria-label={t('approvals.agentSwitchOf', { name: agent.name })}
                        onChange={(e) =>
                          setMember.mutate({ organizationId, userId: agent.userId, needsApproval: e.target.checked })
                        }
                      />
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
