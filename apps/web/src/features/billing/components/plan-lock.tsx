import type { Feature } from '@perch/shared';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@/components/link.tsx';
import { canOpen } from '@/lib/access.ts';
import { planName } from '@/lib/errors.ts';
import { useTRPC, type Organization } from '@/lib/trpc.ts';
import { useBillingText } from '../use-billing-text.ts';
import '../billing.css';

/** Whether `brandId`'s plan includes `feature` (true while unknown: the server decides anyway), and what unlocks it. */
export function useFeature(organizationId: string, brandId: string, feature: Feature) {
  const trpc = useTRPC();
  const entitlements = useQuery(trpc.billing.entitlements.queryOptions({ organizationId }));
  const brand = entitlements.data?.find((e) => e.brandId === brandId);
  return { enabled: !brand || brand.features.includes(feature), unlockedBy: brand?.unlockedBy[feature] ?? null };
}

/**
 * A locked feature, said plainly: "Automatic assignment needs the Pro plan for Skyward Cargo", with a link to the
 * plans for those who may change them. Renders nothing when the brand's plan includes the feature.
 */
export function PlanLock({
  organization,
  brand,
  feature,
}: {
  organization: Pick<Organization, 'id' | 'myRole'>;
  brand: { id: string; name: string };
  feature: Feature;
}) {
  const { t } = useBillingText();
  const { enabled, unlockedBy } = useFeature(organization.id, brand.id, feature);
  if (enabled || !unlockedBy) return null;
  return (
    <p className="alert billing-lock" data-testid={`plan-lock-${feature}`}>
      {t('billing.locked', {
        feature: t(`billing.features.${feature}`),
        plan: planName(unlockedBy),
        brand: brand.name,
      })}{' '}
      {canOpen(organization.myRole, 'billing') ? (
        <Link to={`/o/${organization.id}/billing`}>{t('billing.seePlans')}</Link>
      ) : null}
    </p>
  );
}
