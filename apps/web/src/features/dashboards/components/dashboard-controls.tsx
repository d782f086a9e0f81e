import { DASHBOARD_GRAINS, DASHBOARD_LIMITS } from '@perch/shared';
import { useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Field } from '@/components/field.tsx';
import type { Brand } from '@/lib/trpc.ts';
import type { DashboardUrlState } from '../dashboard-url.ts';
import {
  effectiveGrain,
  grainAllowed,
  isValidRange,
  RANGE_PRESETS,
  type DayRange,
  type RangePreset,
} from '../date-range.ts';
import type { DashboardScope } from '../drilldown.ts';
import { FilterControl } from './filter-control.tsx';

interface ControlsProps {
  state: DashboardUrlState;
  onChange: (patch: Partial<DashboardUrlState>) => void;
  range: DayRange;
  /** A dimension filter applies (always for an agent): hours are not offered. */
  filtered: boolean;
  brands: readonly Brand[];
  scope: DashboardScope;
  /** Agents see their own figures: no dimension filter (the server forces theirs). */
  isAgent: boolean;
}

/** Period, comparison, business hours, brands, one dimension filter and the grain; every change goes to the URL. */
export function DashboardControls({ state, onChange, range, filtered, brands, scope, isAgent }: ControlsProps) {
  const { t } = useTranslation();
  const auto = effectiveGrain(range, 'auto', filtered);
  return (
    <section className="card dash-controls" aria-label={t('dashboards.controls.label')}>
      <Field label={t('dashboards.controls.range')}>
        <select
          value={state.preset}
          onChange={(e) => {
            const preset = e.target.value as RangePreset;
            // Custom starts from the days shown, so switching to it changes nothing until a date is edited.
            onChange(
              preset === 'custom' ? { preset, from: range.from, to: range.to } : { preset, from: null, to: null },
            );
          }}
        >
          {RANGE_PRESETS.map((preset) => (
            <option key={preset} value={preset}>
              {t(`dashboards.presets.${preset}`)}
            </option>
          ))}
        </select>
      </Field>
      {state.preset === 'custom' ? (
        <CustomRange
          key={`${range.from}:${range.to}`}
          range={range}
          onApply={(next) => onChange({ preset: 'custom', ...next })}
        />
      ) : null}
      <Field label={t('dashboards.controls.grain')}>
        <select value={state.grain} onChange={(e) => onChange({ grain: e.target.value as DashboardUrlState['grain'] })}>
          <option value="auto">{t('dashboards.controls.autoGrain', { grain: t(`dashboards.grains.${auto}`) })}</option>
          {DASHBOARD_GRAINS.map((grain) => (
            <option key={grain} value={grain} disabled={!grainAllowed(range, grain, filtered)}>
              {t(`dashboards.grains.${grain}`)}
            </option>
          ))}
        </select>
      </Field>
      <BrandPicker brands={brands} selected={state.brandIds} onChange={(brandIds) => onChange({ brandIds })} />
      {isAgent ? null : (
        <FilterControl scope={scope} filter={state.filter} onChange={(filter) => onChange({ filter })} />
      )}
      <label className="checkbox">
        <input type="checkbox" checked={state.compare} onChange={(e) => onChange({ compare: e.target.checked })} />
        {t('dashboards.controls.compare')}
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={state.businessHours}
          onChange={(e) => onChange({ businessHours: e.target.checked })}
        />
        {t('dashboards.controls.businessHours')}
      </label>
    </section>
  );
}

/** Two date inputs; the URL changes once both days make a range the server accepts. */
function CustomRange({ range, onApply }: { range: DayRange; onApply: (range: DayRange) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<DayRange>(range);
  const valid = Boolean(draft.from && draft.to) && isValidRange(draft);
  const edit = (patch: Partial<DayRange>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    if (next.from && next.to && isValidRange(next)) onApply(next);
  };
  const errors = valid ? undefined : [t('dashboards.controls.rangeInvalid', { days: DASHBOARD_LIMITS.rangeDaysMax })];
  return (
    <>
      <Field label={t('dashboards.controls.from')} errors={errors}>
        <input
          type="date"
          value={draft.from}
          max={draft.to || undefined}
          onChange={(e) => edit({ from: e.target.value })}
        />
      </Field>
      <Field label={t('dashboards.controls.to')}>
        <input
          type="date"
          value={draft.to}
          min={draft.from || undefined}
          onChange={(e) => edit({ to: e.target.value })}
        />
      </Field>
    </>
  );
}

/** The brands shown: none ticked means every brand I may see. */
function BrandPicker({
  brands,
  selected,
  onChange,
}: {
  brands: readonly Brand[];
  selected: readonly string[];
  onChange: (brandIds: string[]) => void;
}) {
  const { t } = useTranslation();
  const known = selected.filter((id) => brands.some((b) => b.id === id));
  const summary = known.length
    ? known.length === 1
      ? (brands.find((b) => b.id === known[0])?.name ?? '')
      : t('dashboards.controls.someBrands', { count: known.length })
    : t('dashboards.controls.allBrands');
  const toggle = (id: string) => onChange(known.includes(id) ? known.filter((v) => v !== id) : [...known, id]);
  return (
    <div className="field">
      <span>{t('dashboards.controls.brands')}</span>
      <details className="dash-popover">
        <summary className="button button-small">{summary}</summary>
        <div className="dash-popover-panel" role="group" aria-label={t('dashboards.controls.brands')}>
          {brands.map((brand) => (
            <label key={brand.id} className="checkbox">
              <input type="checkbox" checked={known.includes(brand.id)} onChange={() => toggle(brand.id)} />
              {brand.name}
            </label>
          ))}
        </div>
      </details>
    </div>
  );
}
