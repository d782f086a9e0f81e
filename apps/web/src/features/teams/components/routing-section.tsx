import { ASSIGNMENT_MODES, type AssignmentMode, type Role } from '@perch/shared';
import { PlanLock } from '@/features/billing/components/plan-lock.tsx';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { TableHead } from '@/components/table-head.tsx';
import { useTRPC } from '@/lib/trpc.ts';

/**
 * Automatic assignment per brand (docs/routing.md): manual, round-robin or least-loaded among the online members
 * of the teams serving the brand, within their capacity. Managers change it; agents see it.
 */
export function RoutingSection({
  organizationId,
  canManage,
  role,
}: {
  organizationId: string;
  canManage: boolean;
  role: Role;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.routing.getSettings.queryOptions({ organizationId }));
  const [notice, setNotice] = useState('');
  const setMode = useMutation(
    trpc.routing.setMode.mutationOptions({
      onSuccess: (brand) => {
        setNotice(t('routing.saved', { brand: brand.name, mode: t(`routing.modes.${brand.assignmentMode}`) }));
        void queryClient.invalidateQueries(trpc.routing.getSettings.queryFilter());
      },
    }),
  );
  return (
    <section className="card" aria-labelledby="routing-title">
      <h2 id="routing-title">{t('routing.title')}</h2>
      <p className="muted">{t('routing.description')}</p>
      <SuccessMessage>{notice}</SuccessMessage>
      <ErrorMessage error={settings.error ?? setMode.error} />
      {settings.isPending ? <Loading /> : null}
      {settings.data && settings.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="routing-table">
            <TableHead columns={[t('routing.brand'), t('routing.mode')]} />
            <tbody>
              {settings.data.map((brand) => (
                <tr key={brand.brandId}>
                  <td>
                    {brand.name}
                    {/* Round-robin and least-loaded assign only on plans with automatic assignment. */}
                    <PlanLock
                      organization={{ id: organizationId, myRole: role }}
                      brand={{ id: brand.brandId, name: brand.name }}
                      feature="auto_assignment"
                    />
                  </td>
                  <td>
                    {canManage ? (
                      <select
                        aria-label={t('routing.modeOf', { brand: brand.name })}
                        value={brand.assignmentMode}
                        disabled={setMode.isPending}
                        onChange={(e) => {
                          setNotice('');
                          setMode.mutate({
                            organizationId,
                            brandId: brand.brandId,
                            mode: e.target.value as AssignmentMode,
                          });
                        }}
                      >
                        {ASSIGNMENT_MODES.map((mode) => (
                          <option key={mode} value={mode}>
                            {t(`routing.modes.${mode}`)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      t(`routing.modes.${brand.assignmentMode}`)
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
