import { DASHBOARD_DIMENSIONS } from '@perch/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/field.tsx';
import { useTRPC } from '@/lib/trpc.ts';
import type { DashboardUrlState, FilterDimension } from '../dashboard-url.ts';
import type { DashboardScope } from '../drilldown.ts';

const FILTER_DIMENSIONS = DASHBOARD_DIMENSIONS.filter((d): d is FilterDimension => d !== 'brand');

/**
 * One dimension filter (one team, one agent, one tag…): pick the dimension, then one of its values. The values
 * offered are those with activity in the period (the breakdown of that dimension, unfiltered), with their names.
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
  const options = (values.data?.rows ?? []).filter((row) => row.value !== '');
  const current = filter && filter.dimension === dimension ? filter.value : '';
  const currentKnown = options.some((o) => o.value === current);
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
              onChange(e.target.value ? { dimension, value: e.target.value } : null);
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
          </select>
        </Field>
      ) : null}
    </>
  );
}
