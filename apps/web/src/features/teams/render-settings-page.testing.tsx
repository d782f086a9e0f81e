import type { QueryClient } from '@tanstack/react-query';
import { cleanup, render, waitFor } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { AppProvider } from '@/app/provider.tsx';
import { createI18n } from '@/lib/i18n.ts';
import { en } from '@/locales/en.ts';
import { fr } from '@/locales/fr.ts';
import { createQueryClient } from '@/lib/query-client.ts';
import { createApiClient } from '@/lib/trpc.ts';
import { server } from '@/testing/server.ts';
import { trpcHandlers, type Resolvers } from '@/testing/trpc-mock.ts';

const clients = new Set<QueryClient>();

/**
 * Test support: renders one settings page (or component) with the app's providers and mocked tRPC procedures,
 * outside the app's routes (the lead wires the routes; these tests need not wait for it).
 */
export function renderSettingsPage(
  ui: ReactElement,
  { resolvers = {}, route = '/' }: { resolvers?: Resolvers; route?: string } = {},
) {
  server.use(...trpcHandlers(resolvers));
  const queryClient = createQueryClient({ retry: false });
  clients.add(queryClient);
  return render(
    <MemoryRouter initialEntries={[route]}>
      <AppProvider queryClient={queryClient} apiClient={createApiClient()} i18n={createI18n('en', { en, fr })}>
        {ui}
      </AppProvider>
    </MemoryRouter>,
  );
}

/** After each test: unmount, wait for requests in flight, then drop the cache (as the app's own test setup does). */
export async function settleSettingsPages(): Promise<void> {
  cleanup();
  for (const client of clients) {
    await waitFor(() => {
      if (client.isFetching() + client.isMutating() > 0) throw new Error('requests still in flight');
    });
    client.clear();
  }
  clients.clear();
}
