import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { Loading } from '@/components/loading.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { BrandSelect } from '@/features/channels/components/brand-select.tsx';
import { useSelectedBrandId } from '@/lib/brand-param.ts';
import { useTRPC, type Organization } from '@/lib/trpc.ts';
import '../automation.css';
import { AutomationSection } from './automation-section.tsx';

/**
 * Settings → Automation: per brand, the rules that act on conversations by themselves (docs/automation.md) —
 * when something happens, if every condition holds, their actions apply, rule after rule. Managers only.
 */
export function AutomationPage({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const organizationId = organization.id;
  const brands = useQuery(trpc.brands.list.queryOptions({ organizationId }));
  const [selectedBrandId, selectBrand] = useSelectedBrandId();
  const brandList = brands.data ?? [];
  // The brand chosen in the switcher, else the first one: rules always belong to one brand.
  const brand = brandList.find((b) => b.id === selectedBrandId) ?? brandList[0] ?? null;

  return (
    <div className="stack">
      <PageHeader title={t('automation.title')} description={t('automation.description')} />
      {brands.isPending ? <Loading /> : null}
      <ErrorMessage error={brands.error} />
      {brands.data && !brand ? <p className="muted">{t('automation.noBrand')}</p> : null}
      {brand ? (
        <>
          <div className="toolbar">
            <Field label={t('automation.brand')}>
              <BrandSelect brands={brandList} value={brand.id} onChange={selectBrand} />
            </Field>
          </div>
          <AutomationSection key={brand.id} organizationId={organizationId} brand={brand} />
        </>
      ) : null}
    </div>
  );
}
