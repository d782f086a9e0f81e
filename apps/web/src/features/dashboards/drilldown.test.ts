import { describe, expect, it } from 'vitest';
import { breakdownAllowed, drilldownInput, drillTarget, rowDrillable, type DashboardScope } from './drilldown.ts';

const id = (n: number) => `0190a7e2-0000-7000-8000-${String(n).padStart(12, '0')}`;
const scope: DashboardScope = {
  organizationId: id(1),
  brandIds: [],
  from: '2026-03-01',
  to: '2026-03-31',
  businessHours: true,
  filter: null,
};

describe('drill-down inputs', () => {
  it('a p90 point asks its bucket, at or above that p90 (whole milliseconds)', () => {
    const target = drillTarget({
      metric: 'first_response',
      bucket: { start: '2026-03-02T23:00:00.000Z', grain: 'day' },
      minMs: 7_500_000.4,
      title: 'First response · p90',
    });
    expect(drilldownInput(scope, target)).toEqual({
      ...scope,
      metric: 'first_response',
      bucket: { start: '2026-03-02T23:00:00.000Z', grain: 'day' },
      minMs: 7_500_000,
      slaTarget: null,
      cell: null,
      limit: 50,
    });
  });

  it('a breakdown row narrows the scope: its dimension value as the filter, a brand row as the brands', () => {
    const team = drillTarget({ metric: 'inbound', row: { dimension: 'team', value: id(5) }, title: 'x' });
    expect(drilldownInput(scope, team)).toMatchObject({ filter: { dimension: 'team', value: id(5) }, brandIds: [] });
    const brand = drillTarget({ metric: 'sla_breach', row: { dimension: 'brand', value: id(6) }, title: 'x' });
    const filtered = { ...scope, filter: { dimension: 'agent' as const, value: id(7) } };
    expect(drilldownInput(filtered, brand)).toMatchObject({ brandIds: [id(6)], filter: filtered.filter });
  });

  it('a heatmap cell and a backlog point ask their own drill-downs', () => {
    const cell = drillTarget({ metric: 'inbound', cell: { weekday: 2, hour: 9 }, title: 'Wed 9 h' });
    expect(drilldownInput(scope, cell)).toMatchObject({
      metric: 'inbound',
      cell: { weekday: 2, hour: 9 },
      bucket: null,
    });
    const backlog = drillTarget({
      metric: 'backlog',
      bucket: { start: '2026-03-02T23:00:00.000Z', grain: 'week' },
      title: 'Open',
    });
    expect(drilldownInput(scope, backlog)).toMatchObject({ metric: 'backlog', minMs: null, cell: null });
  });

  it('a row drills only when it can be a filter the server takes', () => {
    expect(rowDrillable('team', id(5), null, false)).toBe(true);
    // "none" (no team) is a filter too.
    expect(rowDrillable('team', '', null, false)).toBe(true);
    expect(rowDrillable('team', '', { dimension: 'team', value: '' }, false)).toBe(true);
    expect(rowDrillable('team', '', { dimension: 'team', value: id(5) }, false)).toBe(false);
    expect(rowDrillable('team', id(5), { dimension: 'agent', value: id(7) }, false)).toBe(false);
    expect(rowDrillable('team', id(5), { dimension: 'team', value: id(5) }, false)).toBe(true);
    expect(rowDrillable('brand', id(6), { dimension: 'agent', value: id(7) }, false)).toBe(true);
    expect(rowDrillable('team', id(5), null, true)).toBe(false);
    expect(rowDrillable('brand', id(6), null, true)).toBe(true);
  });

  it('breakdowns under a filter: brands and the filter’s own dimension only (an agent: brand and agent)', () => {
    const team = { dimension: 'team' as const, value: id(5) };
    expect(breakdownAllowed('channel', null, false)).toBe(true);
    expect(breakdownAllowed('channel', team, false)).toBe(false);
    expect(breakdownAllowed('team', team, false)).toBe(true);
    expect(breakdownAllowed('brand', team, false)).toBe(true);
    expect(breakdownAllowed('agent', null, true)).toBe(true);
    expect(breakdownAllowed('tag', null, true)).toBe(false);
  });
});
