import type { NotificationItem } from '@perch/shared';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { AppProvider } from '@/app/provider.tsx';
import { createI18n } from '@/lib/i18n.ts';
import { en } from '@/locales/en.ts';
import { fr } from '@/locales/fr.ts';
import { createQueryClient } from '@/lib/query-client.ts';
import { createApiClient } from '@/lib/trpc.ts';
import { ids } from '@/testing/fixtures.ts';
import { server } from '@/testing/server.ts';
import { LocationProbe, TestRouter } from '@/testing/test-router.tsx';
import { callsTo, trpcHandlers, type Resolvers } from '@/testing/trpc-mock.ts';
import { NotificationBell } from './notification-bell.tsx';

const conversationId = '0190a7e2-0000-7000-8000-00000000f001';
const XSS = '<img src=x onerror="alert(1)">';

const notifications: NotificationItem[] = [
  {
    id: '0190a7e2-0000-7000-8000-00000000f501',
    kind: 'note_mention',
    conversationId,
    actorUserId: '0190a7e2-0000-7000-8000-00000000b003',
    actorName: `Léa ${XSS}`,
    ruleName: null,
    excerpt: `@Olivia can you look? ${XSS}`,
    readAt: null,
    at: new Date(Date.now() - 5 * 60_000).toISOString(),
  },
  {
    id: '0190a7e2-0000-7000-8000-00000000f502',
    kind: 'assigned',
    conversationId,
    actorUserId: null,
    actorName: 'Marc Dubois',
    ruleName: null,
    excerpt: '',
    readAt: '2026-03-01T10:00:00.000Z',
    at: '2026-03-01T09:00:00.000Z',
  },
  {
    id: '0190a7e2-0000-7000-8000-00000000f503',
    kind: 'automation',
    conversationId,
    actorUserId: null,
    actorName: null,
    ruleName: 'VIP complaints are urgent',
    excerpt: '',
    readAt: '2026-03-01T10:00:00.000Z',
    at: '2026-03-01T08:00:00.000Z',
  },
];

const clients = new Set<ReturnType<typeof createQueryClient>>();
afterEach(async () => {
  cleanup();
  for (const client of clients) {
    await waitFor(() => {
      if (client.isFetching() + client.isMutating() > 0) throw new Error('requests in flight');
    });
    client.clear();
  }
  clients.clear();
});

function renderBell(resolvers: Resolvers) {
  server.use(...trpcHandlers(resolvers));
  const queryClient = createQueryClient({ retry: false });
  clients.add(queryClient);
  return render(
    <TestRouter route={`/o/${ids.org}`}>
      <AppProvider queryClient={queryClient} apiClient={createApiClient()} i18n={createI18n('en', { en, fr })}>
        <NotificationBell organizationId={ids.org} />
        <LocationProbe />
      </AppProvider>
    </TestRouter>,
  );
}

describe('notification bell', { timeout: 15_000 }, () => {
  it('shows the unread count and lists notifications as text', async () => {
    const { container } = renderBell({
      'auth.me': () => null,
      'notifications.unreadCount': () => ({ count: 3 }),
      'notifications.list': () => ({ items: notifications, nextCursor: null }),
    });
    expect((await screen.findByTestId('notification-count')).textContent).toBe('3');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Notifications, 3 unread' }));
    const panel = await screen.findByRole('dialog', { name: 'Notifications' });
    const mention = await within(panel).findByRole('button', { name: /mentioned you in a note/ });
    expect(mention.textContent).toContain(`Léa ${XSS} mentioned you in a note — @Olivia can you look? ${XSS}`);
    expect(mention.textContent).toContain('5 minutes ago');
    expect(within(mention).getByRole('img', { name: 'Unread' })).toBeTruthy();
    const assigned = within(panel).getByRole('button', { name: /Marc Dubois assigned you a conversation/ });
    expect(within(assigned).queryByRole('img', { name: 'Unread' })).toBeNull();
    // A rule's notification names the rule.
    expect(
      within(panel).getByRole('button', {
        name: /The rule “VIP complaints are urgent” flagged a conversation for you/,
      }),
    ).toBeTruthy();
    expect(container.querySelector('img[src], script')).toBeNull();
    expect(callsTo('notifications.list')[0]?.input).toMatchObject({ organizationId: ids.org, limit: 20 });
  });

  it('opening an unread notification marks it read and opens its conversation', async () => {
    let count = 1;
    renderBell({
      'auth.me': () => null,
      'notifications.unreadCount': () => ({ count }),
      'notifications.list': () => ({ items: notifications, nextCursor: null }),
      'notifications.markRead': () => {
        count = 0;
        return { marked: 1 };
      },
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    await user.click(await screen.findByRole('button', { name: /mentioned you in a note/ }));
    await waitFor(() =>
      expect(callsTo('notifications.markRead')[0]?.input).toEqual({
        organizationId: ids.org,
        notificationIds: [notifications[0]!.id],
      }),
    );
    expect(screen.getByTestId('location').textContent).toBe(`/o/${ids.org}/inbox/all_open/c/${conversationId}`);
    // The count is refetched after marking.
    await waitFor(() => expect(screen.queryByTestId('notification-count')).toBeNull());
  });

  it('marks everything read', async () => {
    renderBell({
      'auth.me': () => null,
      'notifications.unreadCount': () => ({ count: 2 }),
      'notifications.list': () => ({ items: notifications, nextCursor: null }),
      'notifications.markRead': () => ({ marked: 2 }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }));
    await user.click(await screen.findByRole('button', { name: 'Mark all read' }));
    await waitFor(() => expect(callsTo('notifications.markRead')[0]?.input).toEqual({ organizationId: ids.org }));
  });
});
