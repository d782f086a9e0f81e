import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { Route, Switch } from 'wouter';
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
import { LocationProbe, TestRouter } from '@/testing/test-router.tsx';
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
    <TestRouter route={route}>
      <AppProvider queryClient={queryClient} apiClient={client} i18n={i18n}>
        <LiveEventsProvider organizationId={ids.org}>
          <Switch>
            <Route path="/o/:organizationId/dashboards">{ui}</Route>
            <Route path="/o/:organizationId/wallboard">{ui}</Route>
            <Route>
              <p>Elsewhere</p>
            </Route>
          </Switch>
          <LocationProbe hidden />
        </LiveEventsProvider>
      </AppProvider>
    </TestRouter>,
  );
  return { ...utils, emit, queryClient };
}

/** After each test: unmount, wait for requests in flight, then drop the cache. */
export const settleDashboards = settlePages;
