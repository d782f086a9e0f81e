import type { InboxRow } from '@perch/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Switch } from 'wouter';
import { describe, expect, it, vi } from 'vitest';
import { AppProvider } from '@/app/provider.tsx';
import { createI18n } from '@/lib/i18n.ts';
import { en } from '@/locales/en.ts';
import { createQueryClient } from '@/lib/query-client.ts';
import { createApiClient } from '@/lib/trpc.ts';
import { brandsFixture, ids, meFixture } from '@/testing/fixtures.ts';
import { server } from '@/testing/server.ts';
import { LocationProbe, TestRouter } from '@/testing/test-router.tsx';
import { callsTo, trpcError, trpcHandlers, type Resolvers } from '@/testing/trpc-mock.ts';
import { InboxPage } from './inbox-page.tsx';

vi.mock('@/features/conversation/components/conversation-pane.tsx', () => ({
  ConversationPane: ({ conversationId }: { conversationId: string }) => <p>Pane for {conversationId}</p>,
}));
// The live stream is covered by the refresher's unit test; here it would only add noise.
vi.mock('../hooks/use-live-inbox.ts', () => ({ useLiveInbox: () => {} }));

const rowId = (n: number) => `0190a7e2-0000-7000-8000-${String(0xf00000 + n).padStart(12, '0')}`;
const XSS = '<img src=x onerror="alert(1)">';

function row(n: number, overrides: Partial<InboxRow> = {}): InboxRow {
  return {
    id: rowId(n),
    brandId: ids.brandSkyward,
    channelId: null,
    status: 'open',
    priority: n === 0 ? 'urgent' : 'normal',
    sentiment: 'negative',
    language: 'en',
    tagIds: [],
    assigneeUserId: null,
    teamId: null,
    isVip: n === 0,
    customer: {
      id: rowId(5000 + n),
      displayName: `Customer ${n}`,
      username: `cust${n}`,
      followers: 10,
      verified: n === 0,
    },
    snippet: `Message ${n}`,
    waitingSince: new Date(Date.now() - 12.5 * 60_000).toISOString(),
    lastMessageAt: new Date().toISOString(),
    snoozedUntil: null,
    slaDueAt: null,
    slaState: 'none',
    version: 3,
    ...overrides,
  };
}

const page = (from: number, count: number) => Array.from({ length: count }, (_, i) => row(from + i));

function resolvers(overrides: Resolvers = {}): Resolvers {
  return {
    'auth.me': () => meFixture('agent'),
    'brands.list': () => brandsFixture,
    'tags.list': () => [],
    'agents.list': () => [],
    'teams.list': () => [],
    'savedViews.list': () => [],
    'inbox.counts': () => ({
      new: 4,
      mine: 2,
      unassigned: 7,
      my_team: 0,
      all_open: 1234,
      pending: 1,
      snoozed: 0,
      resolved: 9,
    }),
    'inbox.list': () => ({ rows: page(0, 5), nextCursor: null }),
    'conversations.presenceOf': () => ({}),
    'quota.heldCounts': () => [],
    ...overrides,
  };
}

const base = `/o/${ids.org}/inbox`;

function renderInbox(route: string, overrides: Resolvers = {}) {
  server.use(...trpcHandlers(resolvers(overrides)));
  return render(
    <TestRouter route={route}>
      <AppProvider
        queryClient={createQueryClient({ retry: false })}
        apiClient={createApiClient()}
        i18n={createI18n('en', { en })}
      >
        <Switch>
          <Route path="/o/:organizationId/inbox/:view">
            <InboxPage role="agent" />
          </Route>
          <Route path="/o/:organizationId/inbox/:view/c/:conversationId">
            <InboxPage role="agent" />
          </Route>
        </Switch>
        <LocationProbe />
      </AppProvider>
    </TestRouter>,
  );
}

const location = () => screen.getByTestId('location').textContent;

// happy-dom has no layout: give every element a 1200×800 box so the virtualiser has a viewport (this file only).
Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 800 });
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1200 });

describe('inbox', { timeout: 20_000 }, () => {
  it('renders rows as text (an XSS payload stays text) with the view counts', async () => {
    const { container } = renderInbox(`${base}/all_open`, {
      'inbox.list': () => ({
        rows: [
          row(0, {
            snippet: XSS,
            customer: { id: rowId(9), displayName: XSS, username: 'x', followers: 1, verified: true },
          }),
          row(1),
        ],
        nextCursor: null,
      }),
    });
    const grid = await screen.findByRole('grid');
    await within(grid).findByText('Message 1');
    expect(within(grid).getAllByText(XSS)).toHaveLength(2);
    expect(container.querySelector('img')).toBeNull();
    expect(within(grid).getAllByText('12 min').length).toBeGreaterThan(0);
    const views = screen.getByRole('navigation', { name: 'Views' });
    await within(views).findByText('1,234');
    expect(
      within(views)
        .getByRole('link', { name: /All open/ })
        .getAttribute('aria-current'),
    ).toBe('page');
    expect(within(views).getByRole('link', { name: /Unassigned/ }).textContent).toContain('7');
  });

  it('loads the next page with the cursor when the scroll nears the end', async () => {
    const list = vi.fn((input: { cursor?: string | null }) =>
      input.cursor === 'c1' ? { rows: page(50, 50), nextCursor: null } : { rows: page(0, 50), nextCursor: 'c1' },
    );
    renderInbox(`${base}/all_open`, { 'inbox.list': list });
    const grid = await screen.findByRole('grid');
    await within(grid).findByText('Message 0');
    // The rendered window is the viewport plus an overscan, not all 50 rows.
    expect(within(grid).getAllByRole('row').length).toBeLessThan(40);
    grid.scrollTop = 40 * 56;
    fireEvent.scroll(grid);
    await waitFor(() =>
      expect(callsTo('inbox.list').some((c) => (c.input as { cursor?: string }).cursor === 'c1')).toBe(true),
    );
  });

  it('puts filters and sort in the URL and in the request', async () => {
    renderInbox(`${base}/mine?status=open&bogus=1&priority=nope`);
    await screen.findByRole('grid');
    expect((callsTo('inbox.list')[0]!.input as { view: string; filters: unknown }).filters).toEqual({
      statuses: ['open'],
    });
    await userEvent.click(screen.getByRole('button', { name: /Priority/ }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Urgent' }));
    await waitFor(() => expect(location()).toBe(`${base}/mine?status=open&priority=urgent`));
    await userEvent.selectOptions(screen.getByLabelText('Sort'), 'sla_due');
    await waitFor(() => {
      const last = callsTo('inbox.list').at(-1)!.input as { filters: unknown; sort?: string; view: string };
      expect(last).toMatchObject({
        view: 'mine',
        sort: 'sla_due',
        filters: { statuses: ['open'], priorities: ['urgent'] },
      });
    });
    await userEvent.click(screen.getByRole('button', { name: 'Clear all' }));
    await waitFor(() => expect(location()).toBe(`${base}/mine?sort=sla_due`));
  });

  it('moves with j/k, opens with Enter, switches views with g i, and lists shortcuts with ?', async () => {
    renderInbox(`${base}/mine`);
    const grid = await screen.findByRole('grid');
    await within(grid).findByText('Message 0');
    await userEvent.keyboard('j');
    await waitFor(() => expect(grid.querySelector('.inbox-row-focused')?.getAttribute('data-index')).toBe('1'));
    await userEvent.keyboard('jk');
    await waitFor(() => expect(grid.querySelector('.inbox-row-focused')?.getAttribute('data-index')).toBe('1'));
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(location()).toBe(`${base}/mine/c/${rowId(1)}`));
    expect(await screen.findByText(`Pane for ${rowId(1)}`)).toBeTruthy();
    await userEvent.keyboard('gi');
    await waitFor(() => expect(location()).toBe(`${base}/all_open`));
    await userEvent.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Go to Unassigned')).toBeTruthy();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('bulk: sends each row with its version; a conflict names who did what and keeps the selection', async () => {
    renderInbox(`${base}/all_open`, {
      'conversations.bulk': () => {
        throw trpcError('CONFLICT', {
          details: {
            conflict: { actorName: 'Léa Martin', what: 'resolved it', at: new Date().toISOString(), currentVersion: 4 },
          },
        });
      },
    });
    const grid = await screen.findByRole('grid');
    await within(grid).findByText('Message 0');
    const user = userEvent.setup();
    await user.click(within(grid).getByRole('checkbox', { name: 'Select Customer 0' }));
    fireEvent.click(within(grid).getByRole('checkbox', { name: 'Select Customer 2' }), { shiftKey: true });
    const toolbar = screen.getByRole('toolbar', { name: 'Actions on the selection' });
    expect(within(toolbar).getByText('3 selected')).toBeTruthy();
    await userEvent.selectOptions(within(toolbar).getByLabelText('Priority…'), 'high');
    expect(await within(toolbar).findByText(/Léa Martin resolved it .* nothing was changed/)).toBeTruthy();
    expect(callsTo('conversations.bulk')[0]!.input).toEqual({
      organizationId: ids.org,
      items: [0, 1, 2].map((n) => ({ conversationId: rowId(n), expectedVersion: 3 })),
      action: { kind: 'priority', priority: 'high' },
    });
    expect(within(toolbar).getByText('3 selected')).toBeTruthy();
  });

  it('search needs one brand, then shows hits with the match in <mark>', async () => {
    renderInbox(`${base}/all_open?q=lost`, {
      'inbox.search': () => ({
        rows: [{ ...row(0), matchedMentionId: null, matchedText: 'My <b>lost</b> bag' }],
        nextCursor: null,
      }),
    });
    expect(await screen.findByText(/pick a brand above/)).toBeTruthy();
    await screen.findByRole('option', { name: 'Skyward Air' });
    await userEvent.selectOptions(screen.getByLabelText('Brand'), ids.brandSkyward);
    const mark = await screen.findByText('lost', { selector: 'mark' });
    expect(mark.parentElement?.textContent).toBe('My <b>lost</b> bag');
    expect(callsTo('inbox.search')[0]!.input).toMatchObject({ brandId: ids.brandSkyward, query: 'lost' });
  });

  it('P9: with 10,000 rows loaded, only the visible rows (plus overscan) are in the DOM', async () => {
    const many = page(0, 10_000);
    renderInbox(`${base}/all_open`, { 'inbox.list': () => ({ rows: many, nextCursor: null }) });
    const grid = await screen.findByRole('grid');
    const started = performance.now();
    await within(grid).findByText('Message 0');
    const rendered = within(grid).getAllByRole('row').length - 1;
    console.info(
      `P9 (happy-dom): ${rendered} of 10000 rows in the DOM; first rows shown ${Math.round(performance.now() - started)} ms after the grid`,
    );
    expect(rendered).toBeLessThan(40);
    expect(grid.getAttribute('aria-rowcount')).toBe('10001');
  });

  it('says what to do when the view is empty, and drops an unknown view', async () => {
    renderInbox(`${base}/whatever`, { 'inbox.list': () => ({ rows: [], nextCursor: null }) });
    expect(await screen.findByText(/try another view or clear the filters/)).toBeTruthy();
    expect(location()).toBe(`${base}/all_open`);
  });

  it('ends a closed view with a quiet note when the plan hides older history (no upgrade link for an agent)', async () => {
    renderInbox(`${base}/resolved?brand=${ids.brandCargo}`, {
      'inbox.list': () => ({
        rows: page(0, 3).map((r) => ({ ...r, status: 'resolved' as const })),
        nextCursor: null,
        hiddenHistory: [
          {
            brandId: ids.brandCargo,
            planId: 'free' as const,
            retentionDays: 30,
            before: '2026-10-31T00:00:00.000Z',
            upgradePlanId: 'pro' as const,
          },
        ],
      }),
    });
    const note = await screen.findByRole('note');
    expect(note.textContent).toBe('Older history is hidden on the Free plan (30 days).');
    expect(within(note).queryByRole('link')).toBeNull();
  });
});
