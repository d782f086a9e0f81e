import type { QueryClient } from '@tanstack/react-query';
import { cleanup, render, waitFor } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { Locale } from '@perch/shared';
import { AppProvider } from '@/app/provider.tsx';
import { createI18n } from '@/lib/i18n.ts';
import { createQueryClient } from '@/lib/query-client.ts';
import { createApiClient } from '@/lib/trpc.ts';
import { en } from '@/locales/en.ts';
import { fr } from '@/locales/fr.ts';
import { server } from '@/testing/server.ts';
import { TestRouter } from '@/testing/test-router.tsx';
import { trpcHandlers, type Resolvers } from '@/testing/trpc-mock.ts';

const clients = new Set<QueryClient>();

/** A query client for one test, dropped by settlePages (renderers of their own use it too). */
export function testQueryClient(): QueryClient {
  const queryClient = createQueryClient({ retry: false });
  clients.add(queryClient);
  return queryClient;
}

export interface RenderPageOptions {
  resolvers?: Resolvers;
  route?: string;
  locale?: Locale;
  /** A feature's strings (its locale files), merged over the app's whether or not they are wired in yet. */
  strings?: { en: object; fr: object };
}

/**
 * Test support: renders one page (or component) with the app's providers and mocked tRPC procedures, outside the
 * app's routes. After each test, `settlePages`.
 */
export function renderPage(
  ui: ReactElement,
  { resolvers = {}, route = '/', locale = 'en', strings }: RenderPageOptions = {},
) {
  server.use(...trpcHandlers(resolvers));
  const i18n = createI18n(
    locale,
    strings ? { en: { ...en, ...strings.en }, fr: { ...fr, ...strings.fr } } : { en, fr },
  );
  return render(
    <TestRouter route={route}>
      <AppProvider queryClient={testQueryClient()} apiClient={createApiClient()} i18n={i18n}>
        {ui}
      </AppProvider>
    </TestRouter>,
  );
}

/** After each test: unmount, wait for requests in flight, then drop the caches (as the app's own test setup does). */
export async function settlePages(): Promise<void> {
  cleanup();
  for (const client of clients) {
    await waitFor(() => {
      if (client.isFetching() + client.isMutating() > 0) throw new Error('requests still in flight');
    });
    client.clear();
  }
  clients.clear();
}
