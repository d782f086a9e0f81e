import {
  CONVERSATION_STATUSES,
  INBOX_SORTS,
  PRIORITIES,
  SENTIMENTS,
  SLA_STATES,
  type InboxSort,
} from '@perch/shared/vocabulary';
import { useId } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import type { InboxLookups } from '../hooks/use-inbox-lookups.ts';
import { activeFilterCount, type BarFilters, type MultiField } from '../url-state.ts';
import { MultiSelect, type Option } from './multi-select.tsx';

/** Languages offered in the filter (the codes the ingest's language detection yields most). */
export const FILTER_LANGUAGES = ['en', 'fr', 'es', 'de', 'it', 'pt', 'nl', 'ar', 'ja'] as const;

interface FiltersBarProps {
  filters: BarFilters;
  sort: InboxSort | null;
  lookups: InboxLookups;
  onChange: (filters: BarFilters) => void;
  onSort: (sort: InboxSort | null) => void;
}

/** Date input (yyyy-mm-dd) ⇄ the ISO bound in the URL: `from` is the day's start, `to` its end (local time). */
function dayBound(day: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
function dayOf(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Channel, status, priority, … multi-select popovers; chips for what is on; clear all; and the sort. */
export function FiltersBar({ filters, sort, lookups, onChange, onSort }: FiltersBarProps) {
  const { t } = useTranslation();
  const sortId = useId();
  const fromId = useId();
  const toId = useId();
  const enumOptions = (values: readonly string[], prefix: string): Option[] =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}` as never) }));
  const none = (label: string): Option => ({ value: 'none', label });

  const fields: { field: MultiField; label: string; options: Option[] }[] = [
    ...(lookups.channels.length
      ? [
          {
            field: 'channelIds' as const,
            label: t('inbox.filters.channel'),
            options: lookups.channels.map((c) => ({ value: c.id, label: c.name })),
          },
        ]
      : []),
    {
      field: 'statuses',
      label: t('inbox.filters.status'),
      options: enumOptions(CONVERSATION_STATUSES, 'inbox.status'),
    },
    { field: 'priorities', label: t('inbox.filters.priority'), options: enumOptions(PRIORITIES, 'inbox.priority') },
    { field: 'sentiments', label: t('inbox.filters.sentiment'), options: enumOptions(SENTIMENTS, 'inbox.sentiment') },
    {
      field: 'languages',
      label: t('inbox.filters.language'),
      options: FILTER_LANGUAGES.map((code) => ({ value: code, label: code.toUpperCase() })),
    },
    {
      field: 'tagIds',
      label: t('inbox.filters.tags'),
      options: lookups.tags.map((tag) => ({ value: tag.id, label: tag.name })),
    },
    {
      field: 'assigneeUserIds',
      label: t('inbox.filters.assignee'),
      options: [
        none(t('inbox.filters.unassigned')),
        ...lookups.agents.map((a) => ({ value: a.userId, label: a.name })),
      ],
    },
    {
      field: 'teamIds',
      label: t('inbox.filters.team'),
      options: [
        none(t('inbox.filters.noTeam')),
        ...lookups.teams.map((team) => ({ value: team.id, label: team.name })),
      ],
    },
    { field: 'slaStates', label: t('inbox.filters.sla'), options: enumOptions(SLA_STATES, 'inbox.slaState') },
  ];

  const set = (patch: Partial<BarFilters>) => {
    const next: Record<string, unknown> = { ...filters, ...patch };
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined || value === false || (Array.isArray(value) && value.length === 0)) delete next[key];
    }
    onChange(next);
  };

  const chips = fields.flatMap(({ field, label, options }) =>
    (filters[field] ?? []).map((value) => ({
      key: `${field}:${value}`,
      text: `${label}: ${options.find((o) => o.value === value)?.label ?? value}`,
      remove: () => set({ [field]: (filters[field] ?? []).filter((v) => v !== value) }),
    })),
  );
  if (filters.vip) chips.push({ key: 'vip', text: t('inbox.filters.vip'), remove: () => set({ vip: undefined }) });

  return (
    <div className="inbox-filters" role="group" aria-label={t('inbox.filters.label')}>
      <div className="inbox-filter-row">
        {fields.map(({ field, label, options }) => (
          <MultiSelect
            key={field}
            label={label}
            options={options}
            selected={filters[field] ?? []}
            onChange={(values) => set({ [field]: values.slice(0, 20) })}
          />
        ))}
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filters.vip === true}
            onChange={(e) => set({ vip: e.target.checked || undefined })}
          />
          {t('inbox.filters.vip')}
        </label>
        <span className="field-inline">
          <label htmlFor={fromId}>{t('inbox.filters.from')}</label>
          <input
            id={fromId}
            type="date"
            value={dayOf(filters.from)}
            onChange={(e) => set({ from: dayBound(e.target.value, false) })}
          />
        </span>
        <span className="field-inline">
          <label htmlFor={toId}>{t('inbox.filters.to')}</label>
          <input
            id={toId}
            type="date"
            value={dayOf(filters.to)}
            onChange={(e) => set({ to: dayBound(e.target.value, true) })}
          />
        </span>
        <span className="field-inline">
          <label htmlFor={sortId}>{t('inbox.sort.label')}</label>
          <select
            id={sortId}
            value={sort ?? ''}
            onChange={(e) =>
              onSort((INBOX_SORTS as readonly string[]).includes(e.target.value) ? (e.target.value as InboxSort) : null)
            }
          >
            <option value="">{t('inbox.sort.default')}</option>
            {INBOX_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`inbox.sort.${s}`)}
              </option>
            ))}
          </select>
        </span>
      </div>
      {chips.length || filters.from || filters.to ? (
        <ul className="inbox-chips" aria-label={t('inbox.filters.active')}>
          {chips.map((chip) => (
            <li key={chip.key} className="inbox-chip">
              {chip.text}
              <button
                type="button"
                className="inbox-chip-remove"
                aria-label={t('inbox.filters.remove', { filter: chip.text })}
                onClick={chip.remove}
              >
                ×
              </button>
            </li>
          ))}
          {activeFilterCount(filters) > 0 ? (
            <li>
              <button type="button" className="button button-small" onClick={() => onChange({})}>
                {t('inbox.filters.clearAll')}
              </button>
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
