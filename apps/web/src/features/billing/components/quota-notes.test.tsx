import type { NotificationItem } from '@perch/shared';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nProvider } from '@/lib/use-translation.tsx';
import { describe, expect, it } from 'vitest';
import { createI18n } from '@/lib/i18n.ts';
import { en } from '@/locales/en.ts';
import { fr } from '@/locales/fr.ts';
import { brandsFixture, ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { locationOf, renderApp } from '@/testing/render-app.tsx';
import { TestRouter } from '@/testing/test-router.tsx';
import { callsTo } from '@/testing/trpc-mock.ts';
import type { BrandBilling, Plan } from '../types.ts';
import { HeldNote, QuotaWarnings } from './quota-notes.tsx';

const plans = [
  { id: 'free', overagePer1kCents: 0 },
  { id: 'pro', overagePer1kCents: 500 },
] as Plan[];
const brand = (over: Partial<BrandBilling>) =>
  ({
    brandId: ids.brandCargo,
    brandName: 'Skyward Cargo',
    planId: 'free',
    mentionsThisPeriod: 0,
    monthlyMentions: 1000,
    periodEnd: '2026-12-01T00:00:00.000Z',
    comp: null,
    ...over,
  }) as BrandBilling;

function renderNotes(ui: React.ReactNode, locale: 'en' | 'fr' = 'en') {
  return render(
    <TestRouter>
      <I18nProvider i18n={createI18n(locale, { en, fr })}>{ui}</I18nProvider>
    </TestRouter>,
  );
}

describe('billing page: quota warnings and held mentions', () => {
  it('warns at 80 % and at 100 %, saying what happens to the next mentions on Free and on a paid plan', () => {
    renderNotes(
      <QuotaWarnings
        brands={[
          brand({ mentionsThisPeriod: 799 }),
          brand({
            brandId: 'near',
            brandName: 'Skyward Air',
            planId: 'pro',
            mentionsThisPeriod: 8500,
            monthlyMentions: 10000,
          }),
          brand({ brandId: 'full', mentionsThisPeriod: 1000 }),
          brand({
            brandId: 'paid',
            brandName: 'Northwind',
            planId: 'pro',
            mentionsThisPeriod: 10200,
            monthlyMentions: 10000,
          }),
        ]}
        plans={plans}
        held={[{ brandId: 'full', held: 12, capped: false }]}
        currency="EUR"
      />,
    );
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toEqual([
      'Skyward Air has used 85 % of its monthly mentions (8,500 of 10,000).',
      'Skyward Cargo has used the 1,000 mentions its plan includes this month: new mentions are held (12 so far) until Dec 1, 2026, or until you move it to a paid plan.',
      'Northwind has used the 10,000 mentions its plan includes this month (10,200 counted): mentions beyond are billed at €5.00 per 1,000.',
    ]);
  });

  it('shows the held count beside the meter: a link to the view for an owner, plain text for a billing admin', () => {
    const count = { brandId: ids.brandCargo, held: 12, capped: false };
    const { unmount } = renderNotes(<HeldNote count={count} organizationId={ids.org} role="owner" />);
    expect(screen.getByRole('link', { name: '12 mentions held' }).getAttribute('href')).toBe(
      `/o/${ids.org}/inbox/over-quota?brand=${ids.brandCargo}`,
    );
    unmount();
    renderNotes(<HeldNote count={count} organizationId={ids.org} role="billing_admin" />, 'fr');
    expect(screen.getByTestId('billing-held').textContent).toBe('12 mentions en attente');
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('a billing admin has the bell: a quota warning reads as such and opens billing', async () => {
    const warning: NotificationItem = {
      id: '0190a7e2-0000-7000-8000-00000000f601',
      kind: 'quota_warning',
      conversationId: null,
      actorUserId: null,
      actorName: null,
      ruleName: null,
      excerpt: '',
      quota: {
        brandId: ids.brandCargo,
        brandName: 'Skyward Cargo',
        threshold: 100,
        used: 1000,
        quota: 1000,
        planId: 'free',
        holds: true,
      },
      readAt: null,
      at: new Date().toISOString(),
    };
    const view = renderApp(`/o/${ids.org}`, {
      resolvers: {
        'auth.me': () => meFixture('billing_admin'),
        'organizations.get': () => organizationFixture('billing_admin'),
        'brands.list': () => brandsFixture,
        'notifications.unreadCount': () => ({ count: 1 }),
        'notifications.list': () => ({ items: [warning], nextCursor: null }),
        'notifications.markRead': () => ({ marked: 1 }),
        // The billing page the warning opens.
        'billing.overview': () => ({
          currency: 'EUR',
          plans: [],
          brands: [],
          monthlyTotalCents: 0,
          seatsUsed: 0,
          seatsTotal: 0,
          stripeEnabled: false,
        }),
        'billing.invoices': () => [],
      },
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    const item = await screen.findByRole('button', {
      name: /Skyward Cargo has used all 1,000 monthly mentions of its plan: new mentions are held/,
    });
    expect(callsTo('notifications.list')[0]?.input).toEqual({ organizationId: ids.org, limit: 20 });
    await user.click(item);
    await waitFor(() => expect(locationOf(view)).toBe(`/o/${ids.org}/billing`));
  });
});
