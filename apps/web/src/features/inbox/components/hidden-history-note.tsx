import type { HiddenHistory, Role } from '@perch/shared';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Link } from '@/components/link.tsx';
import { canOpen } from '@/lib/access.ts';
import { planName } from '@/lib/errors.ts';

/**
 * The quiet line at the end of a list whose closed history a brand's plan hides (docs/billing.md, "Retention"):
 * "Older history is hidden on the Free plan (30 days)", with the way to upgrade for those who may buy it. Renders
 * nothing when nothing is hidden.
 */
export function HiddenHistoryNote({
  hidden,
  brands,
  named,
  role,
  organizationId,
}: {
  hidden: readonly HiddenHistory[];
  brands: readonly { id: string; name: string }[];
  /** Name each brand: the list may hold several. */
  named: boolean;
  role: Role;
  organizationId: string;
}) {
  const { t } = useTranslation();
  if (!hidden.length) return null;
  const mayBuy = canOpen(role, 'billing');
  return (
    <div className="inbox-hidden-history muted" role="note">
      {hidden.map((h) => {
        const values = {
          plan: planName(h.planId),
          days: h.retentionDays,
          brand: brands.find((b) => b.id === h.brandId)?.name ?? '',
        };
        return (
          <p key={h.brandId}>
            {named ? t('inbox.list.hiddenHistoryBrand', values) : t('inbox.list.hiddenHistory', values)}
            {mayBuy && h.upgradePlanId ? (
              <>
                {' '}
                <Link to={`/o/${organizationId}/billing`}>
                  {t('inbox.list.hiddenHistoryUpgrade', { plan: planName(h.upgradePlanId) })}
                </Link>
              </>
            ) : null}
          </p>
        );
      })}
    </div>
  );
}
