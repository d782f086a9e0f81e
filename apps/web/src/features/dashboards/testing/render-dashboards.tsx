import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { AppProvider } from '@/app/provider.tsx';
import { createI18n } from '@/lib/i18n.ts';
import { LiveEventsProvider, type LiveSignal } from '@/lib/live-events.tsx';
import { createApiClient } from '@/lib/trpc.ts';
import { en } from '@/locales/en.ts';
import { fr } from '@/locales/fr.ts';
import dashboardsEn from '@/locales/dashboards.en.json';
import dashboardsFr from '@/locales/dashboards.fr.json';
import type { Locale } from '@perch/shared';
import { ids } from '@/testing/fixtures.ts';
import { settlePages, testQueryClient } from '@/testing/render-page.tsx';
import { server } from '@/testing/server.ts';
import { trpcHandlers, type Resolvers } from '@/testing/trpc-mock.ts';

type Listener = (event: unknown) => void;

/**
 * The app's API client with a live stream the test drives: `live.events.subscribe` (what LiveEventsProvider calls)
 * is answered here, everything else goes through msw like the other web tests.
 */
function liveTestClient() {
  const listeners = new Set<Listener>();
  const real = createApiClient(undefined, { live: false });
  const live = {
    events: {
      subscribe: (_input: unknown, options: { onData: Listener }) => {
        listeners.add(options.onData);
        return { unsubscribe: () => void listeners.delete(options.onData) };
      },
    },
  };
  const client = new Proxy(real, {
    get: (target, prop, receiver): unknown => (prop === 'live' ? live : Reflect.get(target, prop, receiver)),
  });
  return { client, emit: (event: LiveSignal) => listeners.forEach((listener) => listener(event)) };
}

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location" hidden>{`${location.pathname}${location.search}`}</output>;
}

/**
 * Renders a dashboards page at `route` with the app's providers, one organization's live stream (driven by
 * `emit`), mocked tRPC procedures and both languages (the dashboards strings added, wired or not yet).
 */
export function renderDashboards(
  ui: ReactElement,
  { resolvers = {}, route, locale = 'en' }: { resolvers?: Resolvers; route: string; locale?: Locale },
) {
  server.use(...trpcHandlers(resolvers));
  const queryClient = testQueryClient();
  const i18n = createI18n(locale, { en, fr });
  i18n.addStrings('en', dashboardsEn);
  i18n.addStrings('fr', dashboardsFr);
  const { client, emit } = liveTestClient();
  const utils = render(
    <MemoryRouter initialEntries={[route]}>
      <AppProvider queryClient={queryClient} apiClient={client} i18n={i18n}>
        <LiveEventsProvider organizationId={ids.org}>
          <Routes>
            <Route path="/o/:organizationId/dashboards" element={ui} />
            <Route path="/o/:organizationId/wallboard" element={ui} />
            <Route path="*" element={<p>Elsewhere</p>} />
          </Routes>
          <LocationProbe />
        </LiveEventsProvider>
      </AppProvider>
    </MemoryRouter>,
  );
  return { ...utils, emit, queryClient };
}

/** After each test: unmount, wait for requests in flight, then drop the cache. */
export const settleDashboards = settlePages;
