import { cleanup, render, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Route, useParams } from 'wouter';
import { afterEach, vi } from 'vitest';
import { AppProvider } from '@/app/provider.tsx';
import { createI18n } from '@/lib/i18n.ts';
import { en } from '@/locales/en.ts';
import { fr } from '@/locales/fr.ts';
import { createQueryClient } from '@/lib/query-client.ts';
import { createApiClient } from '@/lib/trpc.ts';
import { server } from '@/testing/server.ts';
import { LocationProbe, TestRouter } from '@/testing/test-router.tsx';
import { trpcHandlers, type Resolvers } from '@/testing/trpc-mock.ts';
import { ConversationPane } from '../components/conversation-pane.tsx';

function PaneRoute({ onNext, onClose }: { onNext: () => void; onClose: () => void }) {
  const { organizationId = '', conversationId = '' } = useParams();
  return (
    <ConversationPane
      key={conversationId}
      organizationId={organizationId}
      conversationId={conversationId}
      onNext={onNext}
      onClose={onClose}
    />
  );
}

const clients = new Set<ReturnType<typeof createQueryClient>>();

// Unmount, then let in-flight requests finish before the next test's mocks are installed.
afterEach(async () => {
  cleanup();
  // Reply drafts live in localStorage: each test starts without any.
  localStorage.clear();
  for (const client of clients) {
    await waitFor(() => {
      if (client.isFetching() + client.isMutating() > 0) throw new Error('requests in flight');
    });
    client.clear();
  }
  clients.clear();
});

/** The pane alone, at `/o/:org/inbox/:view/c/:id`, with mocked tRPC procedures (and `extra` beside it). */
export function renderPane(route: string, resolvers: Resolvers, extra?: ReactNode) {
  server.use(...trpcHandlers(resolvers));
  const queryClient = createQueryClient({ retry: false });
  clients.add(queryClient);
  const onNext = vi.fn();
  const onClose = vi.fn();
  const utils = render(
    <TestRouter route={route}>
      <AppProvider queryClient={queryClient} apiClient={createApiClient()} i18n={createI18n('en', { en, fr })}>
        <Route path="/o/:organizationId/inbox/:view/c/:conversationId">
          <PaneRoute onNext={onNext} onClose={onClose} />
        </Route>
        <LocationProbe />
        {extra}
      </AppProvider>
    </TestRouter>,
  );
  return { ...utils, onNext, onClose, queryClient };
}
