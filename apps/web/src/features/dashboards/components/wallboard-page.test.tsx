import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { callsTo } from '@/testing/trpc-mock.ts';
import { wallboardFixture } from '../testing/dashboards-fixtures.ts';
import { renderDashboards, settleDashboards } from '../testing/render-dashboards.tsx';
import { WallboardPage } from './wallboard-page.tsx';

afterEach(settleDashboards);

function renderWallboard(search = '') {
  let breaches = 1;
  const view = renderDashboards(<WallboardPage organization={organizationFixture('manager')} />, {
    resolvers: {
      'auth.me': () => meFixture('manager'),
      'dashboards.wallboard': () => wallboardFixture({ breachesToday: breaches }),
    },
    route: `/o/${ids.org}/wallboard${search}`,
  });
  return { ...view, breach: () => (breaches += 1) };
}

describe('wallboard', { timeout: 20_000 }, () => {
  it('shows the big numbers, the oldest wait ticking, for the brands in the URL', async () => {
    renderWallboard(`?brand=${ids.brandCargo}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Wallboard' })).toBeTruthy();
    expect((await screen.findByTestId('wallboard-waiting')).textContent).toBe('7');
    expect(screen.getByTestId('wallboard-online').textContent).toBe('3');
    expect(screen.getByTestId('wallboard-breaches').textContent).toBe('1');
    expect(screen.getByTestId('wallboard-frt-median').textContent).toBe('9m');
    expect(screen.getByTestId('wallboard-frt-p90').textContent).toBe('41m');
    expect(screen.getByTestId('wallboard-oldest').textContent).toMatch(/^1:02:0\d$/);
    expect(callsTo('dashboards.wallboard')[0]?.input).toEqual({ organizationId: ids.org, brandIds: [ids.brandCargo] });
    expect(screen.getByRole('link', { name: 'Dashboards' }).getAttribute('href')).toBe(
      `/o/${ids.org}/dashboards?brand=${ids.brandCargo}`,
    );
    const before = screen.getByTestId('wallboard-oldest').textContent;
    await waitFor(() => expect(screen.getByTestId('wallboard-oldest').textContent).not.toBe(before), {
      timeout: 2500,
    });
  });

  it('refetches when an SLA clock breaches (live event), not on unrelated events', async () => {
    const { emit, breach } = renderWallboard();
    await screen.findByTestId('wallboard-breaches');
    expect(callsTo('dashboards.wallboard')).toHaveLength(1);
    act(() => emit({ type: 'tags.changed' }));
    act(() => emit({ type: 'ready' }));
    breach();
    act(() => emit({ type: 'sla.changed', conversationId: ids.org, brandId: ids.brandCargo }));
    await waitFor(() => expect(screen.getByTestId('wallboard-breaches').textContent).toBe('2'));
    expect(callsTo('dashboards.wallboard')).toHaveLength(2);
    // A reconnection may have missed events: refetch.
    breach();
    act(() => emit({ type: 'ready' }));
    await waitFor(() => expect(screen.getByTestId('wallboard-breaches').textContent).toBe('3'));
  });
});
