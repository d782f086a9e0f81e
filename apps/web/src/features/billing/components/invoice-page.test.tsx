import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { brandsFixture, ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { renderApp } from '@/testing/render-app.tsx';
import { renderPage, settlePages } from '@/testing/render-page.tsx';
import { callsTo } from '@/testing/trpc-mock.ts';
import type { InvoiceDetail } from '../types.ts';
import { InvoicePage } from './invoice-page.tsx';

const invoice: InvoiceDetail = {
  id: '0190a7e2-0000-7000-8000-00000000f001',
  number: 7,
  kind: 'period',
  status: 'open',
  provider: 'invoice',
  currency: 'EUR',
  totalCents: 59_760,
  periodStart: '2026-12-01T00:00:00.000Z',
  periodEnd: '2027-01-01T00:00:00.000Z',
  issuedAt: '2026-12-01T00:01:00.000Z',
  dueAt: '2026-12-15T00:01:00.000Z',
  paidAt: null,
  organizationName: 'Skyward Group',
  lines: [
    {
      kind: 'plan',
      brandId: ids.brandSkyward,
      description: 'Skyward Air: Enterprise, 2026-12',
      quantity: 1,
      unitCents: 39_900,
      amountCents: 39_900,
    },
    {
      kind: 'seats',
      brandId: ids.brandSkyward,
      description: 'Skyward Air: 5 extra seats, 2026-12',
      quantity: 5,
      unitCents: 2_000,
      amountCents: 10_000,
    },
  ],
  subtotalCents: 49_900,
  taxRateBps: 2000,
  taxCents: 9_980,
};

afterEach(settlePages);

describe('invoice page', () => {
  it('lays out the invoice to print: lines, subtotal, tax at the rate, total, how to pay, and the PDF', async () => {
    renderPage(<InvoicePage organization={organizationFixture('billing_admin')} />, {
      resolvers: { 'auth.me': () => meFixture('billing_admin'), 'billing.invoice': () => invoice },
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Invoice 7' })).toBeTruthy();
    expect(screen.getByText('Billed to Skyward Group')).toBeTruthy();
    const table = screen.getByRole('table');
    expect(within(table).getByRole('row', { name: /Skyward Air: 5 extra seats, 2026-12 5 €100.00/ })).toBeTruthy();
    expect(within(table).getByRole('row', { name: 'Tax (20%) €99.80' })).toBeTruthy();
    expect(screen.getByTestId('invoice-total').textContent).toBe('€597.60');
    expect(screen.getByTestId('invoice-status').textContent).toBe('Open');
    expect(screen.getByText(/Pay by bank transfer by .*, quoting invoice 7\./)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download PDF' }).getAttribute('href')).toBe(
      `/api/invoices/${invoice.id}.pdf?organizationId=${ids.org}`,
    );
  });

  it('opens from its address in the organization (/o/:organizationId/billing/invoices/:invoiceId)', async () => {
    renderApp(`/o/${ids.org}/billing/invoices/${invoice.id}`, {
      resolvers: {
        'auth.me': () => meFixture('billing_admin'),
        'organizations.get': () => organizationFixture('billing_admin'),
        'brands.list': () => brandsFixture,
        'billing.invoice': () => invoice,
      },
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Invoice 7' })).toBeTruthy();
    expect(callsTo('billing.invoice')[0]?.input).toEqual({ organizationId: ids.org, invoiceId: invoice.id });
    expect(screen.getByRole('link', { name: 'Billing' }).getAttribute('aria-current')).toBe('page');
  });
});
