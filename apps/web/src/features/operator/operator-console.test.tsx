import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPage, settlePages } from '@/testing/render-page.tsx';
import { ids, meFixture } from '@/testing/fixtures.ts';
import { locationOf, renderApp, settleRequests } from '@/testing/render-app.tsx';
import { callsTo, trpcError, type Resolvers } from '@/testing/trpc-mock.ts';
import { OperatorConsole } from './operator-console.tsx';
import type { CatalogPlan, OperatorInvoice, OperatorOrganization } from './types.ts';

const operatorMe = () => ({
  ...meFixture('owner', { isPlatformOperator: true, name: 'Perch Operator' }),
  memberships: [],
});

const organization: OperatorOrganization = {
  id: ids.org,
  name: 'Skyward Group',
  slug: 'skyward',
  currency: 'EUR',
  seatsUsed: 7,
  seatsTotal: 28,
  openInvoices: 2,
  openCents: 3_500,
  overdueInvoices: 1,
  overdueCents: 2_500,
  brands: [
    {
      brandId: ids.brandSkyward,
      name: 'Skyward Air',
      ownPlanId: 'pro',
      state: 'active',
      planId: 'enterprise',
      comp: { planId: 'enterprise', endsAt: '2027-01-01T00:00:00.000Z', note: 'Launch partner' },
      mentionsThisPeriod: 4_200,
      monthlyMentions: 100_000,
    },
    {
      brandId: ids.brandCargo,
      name: 'Skyward Cargo',
      ownPlanId: 'free',
      state: 'active',
      planId: 'free',
      comp: null,
      mentionsThisPeriod: 1_200,
      monthlyMentions: 1_000,
    },
  ],
};

const pro: CatalogPlan = {
  id: 'pro',
  name: 'Pro',
  priceCents: 9_900,
  includedSeats: 5,
  seatPriceCents: 2_500,
  monthlyMentions: 10_000,
  overagePer1kCents: 500,
  retentionDays: 365,
  features: ['auto_assignment', 'sla_policies'],
  updatedAt: '2026-11-30T15:03:15.000Z',
};

const invoice: OperatorInvoice = {
  id: '0190a7e2-0000-7000-8000-00000000e001',
  number: 3,
  kind: 'change',
  status: 'open',
  provider: 'invoice',
  currency: 'EUR',
  totalCents: 990,
  periodStart: '2026-11-01T00:00:00.000Z',
  periodEnd: '2026-12-01T00:00:00.000Z',
  issuedAt: '2026-11-20T10:00:00.000Z',
  dueAt: '2026-12-04T10:00:00.000Z',
  paidAt: null,
  organizationId: ids.org,
  organizationName: 'Skyward Group',
};

const renderConsole = (resolvers: Resolvers, route = '/operator') =>
  renderPage(<OperatorConsole />, {
    route,
    resolvers: {
      'auth.me': operatorMe,
      'operator.organizations': () => ({ organizations: [organization], nextCursor: null }),
      'operator.plans': () => [pro],
      'operator.invoices': () => [invoice],
      ...resolvers,
    },
  });

afterEach(async () => {
  await settlePages();
  await settleRequests();
});

describe('operator console', { timeout: 20_000 }, () => {
  it('lists organizations with seats, usage and what they owe; searches; opens brands with their comps', async () => {
    renderConsole({});
    const user = userEvent.setup();
    const row = await screen.findByTestId('operator-org-Skyward Group');
    expect(within(row).getByText('7 of 28')).toBeTruthy();
    expect(within(row).getByText('5,400')).toBeTruthy();
    expect(within(row).getByText('2 · €35.00')).toBeTruthy();
    expect(within(row).getByText('1 · €25.00')).toBeTruthy();

    await user.type(screen.getByRole('searchbox'), 'skyward');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(callsTo('operator.organizations').at(-1)?.input).toEqual({ q: 'skyward' }));

    await user.click(await screen.findByRole('button', { name: 'Brands of Skyward Group' }));
    const brands = screen.getByRole('table', { name: 'Brands of Skyward Group' });
    const air = within(brands).getByTestId('operator-brand-Skyward Air');
    expect(within(air).getByText('Enterprise until Dec 31, 2026')).toBeTruthy();
    expect(within(air).getByText('4,200 / 100,000')).toBeTruthy();
    expect(
      within(within(brands).getByTestId('operator-brand-Skyward Cargo')).queryByRole('button', { name: 'End comp' }),
    ).toBeNull();
  });

  it('comps a plan for a brand until a day (UTC), with a note; ends a comp after confirmation', async () => {
    renderConsole({
      'operator.compPlan': (input) => ({
        organizationId: ids.org,
        brandId: input.brandId,
        comp: { planId: input.planId, endsAt: input.endsAt, note: input.note },
      }),
      'operator.endComp': (input) => ({ organizationId: ids.org, brandId: input.brandId, comp: null }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Brands of Skyward Group' }));
    const cargo = screen.getByTestId('operator-brand-Skyward Cargo');
    await user.click(within(cargo).getByRole('button', { name: 'Comp a plan' }));
    const dialog = screen.getByRole('dialog', { name: 'Comp a plan for Skyward Cargo' });
    expect(within(dialog).getByRole('radio', { name: 'Enterprise' })).toHaveProperty('checked', true);
    // Nothing is sent without a reason.
    await user.click(within(dialog).getByRole('button', { name: 'Comp the plan' }));
    expect(within(dialog).getByText('Write why (up to 500 characters).')).toBeTruthy();
    expect(callsTo('operator.compPlan')).toHaveLength(0);

    const nextYear = new Date().getUTCFullYear() + 1;
    const until = within(dialog).getByLabelText('Until (last day included, UTC)');
    await user.clear(until);
    await user.type(until, `${nextYear}-03-31`);
    await user.type(within(dialog).getByLabelText('Note'), 'Pilot with the cargo desk');
    await user.click(within(dialog).getByRole('button', { name: 'Comp the plan' }));
    expect(
      await screen.findByText(`Skyward Cargo has Enterprise free of charge until Mar 31, ${nextYear}.`),
    ).toBeTruthy();
    expect(callsTo('operator.compPlan')[0]?.input).toEqual({
      brandId: ids.brandCargo,
      planId: 'enterprise',
      endsAt: `${nextYear}-04-01T00:00:00.000Z`,
      note: 'Pilot with the cargo desk',
    });

    const air = screen.getByTestId('operator-brand-Skyward Air');
    await user.click(within(air).getByRole('button', { name: 'End comp' }));
    const confirm = screen.getByRole('dialog', { name: 'End the comp of Skyward Air?' });
    expect(within(confirm).getByText(/returns to its own plan \(Pro\) at once/)).toBeTruthy();
    await user.click(within(confirm).getByRole('button', { name: 'End comp' }));
    expect(await screen.findByText('Skyward Air is back on its own plan.')).toBeTruthy();
    expect(callsTo('operator.endComp')[0]?.input).toEqual({ brandId: ids.brandSkyward });
  });

  it('catalog: the server’s field errors show beside the field; a valid edit names the version it saw', async () => {
    let plans = [pro];
    renderConsole(
      {
        'operator.plans': () => plans,
        'operator.updatePlan': (input) => {
          if (input.priceCents < 0) throw trpcError('VALIDATION', { fieldErrors: { priceCents: ['negative'] } });
          plans = [{ ...pro, ...input, id: 'pro', updatedAt: '2026-11-30T16:00:00.000Z' }];
          return plans[0]!;
        },
      },
      '/operator?tab=catalog',
    );
    const user = userEvent.setup();
    expect(screen.getByRole('tab', { name: 'Catalog' }).getAttribute('aria-selected')).toBe('true');
    const form = await screen.findByRole('form', { name: 'Pro' });
    const price = within(form).getByLabelText('Price per brand per month');
    expect(price).toHaveProperty('value', '99.00');
    await user.clear(price);
    await user.type(price, '-1');
    await user.click(within(form).getByRole('button', { name: 'Save Pro' }));
    expect(await within(form).findByText('An amount from 0.00 to 100,000.00.')).toBeTruthy();
    expect(price.getAttribute('aria-invalid')).toBe('true');

    await user.clear(price);
    await user.type(price, '109,5');
    await user.click(within(form).getByRole('checkbox', { name: 'Reply approvals' }));
    await user.click(within(form).getByRole('button', { name: 'Save Pro' }));
    expect(await screen.findByText('Pro saved.')).toBeTruthy();
    expect(callsTo('operator.updatePlan').at(-1)?.input).toEqual({
      planId: 'pro',
      expectedUpdatedAt: '2026-11-30T15:03:15.000Z',
      priceCents: 10_950,
      seatPriceCents: 2_500,
      overagePer1kCents: 500,
      includedSeats: 5,
      monthlyMentions: 10_000,
      retentionDays: 365,
      features: ['auto_assignment', 'sla_policies', 'approvals'],
    });
    // The form starts afresh from the saved version.
    expect(await screen.findByDisplayValue('109.50')).toBeTruthy();
  });

  it('invoices: open ones first; "Mark paid" asks for confirmation, then records the payment', async () => {
    renderConsole(
      { 'operator.markInvoicePaid': () => ({ organizationId: ids.org, number: 3, settled: [] }) },
      '/operator?tab=invoices',
    );
    const user = userEvent.setup();
    const row = await screen.findByTestId('operator-invoice-Skyward Group-3');
    expect(callsTo('operator.invoices')[0]?.input).toEqual({ status: 'open' });
    expect(within(row).getByText('€9.90')).toBeTruthy();
    await user.click(within(row).getByRole('button', { name: 'Mark paid' }));
    const dialog = screen.getByRole('dialog', { name: 'Mark invoice 3 of Skyward Group paid?' });
    expect(within(dialog).getByText(/Records the bank transfer of €9.90/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Mark paid' }));
    expect(await screen.findByText('Invoice 3 of Skyward Group is paid.')).toBeTruthy();
    expect(callsTo('operator.markInvoicePaid')[0]?.input).toEqual({ invoiceId: invoice.id });

    await user.selectOptions(screen.getByLabelText('Status'), '');
    await waitFor(() => expect(callsTo('operator.invoices').at(-1)?.input).toEqual({}));
  });
});

describe('the /operator route', { timeout: 20_000 }, () => {
  afterEach(settleRequests);

  it('is the not-found page for anyone but Perch’s staff, even an owner', async () => {
    renderApp('/operator', { resolvers: { 'auth.me': () => meFixture('owner') } });
    expect(await screen.findByTestId('not-found')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Operator console' })).toBeNull();
    expect(callsTo('operator.organizations')).toHaveLength(0);
  });

  it('an operator without an organization lands in the console, linked from the top bar', async () => {
    const view = renderApp('/', {
      resolvers: {
        'auth.me': operatorMe,
        'operator.organizations': () => ({ organizations: [organization], nextCursor: null }),
      },
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Operator console' })).toBeTruthy();
    expect(locationOf(view)).toBe('/operator');
    expect(screen.getByRole('link', { name: 'Operator console' }).getAttribute('href')).toBe('/operator');
    expect(await screen.findByTestId('operator-org-Skyward Group')).toBeTruthy();
  });
});
