import type { HeldCount, Role } from '@perch/shared';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Link } from '@/components/link.tsx';
import { canOpen } from '@/lib/access.ts';
import { useFormatDate } from '@/lib/format.ts';
import type { BrandBilling, Plan } from '../types.ts';
import { overQuotaPath } from '../use-held-counts.ts';

/** The plan whose quota a brand counts against now (a comp's, else its own). */
const quotaPlan = (brand: BrandBilling, plans: readonly Plan[]) =>
  plans.find((p) => p.id === (brand.comp?.planId ?? brand.planId));

/**
 * The billing page's warnings (docs/billing.md, "Quotas: hold and warnings"): one line per brand at 80 % or more
 * of its monthly mentions — at 100 %, what happens to the next ones (held on Free, billed as overage otherwise).
 */
export function QuotaWarnings({
  brands,
  plans,
  held,
  currency,
}: {
  brands: readonly BrandBilling[];
  plans: readonly Plan[];
  held: readonly HeldCount[];
  currency: string;
}) {
  const { t, i18n } = useTranslation();
  const formatDate = useFormatDate();
  const number = new Intl.NumberFormat(i18n.language);
  const warned = brands.filter((b) => b.monthlyMentions > 0 && b.mentionsThisPeriod * 100 >= 80 * b.monthlyMentions);
  if (warned.length === 0) return null;
  return (
    <div className="stack" data-testid="quota-warnings">
      {warned.map((b) => {
        const plan = quotaPlan(b, plans);
        const count = held.find((h) => h.brandId === b.brandId);
        const values = {
          brand: b.brandName,
          used: number.format(b.mentionsThisPeriod),
          quota: number.format(b.monthlyMentions),
          percent: String(Math.floor((b.mentionsThisPeriod * 100) / b.monthlyMentions)),
          held: count ? number.format(count.held) + (count.capped ? '+' : '') : '0',
          date: formatDate(b.periodEnd, { style: 'date', timeZone: 'UTC' }),
          price: new Intl.NumberFormat(i18n.language, { style: 'currency', currency }).format(
            (plan?.overagePer1kCents ?? 0) / 100,
          ),
        };
        const full = b.mentionsThisPeriod >= b.monthlyMentions;
        const text = !full
          ? t('quota.billing.near', values)
          : plan && plan.overagePer1kCents === 0
            ? t('quota.billing.fullHeld', values)
            : t('quota.billing.fullBilled', values);
        return (
          <p key={b.brandId} className="callout billing-warning" role="status">
            {text}
          </p>
        );
      })}
    </div>
  );
}

/** Beside a brand's mention meter: how many mentions it has held, and (for those who work the inbox) where. */
export function HeldNote({
  count,
  organizationId,
  role,
}: {
  count: HeldCount | undefined;
  organizationId: string;
  role: Role;
}) {
  const { t, i18n } = useTranslation();
  if (!count) return null;
  const held = new Intl.NumberFormat(i18n.language).format(count.held) + (count.capped ? '+' : '');
  return (
    <span className="billing-status" data-testid="billing-held">
      {canOpen(role, 'inbox') ? (
        <Link to={overQuotaPath(organizationId, count.brandId)}>{t('quota.billing.held', { held })}</Link>
      ) : (
        t('quota.billing.held', { held })
      )}
    </span>
  );
}
