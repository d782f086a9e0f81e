import type { NotificationItem } from '@perch/shared';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { useLocation } from 'wouter';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { useLiveEvents } from '@/lib/live-events.tsx';
import { formatRelative } from '@/lib/format.ts';
import { useTRPC, useTRPCClient } from '@/lib/trpc.ts';
import '@/features/conversation/conversation.css';

/**
 * The header's bell: how many notifications are unread (live), and a panel listing them; opening one marks it
 * read and opens its conversation in the inbox.
 */
export function NotificationBell({ organizationId }: { organizationId: string }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const unread = useQuery(
    trpc.notifications.unreadCount.queryOptions({ organizationId }, { refetchInterval: 120_000 }),
  );
  // Not `infiniteQueryOptions`: tRPC would add `direction` to the input, which the server's strict schema refuses.
  // The key is tRPC's, so `trpc.notifications.list.pathFilter()` invalidates it.
  const input = { organizationId, limit: 20 };
  const list = useInfiniteQuery({
    queryKey: trpc.notifications.list.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) =>
      client.notifications.list.query(pageParam ? { ...input, cursor: pageParam } : input, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled: open,
  });
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.notifications.unreadCount.queryFilter()),
      queryClient.invalidateQueries(trpc.notifications.list.pathFilter()),
    ]);
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({ onSettled: refresh }));

  useLiveEvents((event) => {
    if (event.type === 'notification.created' || event.type === 'ready' || event.type === 'resync') void refresh();
  });

  useEffect(() => {
    if (!open) return;
    const outside = (event: MouseEvent) => {
      if (root.current && event.target instanceof Node && !root.current.contains(event.target)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);

  const count = unread.data?.count ?? 0;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const openItem = (item: NotificationItem) => {
    if (!item.readAt) markRead.mutate({ organizationId, notificationIds: [item.id] });
    setOpen(false);
    if (item.conversationId) navigate(`/o/${organizationId}/inbox/all_open/c/${item.conversationId}`);
    // A quota warning leads to the brand's plan and meter (owners and billing admins receive it).
    else if (item.kind === 'quota_warning') navigate(`/o/${organizationId}/billing`);
  };
  const describe = (item: NotificationItem) => {
    const quota = item.quota;
    if (item.kind === 'quota_warning' && quota) {
      const number = new Intl.NumberFormat(i18n.language);
      const values = {
        brand: quota.brandName,
        threshold: String(quota.threshold),
        used: number.format(quota.used),
        quota: number.format(quota.quota),
      };
      if (quota.threshold < 100) return t('notifications.kinds.quota_warning', values);
      return t(quota.holds ? 'notifications.quotaFull.held' : 'notifications.quotaFull.billed', values);
    }
    const actor =
      item.actorName ?? (item.ruleName ? t('notifications.rule', { name: item.ruleName }) : t('notifications.someone'));
    if (item.kind === 'quota_warning') return t('notifications.quotaFull.unknown');
    return t(`notifications.kinds.${item.kind}`, { actor });
  };

  return (
    <div className="notification-bell" ref={root}>
      <button
        type="button"
        className="button button-small"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={count > 0 ? t('notifications.bellUnread', { n: String(count) }) : t('notifications.bell')}
        onClick={() => setOpen(!open)}
      >
        <svg
          aria-hidden="true"
          width="16"
          height="16"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {count > 0 ? (
          <span className="notification-count" data-testid="notification-count">
            {count > 99 ? '99+' : count}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          className="notification-panel"
          id={panelId}
          role="dialog"
          aria-label={t('notifications.title')}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              setOpen(false);
            }
          }}
        >
          <div className="toolbar">
            <strong>{t('notifications.title')}</strong>
            <button
              type="button"
              className="button button-small"
              disabled={count === 0 || markRead.isPending}
              onClick={() => markRead.mutate({ organizationId })}
            >
              {t('notifications.markAllRead')}
            </button>
          </div>
          {list.isPending ? <Loading /> : null}
          <ErrorMessage error={list.error ?? markRead.error} />
          {list.data && items.length === 0 ? <p className="muted">{t('notifications.empty')}</p> : null}
          <ul className="plain-list">
            {items.map((item) => (
              <li key={item.id}>
                <button
                  type="button"
                  className={item.readAt ? 'notification-item' : 'notification-item notification-unread'}
                  onClick={() => openItem(item)}
                >
                  {item.readAt ? null : (
                    <span className="notification-dot" role="img" aria-label={t('notifications.unread')} />
                  )}
                  <span>{describe(item)}</span>
                  {item.excerpt ? <span className="muted notification-excerpt"> — {item.excerpt}</span> : null}
                  <br />
                  <time className="subtle" dateTime={item.at}>
                    {formatRelative(item.at, i18n.language)}
                  </time>
                </button>
              </li>
            ))}
          </ul>
          {list.hasNextPage ? (
            <button
              type="button"
              className="button button-small"
              disabled={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {t('notifications.more')}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
