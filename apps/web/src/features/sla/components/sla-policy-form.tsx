import { SLA_LIMITS, type SlaPolicyView } from '@perch/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { fieldErrorsOf, perchCodeOf } from '@/lib/errors.ts';
import { draftOf, minutesOf, type DurationDraft, type DurationError } from '../duration.ts';
import { DurationField } from './duration-field.tsx';

export interface SlaPolicyValues {
  name: string;
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  businessHours: boolean;
  warnAtPercent: number;
}

type TargetField = 'firstResponseMinutes' | 'nextResponseMinutes' | 'resolutionMinutes';
type FieldName = 'name' | TargetField | 'warnAtPercent';
const TARGETS = [
  ['firstResponseMinutes', 'firstResponse', 'min'],
  ['nextResponseMinutes', 'nextResponse', 'min'],
  ['resolutionMinutes', 'resolution', 'h'],
] as const;

interface SlaPolicyFormProps {
  label: string;
  /** The name proposed for a priority that has no policy yet ("Urgent priority"). */
  defaultName: string;
  initial?: SlaPolicyView | undefined;
  pending: boolean;
  error: unknown;
  onSubmit: (values: SlaPolicyValues) => void;
  onCancel: () => void;
}

const CONTROL = /\p{Cc}/u;

/**
 * A policy's name, its three targets (each a number and a unit, empty = no target), how they count time and when
 * they warn. The checks are saveSlaPolicyInput's, made here first so the manager reads them next to each field.
 */
export function SlaPolicyForm({ label, defaultName, initial, pending, error, onSubmit, onCancel }: SlaPolicyFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial?.name ?? defaultName);
  const [targets, setTargets] = useState<Record<TargetField, DurationDraft>>(() => ({
    firstResponseMinutes: draftOf(initial ? initial.firstResponseMinutes : 60, 'min'),
    nextResponseMinutes: draftOf(initial ? initial.nextResponseMinutes : null, 'min'),
    resolutionMinutes: draftOf(initial ? initial.resolutionMinutes : null, 'h'),
  }));
  const [businessHours, setBusinessHours] = useState(initial?.businessHours ?? true);
  const [warnAt, setWarnAt] = useState(String(initial?.warnAtPercent ?? SLA_LIMITS.warnAtPercentDefault));
  const [errors, setErrors] = useState<Partial<Record<FieldName, string[]>>>({});

  const durationMessage = (e: DurationError) => t(`sla.errors.${e}`);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    const next: Partial<Record<FieldName, string[]>> = {
      name: !trimmed
        ? [t('sla.errors.required')]
        : trimmed.length > SLA_LIMITS.policyName
          ? [t('sla.errors.nameTooLong', { max: SLA_LIMITS.policyName })]
          : CONTROL.test(trimmed)
            ? [t('sla.errors.nameControl')]
            : [],
    };
    const minutes: Partial<Record<TargetField, number | null>> = {};
    for (const [field] of TARGETS) {
      const parsed = minutesOf(targets[field]);
      if ('error' in parsed) next[field] = [durationMessage(parsed.error)];
      else minutes[field] = parsed.minutes;
    }
    if (TARGETS.every(([field]) => minutes[field] === null)) next.firstResponseMinutes = [t('sla.errors.oneTarget')];
    const percent = /^\s*\d+\s*$/.test(warnAt) ? Number(warnAt) : NaN;
    if (!(percent >= SLA_LIMITS.warnAtPercentMin && percent <= SLA_LIMITS.warnAtPercentMax)) {
      next.warnAtPercent = [t('sla.errors.warnAt')];
    }
    setErrors(next);
    if (Object.values(next).some((list) => list.length > 0)) return;
    onSubmit({
      name: trimmed,
      firstResponseMinutes: minutes.firstResponseMinutes ?? null,
      nextResponseMinutes: minutes.nextResponseMinutes ?? null,
      resolutionMinutes: minutes.resolutionMinutes ?? null,
      businessHours,
      warnAtPercent: percent,
    });
  };

  // The server's refusals (flattened zod issues by field), in the interface language at the field they name.
  const server = fieldErrorsOf(error);
  const serverErrors = (field: FieldName): string[] => {
    const messages = server[field];
    if (!messages?.length) return [];
    if (field === 'name') return [t('sla.errors.nameTooLong', { max: SLA_LIMITS.policyName })];
    if (field === 'warnAtPercent') return [t('sla.errors.warnAt')];
    return messages.some((m) => m.includes('at least one target'))
      ? [t('sla.errors.oneTarget')]
      : [t('sla.errors.max'), t('sla.errors.whole')];
  };
  const inline = perchCodeOf(error) === 'VALIDATION' && Object.keys(server).length > 0;
  const all = (field: FieldName) => [...(errors[field] ?? []), ...serverErrors(field)];

  return (
    <form className="form form-grid sla-form" onSubmit={submit} noValidate aria-label={label}>
      {inline ? null : <ErrorMessage error={error} overrides={{ NOT_FOUND: t('sla.errors.gone') }} />}
      <Field label={t('sla.form.name')} errors={all('name')}>
        <input
          type="text"
          maxLength={SLA_LIMITS.policyName + 1}
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </Field>
      <div className="sla-targets">
        {TARGETS.map(([field, key]) => (
          <DurationField
            key={field}
            label={t(`sla.form.${key}`)}
            unitLabel={t('sla.form.unitOf', { target: t(`sla.form.${key}`) })}
            value={targets[field]}
            errors={all(field)}
            onChange={(value) => setTargets((current) => ({ ...current, [field]: value }))}
          />
        ))}
      </div>
      <p className="field-hint">{t('sla.form.targetsHint')}</p>
      <Field label={t('sla.form.counted')} hint={t('sla.form.countedHint')}>
        <select
          value={businessHours ? 'business' : 'calendar'}
          onChange={(e) => setBusinessHours(e.target.value === 'business')}
        >
          <option value="business">{t('sla.form.countedBusiness')}</option>
          <option value="calendar">{t('sla.form.countedCalendar')}</option>
        </select>
      </Field>
      <Field label={t('sla.form.warnAt')} hint={t('sla.form.warnAtHint')} errors={all('warnAtPercent')}>
        <input
          type="text"
          inputMode="numeric"
          className="sla-number"
          maxLength={3}
          autoComplete="off"
          value={warnAt}
          onChange={(e) => setWarnAt(e.target.value)}
        />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {t('sla.form.save')}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={pending}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
