import { describe, expect, it } from 'vitest';
import { dashboardExportFilters, localMidnight } from './export-filters.ts';

const id = (n: number) => `0190a7e2-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('the dashboard export', () => {
  it('finds local midnights, across daylight-saving changes', () => {
    expect(new Date(localMidnight('2026-03-02', 'Europe/Paris')).toISOString()).toBe('2026-03-01T23:00:00.000Z');
    expect(new Date(localMidnight('2026-03-30', 'Europe/Paris')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(new Date(localMidnight('2026-03-08', 'America/New_York')).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(new Date(localMidnight('2026-03-09', 'America/New_York')).toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(new Date(localMidnight('2026-03-09', null)).toISOString()).toBe('2026-03-09T00:00:00.000Z');
  });

  it('exports the conversations created in the period, of its brands, under its filter', () => {
    const scope = {
      organizationId: id(1),
      brandIds: [id(2)],
      from: '2026-03-02',
      to: '2026-03-29',
      businessHours: true,
      filter: { dimension: 'team' as const, value: id(3) },
    };
    expect(dashboardExportFilters(scope, 'Europe/Paris')).toEqual({
      brandIds: [id(2)],
      createdFrom: '2026-03-01T23:00:00.000Z',
      createdTo: '2026-03-29T21:59:59.999Z',
      teamIds: [id(3)],
    });
    expect(dashboardExportFilters({ ...scope, filter: { dimension: 'agent', value: id(4) } }, null)).toMatchObject({
      assigneeUserIds: [id(4)],
      createdTo: '2026-03-29T23:59:59.999Z',
    });
  });
});
