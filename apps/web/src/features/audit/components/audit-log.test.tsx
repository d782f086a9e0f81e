import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AuditItem } from '@/lib/trpc.ts';
import { brandsFixture, ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { locationOf, renderApp } from '@/testing/render-app.tsx';
import { callsTo } from '@/testing/trpc-mock.ts';

function entry(n: number, action = 'brands.update'): AuditItem {
  return {
    id: `0190a7e2-0000-7000-8000-${String(1000 - n).padStart(12, '0')}`,
    action,
    targetType: 'brand',
    targetId: ids.brandSkyward,
    before: { name: `Old ${n}` },
    after: { name: `<b>New ${n}</b>` },
    outcome: n === 1 ? 'denied' : 'ok',
    ip: '203.0.113.7',
    createdAt: '2026-03-01T14:05:00.000Z',
    actorUserId: ids.user,
    actor: { id: ids.user, name: 'Olivia Owner', email: 'olivia@skyward.test' },
  };
}

describe('audit log', () => {
  it('pages with "Load more" (keyset cursor) and filters by action in the URL', async () => {
    const view = renderApp(`/o/${ids.org}/audit`, {
      resolvers: {
        'auth.me': () => meFixture('admin'),
        'organizations.get': () => organizationFixture('admin'),
        'brands.list': () => brandsFixture,
        'audit.list': ({ cursor, action }) => {
          if (action) return { items: [entry(9, action)], nextCursor: null };
          return cursor
            ? { items: [entry(3)], nextCursor: null }
            : { items: [entry(1), entry(2)], nextCursor: entry(2).id };
        },
      },
    });
    const table = await screen.findByTestId('audit-table');
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByText('Denied')).toBeTruthy();
    // User data is text, never markup.
    expect(within(table).getAllByText(/<b>New 1<\/b>/).length).toBe(1);
    expect(table.querySelector('b')).toBeNull();
    // Times in the user's locale.
    expect(within(table).getAllByText(/Mar 1, 2026/).length).toBeGreaterThan(0);

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(screen.getByTestId('audit-table')).getAllByRole('row')).toHaveLength(4));
    expect(callsTo('audit.list').map((c) => c.input)).toEqual([
      { organizationId: ids.org, limit: 50 },
      { organizationId: ids.org, limit: 50, cursor: entry(2).id },
    ]);
    expect(screen.getByText('End of the log.')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Action'), 'Member invited');
    await waitFor(() => expect(locationOf(view)).toBe(`/o/${ids.org}/audit?action=members.invite`));
    await waitFor(() => expect(within(screen.getByTestId('audit-table')).getAllByRole('row')).toHaveLength(2));
    expect(callsTo('audit.list').at(-1)?.input).toEqual({
      organizationId: ids.org,
      limit: 50,
      action: 'members.invite',
    });
  });
});
