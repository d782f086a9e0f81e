import { useTranslation } from '@/lib/use-translation.tsx';
import { BrandScopedPage } from '@/features/brands/components/brand-scoped-page.tsx';
import type { Organization } from '@/lib/trpc.ts';
import { KeywordRulesSection } from './keyword-rules-section.tsx';
import { VipSection } from './vip-section.tsx';

/**
 * Settings → Rules: per brand, the keyword rules (phrase → tag, priority, team) and the VIP handles the ingest
 * worker applies to every new mention. Managers, admins and owners edit them.
 */
export function RulesPage({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  return (
    <BrandScopedPage
      organizationId={organization.id}
      title={t('rules.title')}
      description={t('rules.description')}
      noBrand={t('rules.noBrand')}
      brandLabel={t('rules.brand')}
    >
      {(brand) => (
        <>
          <KeywordRulesSection organizationId={organization.id} brandId={brand.id} brandName={brand.name} />
          <VipSection
            organizationId={organization.id}
            brandId={brand.id}
            brandName={brand.name}
            brandTimeZone={brand.timeZone}
          />
        </>
      )}
    </BrandScopedPage>
  );
}
