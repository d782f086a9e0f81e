import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { FEATURES, OPERATOR_LIMITS, type Feature } from '@perch/shared';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { Loading } from '@/components/loading.tsx';
import { fieldErrorsOf, perchCodeOf } from '@/lib/errors.ts';
import { useFormatDate } from '@/lib/format.ts';
import { useTRPC } from '@/lib/trpc.ts';
import type { CatalogPlan } from './types.ts';
import { useOperatorText } from './use-operator-text.ts';

/** The catalog, one form per plan (docs/billing.md, "Operator"). */
export function CatalogTab() {
  const { t } = useOperatorText();
  const trpc = useTRPC();
  const plans = useQuery(trpc.operator.plans.queryOptions());
  // Kept here: a saved (or stale) form starts afresh from the new version, so it cannot hold its own notice.
  const [notice, setNotice] = useState('');
  const [conflict, setConflict] = useState('');
  if (plans.isPending) return <Loading />;
  if (plans.error) return <ErrorMessage error={plans.error} />;
  return (
    <div className="stack">
      <p className="muted">{t('operator.catalog.intro')}</p>
      <SuccessMessage>{notice}</SuccessMessage>
      {conflict ? (
        <p className="alert alert-error" role="alert">
          {conflict}
        </p>
      ) : null}
      <div className="operator-plans">
        {plans.data.map((plan) => (
          // A new version (saved here or elsewhere) starts the form afresh from the stored figures.
          <PlanForm
            key={`${plan.id}:${plan.updatedAt}`}
            plan={plan}
            onSaving={() => {
              setNotice('');
              setConflict('');
            }}
            onSaved={(name) => setNotice(t('operator.catalog.saved', { plan: name }))}
            onConflict={(name) => setConflict(t('operator.catalog.conflict', { plan: name }))}
          />
        ))}
      </div>
    </div>
  );
}

type MoneyField = 'priceCents' | 'seatPriceCents' | 'overagePer1kCents';
type CountField = 'includedSeats' | 'monthlyMentions' | 'retentionDays';
type Values = Record<MoneyField | CountField, string> & { features: Feature[] };

const MONEY: { field: MoneyField; label: 'price' | 'seatPrice' | 'overage'; max: number }[] = [
  { field: 'priceCents', label: 'price', max: OPERATOR_LIMITS.maxPriceCents },
  { field: 'seatPriceCents', label: 'seatPrice', max: OPERATOR_LIMITS.maxSeatPriceCents },
  { field: 'overagePer1kCents', label: 'overage', max: OPERATOR_LIMITS.maxOveragePer1kCents },
];
const COUNTS: { field: CountField; min: number; max: number }[] = [
  { field: 'includedSeats', min: 1, max: OPERATOR_LIMITS.maxIncludedSeats },
  { field: 'monthlyMentions', min: 1, max: OPERATOR_LIMITS.maxMonthlyMentions },
  { field: 'retentionDays', min: 1, max: OPERATOR_LIMITS.maxRetentionDays },
];
const FREE_ZEROES: readonly string[] = ['priceCents', 'seatPriceCents', 'overagePer1kCents'];

/** Amounts are typed in the currency's units ("99.00"; a comma works too) and sent in cents. */
const toCents = (value: string) => Math.round(Number(value.trim().replace(',', '.')) * 100);
const toNumber = (value: string) => (value.trim() === '' ? Number.NaN : Number(value.trim()));

interface PlanFormProps {
  plan: CatalogPlan;
  onSaving: () => void;
  onSaved: (name: string) => void;
  onConflict: (name: string) => void;
}

function PlanForm({ plan, onSaving, onSaved, onConflict }: PlanFormProps) {
  const { t } = useOperatorText();
  const common = useTranslation().t;
  const { i18n } = useTranslation();
  const formatDate = useFormatDate();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(() => ({
    priceCents: (plan.priceCents / 100).toFixed(2),
    seatPriceCents: (plan.seatPriceCents / 100).toFixed(2),
    overagePer1kCents: (plan.overagePer1kCents / 100).toFixed(2),
    includedSeats: String(plan.includedSeats),
    monthlyMentions: String(plan.monthlyMentions),
    retentionDays: String(plan.retentionDays),
    features: plan.features,
  }));
  const save = useMutation(
    trpc.operator.updatePlan.mutationOptions({
      onSuccess: async (saved) => {
        // Said once the form shows the stored figures (it starts afresh from the new version).
        await queryClient.invalidateQueries(trpc.operator.plans.pathFilter());
        onSaved(saved.name);
      },
      onError: async (error) => {
        if (perchCodeOf(error) !== 'CONFLICT') return;
        // Someone else saved first: show their figures (the form restarts from the new version).
        onConflict(plan.name);
        await queryClient.invalidateQueries(trpc.operator.plans.pathFilter());
      },
    }),
  );
  const server = fieldErrorsOf(save.error);
  const decimal = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 2 });
  const whole = new Intl.NumberFormat(i18n.language);
  const errorOf = (field: string, message: string) => (server[field] ? [message] : []);
  const moneyError = (field: MoneyField, max: number) =>
    plan.id === 'free' && FREE_ZEROES.includes(field)
      ? t('operator.catalog.freeError')
      : t('operator.catalog.moneyError', { min: decimal.format(0), max: decimal.format(max / 100) });
  const set = (field: keyof Values, value: string) => setValues((v) => ({ ...v, [field]: value }));
  const toggle = (feature: Feature) =>
    setValues((v) => ({
      ...v,
      features: v.features.includes(feature) ? v.features.filter((f) => f !== feature) : [...v.features, feature],
    }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSaving();
    save.mutate({
      planId: plan.id,
      expectedUpdatedAt: plan.updatedAt,
      priceCents: toCents(values.priceCents),
      seatPriceCents: toCents(values.seatPriceCents),
      overagePer1kCents: toCents(values.overagePer1kCents),
      includedSeats: toNumber(values.includedSeats),
      monthlyMentions: toNumber(values.monthlyMentions),
      retentionDays: toNumber(values.retentionDays),
      features: FEATURES.filter((f) => values.features.includes(f)),
    });
  };

  const validation = perchCodeOf(save.error) === 'VALIDATION' && Object.keys(server).length > 0;
  return (
    <form className="card form operator-plan" onSubmit={submit} noValidate aria-label={plan.name}>
      <h2>{plan.name}</h2>
      <p className="field-hint">{t('operator.catalog.updated', { date: formatDate(plan.updatedAt) })}</p>
      {plan.id === 'free' ? <p className="field-hint">{t('operator.catalog.freeHint')}</p> : null}
      {validation || perchCodeOf(save.error) === 'CONFLICT' ? null : <ErrorMessage error={save.error} />}
      {MONEY.map(({ field, label, max }) => (
        <Field key={field} label={t(`operator.catalog.${label}`)} errors={errorOf(field, moneyError(field, max))}>
          <input type="text" inputMode="decimal" value={values[field]} onChange={(e) => set(field, e.target.value)} />
        </Field>
      ))}
      {COUNTS.map(({ field, min, max }) => (
        <Field
          key={field}
          label={t(`operator.catalog.${field}`)}
          errors={errorOf(field, t('operator.catalog.rangeError', { min: whole.format(min), max: whole.format(max) }))}
        >
          <input type="text" inputMode="numeric" value={values[field]} onChange={(e) => set(field, e.target.value)} />
        </Field>
      ))}
      <fieldset className="fieldset">
        <legend>{t('operator.catalog.features')}</legend>
        {FEATURES.map((feature) => (
          <label key={feature} className="checkbox">
            <input type="checkbox" checked={values.features.includes(feature)} onChange={() => toggle(feature)} />{' '}
            {common(`billing.features.${feature}`)}
          </label>
        ))}
        {server['features'] ? <p className="field-error">{t('operator.catalog.featuresError')}</p> : null}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t('operator.catalog.save', { plan: plan.name })}
        </button>
      </div>
    </form>
  );
}
