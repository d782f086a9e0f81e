import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { Loading } from '@/components/loading.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { BrandSelect } from '@/features/channels/components/brand-select.tsx';
import { useSelectedBrandId } from '@/lib/brand-param.ts';
import { useTRPC, type Organization } from '@/lib/trpc.ts';
import { KeywordRulesSection } from './keyword-rules-section.tsx';
import { VipSection } from './vip-section.tsx';

/**
 * Settings → Rules: per brand, the keyword rules (phrase → tag, priority, team) and the VIP handles the ingest
 * worker applies to every new mention. Managers, admins and owners edit them.
 */
export function RulesPage({ organization }: { organization: Organization }) {
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
      <PageHeader title={t('rules.title')} description={t('rules.description')} />
      {brands.isPending ? <Loading /> : null}
      <ErrorMessage error={brands.error} />
      {brands.data && !brand ? <p className="muted">{t('rules.noBrand')}</p> : null}
      {brand ? (
        <>
          <div className="toolbar">
            <Field label={t('rules.brand')}>
              <BrandSelect brands={brandList} value={brand.id} onChange={selectBrand} />
            </Field>
          </div>
          <KeywordRulesSection
            key={brand.id}
            organizationId={organizationId}
            brandId={brand.id}
            brandName={brand.name}
          />
          <VipSection
            key={`vip-${brand.id}`}
            organizationId={organizationId}
            brandId={brand.id}
            brandName={brand.name}
            brandTimeZone={brand.timeZone}
          />
        </>
      ) : null}
    </div>
  );
}
