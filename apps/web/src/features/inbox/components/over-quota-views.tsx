import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Link } from '@/components/link.tsx';
import { overQuotaPath, useHeldCounts } from '@/features/billing/use-held-counts.ts';
import { useTRPC } from '@/lib/trpc.ts';

/**
 * The inbox's "Over quota" entries: one per brand (the selected one, or every brand) with mentions held over its
 * Free quota, with how many. Nothing when no brand has any.
 */
export function OverQuotaViews({ organizationId, brandId }: { organizationId: string; brandId: string | null }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const counts = useHeldCounts(organizationId).filter((c) => !brandId || c.brandId === brandId);
  const brands = useQuery({ ...trpc.brands.list.queryOptions({ organizationId }), enabled: counts.length > 0 });
  if (counts.length === 0) return null;
  const number = new Intl.NumberFormat(i18n.language);
  const named = !brandId && (brands.data?.length ?? 0) > 1;
  return (
    <ul aria-label={t('inbox.overQuota.label')}>
      {counts.map((c) => {
        const name = brands.data?.find((b) => b.id === c.brandId)?.name ?? '';
        return (
          <li key={c.brandId}>
            <Link
              to={overQuotaPath(organizationId, c.brandId)}
              className="inbox-view-link"
              data-testid="over-quota-link"
            >
              <span>{named && name ? t('inbox.overQuota.brandView', { brand: name }) : t('inbox.overQuota.view')}</span>
              <span className="inbox-count">{c.capped ? `${number.format(c.held)}+` : number.format(c.held)}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
