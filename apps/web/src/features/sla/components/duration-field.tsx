import { useId } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { DURATION_UNITS, type DurationDraft, type DurationUnit } from '../duration.ts';

interface DurationFieldProps {
  label: string;
  /** The unit select's own accessible name ("First response: unit"). */
  unitLabel: string;
  value: DurationDraft;
  errors: readonly string[];
  onChange: (value: DurationDraft) => void;
}

/** A target typed as a number and a unit (minutes, hours, days); the label names the number input. */
export function DurationField({ label, unitLabel, value, errors, onChange }: DurationFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const hasError = errors.length > 0;
  return (
    <div className={hasError ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <div className="sla-duration">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          className="sla-number"
          maxLength={12}
          autoComplete="off"
          value={value.amount}
          aria-invalid={hasError || undefined}
          aria-describedby={hasError ? `${id}-error` : undefined}
          onChange={(e) => onChange({ ...value, amount: e.target.value })}
        />
        <select
          aria-label={unitLabel}
          value={value.unit}
          onChange={(e) => onChange({ ...value, unit: e.target.value as DurationUnit })}
        >
          {DURATION_UNITS.map((unit) => (
            <option key={unit} value={unit}>
              {t(`sla.units.${unit}`)}
            </option>
          ))}
        </select>
      </div>
      {hasError ? (
        <p className="field-error" id={`${id}-error`}>
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
