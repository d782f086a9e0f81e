import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Link } from '@/components/link.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { TableHead } from '@/components/table-head.tsx';
import { useFormatDate } from '@/lib/format.ts';
import { useTRPC, useTRPCClient } from '@/lib/trpc.ts';
import { drilldownInput, type DashboardScope, type DrillTarget } from '../drilldown.ts';
import { formatCount, formatMs } from '../figures-format.ts';

/**
 * The conversations behind a figure (dashboards.drilldown): slowest first for durations, latest first for counts,
 * 50 at a time ("Load more"), each opening in the inbox. A side panel over the dashboard; Escape closes it.
 */
export function DrilldownPanel({
  scope,
  target,
  timeZone,
  onClose,
}: {
  scope: DashboardScope;
  target: DrillTarget;
  timeZone: string | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const trpc = useTRPC();
  const client = useTRPCClient();
  const formatDate = useFormatDate();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const input = drilldownInput(scope, target);
  // Not `infiniteQueryOptions`: tRPC would add `direction` to the input, which the server's strict schema refuses.
  const facts = useInfiniteQuery({
    queryKey: trpc.dashboards.drilldown.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) =>
      client.dashboards.drilldown.query(pageParam ? { ...input, cursor: pageParam } : input, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const rows = facts.data?.pages.flatMap((page) => page.rows) ?? [];
  const total = facts.data?.pages[0]?.total ?? null;
  const capped = facts.data?.pages[0]?.totalCapped ?? false;

  // Focus moves into the panel when it opens or shows another figure (the page returns it on close).
  useEffect(() => {
    heading.current?.focus();
  }, [target]);

  const base = `/o/${scope.organizationId}/inbox/all_open/c`;
  const threshold =
    target.minMs === null ? null : t('dashboards.drilldown.atLeast', { value: formatMs(target.minMs, locale) });

  return (
    <aside
      className="dash-drill"
      aria-labelledby={headingId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <div className="dash-drill-head">
        <div>
          <h2 id={headingId} ref={heading} tabIndex={-1}>
            {target.title}
          </h2>
          <p className="muted">
            {[
              threshold,
              total === null
                ? null
                : capped
                  ? t('dashboards.drilldown.totalAtLeast', { total: formatCount(total, locale) })
                  : t('dashboards.drilldown.total', { count: total }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
        </div>
        <button type="button" className="button button-small" onClick={onClose}>
          {t('dashboards.drilldown.close')}
        </button>
      </div>
      {facts.isPending ? <Loading /> : null}
      <ErrorMessage error={facts.error} />
      {facts.data && !rows.length ? <p className="muted">{t('dashboards.drilldown.empty')}</p> : null}
      {rows.length ? (
        <div className="table-wrap">
          <table className="table">
            <TableHead
              columns={[
                t('dashboards.drilldown.customer'),
                // The backlog's rows are episodes still open: when each was opened (or reopened).
                target.metric === 'backlog' ? t('dashboards.drilldown.openedAt') : t('dashboards.drilldown.at'),
                t('dashboards.drilldown.value'),
                t('dashboards.drilldown.status'),
                t('dashboards.drilldown.assignee'),
              ]}
            />
            <tbody>
              {rows.map((row, i) => (
                <tr key={`${row.conversationId}:${row.at}:${i}`}>
                  <th scope="row">
                    <Link
                      to={`${base}/${row.conversationId}`}
                      aria-label={t('dashboards.drilldown.open', { customer: row.customerName })}
                    >
                      {row.customerName}
                    </Link>
                    <span className="dash-excerpt">{row.excerpt}</span>
                  </th>
                  <td className="nowrap">{formatDate(row.at, timeZone ? { timeZone } : {})}</td>
                  <td className="dash-num">
                    {row.hit === null ? (
                      formatMs(row.ms, locale)
                    ) : row.hit ? (
                      <span className="badge badge-ok">{t('dashboards.drilldown.met')}</span>
                    ) : (
                      <span className="badge badge-danger">{t('dashboards.drilldown.breached')}</span>
                    )}
                  </td>
                  <td>
                    {t(`inbox.status.${row.status}` as never)}
                    <span className="subtle">{t(`inbox.priority.${row.priority}` as never)}</span>
                  </td>
                  <td>{row.assigneeName ?? t('dashboards.drilldown.unassigned')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {facts.hasNextPage ? (
        <button
          type="button"
          className="button"
          disabled={facts.isFetchingNextPage}
          onClick={() => void facts.fetchNextPage()}
        >
          {facts.isFetchingNextPage ? t('common.loading') : t('dashboards.drilldown.loadMore')}
        </button>
      ) : null}
      {total !== null && rows.length < total ? (
        <p className="subtle">
          {formatCount(rows.length, locale)} / {formatCount(total, locale)}
          {capped ? '+' : ''}
        </p>
      ) : null}
    </aside>
  );
}
