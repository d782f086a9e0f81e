import { useInfiniteQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { useFormatDate } from '@/lib/format.ts';
import { useSearchParams } from '@/lib/location.ts';
import { useTRPC, useTRPCClient, type AuditItem } from '@/lib/trpc.ts';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ACTIONS,
  AUDIT_GROUP_LABELS,
  AUDIT_GROUPS,
  isAuditAction,
  isAuditFilter,
} from './audit-actions.ts';
import { TableHead } from '@/components/table-head.tsx';

export const AUDIT_PAGE_SIZE = 50;
const ACTION_PARAM = 'action';

/** The organization's audit log, newest first, paged by keyset ("Load more"), filtered by action (in the URL). */
export function AuditLog({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const formatDate = useFormatDate();
  const filterId = useId();
  const [params, setParams] = useSearchParams();
  const rawAction = params.get(ACTION_PARAM) ?? '';
  const action = isAuditFilter(rawAction) ? rawAction : '';

  const input = { organizationId, limit: AUDIT_PAGE_SIZE, ...(action ? { action } : {}) };
  // Not `infiniteQueryOptions`: tRPC would add `direction` to the input, which the server's strict schema refuses.
  // The key is tRPC's, so `trpc.audit.list.infiniteQueryFilter({ organizationId })` invalidates it.
  const log = useInfiniteQuery({
    queryKey: trpc.audit.list.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) =>
      client.audit.list.query(pageParam ? { ...input, cursor: pageParam } : input, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

  const setAction = (value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(ACTION_PARAM, value);
        else next.delete(ACTION_PARAM);
        return next;
      },
      { replace: true },
    );

  const items = log.data?.pages.flatMap((page) => page.items) ?? [];
  const label = (a: string) => (isAuditAction(a) ? t(AUDIT_ACTION_LABELS[a]) : a);

  return (
    <div className="stack">
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <div className="toolbar">
        <div className="field field-inline">
          <label htmlFor={filterId}>{t('audit.filterAction')}</label>
          <select id={filterId} value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">{t('audit.allActions')}</option>
            {AUDIT_GROUPS.map((group) => (
              <optgroup key={group} label={t(AUDIT_GROUP_LABELS[group])}>
                <option value={group}>{t('audit.everyAction', { group: t(AUDIT_GROUP_LABELS[group]) })}</option>
                {AUDIT_ACTIONS.filter((a) => a.startsWith(group)).map((a) => (
                  <option key={a} value={a}>
                    {label(a)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
      </div>
      <section className="card" aria-label={t('audit.title')}>
        {log.isPending ? <Loading /> : null}
        <ErrorMessage error={log.error} />
        {log.isSuccess && items.length === 0 ? <p className="muted">{t('audit.empty')}</p> : null}
        {items.length > 0 ? (
          <div className="table-wrap">
            <table className="table" data-testid="audit-table">
              <TableHead
                columns={[
                  t('audit.time'),
                  t('audit.actor'),
                  t('audit.action'),
                  t('audit.target'),
                  t('audit.outcome'),
                  t('audit.ip'),
                  t('audit.changes'),
                ]}
              />
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    <td className="nowrap">
                      <time dateTime={item.createdAt}>{formatDate(item.createdAt)}</time>
                    </td>
                    <td>
                      {item.actor ? (
                        <>
                          {item.actor.name}
                          <span className="subtle">{item.actor.email}</span>
                        </>
                      ) : (
                        <span className="muted">{t('audit.unknownActor')}</span>
                      )}
                    </td>
                    <td>
                      {label(item.action)}
                      {isAuditAction(item.action) ? <span className="subtle mono">{item.action}</span> : null}
                    </td>
                    <td>
                      {item.targetType ? (
                        <span className="mono">{`${item.targetType} ${item.targetId ?? ''}`.trim()}</span>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      <span className={item.outcome === 'denied' ? 'badge badge-danger' : 'badge badge-ok'}>
                        {item.outcome === 'denied' ? t('audit.denied') : t('audit.ok')}
                      </span>
                    </td>
                    <td className="mono">{item.ip ?? '—'}</td>
                    <td>
                      <Changes item={item} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {log.hasNextPage ? (
          <button
            type="button"
            className="button"
            onClick={() => void log.fetchNextPage()}
            disabled={log.isFetchingNextPage}
          >
            {log.isFetchingNextPage ? t('common.loading') : t('audit.loadMore')}
          </button>
        ) : log.isSuccess && items.length > 0 ? (
          <p className="muted">{t('audit.end')}</p>
        ) : null}
      </section>
    </div>
  );
}

/** Before/after values as plain JSON text (never HTML). */
function Changes({ item }: { item: AuditItem }) {
  const { t } = useTranslation();
  if (item.before == null && item.after == null) return <span className="muted">—</span>;
  return (
    <details className="changes">
      <summary>{t('audit.showChanges')}</summary>
      {item.before != null ? (
        <>
          <p className="subtle">{t('audit.before')}</p>
          <pre>{JSON.stringify(item.before, null, 2)}</pre>
        </>
      ) : null}
      {item.after != null ? (
        <>
          <p className="subtle">{t('audit.after')}</p>
          <pre>{JSON.stringify(item.after, null, 2)}</pre>
        </>
      ) : null}
    </details>
  );
}
