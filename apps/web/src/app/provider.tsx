import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { I18n } from '@/lib/i18n.ts';
import { useEffect, useState, type ReactNode } from 'react';
import { I18nProvider } from '@/lib/use-translation.tsx';
import { isSupportedLocale, switchLanguage } from '@/lib/i18n.ts';
import { createQueryClient } from '@/lib/query-client.ts';
import { ShortcutsProvider } from '@/lib/shortcuts.tsx';
import { useMe } from '@/lib/session.ts';
import { createApiClient, TRPCProvider } from '@/lib/trpc.ts';

type ApiClient = ReturnType<typeof createApiClient>;

export interface AppProviderProps {
  children: ReactNode;
  /** Tests pass their own (retry off, one per test). */
  queryClient?: QueryClient;
  apiClient?: ApiClient;
  /** Created with the first language loaded (main.tsx; tests: every language). */
  i18n: I18n;
}

export function AppProvider({ children, ...injected }: AppProviderProps) {
  const [state] = useState(() => {
    const apiClient = injected.apiClient ?? createApiClient();
    const queryClient =
      injected.queryClient ??
      createQueryClient({
        // The session ended elsewhere: re-read who we are; route guards then send the user to sign in.
        onUnauthenticated: () => void queryClient.invalidateQueries({ queryKey: [['auth', 'me']] }),
      });
    return { apiClient, queryClient, i18n: injected.i18n };
  });
  return (
    <QueryClientProvider client={state.queryClient}>
      <TRPCProvider trpcClient={state.apiClient} queryClient={state.queryClient}>
        <I18nProvider i18n={state.i18n}>
          <LanguageFromProfile i18n={state.i18n} />
          <ShortcutsProvider>{children}</ShortcutsProvider>
        </I18nProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/** The interface follows the profile's language once known (the browser's before), and sets <html lang>. */
function LanguageFromProfile({ i18n }: { i18n: I18n }) {
  const me = useMe();
  const locale = me.data?.user.locale;
  useEffect(() => {
    if (isSupportedLocale(locale) && i18n.language !== locale) void switchLanguage(i18n, locale);
  }, [i18n, locale]);
  useEffect(() => {
    const sync = (lng: string) => document.documentElement.setAttribute('lang', lng);
    sync(i18n.language);
    return i18n.subscribe(sync);
  }, [i18n]);
  return null;
}
