import type { DashboardRetention } from '@perch/shared';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Link } from '@/components/link.tsx';
import { planName } from '@/lib/errors.ts';

/**
 * Said when the period starts before the history a brand's plan keeps (docs/dashboards.md): the figures then start on
 * the brand's first visible day. "Your plan shows the last 30 days of history: figures start on 1 Nov 2026", and the
 * upgrade — a link for those who may buy a plan.
 */
export function RetentionNotice({
  retention,
  brandNames,
  formatDay,
  billingPath,
}: {
  retention: DashboardRetention | undefined;
  /** The clamped brands' names, when the figures cover several brands (null: one brand, "your plan"). */
  brandNames: string[] | null;
  formatDay: (date: string) => string;
  /** The billing page, for owners and billing admins; null for everyone else. */
  billingPath: string | null;
}) {
  const { t } = useTranslation();
  if (!retention) return null;
  const values = { days: retention.retentionDays, date: formatDay(retention.from) };
  const plan = retention.upgradePlanId ? planName(retention.upgradePlanId) : null;
  return (
    <p className="callout dash-retention" role="status">
      {brandNames
        ? t('dashboards.retention.noticeBrands', { ...values, brands: brandNames.join(', ') })
        : t('dashboards.retention.notice', values)}
      {plan ? (
        <>
          {' '}
          {billingPath ? (
            <Link to={billingPath}>{t('dashboards.retention.upgrade', { plan })}</Link>
          ) : (
            t('dashboards.retention.upgradeHint', { plan })
          )}
        </>
      ) : null}
    </p>
  );
}
