import type { QueryClient } from '@tanstack/react-query';
import { render, waitFor } from '@testing-library/react';
import { AppErrorBoundary } from '@/app/error-boundary.tsx';
import { AppProvider } from '@/app/provider.tsx';
import { AppRoutes } from '@/app/router.tsx';
import { createI18n } from '@/lib/i18n.ts';
import { en } from '@/locales/en.ts';
import { fr } from '@/locales/fr.ts';
import { createQueryClient } from '@/lib/query-client.ts';
import { createApiClient } from '@/lib/trpc.ts';
import type { Locale } from '@perch/shared';
import { server } from './server.ts';
import { LocationProbe, TestRouter } from './test-router.tsx';
import { trpcHandlers, type Resolvers } from './trpc-mock.ts';

/**
 * What the header asks for on every organization page of a working role (the bell's unread count, the
 * availability toggle's agents list), and the held-mention counts the inbox's views and the billing page show:
 * answered quietly unless a test gives its own resolver.
 */
const SHELL_DEFAULTS: Resolvers = {
  'notifications.unreadCount': () => ({ count: 0 }),
  'agents.list': () => [],
  'quota.heldCounts': () => [],
};

interface RenderOptions {
  resolvers?: Resolvers;
  locale?: Locale;
}

const liveClients = new Set<QueryClient>();

/** Waits until no request of the finished test is in flight (so none reaches the next test's mocks). */
export async function settleRequests(): Promise<void> {
  for (const client of liveClients) {
    await waitFor(() => {
      if (client.isFetching() + client.isMutating() > 0) throw new Error('requests still in flight');
    });
    client.clear();
  }
  liveClients.clear();
}

/** Renders the whole app at `route` with mocked tRPC procedures, a fresh QueryClient (no retry) and i18n. */
export function renderApp(route: string, { resolvers = {}, locale = 'en' }: RenderOptions = {}) {
  server.use(...trpcHandlers({ ...SHELL_DEFAULTS, ...resolvers }));
  const queryClient = createQueryClient({ retry: false });
  liveClients.add(queryClient);
  const i18n = createI18n(locale, { en, fr });
  const utils = render(
    <TestRouter route={route}>
      <AppProvider queryClient={queryClient} apiClient={createApiClient(undefined, { live: false })} i18n={i18n}>
        <AppErrorBoundary>
          <AppRoutes />
        </AppErrorBoundary>
        <LocationProbe hidden />
      </AppProvider>
    </TestRouter>,
  );
  return { ...utils, queryClient, i18n };
}

export function locationOf(container: { getByTestId: (id: string) => HTMLElement }): string {
  return container.getByTestId('location').textContent ?? '';
}
