import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { fieldErrorsOf } from '@/lib/errors.ts';
import type { Brand } from '@/lib/trpc.ts';
import { browserTimeZone, hourText, splitRecipients, weekdayNames } from '../schedule-text.ts';
import type { Report, ReportValues } from '../types.ts';
import { useReportsText } from '../use-reports-text.ts';

interface ReportFormProps {
  label: string;
  submitLabel: string;
  brands: readonly Brand[];
  initial?: Report;
  pending: boolean;
  disabled?: boolean;
  error: unknown;
  onSubmit: (values: ReportValues) => void;
  onCancel?: () => void;
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** A report's name, schedule (frequency, day, local hour, time zone), recipients, brands and attachment format. */
export function ReportForm(props: ReportFormProps) {
  const { label, submitLabel, brands, initial, pending, disabled, error, onSubmit, onCancel } = props;
  const { t, i18n } = useReportsText();
  const [name, setName] = useState(initial?.name ?? '');
  const [frequency, setFrequency] = useState<'daily' | 'weekly'>(initial?.frequency ?? 'daily');
  const [weekday, setWeekday] = useState(initial?.weekday ?? 1);
  const [hour, setHour] = useState(initial?.hour ?? 8);
  const [timeZone, setTimeZone] = useState(initial?.timeZone ?? browserTimeZone());
  const [recipients, setRecipients] = useState((initial?.recipients ?? []).join(', '));
  const [brandIds, setBrandIds] = useState<string[]>(initial?.filters.brandIds ?? []);
  const [format, setFormat] = useState<'csv' | 'xlsx'>(initial?.format ?? 'csv');
  const errors = fieldErrorsOf(error);
  const days = weekdayNames(i18n.language);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { brandIds: _previous, ...otherFilters } = initial?.filters ?? {};
    onSubmit({
      name: name.trim(),
      frequency,
      weekday: frequency === 'weekly' ? weekday : null,
      hour,
      timeZone: timeZone.trim(),
      recipients: splitRecipients(recipients),
      // Filters the form does not show (set through the API) are kept as they are.
      filters: { ...otherFilters, ...(brandIds.length ? { brandIds } : {}) },
      format,
    });
  };
  const toggleBrand = (id: string, on: boolean) =>
    setBrandIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));

  return (
    <form className="form form-grid report-form" onSubmit={submit} noValidate aria-label={label}>
      <Field label={t('reports.name')} errors={errors['name']}>
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} required />
      </Field>
      <Field label={t('reports.frequency')} errors={errors['frequency']}>
        <select value={frequency} onChange={(e) => setFrequency(e.target.value as 'daily' | 'weekly')}>
          <option value="daily">{t('reports.daily')}</option>
          <option value="weekly">{t('reports.weekly')}</option>
        </select>
      </Field>
      {frequency === 'weekly' ? (
        <Field label={t('reports.weekday')} errors={errors['weekday']}>
          <select value={weekday} onChange={(e) => setWeekday(Number(e.target.value))}>
            {days.map((day, i) => (
              <option key={day} value={i + 1}>
                {day}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <Field label={t('reports.hour')} errors={errors['hour']}>
        <select value={hour} onChange={(e) => setHour(Number(e.target.value))}>
          {HOURS.map((h) => (
            <option key={h} value={h}>
              {hourText(h)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('reports.timeZone')} hint={t('reports.timeZoneHint')} errors={errors['timeZone']}>
        <input value={timeZone} onChange={(e) => setTimeZone(e.target.value)} maxLength={64} />
      </Field>
      <Field label={t('reports.recipients')} hint={t('reports.recipientsHint')} errors={errors['recipients']}>
        <textarea value={recipients} onChange={(e) => setRecipients(e.target.value)} rows={3} />
      </Field>
      <fieldset className="field">
        <legend>{t('reports.brands')}</legend>
        {brands.map((brand) => (
          <label key={brand.id} className="checkbox">
            <input
              type="checkbox"
              checked={brandIds.includes(brand.id)}
              onChange={(e) => toggleBrand(brand.id, e.target.checked)}
            />{' '}
            {brand.name}
          </label>
        ))}
        <p className="field-hint">{t('reports.brandsHint')}</p>
      </fieldset>
      <Field label={t('reports.format')} errors={errors['format']}>
        <select value={format} onChange={(e) => setFormat(e.target.value as 'csv' | 'xlsx')}>
          <option value="csv">CSV</option>
          <option value="xlsx">XLSX</option>
        </select>
      </Field>
      <ErrorMessage error={Object.keys(errors).length ? null : error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending || disabled}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            {t('reports.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
