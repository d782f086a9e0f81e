import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { callsTo, trpcError, type Resolvers } from '@/testing/trpc-mock.ts';
import { renderPage as renderWithApp, settlePages } from '@/testing/render-page.tsx';
import type { BillingOverview, BrandBilling, PlanChangePreview } from '../types.ts';
import { BillingPage } from './billing-page.tsx';

const plans: BillingOverview['plans'] = [
  {
    id: 'free',
    name: 'Free',
    priceCents: 0,
    includedSeats: 3,
    seatPriceCents: 0,
    monthlyMentions: 1000,
    overagePer1kCents: 0,
    retentionDays: 30,
    features: [],
  },
  {
    id: 'pro',
    name: 'Pro',
    priceCents: 9900,
    includedSeats: 5,
    seatPriceCents: 2500,
    monthlyMentions: 10000,
    overagePer1kCents: 500,
    retentionDays: 365,
    features: ['auto_assignment', 'sla_policies'],
  },
];
const brand = (over: Partial<BrandBilling>): BrandBilling => ({
  brandId: ids.brandSkyward,
  brandName: 'Skyward Air',
  planId: 'pro',
  state: 'active',
  seats: 6,
  mentionsThisPeriod: 4200,
  monthlyMentions: 10000,
  periodStart: '2026-11-01T00:00:00.000Z',
  periodEnd: '2026-12-01T00:00:00.000Z',
  daysLeft: 2,
  trialEndsAt: null,
  cancelAtPeriodEnd: false,
  scheduledPlanId: null,
  scheduledSeats: null,
  graceEndsAt: null,
  trialAvailable: false,
  paysWithStripe: false,
  comp: null,
  version: 3,
  ...over,
});
const cargo = brand({
  brandId: ids.brandCargo,
  brandName: 'Skyward Cargo',
  planId: 'free',
  seats: 3,
  mentionsThisPeriod: 1200,
  monthlyMentions: 1000,
  trialAvailable: true,
  version: 0,
});
const overview = (brands: BrandBilling[]): BillingOverview => ({
  currency: 'EUR',
  plans,
  brands,
  monthlyTotalCents: 12400,
  seatsUsed: 7,
  seatsTotal: 9,
  stripeEnabled: true,
});
const preview: PlanChangePreview = {
  brandId: ids.brandCargo,
  fromPlanId: 'free',
  toPlanId: 'pro',
  fromSeats: 3,
  toSeats: 5,
  effective: 'now',
  effectiveAt: '2026-11-29T12:00:00.000Z',
  currency: 'EUR',
  lines: [{ kind: 'charge', description: 'Remaining time on Pro (5 seats) until 2026-12-01', amountCents: 825 }],
  totalCents: 825,
  lostFeatures: [],
  retentionDaysAfter: 365,
  hiddenHistoryBefore: null,
  previewToken: 'signed.token',
  expiresAt: '2026-11-29T12:10:00.000Z',
};

const renderPage = (resolvers: Resolvers) =>
  renderWithApp(<BillingPage organization={organizationFixture('billing_admin')} />, {
    resolvers: {
      'auth.me': () => meFixture('billing_admin'),
      'billing.invoices': () => [],
      'quota.heldCounts': () => [],
      ...resolvers,
    },
  });

afterEach(settlePages);

describe('billing page', { timeout: 20_000 }, () => {
  it('shows the total, the pooled seats, each brand with its plan, status and mention meter, and the plans compared', async () => {
    renderPage({
      'billing.overview': () => overview([brand({ cancelAtPeriodEnd: true }), cargo]),
    });
    expect(await screen.findByTestId('billing-monthly-total')).toHaveProperty('textContent', '€124.00');
    expect(screen.getByText('7 of 9 seats taken')).toBeTruthy();
    const air = screen.getByTestId('billing-brand-Skyward Air');
    expect(within(air).getByText('Pro')).toBeTruthy();
    expect(within(air).getByText(/Cancelled: ends on/)).toBeTruthy();
    expect(within(air).getByRole('button', { name: 'Keep plan' })).toBeTruthy();
    const cargoRow = screen.getByTestId('billing-brand-Skyward Cargo');
    expect(within(cargoRow).getByText('Over the monthly quota')).toBeTruthy();
    expect(within(cargoRow).getByRole('button', { name: 'Try Pro free for 14 days' })).toBeTruthy();
    const compare = screen.getByRole('region', { name: 'Compare plans' });
    const auto = within(compare).getByRole('row', { name: /Automatic assignment/ });
    expect(within(auto).getByLabelText('Not included')).toBeTruthy();
    expect(within(auto).getByLabelText('Included')).toBeTruthy();
  });

  it('a comped brand says until when its plan is complimentary, and offers no plan change meanwhile', async () => {
    renderPage({
      'billing.overview': () =>
        overview([
          brand({ comp: { planId: 'enterprise', endsAt: '2027-01-01T00:00:00.000Z' }, monthlyMentions: 100000 }),
        ]),
    });
    const air = await screen.findByTestId('billing-brand-Skyward Air');
    expect(within(air).getByText('Complimentary Enterprise until Dec 31, 2026')).toBeTruthy();
    expect(within(air).queryByRole('button', { name: 'Change plan' })).toBeNull();
  });

  it('upgrades a brand: preview to the cent, then confirm that preview with the version seen and a key', async () => {
    let brands = [cargo];
    renderPage({
      'billing.overview': () => overview(brands),
      'billing.previewChange': () => preview,
      'billing.confirmChange': () => {
        const changed = { ...cargo, planId: 'pro' as const, seats: 5, version: 1, trialAvailable: false };
        brands = [changed];
        return changed;
      },
    });
    const user = userEvent.setup();
    const row = await screen.findByTestId('billing-brand-Skyward Cargo');
    await user.click(within(row).getByRole('button', { name: 'Change plan' }));
    const dialog = screen.getByRole('dialog', { name: 'Change the plan of Skyward Cargo' });
    expect(within(dialog).getByRole('radio', { name: /Pro/ })).toHaveProperty('checked', true);
    expect(within(dialog).getByLabelText('Seats')).toHaveProperty('value', '5');
    await user.click(within(dialog).getByRole('button', { name: 'Preview the change' }));
    expect(await within(dialog).findByTestId('billing-preview-total')).toHaveProperty('textContent', '€8.25');
    expect(within(dialog).getByText('Takes effect now.')).toBeTruthy();
    expect(callsTo('billing.previewChange')[0]?.input).toMatchObject({
      brandId: ids.brandCargo,
      planId: 'pro',
      seats: 5,
    });

    await user.click(within(dialog).getByRole('button', { name: 'Confirm the change' }));
    expect(await screen.findByText('Skyward Cargo is on Pro now.')).toBeTruthy();
    const confirm = callsTo('billing.confirmChange')[0]?.input as Record<string, unknown>;
    expect(confirm).toMatchObject({ brandId: ids.brandCargo, previewToken: 'signed.token', expectedVersion: 0 });
    expect(String(confirm['idempotencyKey'])).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('a downgrade preview says when it applies, what is lost and what history is hidden', async () => {
    renderPage({
      'billing.overview': () => overview([brand({})]),
      'billing.previewChange': () => ({
        ...preview,
        brandId: ids.brandSkyward,
        fromPlanId: 'pro',
        toPlanId: 'free',
        effective: 'period_end',
        effectiveAt: '2026-12-01T00:00:00.000Z',
        lines: [],
        totalCents: 0,
        lostFeatures: ['auto_assignment', 'sla_policies'],
        retentionDaysAfter: 30,
        hiddenHistoryBefore: '2026-11-01T00:00:00.000Z',
      }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Change plan' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('radio', { name: /Free/ }));
    expect(within(dialog).getByLabelText('Seats')).toHaveProperty('disabled', true);
    await user.click(within(dialog).getByRole('button', { name: 'Preview the change' }));
    expect(await within(dialog).findByText(/Takes effect on .* at the end of the period/)).toBeTruthy();
    expect(within(dialog).getByText(/will lose: Automatic assignment, SLA policies and clocks/)).toBeTruthy();
    expect(within(dialog).getByText(/will be hidden from search, lists and dashboards/)).toBeTruthy();
    expect(within(dialog).getByText('Nothing to pay now.')).toBeTruthy();
  });

  it('offers Stripe Checkout for an upgrade when Stripe is on, with the plan, seats and a key', async () => {
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => undefined);
    renderPage({
      'billing.overview': () => overview([cargo]),
      'billing.previewChange': () => preview,
      'billing.stripeCheckout': () => ({ url: 'https://checkout.stripe.com/c/pay/cs_test_1' }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Change plan' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Preview the change' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Pay by card with Stripe' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('https://checkout.stripe.com/c/pay/cs_test_1'));
    expect(callsTo('billing.stripeCheckout')[0]?.input).toMatchObject({
      brandId: ids.brandCargo,
      planId: 'pro',
      seats: 5,
    });
    assign.mockRestore();
  });

  it('shows the server’s refusal of a stale change in the dialog', async () => {
    renderPage({
      'billing.overview': () => overview([cargo]),
      'billing.previewChange': () => preview,
      'billing.confirmChange': () => {
        throw trpcError('CONFLICT');
      },
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Change plan' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Preview the change' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Confirm the change' }));
    expect(await within(dialog).findByRole('alert')).toBeTruthy();
  });
});
