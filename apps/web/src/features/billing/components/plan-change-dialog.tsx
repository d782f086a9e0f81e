import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { useModalFocus } from '@/components/modal-focus.ts';
import { Loading } from '@/components/loading.tsx';
import { useFormatDate } from '@/lib/format.ts';
import { useTRPC } from '@/lib/trpc.ts';
import { newIdempotencyKey } from '../idempotency-key.ts';
import type { BrandBilling, Plan, PlanChangePreview } from '../types.ts';
import { useBillingText } from '../use-billing-text.ts';

interface PlanChangeDialogProps {
  organizationId: string;
  brand: BrandBilling;
  plans: Plan[];
  currency: string;
  /** Offer Stripe Checkout (card) beside the invoice. */
  stripeEnabled: boolean;
  onDone: (result: BrandBilling, preview: PlanChangePreview) => void;
  onCancel: () => void;
}

/**
 * Change a brand's plan or seats: choose, preview (the server computes the amounts to the cent and what is lost),
 * then confirm that exact preview. The server recomputes it and refuses a preview that is stale or was altered.
 * Escape cancels; focus stays inside and returns to the opener.
 */
export function PlanChangeDialog({
  organizationId,
  brand,
  plans,
  currency,
  stripeEnabled,
  onDone,
  onCancel,
}: PlanChangeDialogProps) {
  const { t, money } = useBillingText();
  const common = useTranslation().t;
  const formatDate = useFormatDate();
  const trpc = useTRPC();
  const id = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const current = plans.find((p) => p.id === brand.planId);
  const suggested = plans.find((p) => p.priceCents > (current?.priceCents ?? 0)) ?? current ?? plans[0]!;
  const [planId, setPlanId] = useState(suggested.id);
  const plan = plans.find((p) => p.id === planId) ?? suggested;
  const [seats, setSeats] = useState(planId === brand.planId ? brand.seats : plan.includedSeats);
  const [requested, setRequested] = useState(false);
  const [idempotencyKey] = useState(newIdempotencyKey);

  const input = { organizationId, brandId: brand.brandId, planId, seats };
  const preview = useQuery({
    ...trpc.billing.previewChange.queryOptions(input),
    enabled: requested,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
  const confirm = useMutation(
    trpc.billing.confirmChange.mutationOptions({
      onSuccess: (result) => {
        if (preview.data) onDone(result, preview.data);
      },
    }),
  );

  const checkout = useMutation(
    trpc.billing.stripeCheckout.mutationOptions({
      // Stripe's page takes over; the plan changes when Stripe's signed event reaches Perch.
      onSuccess: ({ url }) => window.location.assign(url),
    }),
  );

  const choose = (next: Plan) => {
    setPlanId(next.id);
    setSeats(next.id === brand.planId ? brand.seats : next.includedSeats);
    setRequested(false);
    confirm.reset();
  };

  const onKeyDown = useModalFocus(dialogRef, onCancel);

  const p = preview.data;
  const featureNames = (features: readonly string[]) =>
    features.map((f) => t(`billing.features.${f as 'triage'}`)).join(', ');

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
        <h2 id={`${id}-title`}>{t('billing.dialogTitle', { brand: brand.brandName })}</h2>
        <fieldset className="field">
          <legend>{t('billing.choosePlan')}</legend>
          {plans.map((option) => (
            <label key={option.id} className="radio billing-plan-option">
              <input
                type="radio"
                name={`${id}-plan`}
                value={option.id}
                checked={option.id === planId}
                onChange={() => choose(option)}
              />{' '}
              <strong>{option.name}</strong> — {t('billing.perMonth', { price: money(option.priceCents, currency) })}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-seats`}>{t('billing.seatsField')}</label>
          <input
            id={`${id}-seats`}
            type="number"
            inputMode="numeric"
            min={plan.includedSeats}
            max={plan.seatPriceCents > 0 ? 10_000 : plan.includedSeats}
            step={1}
            value={seats}
            disabled={plan.seatPriceCents === 0}
            onChange={(e) => {
              setSeats(Number(e.target.value));
              setRequested(false);
              confirm.reset();
            }}
          />
          <p className="field-hint">
            {plan.seatPriceCents > 0
              ? t('billing.seatsFieldHint', {
                  included: plan.includedSeats,
                  price: money(plan.seatPriceCents, currency),
                })
              : t('billing.seatsFixed', { included: plan.includedSeats })}
          </p>
        </div>

        {requested && preview.isPending ? <Loading /> : null}
        <ErrorMessage error={preview.error} />
        {p ? (
          <section aria-labelledby={`${id}-preview`} className="billing-preview">
            <h3 id={`${id}-preview`}>{t('billing.previewTitle')}</h3>
            <p>
              {p.effective === 'now'
                ? t('billing.effectiveNow')
                : t('billing.effectiveLater', { date: formatDate(p.effectiveAt), brand: brand.brandName })}
            </p>
            {p.lines.length > 0 ? (
              <table className="table">
                <tbody>
                  {p.lines.map((line) => (
                    <tr key={line.kind}>
                      <th scope="row">
                        {line.kind === 'credit' ? t('billing.credit') : t('billing.charge')}
                        <div className="muted">{line.description}</div>
                      </th>
                      <td className="num">{money(line.amountCents, p.currency)}</td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">{t('billing.total')}</th>
                    <td className="num">
                      <strong data-testid="billing-preview-total">{money(p.totalCents, p.currency)}</strong>
                    </td>
                  </tr>
                </tbody>
              </table>
            ) : (
              <p>{t('billing.nothingDue')}</p>
            )}
            {p.lostFeatures.length > 0 ? (
              <p className="alert billing-warning">
                {t('billing.lostFeatures', { brand: brand.brandName, features: featureNames(p.lostFeatures) })}
              </p>
            ) : null}
            {p.hiddenHistoryBefore ? (
              <p className="alert billing-warning">
                {t('billing.hiddenHistory', {
                  date: formatDate(p.hiddenHistoryBefore),
                  days: p.retentionDaysAfter,
                })}
              </p>
            ) : null}
          </section>
        ) : null}
        <ErrorMessage error={confirm.error ?? checkout.error} />

        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel} disabled={confirm.isPending}>
            {common('common.cancel')}
          </button>
          {p && stripeEnabled && p.effective === 'now' && planId !== 'free' && brand.state !== 'trialing' ? (
            <button
              type="button"
              className="button"
              disabled={checkout.isPending || confirm.isPending}
              onClick={() =>
                checkout.mutate({
                  organizationId,
                  brandId: brand.brandId,
                  planId,
                  seats,
                  idempotencyKey,
                })
              }
            >
              {t('billing.payWithStripe')}
            </button>
          ) : null}
          {p ? (
            <button
              type="button"
              className="button button-primary"
              disabled={confirm.isPending}
              onClick={() =>
                confirm.mutate({
                  organizationId,
                  brandId: brand.brandId,
                  previewToken: p.previewToken,
                  expectedVersion: brand.version,
                  idempotencyKey,
                })
              }
            >
              {t('billing.confirm')}
            </button>
          ) : (
            <button
              type="button"
              className="button button-primary"
              disabled={requested && preview.isPending}
              onClick={() => setRequested(true)}
            >
              {t('billing.preview')}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
