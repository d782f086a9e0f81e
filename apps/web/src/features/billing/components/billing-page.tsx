import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { planName } from '@/lib/errors.ts';
import { useFormatDate } from '@/lib/format.ts';
import { useSearchParams } from '@/lib/location.ts';
import { useTRPC, type Organization } from '@/lib/trpc.ts';
import { newIdempotencyKey } from '../idempotency-key.ts';
import type { BrandBilling } from '../types.ts';
import { useBillingText } from '../use-billing-text.ts';
import { PlanChangeDialog } from './plan-change-dialog.tsx';
import { InvoicesList } from './invoices-list.tsx';
import { PlanComparison } from './plan-comparison.tsx';
import { HeldNote, QuotaWarnings } from './quota-notes.tsx';
import { useHeldCounts } from '../use-held-counts.ts';
import '../billing.css';

/**
 * Billing (owners and billing admins): the organization's monthly total and seats, each brand's plan with its
 * meters and pending changes, plan changes with a preview, trials, cancellation and reactivation, and the plans
 * compared. The server decides everything; this page shows it and asks.
 */
export function BillingPage({ organization }: { organization: Organization }) {
  const { t, money } = useBillingText();
  const formatDate = useFormatDate();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const organizationId = organization.id;
  const overview = useQuery(trpc.billing.overview.queryOptions({ organizationId }));
  const held = useHeldCounts(organizationId);
  const [changing, setChanging] = useState<BrandBilling | null>(null);
  const [cancelling, setCancelling] = useState<BrandBilling | null>(null);
  const [notice, setNotice] = useState('');
  const [actionKey, setActionKey] = useState(newIdempotencyKey);
  const stripeReturn = useSearchParams()[0].get('stripe');

  const refresh = async () => {
    setActionKey(newIdempotencyKey());
    await queryClient.invalidateQueries(trpc.billing.pathFilter());
  };
  const trial = useMutation(
    trpc.billing.startTrial.mutationOptions({
      onSuccess: async (b) => {
        setNotice(
          t('billing.trialStarted', {
            brand: b.brandName,
            plan: planName(b.planId),
            date: formatDate(b.trialEndsAt ?? ''),
          }),
        );
        await refresh();
      },
    }),
  );
  const cancel = useMutation(
    trpc.billing.cancel.mutationOptions({
      onSuccess: async (b) => {
        setCancelling(null);
        setNotice(
          t('billing.cancelled', { brand: b.brandName, plan: planName(b.planId), date: formatDate(b.periodEnd) }),
        );
        await refresh();
      },
    }),
  );
  const portal = useMutation(
    trpc.billing.stripePortal.mutationOptions({ onSuccess: ({ url }) => window.location.assign(url) }),
  );
  const reactivate = useMutation(
    trpc.billing.reactivate.mutationOptions({
      onSuccess: async (b) => {
        setNotice(t('billing.reactivated', { brand: b.brandName, plan: planName(b.planId) }));
        await refresh();
      },
    }),
  );

  if (overview.isPending) return <Loading />;
  if (overview.error) return <ErrorMessage error={overview.error} />;
  const { currency, plans, brands, monthlyTotalCents, seatsUsed, seatsTotal } = overview.data;
  const busy = trial.isPending || cancel.isPending || reactivate.isPending;
  const count = new Intl.NumberFormat();
  const status = (b: BrandBilling) => {
    const lines = [t(`billing.state.${b.state}`, { date: formatDate(b.trialEndsAt ?? b.graceEndsAt ?? b.periodEnd) })];
    // A comp ends at midnight UTC: its last day is the one before, in UTC.
    if (b.comp) {
      const lastDay = formatDate(new Date(Date.parse(b.comp.endsAt) - 1), { style: 'date', timeZone: 'UTC' });
      lines.unshift(t('billing.compUntil', { plan: planName(b.comp.planId), date: lastDay }));
    }
    if (b.planId !== 'free')
      lines.push(`${t('billing.paidBy')}: ${t(b.paysWithStripe ? 'billing.byStripe' : 'billing.byInvoice')}`);
    if (b.cancelAtPeriodEnd) lines.push(t('billing.cancelsAt', { date: formatDate(b.periodEnd) }));
    if (b.scheduledPlanId) {
      lines.push(
        t('billing.scheduled', {
          plan: planName(b.scheduledPlanId),
          seats: b.scheduledSeats ?? plans.find((p) => p.id === b.scheduledPlanId)?.includedSeats ?? '',
          date: formatDate(b.periodEnd),
        }),
      );
    }
    return lines;
  };

  return (
    <div className="stack billing-page">
      <PageHeader title={t('billing.title')} description={t('billing.description')} />
      <section className="card billing-summary" aria-label={t('billing.title')}>
        <div>
          <div className="muted">{t('billing.monthlyTotal')}</div>
          <div className="figure" data-testid="billing-monthly-total">
            {money(monthlyTotalCents, currency)}
          </div>
        </div>
        <div>
          <div className="muted">{t('billing.seats')}</div>
          <div className="figure">{t('billing.seatsUsed', { used: seatsUsed, total: seatsTotal })}</div>
          <p className="field-hint">{t('billing.seatsHint')}</p>
        </div>
      </section>

      <section className="card" aria-labelledby="billing-brands">
        <h2 id="billing-brands">{t('billing.brandsTitle')}</h2>
        <SuccessMessage>{notice}</SuccessMessage>
        <ErrorMessage error={trial.error ?? reactivate.error ?? portal.error} />
        {stripeReturn === 'success' ? <SuccessMessage>{t('billing.stripeReturned')}</SuccessMessage> : null}
        {stripeReturn === 'cancelled' ? <p className="muted">{t('billing.stripeCancelled')}</p> : null}
        {brands.length === 0 ? <p className="muted">{t('billing.noBrand')}</p> : null}
        <QuotaWarnings brands={brands} plans={plans} held={held} currency={currency} />
        {brands.length > 0 ? (
          <div className="table-wrap">
            <table className="table billing-brands">
              <thead>
                <tr>
                  <th scope="col">{t('billing.brand')}</th>
                  <th scope="col">{t('billing.plan')}</th>
                  <th scope="col">{t('billing.status')}</th>
                  <th scope="col">{t('billing.seats')}</th>
                  <th scope="col">{t('billing.mentions')}</th>
                  <th scope="col">{t('billing.period')}</th>
                  <th scope="col">{t('billing.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {brands.map((b) => {
                  const over = b.mentionsThisPeriod > b.monthlyMentions;
                  return (
                    <tr key={b.brandId} data-testid={`billing-brand-${b.brandName}`}>
                      <th scope="row">{b.brandName}</th>
                      <td>{planName(b.planId)}</td>
                      <td>
                        {status(b).map((line) => (
                          <span key={line} className="billing-status">
                            {line}
                          </span>
                        ))}
                      </td>
                      <td className="num">{b.seats}</td>
                      <td>
                        <span className="num">
                          {count.format(b.mentionsThisPeriod)} / {count.format(b.monthlyMentions)}
                        </span>
                        <meter
                          className="billing-meter"
                          min={0}
                          max={b.monthlyMentions}
                          high={b.monthlyMentions * 0.8}
                          value={Math.min(b.mentionsThisPeriod, b.monthlyMentions)}
                          aria-label={t('billing.mentions')}
                        />
                        {over ? <span className="billing-status">{t('billing.overQuota')}</span> : null}
                        <HeldNote
                          count={held.find((h) => h.brandId === b.brandId)}
                          organizationId={organizationId}
                          role={organization.myRole}
                        />
                      </td>
                      <td>{t('billing.daysLeft', { count: b.daysLeft })}</td>
                      <td>
                        <div className="billing-actions">
                          {!b.cancelAtPeriodEnd && b.state !== 'past_due' && !b.comp ? (
                            <button
                              type="button"
                              className="button button-small button-primary"
                              onClick={() => {
                                setNotice('');
                                setChanging(b);
                              }}
                            >
                              {t('billing.changePlan')}
                            </button>
                          ) : null}
                          {b.trialAvailable && !b.comp ? (
                            <button
                              type="button"
                              className="button button-small"
                              disabled={busy}
                              onClick={() =>
                                trial.mutate({
                                  organizationId,
                                  brandId: b.brandId,
                                  planId: 'pro',
                                  expectedVersion: b.version,
                                  idempotencyKey: actionKey,
                                })
                              }
                            >
                              {t('billing.startTrial', { plan: 'Pro' })}
                            </button>
                          ) : null}
                          {b.planId !== 'free' && !b.cancelAtPeriodEnd ? (
                            <button
                              type="button"
                              className="button button-small"
                              onClick={() => {
                                cancel.reset();
                                setCancelling(b);
                              }}
                            >
                              {t('billing.cancel')}
                            </button>
                          ) : null}
                          {b.paysWithStripe ? (
                            <button
                              type="button"
                              className="button button-small"
                              disabled={portal.isPending}
                              onClick={() =>
                                portal.mutate({ organizationId, brandId: b.brandId, idempotencyKey: actionKey })
                              }
                            >
                              {t('billing.stripePortal')}
                            </button>
                          ) : null}
                          {b.cancelAtPeriodEnd ? (
                            <button
                              type="button"
                              className="button button-small"
                              disabled={busy}
                              onClick={() =>
                                reactivate.mutate({
                                  organizationId,
                                  brandId: b.brandId,
                                  expectedVersion: b.version,
                                  idempotencyKey: actionKey,
                                })
                              }
                            >
                              {t('billing.reactivate')}
                            </button>
                          ) : null}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <InvoicesList organizationId={organizationId} />

      <PlanComparison plans={plans} currency={currency} />

      {changing ? (
        <PlanChangeDialog
          organizationId={organizationId}
          brand={changing}
          plans={plans}
          currency={currency}
          stripeEnabled={overview.data.stripeEnabled}
          onCancel={() => setChanging(null)}
          onDone={(result, preview) => {
            setChanging(null);
            setNotice(
              preview.effective === 'now'
                ? t('billing.changed', { brand: result.brandName, plan: planName(result.planId) })
                : t('billing.scheduledNotice', {
                    brand: result.brandName,
                    plan: planName(preview.toPlanId),
                    date: formatDate(preview.effectiveAt),
                  }),
            );
            void refresh();
          }}
        />
      ) : null}
      {cancelling ? (
        <ConfirmDialog
          title={t('billing.cancelTitle', { plan: planName(cancelling.planId), brand: cancelling.brandName })}
          confirmLabel={t('billing.cancelConfirm')}
          danger
          pending={cancel.isPending}
          error={<ErrorMessage error={cancel.error} />}
          onCancel={() => setCancelling(null)}
          onConfirm={() =>
            cancel.mutate({
              organizationId,
              brandId: cancelling.brandId,
              expectedVersion: cancelling.version,
              idempotencyKey: actionKey,
            })
          }
        >
          <p>
            {t('billing.cancelWarning', {
              brand: cancelling.brandName,
              plan: planName(cancelling.planId),
              date: formatDate(cancelling.periodEnd),
            })}
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
