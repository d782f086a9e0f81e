import { LIMITS, type Locale } from '@perch/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { fieldErrorsOf, perchCodeOf } from '@/lib/errors.ts';
import { SUPPORTED_LOCALES } from '@/lib/i18n.ts';
import { TimeZoneSelect } from './time-zone-select.tsx';

export interface BrandValues {
  name: string;
  /** Without the @; empty = no handle. */
  handle: string;
  timeZone: string;
  locale: Locale;
}

interface BrandFormProps {
  initial: BrandValues;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: BrandValues) => void;
  onCancel?: () => void;
  /** Accessible name of the form (e.g. "New brand"). */
  label: string;
}

const HANDLE = /^@?[A-Za-z0-9_]{1,15}$/;

export function BrandForm({ initial, submitLabel, pending, error, onSubmit, onCancel, label }: BrandFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<BrandValues>(initial);
  const [clientErrors, setClientErrors] = useState<Partial<Record<keyof BrandValues, string[]>>>({});
  const server = fieldErrorsOf(error);
  const fieldError = (field: keyof BrandValues, message: string) => [
    ...(clientErrors[field] ?? []),
    ...(server[field] ? [message] : []),
  ];
  const set = <K extends keyof BrandValues>(key: K, value: BrandValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<keyof BrandValues, string[]>> = {};
    if (!values.name.trim()) errors.name = [t('validation.required')];
    if (values.handle.trim() && !HANDLE.test(values.handle.trim())) errors.handle = [t('validation.handle')];
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    onSubmit({ ...values, name: values.name.trim(), handle: values.handle.trim().replace(/^@/, '') });
  };

  // CONFLICT on a brand = the name is taken: say it next to the name.
  const nameTaken = perchCodeOf(error) === 'CONFLICT';
  return (
    <form className="form form-grid" onSubmit={submit} noValidate aria-label={label}>
      {nameTaken || (perchCodeOf(error) === 'VALIDATION' && Object.keys(server).length) ? null : (
        <ErrorMessage error={error} />
      )}
      <Field
        label={t('brands.name')}
        errors={[...fieldError('name', t('validation.name')), ...(nameTaken ? [t('brands.nameTaken')] : [])]}
      >
        <input
          type="text"
          maxLength={LIMITS.brandName}
          value={values.name}
          onChange={(e) => set('name', e.target.value)}
        />
      </Field>
      <Field
        label={t('brands.handle')}
        hint={t('brands.handleHint')}
        errors={fieldError('handle', t('validation.handle'))}
      >
        <input
          type="text"
          maxLength={16}
          autoComplete="off"
          spellCheck={false}
          value={values.handle}
          onChange={(e) => set('handle', e.target.value)}
        />
      </Field>
      <Field label={t('brands.timeZone')} errors={fieldError('timeZone', t('validation.timeZone'))}>
        <TimeZoneSelect value={values.timeZone} onChange={(zone) => set('timeZone', zone)} />
      </Field>
      <Field label={t('brands.locale')} errors={fieldError('locale', t('validation.required'))}>
        <select value={values.locale} onChange={(e) => set('locale', e.target.value as Locale)}>
          {SUPPORTED_LOCALES.map((locale) => (
            <option key={locale} value={locale}>
              {t(`languages.${locale}`)}
            </option>
          ))}
        </select>
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel} disabled={pending}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
