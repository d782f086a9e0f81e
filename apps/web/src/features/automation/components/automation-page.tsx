import { useTranslation } from '@/lib/use-translation.tsx';
import { BrandScopedPage } from '@/features/brands/components/brand-scoped-page.tsx';
import type { Organization } from '@/lib/trpc.ts';
import '../automation.css';
import { AutomationSection } from './automation-section.tsx';

/**
 * Settings → Automation: per brand, the rules that act on conversations by themselves (docs/automation.md) —
 * when something happens, if every condition holds, their actions apply, rule after rule. Managers only.
 */
export function AutomationPage({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  return (
    <BrandScopedPage
      organizationId={organization.id}
      title={t('automation.title')}
      description={t('automation.description')}
      noBrand={t('automation.noBrand')}
      brandLabel={t('automation.brand')}
    >
      {(brand) => <AutomationSection organizationId={organization.id} brand={brand} />}
    </BrandScopedPage>
  );
}
