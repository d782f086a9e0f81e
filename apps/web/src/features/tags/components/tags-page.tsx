import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { Loading } from '@/components/loading.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { BrandSelect } from '@/features/channels/components/brand-select.tsx';
import { useSelectedBrandId } from '@/lib/brand-param.ts';
import { useTRPC, type Organization } from '@/lib/trpc.ts';
import { TagsSection } from './tags-section.tsx';

const MANAGERS: readonly string[] = ['owner', 'admin', 'manager'];

/**
 * Settings → Tags: per brand, the tags agents put on conversations. Managers, admins and owners change them;
 * agents see the list read-only.
 */
export function TagsPage({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const organizationId = organization.id;
  const brands = useQuery(trpc.brands.list.queryOptions({ organizationId }));
  const [selectedBrandId, selectBrand] = useSelectedBrandId();
  const brandList = brands.data ?? [];
  const brand = brandList.find((b) => b.id === selectedBrandId) ?? brandList[0] ?? null;
  const canManage = MANAGERS.includes(organization.myRole);

  return (
    <div className="stack">
      <PageHeader title={t('tags.title')} description={t('tags.description')} />
      {brands.isPending ? <Loading /> : null}
      <ErrorMessage error={brands.error} />
      {brands.data && !brand ? <p className="muted">{t('tags.noBrand')}</p> : null}
      {brand ? (
        <>
          <div className="toolbar">
            <Field label={t('tags.brand')}>
              <BrandSelect brands={brandList} value={brand.id} onChange={selectBrand} />
            </Field>
          </div>
          <TagsSection
            key={brand.id}
            organizationId={organizationId}
            brandId={brand.id}
            brandName={brand.name}
            canManage={canManage}
          />
        </>
      ) : null}
    </div>
  );
}
