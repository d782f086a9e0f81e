import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ids } from '@/testing/fixtures.ts';
import { callsTo } from '@/testing/trpc-mock.ts';
import type { DrillTarget } from '../drilldown.ts';
import type { ResolvedScope } from '../hooks/use-dashboard-scope.ts';
import { DAYS, dashboardResolvers } from '../testing/dashboards-fixtures.ts';
import { renderDashboards, settleDashboards } from '../testing/render-dashboards.tsx';
import { DurationChart } from './duration-chart.tsx';
import { SlaChart } from './sla-chart.tsx';
import { VolumeChart } from './volume-chart.tsx';

const resolved: ResolvedScope = {
  scope: {
    organizationId: ids.org,
    brandIds: [],
    from: '2026-03-02',
    to: '2026-03-04',
    businessHours: false,
    filter: null,
  },
  range: { from: '2026-03-02', to: '2026-03-04' },
  grain: 'day',
  filtered: false,
  timeZone: 'Europe/Paris',
};

// happy-dom has no layout: chart cards get a width (this file only), so recharts draws them.
const ownMeasure = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'getBoundingClientRect');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'getBoundingClientRect', {
    configurable: true,
    value(this: HTMLElement): DOMRect {
      if (!this.classList.contains('dash-chart')) return Element.prototype.getBoundingClientRect.call(this);
      return DOMRect.fromRect({ x: 0, y: 0, width: 640, height: 220 });
    },
  });
});
afterAll(() => {
  if (ownMeasure) Object.defineProperty(HTMLElement.prototype, 'getBoundingClientRect', ownMeasure);
  else Reflect.deleteProperty(HTMLElement.prototype, 'getBoundingClientRect');
});
afterEach(settleDashboards);

describe('dashboard charts', { timeout: 20_000 }, () => {
  it('draws median, p90 and the previous period; volume bars open their bucket', async () => {
    const drills: DrillTarget[] = [];
    renderDashboards(
      <>
        <DurationChart metric="first_response" resolved={resolved} compare onDrill={(d) => drills.push(d)} />
        <VolumeChart resolved={resolved} onDrill={(d) => drills.push(d)} />
        <SlaChart resolved={resolved} onDrill={(d) => drills.push(d)} />
      </>,
      { resolvers: dashboardResolvers(), route: `/o/${ids.org}/dashboards` },
    );
    const response = await screen.findByRole('region', { name: 'First response' });
    await waitFor(() => expect(response.querySelectorAll('.recharts-line').length).toBe(3));
    expect(within(response).getAllByRole('button', { name: /^Drill down: first response p90/ })).toHaveLength(2);
    expect(callsTo('dashboards.series')[0]?.input).toMatchObject({ compare: true, grain: 'day' });

    const volume = await screen.findByRole('region', { name: 'Inbound and outbound' });
    await waitFor(() => expect(volume.querySelectorAll('.recharts-bar-rectangle').length).toBe(6));
    fireEvent.click(volume.querySelector('.recharts-bar-rectangle path, .recharts-bar-rectangle')!);
    await waitFor(() => expect(drills).toHaveLength(1));
    expect(drills[0]).toMatchObject({ metric: 'inbound', bucket: { start: DAYS[0], grain: 'day' } });

    const sla = await screen.findByRole('region', { name: 'SLA achievement and breaches' });
    await waitFor(() => expect(sla.querySelectorAll('.recharts-line').length).toBe(1));
    // Targets no clock ended on are left out of the table.
    expect(
      within(sla)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Period', 'First response met', 'First response breached']);
  });
});
