import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import type { Role } from '@perch/shared';
import { PlanLock } from '@/features/billing/components/plan-lock.tsx';
import { useTRPC, type Brand } from '@/lib/trpc.ts';
import { BusinessHoursEditor } from './business-hours-editor.tsx';
import { SlaPolicies } from './sla-policies.tsx';

interface SlaSectionProps {
  organizationId: string;
  brand: Brand;
  canEdit: boolean;
  role: Role;
}

/** One brand's SLA settings: its policies per priority, then the calendar business-hours targets count on. */
export function SlaSection({ organizationId, brand, canEdit, role }: SlaSectionProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const settings = useQuery(trpc.sla.settings.queryOptions({ organizationId, brandId: brand.id }));
  return (
    <>
      {settings.isPending ? <Loading /> : null}
      <ErrorMessage error={settings.error} />
      {canEdit ? null : <p className="muted">{t('sla.readOnly')}</p>}
      {/* SLA clocks run only on plans with SLA policies (docs/billing.md): say which plan unlocks them. */}
      <PlanLock organization={{ id: organizationId, myRole: role }} brand={brand} feature="sla_policies" />
      {settings.data ? (
        <>
          <SlaPolicies
            organizationId={organizationId}
            brandId={brand.id}
            brandName={brand.name}
            policies={settings.data.policies}
            hasCalendar={settings.data.calendar !== null}
            canEdit={canEdit}
          />
          <BusinessHoursEditor
            organizationId={organizationId}
            brandId={brand.id}
            brandName={brand.name}
            calendar={settings.data.calendar}
            brandTimeZone={settings.data.brandTimeZone}
            canEdit={canEdit}
          />
        </>
      ) : null}
    </>
  );
}
