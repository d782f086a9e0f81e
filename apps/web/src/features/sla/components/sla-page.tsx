import type { Role } from '@perch/shared';
import { useTranslation } from '@/lib/use-translation.tsx';
import { BrandScopedPage } from '@/features/brands/components/brand-scoped-page.tsx';
import type { Organization } from '@/lib/trpc.ts';
import { SlaSection } from './sla-section.tsx';
import '../sla.css';

/** The roles the server lets change SLA policies and calendars (sla.savePolicy, sla.setCalendar: MANAGERS). */
const EDITORS: readonly Role[] = ['owner', 'admin', 'manager'];

/**
 * Settings → SLA: per brand, the targets of each priority and the business-hours calendar they count on. Managers,
 * admins and owners edit; any other role that reaches the page only reads.
 */
export function SlaPage({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  return (
    <BrandScopedPage
      organizationId={organization.id}
      title={t('sla.title')}
      description={t('sla.description')}
      noBrand={t('sla.noBrand')}
      brandLabel={t('sla.brand')}
    >
      {(brand) => (
        <SlaSection
          organizationId={organization.id}
          brand={brand}
          canEdit={EDITORS.includes(organization.myRole)}
          role={organization.myRole}
        />
      )}
    </BrandScopedPage>
  );
}
