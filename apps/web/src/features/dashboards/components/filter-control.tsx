import { DASHBOARD_DIMENSIONS } from '@perch/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Field } from '@/components/field.tsx';
import { useTRPC } from '@/lib/trpc.ts';
import type { DashboardUrlState, FilterDimension } from '../dashboard-url.ts';
import type { DashboardScope } from '../drilldown.ts';

const FILTER_DIMENSIONS = DASHBOARD_DIMENSIONS.filter((d): d is FilterDimension => d !== 'brand');
const NONE = '__none__';

/**
 * One dimension filter (one team, one agent, one tag…): pick the dimension, then one of its values, or "(none)"
 * (unassigned, no team…). The values offered are those with activity in the period (the breakdown of that
 * dimension, unfiltered), with their names.
 */
export function FilterControl({
  scope,
  filter,
  onChange,
}: {
  scope: DashboardScope;
  filter: DashboardUrlState['filter'];
  onChange: (filter: DashboardUrlState['filter']) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  // The dimension chosen before a value is (not in the URL: a filter without a value filters nothing).
  const [pending, setPending] = useState<FilterDimension | null>(null);
  const dimension = pending ?? filter?.dimension ?? null;
  const values = useQuery({
    ...trpc.dashboards.breakdown.queryOptions({ ...scope, filter: null, dimension: dimension ?? 'agent' }),
    enabled: dimension !== null,
  });
  const rows = values.data?.rows ?? [];
  const options = rows.filter((row) => row.value !== '');
  // The select's own value for "none" ('' already means "choose a value").
  const current = filter && filter.dimension === dimension ? (filter.value === '' ? NONE : filter.value) : '';
  const currentKnown = current === NONE || options.some((o) => o.value === current);
  return (
    <>
      <Field label={t('dashboards.controls.filter')}>
        <select
          value={dimension ?? ''}
          onChange={(e) => {
            const next = (e.target.value || null) as FilterDimension | null;
            setPending(next);
            if (next === null || next !== filter?.dimension) onChange(null);
          }}
        >
          <option value="">{t('dashboards.controls.noFilter')}</option>
          {FILTER_DIMENSIONS.map((d) => (
            <option key={d} value={d}>
              {t(`dashboards.dimensions.${d}`)}
            </option>
          ))}
        </select>
      </Field>
      {dimension ? (
        <Field label={t('dashboards.controls.filterValue')}>
          <select
            value={current}
            disabled={!values.data}
            onChange={(e) => {
              setPending(null);
              const value = e.target.value;
              onChange(value ? { dimension, value: value === NONE ? '' : value } : null);
            }}
          >
            <option value="">{t('dashboards.controls.chooseValue')}</option>
            {/* A value from a link that has no activity in this period still shows (by its id). */}
            {current && !currentKnown ? <option value={current}>{current}</option> : null}
            {options.map((row) => (
              <option key={row.value} value={row.value}>
                {row.label}
              </option>
            ))}
            {/* None of the dimension (unassigned, no team, no tag…): offered when it has activity, or is the filter. */}
            {current === NONE || rows.some((row) => row.value === '') ? (
              <option value={NONE}>{t('dashboards.breakdown.none')}</option>
            ) : null}
          </select>
        </Field>
      ) : null}
    </>
  );
}
