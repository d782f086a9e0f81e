import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { useTRPC } from '@/lib/trpc.ts';

/**
 * Owners only: require two-step sign-in of owners and billing admins (S15), and see who has not set it up yet.
 * The server refuses to turn it on while the owner has no second factor themself (the error links to the profile).
 */
export function RequireTwoStep({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setting = useQuery(trpc.organizations.secondFactor.queryOptions({ organizationId }));
  const [saved, setSaved] = useState<string | null>(null);
  const change = useMutation(
    trpc.organizations.setRequireTotp.mutationOptions({
      onSuccess: async ({ requireTotp }) => {
        setSaved(requireTotp ? t('twoStep.requireOn') : t('twoStep.requireOff'));
        await queryClient.invalidateQueries(trpc.organizations.secondFactor.queryFilter({ organizationId }));
        await queryClient.invalidateQueries(trpc.organizations.get.queryFilter({ organizationId }));
      },
    }),
  );

  if (setting.isPending) return <Loading />;
  if (setting.isError) return <ErrorMessage error={setting.error} />;
  const { requireTotp, membersWithoutSecondFactor } = setting.data;
  return (
    <div className="stack">
      <ErrorMessage error={change.error} />
      <SuccessMessage>{saved}</SuccessMessage>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={requireTotp}
          disabled={change.isPending}
          onChange={(e) => {
            setSaved(null);
            change.mutate({ organizationId, requireTotp: e.target.checked });
          }}
        />
        {t('twoStep.requireLabel')}
      </label>
      <p className="field-hint">{t('twoStep.requireHelp')}</p>
      {membersWithoutSecondFactor.length === 0 ? (
        <p className="muted">{t('twoStep.allEnrolled')}</p>
      ) : (
        <>
          <h3 id="two-step-missing">{t('twoStep.notEnrolledTitle')}</h3>
          <ul aria-labelledby="two-step-missing" data-testid="two-step-missing">
            {membersWithoutSecondFactor.map((m) => (
              <li key={m.membershipId}>
                {m.name} ({m.email}) — {t(`roles.${m.role}`)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
