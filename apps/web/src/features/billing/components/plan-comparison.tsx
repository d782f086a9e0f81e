import { FEATURES } from '@perch/shared';
import type { Plan } from '../types.ts';
import { useBillingText } from '../use-billing-text.ts';

/** The catalog side by side: prices, seats, quotas, history and every feature, so a billing admin sees what each plan unlocks. */
export function PlanComparison({ plans, currency }: { plans: Plan[]; currency: string }) {
  const { t, money } = useBillingText();
  const count = new Intl.NumberFormat();
  return (
    <section className="card" aria-labelledby="billing-compare">
      <h2 id="billing-compare">{t('billing.compareTitle')}</h2>
      <div className="table-wrap">
        <table className="table billing-compare">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t('billing.feature')}</span>
              </th>
              {plans.map((plan) => (
                <th key={plan.id} scope="col">
                  {plan.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('billing.price')}</th>
              {plans.map((p) => (
                <td key={p.id}>{money(p.priceCents, currency)}</td>
              ))}
            </tr>
            <tr>
              <th scope="row">{t('billing.seatsIncluded')}</th>
              {plans.map((p) => (
                <td key={p.id}>{p.includedSeats}</td>
              ))}
            </tr>
            <tr>
              <th scope="row">{t('billing.extraSeat')}</th>
              {plans.map((p) => (
                <td key={p.id}>{p.seatPriceCents > 0 ? money(p.seatPriceCents, currency) : t('billing.notSold')}</td>
              ))}
            </tr>
            <tr>
              <th scope="row">{t('billing.monthlyMentions')}</th>
              {plans.map((p) => (
                <td key={p.id}>{count.format(p.monthlyMentions)}</td>
              ))}
            </tr>
            <tr>
              <th scope="row">{t('billing.overage')}</th>
              {plans.map((p) => (
                <td key={p.id}>{p.overagePer1kCents > 0 ? money(p.overagePer1kCents, currency) : t('billing.held')}</td>
              ))}
            </tr>
            <tr>
              <th scope="row">{t('billing.retention')}</th>
              {plans.map((p) => (
                <td key={p.id}>{t('billing.retentionDays', { count: p.retentionDays })}</td>
              ))}
            </tr>
            {FEATURES.map((feature) => (
              <tr key={feature}>
                <th scope="row">{t(`billing.features.${feature}`)}</th>
                {plans.map((p) => (
                  <td key={p.id}>
                    {p.features.includes(feature) ? (
                      <span aria-label={t('billing.included')}>✓</span>
                    ) : (
                      <span aria-label={t('billing.notIncluded')} className="muted">
                        –
                      </span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
