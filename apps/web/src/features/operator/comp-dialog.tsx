import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { useModalFocus } from '@/components/modal-focus.ts';
import { fieldErrorsOf, perchCodeOf, planName } from '@/lib/errors.ts';
import { useTRPC } from '@/lib/trpc.ts';
import type { OperatorBrand } from './types.ts';
import { useOperatorText } from './use-operator-text.ts';

const DAY = 86_400_000;
const COMP_PLANS = ['pro', 'enterprise'] as const;
/** A comp lasts at most two years (the server's bound, OPERATOR_LIMITS.compMaxDays). */
const MAX_DAYS = 731;
const NOTE_MAX = 500;

/** "2026-12-31" of a day in UTC. */
const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/** The last day of next month (UTC): a comp usually covers whole months, the ones it is not invoiced for. */
function defaultLastDay(now = Date.now()) {
  const today = new Date(now);
  return isoDay(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 2, 1) - DAY);
}

interface CompDialogProps {
  brand: OperatorBrand;
  onDone: (result: { comp: { planId: string; endsAt: string } | null }) => void | Promise<void>;
  onCancel: () => void;
}

/**
 * Comp a plan for a brand: the plan, the last day it covers (the comp ends at the next midnight UTC) and why. The
 * server checks the rest (the end within two years, not below the brand's own plan, not a brand paying through
 * Stripe) and says so. Escape cancels; focus stays inside and returns to the opener.
 */
export function CompDialog({ brand, onDone, onCancel }: CompDialogProps) {
  const { t } = useOperatorText();
  const common = useTranslation().t;
  const trpc = useTRPC();
  const id = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const onKeyDown = useModalFocus(dialogRef, onCancel);
  const [planId, setPlanId] = useState<(typeof COMP_PLANS)[number]>(
    brand.comp?.planId === 'pro' ? 'pro' : 'enterprise',
  );
  const [until, setUntil] = useState(defaultLastDay);
  const [note, setNote] = useState(brand.comp?.note ?? '');
  const [errors, setErrors] = useState<{ until?: string[]; note?: string[] }>({});
  // The days the date picker offers, from when the dialog opened.
  const [bounds] = useState(() => ({
    min: isoDay(Date.now() + DAY),
    max: isoDay(Date.now() + (MAX_DAYS - 1) * DAY),
  }));
  const comp = useMutation(trpc.operator.compPlan.mutationOptions({ onSuccess: (result) => onDone(result) }));
  const server = fieldErrorsOf(comp.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const last = Date.parse(`${until}T00:00:00Z`);
    const endsAt = last + DAY;
    const next: typeof errors = {};
    if (!Number.isFinite(last) || endsAt <= Date.now() + DAY || endsAt > Date.now() + MAX_DAYS * DAY) {
      next.until = [t('operator.comp.untilError')];
    }
    if (!note.trim() || note.trim().length > NOTE_MAX) next.note = [t('operator.comp.noteError')];
    setErrors(next);
    if (Object.keys(next).length) return;
    comp.mutate({ brandId: brand.brandId, planId, endsAt: new Date(endsAt).toISOString(), note: note.trim() });
  };

  return (
    <div className="dialog-backdrop">
      <div
        ref={dialogRef}
        className="dialog billing-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        onKeyDown={onKeyDown}
      >
        <h2 id={`${id}-title`}>{t('operator.comp.title', { brand: brand.name })}</h2>
        <form className="form" onSubmit={submit} noValidate>
          <fieldset className="fieldset">
            <legend>{t('operator.comp.plan')}</legend>
            {COMP_PLANS.map((p) => (
              <label key={p} className="billing-plan-option">
                <input
                  type="radio"
                  name={`${id}-plan`}
                  value={p}
                  checked={planId === p}
                  onChange={() => setPlanId(p)}
                />{' '}
                {planName(p)}
              </label>
            ))}
          </fieldset>
          <Field
            label={t('operator.comp.until')}
            errors={errors.until ?? (server['endsAt'] ? [t('operator.comp.untilError')] : [])}
          >
            <input
              type="date"
              value={until}
              min={bounds.min}
              max={bounds.max}
              onChange={(e) => setUntil(e.target.value)}
            />
          </Field>
          <Field
            label={t('operator.comp.note')}
            hint={t('operator.comp.noteHint')}
            errors={errors.note ?? (server['note'] ? [t('operator.comp.noteError')] : [])}
          >
            <textarea rows={2} maxLength={NOTE_MAX} value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
          <p className="field-hint">{t('operator.comp.explain')}</p>
          {perchCodeOf(comp.error) === 'VALIDATION' && Object.keys(server).length ? null : (
            // The server's sentence says which rule refused (a plan below the brand's own, Stripe…).
            <ErrorMessage error={comp.error} overrides={comp.error ? { VALIDATION: comp.error.message } : {}} />
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onCancel} disabled={comp.isPending}>
              {common('common.cancel')}
            </button>
            <button type="submit" className="button button-primary" disabled={comp.isPending}>
              {t('operator.comp.confirm')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
