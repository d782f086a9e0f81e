import { dashboardScopeSchema } from '@perch/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DASHBOARD_STATE,
  parseDashboardSearch,
  serialiseDashboardSearch,
  type DashboardUrlState,
} from './dashboard-url.ts';

const id = (n: number) => `0190a7e2-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('dashboard URL state', () => {
  it('round-trips every control through the query string', () => {
    const state: DashboardUrlState = {
      preset: 'custom',
      from: '2026-02-01',
      to: '2026-02-28',
      compare: true,
      businessHours: true,
      brandIds: [id(1), id(2)],
      filter: { dimension: 'team', value: id(3) },
      grain: 'week',
      breakdownBy: 'agent',
    };
    const search = serialiseDashboardSearch(state);
    expect(search.toString()).toBe(
      `brand=${id(1)}%2C${id(2)}&range=custom&from=2026-02-01&to=2026-02-28&compare=1&bh=1&dim=team&value=${id(3)}&grain=week&by=agent`,
    );
    expect(parseDashboardSearch(new URLSearchParams(search.toString()))).toEqual(state);
  });

  it('leaves defaults out, so the plain page has a plain URL', () => {
    expect(serialiseDashboardSearch(DEFAULT_DASHBOARD_STATE).toString()).toBe('');
    expect(parseDashboardSearch(new URLSearchParams(''))).toEqual(DEFAULT_DASHBOARD_STATE);
    const preset = { ...DEFAULT_DASHBOARD_STATE, preset: '7d' as const };
    expect(serialiseDashboardSearch(preset).toString()).toBe('range=7d');
    expect(parseDashboardSearch(serialiseDashboardSearch(preset))).toEqual(preset);
  });

  it('drops what the contract refuses instead of failing (keeps the rest)', () => {
    const parsed = parseDashboardSearch(
      new URLSearchParams(
        `range=forever&brand=nope,${id(1)},${id(1)}&dim=brand&value=x&grain=minute&by=planet&compare=yes&bh=1`,
      ),
    );
    expect(parsed).toEqual({ ...DEFAULT_DASHBOARD_STATE, brandIds: [id(1)], businessHours: true });
    // A custom range out of order, too long or not a date falls back to the default preset.
    for (const range of [
      'from=2026-03-02&to=2026-03-01',
      'from=2020-01-01&to=2026-01-01',
      'from=2026-02-30&to=2026-03-01',
    ]) {
      expect(parseDashboardSearch(new URLSearchParams(`range=custom&${range}`)).preset).toBe('30d');
    }
    expect(parseDashboardSearch(new URLSearchParams(`dim=team&value=${'x'.repeat(65)}`)).filter).toBeNull();
    expect(parseDashboardSearch(new URLSearchParams('dim=team')).filter).toBeNull();
  });

  it('an empty value with a dimension is "none" of it, and survives a round trip', () => {
    const state = parseDashboardSearch(new URLSearchParams('dim=tag&value='));
    expect(state.filter).toEqual({ dimension: 'tag', value: '' });
    expect(parseDashboardSearch(serialiseDashboardSearch(state)).filter).toEqual({ dimension: 'tag', value: '' });
  });

  it('whatever the URL holds, the scope it gives is accepted by the contract (dashboardScopeSchema)', () => {
    const token = fc.oneof(
      fc.constantFrom('custom', '7d', 'team', 'agent', 'brand', 'week', 'hour', '1', '', '2026-02-01', '2026-13-01'),
      fc.integer({ min: 1, max: 9 }).map(id),
      fc.string({ maxLength: 80 }),
    );
    const keys = ['range', 'from', 'to', 'brand', 'dim', 'value', 'grain', 'by', 'compare', 'bh'];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), token), (raw) => {
        const state = parseDashboardSearch(new URLSearchParams(raw));
        const scope = {
          organizationId: id(9),
          brandIds: state.brandIds,
          from: state.from ?? '2026-01-01',
          to: state.to ?? '2026-01-31',
          businessHours: state.businessHours,
          filter: state.filter,
        };
        expect(dashboardScopeSchema.safeParse(scope).success).toBe(true);
        expect(parseDashboardSearch(serialiseDashboardSearch(state))).toEqual(state);
      }),
    );
  });
});
