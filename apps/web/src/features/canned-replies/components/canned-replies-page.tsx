import { useTranslation } from '@/lib/use-translation.tsx';
import { BrandScopedPage } from '@/features/brands/components/brand-scoped-page.tsx';
import type { Organization } from '@/lib/trpc.ts';
import { CannedRepliesSection } from './canned-replies-section.tsx';
import '../canned-replies.css';

/**
 * Settings → Canned replies: per brand, the texts agents insert in the composer with `/` and a search. Managers,
 * admins and owners write them (the route is theirs only); variables are filled when an agent inserts one.
 */
export function CannedRepliesPage({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  return (
    <BrandScopedPage
      organizationId={organization.id}
      title={t('cannedReplies.title')}
      description={t('cannedReplies.description')}
      noBrand={t('cannedReplies.noBrand')}
      brandLabel={t('cannedReplies.brand')}
    >
      {(brand) => <CannedRepliesSection organizationId={organization.id} brandId={brand.id} brandName={brand.name} />}
    </BrandScopedPage>
  );
}
