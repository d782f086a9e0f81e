import type { BrandQuota, Role } from '@perch/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Redirect } from 'wouter';
import { Link } from '@/components/link.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { TableHead } from '@/components/table-head.tsx';
import { canOpen } from '@/lib/access.ts';
import { planName } from '@/lib/errors.ts';
import { useFormatDate } from '@/lib/format.ts';
import { useSearchParams } from '@/lib/location.ts';
import { useTRPC, useTRPCClient } from '@/lib/trpc.ts';
import { overQuotaPath, useHeldCounts } from '../use-held-counts.ts';
import '../billing.css';

/**
 * `/o/:organizationId/inbox/over-quota?brand=`: a brand's mentions held over its monthly quota (docs/billing.md,
 * "Quotas: hold and warnings"), read-only — how many, why, when they reach the inbox, and how to get them now
 * (an upgrade for those who buy plans; the billing admin for the others). Without a brand, the first brand with
 * held mentions.
 */
export function OverQuotaPage({ organizationId, role }: { organizationId: string; role: Role }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const brandId = params.get('brand');
  const counts = useHeldCounts(organizationId);
  if (!brandId) {
    const first = counts[0];
    if (first) return <Redirect to={overQuotaPath(organizationId, first.brandId)} replace />;
    return (
      <div className="stack">
        <PageHeader title={t('quota.titleAll')} />
        <p className="empty-state">{t('quota.noneHeld')}</p>
      </div>
    );
  }
  return <HeldMentions organizationId={organizationId} brandId={brandId} role={role} />;
}

function HeldMentions({ organizationId, brandId, role }: { organizationId: string; brandId: string; role: Role }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const trpc = useTRPC();
  const client = useTRPCClient();
  // Not `infiniteQueryOptions`: tRPC would add `direction` to the input, which the server's strict schema refuses.
  // The key is tRPC's, so `trpc.quota.pathFilter()` (live refresh) invalidates it.
  const input = { organizationId, brandId };
  const held = useInfiniteQuery({
    queryKey: trpc.quota.held.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) =>
      client.quota.held.query(pageParam ? { ...input, cursor: pageParam } : input, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  if (held.isPending) return <Loading />;
  if (held.error) return <ErrorMessage error={held.error} />;
  const quota = held.data.pages[0]!.quota;
  const items = held.data.pages.flatMap((p) => p.items);
  return (
    <div className="stack">
      <PageHeader title={t('quota.title', { brand: quota.brandName })} />
      <QuotaBanner quota={quota} organizationId={organizationId} role={role} />
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label={t('quota.tableLabel', { brand: quota.brandName })}>
            <TableHead columns={[t('quota.author'), t('quota.mention'), t('quota.posted'), t('quota.received')]} />
            <tbody>
              {items.map((item) => (
                <tr key={item.id} data-testid="held-mention">
                  <td>
                    <strong>{item.displayName || item.username}</strong>
                    <br />
                    <span className="muted">@{item.username}</span>
                  </td>
                  <td>{item.text}</td>
                  <td>
                    <time dateTime={item.postedAt}>{formatDate(item.postedAt)}</time>
                  </td>
                  <td>
                    <time dateTime={item.receivedAt}>{formatDate(item.receivedAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {held.hasNextPage ? (
        <div>
          <button
            type="button"
            className="button"
            disabled={held.isFetchingNextPage}
            onClick={() => void held.fetchNextPage()}
          >
            {t('quota.more')}
          </button>
        </div>
      ) : null}
      <p>
        <Link to={`/o/${organizationId}/inbox/all_open?${new URLSearchParams({ brand: brandId }).toString()}`}>
          {t('quota.backToInbox')}
        </Link>
      </p>
    </div>
  );
}

/** How many are held and why, when they arrive, and the way to get them now. */
export function QuotaBanner({
  quota,
  organizationId,
  role,
}: {
  quota: BrandQuota;
  organizationId: string;
  role: Role;
}) {
  const { t, i18n } = useTranslation();
  const formatDate = useFormatDate();
  const number = new Intl.NumberFormat(i18n.language);
  const values = {
    brand: quota.brandName,
    held: quota.heldCapped ? `${number.format(quota.held)}+` : number.format(quota.held),
    used: number.format(quota.used),
    quota: number.format(quota.monthlyMentions),
    plan: planName(quota.planId),
    // The period ends at midnight UTC: the first day of the next one, in UTC.
    date: formatDate(quota.periodEnd, { style: 'date', timeZone: 'UTC' }),
  };
  if (quota.held === 0) {
    return (
      <p className="empty-state" role="status">
        {t('quota.noneHeldBrand', values)}
      </p>
    );
  }
  if (!quota.holdsOverQuota) {
    return (
      <p className="callout" role="status" data-testid="over-quota-banner">
        {t('quota.releasing', values)}
      </p>
    );
  }
  return (
    <section className="callout billing-warning stack" role="status" data-testid="over-quota-banner">
      <p>
        <strong>{t('quota.heldCount', values)}</strong> {t('quota.why', values)}
      </p>
      <p>{t('quota.when', values)}</p>
      {canOpen(role, 'billing') ? (
        <p>
          <Link className="button button-primary" to={`/o/${organizationId}/billing`}>
            {t('quota.upgrade', values)}
          </Link>
        </p>
      ) : (
        <p>{t('quota.askBillingAdmin', values)}</p>
      )}
    </section>
  );
}
