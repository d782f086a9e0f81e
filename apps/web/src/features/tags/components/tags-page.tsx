import { useTranslation } from '@/lib/use-translation.tsx';
import { BrandScopedPage } from '@/features/brands/components/brand-scoped-page.tsx';
import type { Organization } from '@/lib/trpc.ts';
import { TagsSection } from './tags-section.tsx';

const MANAGERS: readonly string[] = ['owner', 'admin', 'manager'];

/**
 * Settings → Tags: per brand, the tags agents put on conversations. Managers, admins and owners change them;
 * agents see the list read-only.
 */
export function TagsPage({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const canManage = MANAGERS.includes(organization.myRole);
  return (
    <BrandScopedPage
      organizationId={organization.id}
      title={t('tags.title')}
      description={t('tags.description')}
      noBrand={t('tags.noBrand')}
      brandLabel={t('tags.brand')}
    >
      {(brand) => (
        <TagsSection organizationId={organization.id} brandId={brand.id} brandName={brand.name} canManage={canManage} />
      )}
    </BrandScopedPage>
  );
}
