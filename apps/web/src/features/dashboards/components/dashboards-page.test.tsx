import {
  dashboardBreakdownInput,
  dashboardDrilldownInput,
  dashboardHeatmapInput,
  dashboardSeriesInput,
  dashboardSlaInput,
  dashboardSummaryInput,
  dashboardVolumeInput,
} from '@perch/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { callsTo, type Resolvers } from '@/testing/trpc-mock.ts';
import {
  conversationIds,
  DAYS,
  dashboardResolvers,
  drillRow,
  P90_OF_MARCH_3,
  summaryFixture,
} from '../testing/dashboards-fixtures.ts';
import { renderDashboards, settleDashboards } from '../testing/render-dashboards.tsx';
import { DashboardsPage } from './dashboards-page.tsx';

const base = `/o/${ids.org}/dashboards`;
const march = '?range=custom&from=2026-03-02&to=2026-03-04';
const location = () => screen.getByTestId('location').textContent ?? '';
const inputsOf = (path: Parameters<typeof callsTo>[0]) => callsTo(path).map((c) => c.input as Record<string, unknown>);

function renderPage(search = march, role: 'manager' | 'agent' = 'manager', overrides: Resolvers = {}) {
  return renderDashboards(<DashboardsPage organization={organizationFixture(role)} />, {
    resolvers: dashboardResolvers(role, overrides),
    route: `${base}${search}`,
  });
}

/** Every dashboard call the page made is one the server's strict input schemas accept. */
function expectValidInputs() {
  const schemas = {
    'dashboards.summary': dashboardSummaryInput,
    'dashboards.series': dashboardSeriesInput,
    'dashboards.volume': dashboardVolumeInput,
    'dashboards.sla': dashboardSlaInput,
    'dashboards.heatmap': dashboardHeatmapInput,
    'dashboards.breakdown': dashboardBreakdownInput,
    'dashboards.drilldown': dashboardDrilldownInput,
  } as const;
  for (const [path, schema] of Object.entries(schemas)) {
    for (const input of inputsOf(path as keyof typeof schemas)) {
      const parsed = schema.safeParse(input);
      expect(parsed.success, `${path}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  }
}

afterEach(settleDashboards);

describe('dashboards page', { timeout: 20_000 }, () => {
  it('asks every figure of the period in the URL, at the automatic grain, and says which time zone the days are in', async () => {
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboards' })).toBeTruthy();
    expect(await screen.findByText("Days and hours are those of Europe/Paris, the brand's time zone.")).toBeTruthy();
    const tile = await screen.findByRole('button', { name: /First response · p90/ });
    expect(within(tile).getByText('1h 35m')).toBeTruthy();
    expect(inputsOf('dashboards.summary')[0]).toMatchObject({
      organizationId: ids.org,
      from: '2026-03-02',
      to: '2026-03-04',
      brandIds: [],
      businessHours: false,
      filter: null,
      compare: false,
    });
    await waitFor(() =>
      expect(
        inputsOf('dashboards.series')
          .map((i) => i['metric'])
          .sort(),
      ).toEqual(['first_response', 'reply', 'requester_wait', 'resolution']),
    );
    expect(inputsOf('dashboards.series').every((i) => i['grain'] === 'day')).toBe(true);
    expect(inputsOf('dashboards.volume')[0]).toMatchObject({ grain: 'day' });
    expect(inputsOf('dashboards.sla')[0]).toMatchObject({ grain: 'day' });
    // The heatmap as a table; the leaderboard with each agent's load now.
    const heatmap = await screen.findByRole('region', { name: 'Inbound messages by hour of the week' });
    const monday9 = within(heatmap).getByRole('button', { name: 'Drill down: inbound messages, Mon 9 h' });
    expect(monday9.textContent).toBe('14');
    expect(monday9.closest('td')!.getAttribute('title')).toBe('Mon 9 h: 14');
    const leaderboard = await screen.findByRole('region', { name: 'Agent leaderboard' });
    const [, adam] = within(leaderboard).getAllByRole('row');
    expect(within(adam!).getByRole('rowheader').textContent).toBe('Adam Agent');
    expect(within(adam!).getByText('Online')).toBeTruthy();
    expect(within(adam!).getByText('6')).toBeTruthy();
    // Unassigned work is not on the leaderboard.
    expect(within(leaderboard).getAllByRole('row')).toHaveLength(2);
    expect(screen.getByRole('link', { name: 'Open the wallboard' }).getAttribute('href')).toBe(
      `/o/${ids.org}/wallboard`,
    );
    // The export: the conversations created in the period's days, read in the brand's zone.
    const csv = new URL(screen.getByRole('link', { name: 'Download CSV' }).getAttribute('href')!, 'http://x');
    expect(csv.pathname).toBe('/api/exports/conversations.csv');
    expect(Object.fromEntries(csv.searchParams)).toEqual({
      organizationId: ids.org,
      createdFrom: '2026-03-01T23:00:00.000Z',
      createdTo: '2026-03-04T22:59:59.999Z',
    });
    expectValidInputs();
  });

  it('drills down from a p90 point: that bucket, at or above its p90, then "Load more", each row opening in the inbox', async () => {
    const user = userEvent.setup();
    renderPage(march, 'manager', {
      'dashboards.drilldown': (input) =>
        input.cursor
          ? {
              rows: [drillRow(conversationIds.next, 'Nina Late', 7_600_000)],
              total: 3,
              totalCapped: false,
              nextCursor: null,
            }
          : {
              rows: [
                drillRow(conversationIds.slower, 'Hugo Freight', 9_000_000),
                drillRow(conversationIds.slow, 'Maria Flies', 7_600_000),
              ],
              total: 3,
              totalCapped: false,
              nextCursor: 'page-2',
            },
    });
    await user.click(await screen.findByRole('button', { name: 'Drill down: first response p90, Mar 3, 2026' }));
    const panel = await screen.findByRole('complementary', { name: 'First response · p90 · Mar 3, 2026' });
    expect(await within(panel).findByText('2h 5m and above · 3 conversations')).toBeTruthy();
    expect(inputsOf('dashboards.drilldown')[0]).toEqual({
      organizationId: ids.org,
      brandIds: [],
      from: '2026-03-02',
      to: '2026-03-04',
      businessHours: false,
      filter: null,
      metric: 'first_response',
      bucket: { start: DAYS[1], grain: 'day' },
      minMs: Math.floor(P90_OF_MARCH_3),
      slaTarget: null,
      cell: null,
      limit: 50,
    });
    const link = within(panel).getByRole('link', { name: 'Open the conversation with Hugo Freight' });
    expect(link.getAttribute('href')).toBe(`/o/${ids.org}/inbox/all_open/c/${conversationIds.slower}`);
    expect(within(panel).getByText('2h 30m')).toBeTruthy();

    await user.click(within(panel).getByRole('button', { name: 'Load more' }));
    expect(await within(panel).findByRole('link', { name: 'Open the conversation with Nina Late' })).toBeTruthy();
    expect(inputsOf('dashboards.drilldown')[1]).toMatchObject({ cursor: 'page-2', minMs: Math.floor(P90_OF_MARCH_3) });
    expect(within(panel).queryByRole('button', { name: 'Load more' })).toBeNull();

    expectValidInputs();
    await user.click(link);
    expect(location()).toBe(`/o/${ids.org}/inbox/all_open/c/${conversationIds.slower}`);
  });

  it('drills down from KPI tiles and breakdown rows (a brand row narrows the brands)', async () => {
    const user = userEvent.setup();
    renderPage();
    const tile = await screen.findByRole('button', { name: /SLA first response/ });
    await user.click(tile);
    const panel = await screen.findByRole('complementary', { name: /SLA first response · SLA breaches/ });
    expect(document.activeElement).toBe(within(panel).getByRole('heading', { level: 2 }));
    expect(inputsOf('dashboards.drilldown')[0]).toMatchObject({
      metric: 'sla_breach',
      slaTarget: 'first_response',
      bucket: null,
      minMs: null,
    });
    await user.click(screen.getByRole('button', { name: 'Close' }));
    // Focus goes back to the figure that opened the list.
    expect(document.activeElement).toBe(tile);
    await user.click(await screen.findByRole('button', { name: 'Drill down: Inbound, Skyward Cargo' }));
    await waitFor(() => expect(inputsOf('dashboards.drilldown')).toHaveLength(2));
    expect(inputsOf('dashboards.drilldown')[1]).toMatchObject({ metric: 'inbound', brandIds: [ids.brandCargo] });
  });

  it('drills down from a heatmap cell, a backlog figure, the backlog tile and a "none" row', async () => {
    const user = userEvent.setup();
    renderPage(`${march}&by=agent`, 'manager', {
      'dashboards.drilldown': () => ({
        rows: [{ ...drillRow(conversationIds.slow, 'Maria Flies', 0), ms: null }],
        total: 1,
        totalCapped: false,
        nextCursor: null,
      }),
    });
    await user.click(await screen.findByRole('button', { name: 'Drill down: inbound messages, Mon 9 h' }));
    expect(await screen.findByRole('complementary', { name: 'Inbound messages · Mon 9 h' })).toBeTruthy();
    expect(inputsOf('dashboards.drilldown')[0]).toMatchObject({
      metric: 'inbound',
      cell: { weekday: 0, hour: 9 },
      bucket: null,
    });
    await user.click(screen.getByRole('button', { name: 'Close' }));

    await user.click(screen.getByRole('button', { name: 'Drill down: open at the end of Mar 3, 2026' }));
    const backlog = await screen.findByRole('complementary', { name: 'Open (backlog) · Mar 3, 2026' });
    expect(within(backlog).getByRole('columnheader', { name: 'Opened' })).toBeTruthy();
    expect(inputsOf('dashboards.drilldown')[1]).toMatchObject({
      metric: 'backlog',
      bucket: { start: DAYS[1], grain: 'day' },
      minMs: null,
    });
    await user.click(screen.getByRole('button', { name: 'Close' }));

    await user.click(screen.getByRole('button', { name: 'Drill down: conversations open at the end of the period' }));
    await waitFor(() => expect(inputsOf('dashboards.drilldown')).toHaveLength(3));
    expect(inputsOf('dashboards.drilldown')[2]).toMatchObject({ metric: 'backlog', bucket: null });
    await user.click(screen.getByRole('button', { name: 'Close' }));

    // The breakdown's "(none)" row (unassigned) is a filter like any other value.
    await user.click(await screen.findByRole('button', { name: 'Drill down: Inbound, (none)' }));
    await waitFor(() => expect(inputsOf('dashboards.drilldown')).toHaveLength(4));
    expect(inputsOf('dashboards.drilldown')[3]).toMatchObject({
      metric: 'inbound',
      filter: { dimension: 'agent', value: '' },
    });
    expectValidInputs();
  });

  it('a list counted past its cap says so ("10,000+")', async () => {
    const user = userEvent.setup();
    renderPage(march, 'manager', {
      'dashboards.drilldown': () => ({
        rows: [drillRow(conversationIds.slower, 'Hugo Freight', 9_000_000)],
        total: 10_000,
        totalCapped: true,
        nextCursor: 'page-2',
      }),
    });
    await user.click(await screen.findByRole('button', { name: 'Drill down: first response p90, Mar 3, 2026' }));
    const panel = await screen.findByRole('complementary', { name: 'First response · p90 · Mar 3, 2026' });
    expect(await within(panel).findByText('2h 5m and above · 10,000+ conversations')).toBeTruthy();
    expect(within(panel).getByText('1 / 10,000+')).toBeTruthy();
  });

  it('asks the figures again every refresh interval, but not an open drill-down list', async () => {
    const user = userEvent.setup();
    renderDashboards(<DashboardsPage organization={organizationFixture('manager')} refreshMs={300} />, {
      resolvers: dashboardResolvers('manager'),
      route: `${base}${march}`,
    });
    await user.click(await screen.findByRole('button', { name: 'Drill down: first response p90, Mar 3, 2026' }));
    await screen.findByRole('complementary', { name: 'First response · p90 · Mar 3, 2026' });
    const summaries = callsTo('dashboards.summary').length;
    await waitFor(() => expect(callsTo('dashboards.summary').length).toBeGreaterThanOrEqual(summaries + 2), {
      timeout: 3000,
    });
    expect(callsTo('dashboards.volume').length).toBeGreaterThanOrEqual(3);
    expect(callsTo('dashboards.drilldown')).toHaveLength(1);
  });

  it('keeps the controls in the URL and asks the figures again with them', async () => {
    const user = userEvent.setup();
    renderPage();
    await screen.findByRole('button', { name: /First response · p90/ });
    await user.selectOptions(screen.getByLabelText('Group by'), 'week');
    expect(location()).toBe(`${base}${march}&grain=week`);
    await waitFor(() => expect(inputsOf('dashboards.series').some((i) => i['grain'] === 'week')).toBe(true));
    await user.click(screen.getByLabelText('Compare with the previous period'));
    expect(location()).toContain('compare=1');
    await waitFor(() => expect(inputsOf('dashboards.summary').some((i) => i['compare'] === true)).toBe(true));
    expect((await screen.findAllByText(/vs the previous period/)).length).toBeGreaterThan(0);
    await user.click(screen.getByLabelText('Business hours only'));
    expect(location()).toContain('bh=1');
    await user.selectOptions(screen.getByLabelText('Period'), '7d');
    expect(location()).toBe(`${base}?range=7d&compare=1&bh=1&grain=week`);
    // A dimension filter: its values are those with activity, named.
    await user.selectOptions(screen.getByLabelText('Filter by'), 'agent');
    const value = await screen.findByLabelText('Filter value');
    await waitFor(() => expect(within(value).getByRole('option', { name: 'Adam Agent' })).toBeTruthy());
    await user.selectOptions(value, 'Adam Agent');
    expect(location()).toContain('dim=agent&value=0190a7e2-0000-7000-8000-00000000b002');
    // Hours are not offered under a filter (the server keeps hour rows for brand totals only).
    expect(
      within(screen.getByLabelText('Group by')).getByRole<HTMLOptionElement>('option', { name: 'Hour' }).disabled,
    ).toBe(true);
    await waitFor(() => expect(inputsOf('dashboards.summary').some((i) => i['filter'] !== null)).toBe(true));
    expectValidInputs();
  });

  it('an agent sees "My figures": no filter, no leaderboard, no wallboard', async () => {
    renderPage(march, 'agent');
    expect(await screen.findByRole('heading', { level: 1, name: 'My figures' })).toBeTruthy();
    await screen.findByRole('button', { name: /First response · p90/ });
    expect(screen.queryByLabelText('Filter by')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Agent leaderboard' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Open the wallboard' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Download CSV' })).toBeNull();
    expect(inputsOf('dashboards.series').every((i) => i['filter'] === null)).toBe(true);
  });

  it('says when the plan keeps less history than the period asks, with the upgrade for an owner', async () => {
    const retention = {
      from: '2026-03-03',
      retentionDays: 30,
      planId: 'free' as const,
      upgradePlanId: 'pro' as const,
      brandIds: [ids.brandCargo],
    };
    const withRetention = (role: 'owner' | 'manager') =>
      renderDashboards(<DashboardsPage organization={organizationFixture(role)} />, {
        resolvers: dashboardResolvers('manager', {
          'auth.me': () => meFixture(role),
          'dashboards.summary': (input) => ({ ...summaryFixture(input.compare ?? false), retention }),
        }),
        route: `${base}${march}`,
      });
    withRetention('owner');
    const notice = await screen.findByText(/Your plan shows the last 30 days of history: figures start on/);
    expect(notice.textContent).toMatch(/3 Mar 2026|Mar 3, 2026/);
    expect(within(notice).getByRole('link', { name: 'Upgrade to Pro for more' }).getAttribute('href')).toBe(
      `/o/${ids.org}/billing`,
    );
    await settleDashboards();
    withRetention('manager');
    const told = await screen.findByText(/Your plan shows the last 30 days/);
    expect(told.textContent).toContain('The Pro plan keeps more.');
    expect(within(told).queryByRole('link')).toBeNull();
  });

  it('speaks French', async () => {
    renderDashboards(<DashboardsPage organization={organizationFixture('manager')} />, {
      resolvers: dashboardResolvers('manager', { 'auth.me': () => meFixture('manager', { locale: 'fr' }) }),
      route: `${base}${march}`,
      locale: 'fr',
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Tableaux de bord' })).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Détail : première réponse p90, 3 mars 2026' })).toBeTruthy();
  });
});
