import { BUSINESS_HOURS_LIMITS, type BusinessCalendar } from '@perch/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { TimeZoneSelect } from '@/features/brands/components/time-zone-select.tsx';
import { fieldErrorsOf, perchCodeOf } from '@/lib/errors.ts';
import { useFormatDate } from '@/lib/format.ts';
import { useTRPC } from '@/lib/trpc.ts';
import {
  calendarErrors,
  calendarOf,
  draftOf,
  holidayError,
  nextRange,
  normalizeTime,
  presetWeek,
  WEEKDAYS,
  type CalendarDraft,
  type CalendarError,
  type CalendarErrors,
  type RangeDraft,
} from '../calendar-draft.ts';

interface BusinessHoursEditorProps {
  organizationId: string;
  brandId: string;
  brandName: string;
  calendar: BusinessCalendar | null;
  brandTimeZone: string;
  canEdit: boolean;
}

/**
 * Where the server's refusal belongs. Its zod issues arrive flattened under `calendar` (one list of messages for
 * the whole calendar), so each message goes to the part it is about: the zone, the holidays, or the week.
 */
function serverErrorPlaces(error: unknown): Set<'timeZone' | 'holidays' | 'week'> {
  const places = new Set<'timeZone' | 'holidays' | 'week'>();
  if (perchCodeOf(error) !== 'VALIDATION') return places;
  for (const [field, messages] of Object.entries(fieldErrorsOf(error))) {
    for (const message of messages) {
      if (field === 'timeZone' || /time zone/i.test(message)) places.add('timeZone');
      else if (field === 'holidays' || /date|holiday/i.test(message)) places.add('holidays');
      else places.add('week');
    }
  }
  return places;
}

/**
 * The brand's business-hours calendar (docs/business-hours.md): its time zone, the opening ranges of each weekday,
 * closed days and holidays, with presets. Saved whole through sla.setCalendar; removing it makes business-hours
 * targets count every hour. Each refusal shows at its field, with the shared schema's rules.
 */
export function BusinessHoursEditor(props: BusinessHoursEditorProps) {
  const { organizationId, brandId, brandName, calendar, brandTimeZone, canEdit } = props;
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formatDate = useFormatDate();
  const [draft, setDraft] = useState<CalendarDraft>(() => draftOf(calendar, brandTimeZone));
  // Errors show from the first attempt to save, then follow every change.
  const [checked, setChecked] = useState(false);
  const [holiday, setHoliday] = useState('');
  const [holidayRefusal, setHolidayRefusal] = useState<CalendarError | null>(null);
  const [clearing, setClearing] = useState(false);
  const [notice, setNotice] = useState('');
  // The shared schema refused a draft this page found no fault in (a rule added since): say so rather than nothing.
  const [refused, setRefused] = useState(false);

  const setCalendar = useMutation(
    trpc.sla.setCalendar.mutationOptions({
      onSuccess: async (result, input) => {
        const done = input.calendar ? t('sla.calendar.saved') : t('sla.calendar.cleared');
        setNotice([done, t('sla.recomputing', { count: result.recomputing })].join(' '));
        if (!input.calendar) setDraft(draftOf(null, brandTimeZone));
        setClearing(false);
        setChecked(false);
        await Promise.all([
          queryClient.invalidateQueries(trpc.sla.settings.queryFilter({ organizationId, brandId })),
          queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId })),
        ]);
      },
    }),
  );

  const errors: CalendarErrors = checked ? calendarErrors(draft) : new Map<string, CalendarError[]>();
  const server = serverErrorPlaces(setCalendar.error);
  const message = (error: CalendarError) =>
    t(`sla.calendar.errors.${error}`, {
      max: error === 'tooManyRanges' ? BUSINESS_HOURS_LIMITS.rangesPerDay : BUSINESS_HOURS_LIMITS.holidays,
    });
  const messages = (at: string) => (errors.get(at) ?? []).map(message);

  const change = (next: Partial<CalendarDraft>) => {
    setNotice('');
    setRefused(false);
    setDraft((current) => ({ ...current, ...next }));
  };
  const changeDay = (day: number, ranges: RangeDraft[]) =>
    change({ week: draft.week.map((current, d) => (d === day ? ranges : current)) });
  const changeRange = (day: number, key: number, part: 'start' | 'end', value: string) =>
    changeDay(
      day,
      draft.week[day]!.map((r) => (r.key === key ? { ...r, [part]: value } : r)),
    );

  const addHoliday = () => {
    const refusal = holidayError(draft, holiday);
    setHolidayRefusal(refusal);
    if (refusal) return;
    change({ holidays: [...draft.holidays, holiday].sort() });
    setHoliday('');
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    setNotice('');
    const saved = calendarOf(draft);
    setRefused(saved === null);
    if (saved) setCalendar.mutate({ organizationId, brandId, calendar: saved });
  };

  const dateText = (date: string) => formatDate(`${date}T00:00:00.000Z`, { timeZone: 'UTC', style: 'date' });
  const invalid = errors.size > 0 || refused;
  return (
    <section className="card" aria-labelledby="sla-calendar-title">
      <h2 id="sla-calendar-title">{t('sla.calendar.title', { brand: brandName })}</h2>
      <SuccessMessage>{notice}</SuccessMessage>
      <p className={calendar ? 'muted' : 'callout'} data-testid="sla-calendar-state">
        {calendar ? t('sla.calendar.current') : t('sla.calendar.none')}
      </p>
      <form className="form form-grid sla-calendar" onSubmit={submit} noValidate aria-label={t('sla.calendar.label')}>
        <fieldset className="sla-calendar-fields" disabled={!canEdit}>
          <Field
            label={t('sla.calendar.timeZone')}
            hint={t('sla.calendar.timeZoneHint')}
            errors={[...messages('timeZone'), ...(server.has('timeZone') ? [t('sla.calendar.errors.timeZone')] : [])]}
          >
            <TimeZoneSelect disabled={!canEdit} value={draft.timeZone} onChange={(timeZone) => change({ timeZone })} />
          </Field>
          {canEdit ? (
            <div className="sla-presets" role="group" aria-label={t('sla.calendar.presets')}>
              <span className="field-hint">{t('sla.calendar.presets')}</span>
              <button
                type="button"
                className="button button-small"
                onClick={() => change({ week: presetWeek('office') })}
              >
                {t('sla.calendar.presetOffice')}
              </button>
              <button
                type="button"
                className="button button-small"
                onClick={() => change({ week: presetWeek('always') })}
              >
                {t('sla.calendar.presetAlways')}
              </button>
            </div>
          ) : null}
          <p className="field-hint">{t('sla.calendar.timeHint')}</p>
          {WEEKDAYS.map((weekday, day) => {
            const dayName = t(`sla.calendar.days.${weekday}`);
            const ranges = draft.week[day] ?? [];
            return (
              <fieldset key={weekday} className="fieldset sla-day">
                <legend>{dayName}</legend>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    disabled={!canEdit}
                    aria-label={t('sla.calendar.closedOf', { day: dayName })}
                    checked={ranges.length === 0}
                    onChange={(e) => changeDay(day, e.target.checked ? [] : [nextRange([])])}
                  />
                  <span aria-hidden="true">{t('sla.calendar.closed')}</span>
                </label>
                <ol className="sla-ranges">
                  {ranges.map((r, i) => {
                    const n = i + 1;
                    const rangeErrors = [...messages(`range.${r.key}.start`), ...messages(`range.${r.key}.end`)];
                    const errorId = `sla-range-${r.key}-error`;
                    const invalidAt = (part: 'start' | 'end') =>
                      errors.get(`range.${r.key}.${part}`) ? true : undefined;
                    return (
                      <li key={r.key} className={rangeErrors.length ? 'sla-range field-invalid' : 'sla-range'}>
                        <input
                          type="text"
                          className="sla-time"
                          inputMode="numeric"
                          placeholder="HH:MM"
                          maxLength={5}
                          readOnly={!canEdit}
                          aria-label={t('sla.calendar.opensOf', { day: dayName, n })}
                          aria-invalid={invalidAt('start')}
                          aria-describedby={rangeErrors.length ? errorId : undefined}
                          value={r.start}
                          onChange={(e) => changeRange(day, r.key, 'start', e.target.value)}
                          onBlur={(e) => changeRange(day, r.key, 'start', normalizeTime(e.target.value))}
                        />
                        <span aria-hidden="true">–</span>
                        <input
                          type="text"
                          className="sla-time"
                          inputMode="numeric"
                          placeholder="HH:MM"
                          maxLength={5}
                          readOnly={!canEdit}
                          aria-label={t('sla.calendar.closesOf', { day: dayName, n })}
                          aria-invalid={invalidAt('end')}
                          aria-describedby={rangeErrors.length ? errorId : undefined}
                          value={r.end}
                          onChange={(e) => changeRange(day, r.key, 'end', e.target.value)}
                          onBlur={(e) => changeRange(day, r.key, 'end', normalizeTime(e.target.value))}
                        />
                        {canEdit ? (
                          <button
                            type="button"
                            className="button button-small"
                            aria-label={t('sla.calendar.removeRangeOf', { day: dayName, n })}
                            onClick={() =>
                              changeDay(
                                day,
                                ranges.filter((x) => x.key !== r.key),
                              )
                            }
                          >
                            {t('sla.calendar.removeRange')}
                          </button>
                        ) : null}
                        {rangeErrors.length ? (
                          <p className="field-error" id={errorId}>
                            {rangeErrors.join(' ')}
                          </p>
                        ) : null}
                      </li>
                    );
                  })}
                </ol>
                {messages(`day.${day}`).length ? (
                  <p className="field-error">{messages(`day.${day}`).join(' ')}</p>
                ) : null}
                {canEdit ? (
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={t('sla.calendar.addRangeOf', { day: dayName })}
                    disabled={ranges.length >= BUSINESS_HOURS_LIMITS.rangesPerDay}
                    onClick={() => changeDay(day, [...ranges, nextRange(ranges)])}
                  >
                    {t('sla.calendar.addRange')}
                  </button>
                ) : null}
              </fieldset>
            );
          })}
          {messages('week').length || server.has('week') ? (
            <p className="field-error" data-testid="sla-week-error">
              {[...messages('week'), ...(server.has('week') ? [t('sla.calendar.errors.week')] : [])].join(' ')}
            </p>
          ) : null}
          <fieldset className="fieldset sla-holidays">
            <legend>{t('sla.calendar.holidays')}</legend>
            <p className="field-hint">{t('sla.calendar.holidaysHint')}</p>
            {draft.holidays.length === 0 ? <p className="muted">{t('sla.calendar.noHolidays')}</p> : null}
            <ul aria-label={t('sla.calendar.holidays')} className="sla-holiday-list">
              {draft.holidays.map((date) => (
                <li key={date}>
                  <time dateTime={date}>{dateText(date)}</time>{' '}
                  {canEdit ? (
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('sla.calendar.removeHolidayOf', { date: dateText(date) })}
                      onClick={() => change({ holidays: draft.holidays.filter((d) => d !== date) })}
                    >
                      {t('sla.calendar.removeRange')}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
            {canEdit ? (
              <div className="sla-holiday-add">
                <Field
                  label={t('sla.calendar.holidayDate')}
                  errors={[
                    ...(holidayRefusal ? [message(holidayRefusal)] : []),
                    ...messages('holidays'),
                    ...(server.has('holidays')
                      ? [t('sla.calendar.errors.holidays', { max: BUSINESS_HOURS_LIMITS.holidays })]
                      : []),
                  ]}
                >
                  <input
                    type="date"
                    value={holiday}
                    onChange={(e) => {
                      setHoliday(e.target.value);
                      setHolidayRefusal(null);
                    }}
                    onKeyDown={(e) => {
                      // Enter adds the date, not the whole calendar.
                      if (e.key === 'Enter') {
                        e.preventDefault();
                        addHoliday();
                      }
                    }}
                  />
                </Field>
                <button type="button" className="button button-small" onClick={addHoliday}>
                  {t('sla.calendar.addHoliday')}
                </button>
              </div>
            ) : null}
          </fieldset>
        </fieldset>
        {invalid ? (
          <p className="alert alert-error" role="alert">
            {t('sla.calendar.errors.invalid')}
          </p>
        ) : null}
        {server.size > 0 ? null : <ErrorMessage error={setCalendar.error} />}
        {canEdit ? (
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={setCalendar.isPending}>
              {t('sla.calendar.save')}
            </button>
            {calendar ? (
              <button
                type="button"
                className="button button-danger-outline"
                disabled={setCalendar.isPending}
                onClick={() => {
                  setCalendar.reset();
                  setClearing(true);
                }}
              >
                {t('sla.calendar.clear')}
              </button>
            ) : null}
          </div>
        ) : null}
      </form>
      {clearing ? (
        <ConfirmDialog
          title={t('sla.calendar.clearTitle', { brand: brandName })}
          confirmLabel={t('sla.calendar.clearConfirm')}
          danger
          pending={setCalendar.isPending}
          error={<ErrorMessage error={setCalendar.error} overrides={{ NOT_FOUND: t('sla.errors.gone') }} />}
          onCancel={() => setClearing(false)}
          onConfirm={() => setCalendar.mutate({ organizationId, brandId, calendar: null })}
        >
          <p>{t('sla.calendar.clearWarning')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
