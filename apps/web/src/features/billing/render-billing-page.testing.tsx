import type { QueryClient } from '@tanstack/react-query';
import { cleanup, render, waitFor } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { AppProvider } from '@/app/provider.tsx';
import { createI18n } from '@/lib/i18n.ts';
import { createQueryClient } from '@/lib/query-client.ts';
import { createApiClient } from '@/lib/trpc.ts';
import { en } from '@/locales/en.ts';
import { fr } from '@/locales/fr.ts';
import billingEn from '@/locales/billing.en.json';
import billingFr from '@/locales/billing.fr.json';
import { server } from '@/testing/server.ts';
import { trpcHandlers, type Resolvers } from '@/testing/trpc-mock.ts';

const clients = new Set<QueryClient>();

/**
 * Test support: renders a billing component with the app's providers and mocked tRPC procedures. The billing
 * strings are merged in here so the tests do not depend on their wiring into locales/pages.*.ts (the lead's).
 */
export function renderBillingPage(
  ui: ReactElement,
  { resolvers = {}, locale = 'en' }: { resolvers?: Resolvers; locale?: 'en' | 'fr' } = {},
) {
  server.use(...trpcHandlers(resolvers));
  const queryClient = createQueryClient({ retry: false });
  clients.add(queryClient);
  const i18n = createI18n(locale, { en: { ...en, ...billingEn }, fr: { ...fr, ...billingFr } });
  return render(
    <MemoryRouter>
      <AppProvider queryClient={queryClient} apiClient={createApiClient()} i18n={i18n}>
        {ui}
      </AppProvider>
    </MemoryRouter>,
  );
}

export async function settleBillingPages(): Promise<void> {
  cleanup();
  for (const client of clients) {
    await waitFor(() => {
      if (client.isFetching() + client.isMutating() > 0) throw new Error('requests still in flight');
    });
    client.clear();
  }
  clients.clear();
}
