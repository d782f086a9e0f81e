import type { InboxRow } from '@perch/shared';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { AppProvider } from '@/app/provider.tsx';
import { createI18n } from '@/lib/i18n.ts';
import { createQueryClient } from '@/lib/query-client.ts';
import { createApiClient } from '@/lib/trpc.ts';
import { en } from '@/locales/en.ts';
import { ids } from '@/testing/fixtures.ts';
import { server } from '@/testing/server.ts';
import { callsTo, resetCalls, trpcHandlers } from '@/testing/trpc-mock.ts';
import { EMPTY_STATE } from '../url-state.ts';
import { INBOX_PAGE_SIZE, useInboxList } from './use-inbox-list.ts';

const idOf = (n: number) => `0190a7e2-0000-7000-8000-${String(0xe00000 + n).padStart(12, '0')}`;
const row = (id: string) => ({ id, snippet: id }) as unknown as InboxRow;

/** A server-side list (newest first) answering keyset pages: the cursor is the last id of the previous page. */
function listServer(initial: string[]) {
  let ids = initial;
  server.use(
    ...trpcHandlers({
      'auth.me': () => null,
      'inbox.list': (input) => {
        const from = input.cursor ? ids.indexOf(input.cursor) + 1 : 0;
        const rows = ids.slice(from, from + INBOX_PAGE_SIZE);
        const more = from + INBOX_PAGE_SIZE < ids.length;
        return { rows: rows.map(row), nextCursor: more ? (rows.at(-1) ?? null) : null };
      },
    }),
  );
  return { set: (next: string[]) => (ids = next) };
}

function wrapper({ children }: { children: ReactNode }) {
  return (
    <AppProvider
      queryClient={createQueryClient({ retry: false })}
      apiClient={createApiClient()}
      i18n={createI18n('en', { en })}
    >
      {children}
    </AppProvider>
  );
}

describe('the inbox list after a live change', { timeout: 30_000 }, () => {
  it('a long list refetches its head only, shows the new rows on top and keeps every loaded row', async () => {
    const all = Array.from({ length: 1_000 }, (_, i) => idOf(i));
    const list = listServer(all);
    const { result } = renderHook(() => useInboxList(ids.org, 'all_open', EMPTY_STATE), { wrapper });
    await waitFor(() => expect(result.current.rows).toHaveLength(50));
    for (let pages = 2; pages <= 8; pages++) {
      act(() => result.current.fetchNextPage());
      await waitFor(() => expect(result.current.rows).toHaveLength(pages * 50));
    }
    resetCalls();

    // Two conversations arrive on top; one on the second page is resolved (leaves the view).
    const fresh = [idOf(5_000), idOf(5_001)];
    list.set([...fresh, ...all.filter((id) => id !== idOf(60))]);
    await act(() => result.current.refreshLive());

    await waitFor(() => expect(result.current.rows[0]?.id).toBe(fresh[0]));
    // The head (5 pages, plus the one the new rows pushed the boundary into), not the 8 loaded pages.
    expect(callsTo('inbox.list')).toHaveLength(6);
    const shown = result.current.rows.map((r) => r.id);
    expect(shown.slice(0, 3)).toEqual([...fresh, idOf(0)]);
    expect(shown).not.toContain(idOf(60));
    // Every row loaded before is still there, once, in order.
    expect(shown).toEqual([...fresh, ...all.slice(0, 400).filter((id) => id !== idOf(60))]);
  });

  it('a short list is refetched whole', async () => {
    const all = Array.from({ length: 120 }, (_, i) => idOf(i));
    const list = listServer(all);
    const { result } = renderHook(() => useInboxList(ids.org, 'all_open', EMPTY_STATE), { wrapper });
    await waitFor(() => expect(result.current.rows).toHaveLength(50));
    list.set([idOf(9_000), ...all]);
    resetCalls();
    await act(() => result.current.refreshLive());
    await waitFor(() => expect(result.current.rows[0]?.id).toBe(idOf(9_000)));
    expect(callsTo('inbox.list')).toHaveLength(1);
  });
});
