import type { BrandQuota, HeldMentionItem, Role } from '@perch/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { brandsFixture, emptyInboxResolvers, ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { locationOf, renderApp } from '@/testing/render-app.tsx';
import { callsTo, trpcError } from '@/testing/trpc-mock.ts';

const quota: BrandQuota = {
  brandId: ids.brandCargo,
  brandName: 'Skyward Cargo',
  planId: 'free',
  used: 1000,
  monthlyMentions: 1000,
  holdsOverQuota: true,
  periodEnd: '2026-12-01T00:00:00.000Z',
  held: 3,
  heldCapped: false,
};
const XSS = '<img src=x onerror="alert(1)">';
const item = (n: number, over: Partial<HeldMentionItem> = {}): HeldMentionItem => ({
  id: `0190a7e2-0000-7000-8000-0000000e000${n}`,
  network: 'x',
  username: `shipper${n}`,
  displayName: `Shipper ${n}`,
  text: `@SkywardCargo parcel ${n} is late`,
  postedAt: '2026-11-29T08:00:00.000Z',
  receivedAt: '2026-11-29T08:00:02.000Z',
  ...over,
});

function resolvers(role: Role, over: Partial<BrandQuota> = {}) {
  return {
    'auth.me': () => meFixture(role),
    'organizations.get': () => organizationFixture(role),
    'brands.list': () => brandsFixture,
    'quota.heldCounts': () => [{ brandId: ids.brandCargo, held: 3, capped: false }],
    'quota.held': ({ cursor }: { cursor?: string | null }) =>
      cursor
        ? { quota: { ...quota, ...over }, items: [item(3, { text: XSS })], nextCursor: null }
        : { quota: { ...quota, ...over }, items: [item(1), item(2)], nextCursor: item(2).id },
  } as const;
}
const overQuota = `/o/${ids.org}/inbox/over-quota?brand=${ids.brandCargo}`;

describe('over-quota view', () => {
  it('lists the held mentions read-only, says how many, why and when, and offers an owner the upgrade', async () => {
    renderApp(overQuota, { resolvers: resolvers('owner') });
    expect(await screen.findByRole('heading', { level: 1, name: 'Over quota · Skyward Cargo' })).toBeTruthy();
    const banner = screen.getByTestId('over-quota-banner');
    expect(banner.textContent).toContain('Mentions held: 3.');
    expect(banner.textContent).toContain('Skyward Cargo has received the 1,000 mentions its Free plan includes');
    expect(banner.textContent).toContain('They reach the inbox on Dec 1, 2026');
    const upgrade = within(banner).getByRole('link', { name: 'Upgrade Skyward Cargo to see them now' });
    expect(upgrade.getAttribute('href')).toBe(`/o/${ids.org}/billing`);

    const table = screen.getByRole('table', { name: 'Mentions of Skyward Cargo held over the quota' });
    expect(within(table).getAllByTestId('held-mention')).toHaveLength(2);
    expect(within(table).getByText('@shipper1')).toBeTruthy();
    // Read-only: nothing to act on in the rows.
    expect(within(table).queryByRole('button')).toBeNull();

    await userEvent.setup().click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(within(table).getAllByTestId('held-mention')).toHaveLength(3));
    // Untrusted text is shown as text.
    expect(within(table).getByText(XSS)).toBeTruthy();
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect(callsTo('quota.held').at(-1)?.input).toMatchObject({ brandId: ids.brandCargo, cursor: item(2).id });
    // Nothing the server's strict input refuses (tRPC's infinite queries would add `direction`).
    expect(callsTo('quota.held')[0]?.input).toEqual({ organizationId: ids.org, brandId: ids.brandCargo });
  });

  it('tells an agent to ask the billing admin, in French too', async () => {
    renderApp(overQuota, {
      resolvers: { ...resolvers('agent'), 'auth.me': () => meFixture('agent', { locale: 'fr' }) },
      locale: 'fr',
    });
    const banner = await screen.findByTestId('over-quota-banner');
    expect(within(banner).queryByRole('link')).toBeNull();
    expect(banner.textContent).toContain(
      'Pour les voir maintenant, demandez à votre responsable facturation ou à un propriétaire de changer l’offre de Skyward Cargo.',
    );
    expect(banner.textContent).toContain('Mentions en attente : 3.');
  });

  it('says the mentions are on their way once the brand is on a paid plan', async () => {
    renderApp(overQuota, { resolvers: resolvers('manager', { planId: 'pro', holdsOverQuota: false }) });
    const banner = await screen.findByTestId('over-quota-banner');
    expect(banner.textContent).toBe('Skyward Cargo is now on Pro: its 3 held mentions are moving to the inbox.');
  });

  it('a brand of another organization reads as not found', async () => {
    renderApp(`/o/${ids.org}/inbox/over-quota?brand=${ids.brandSkyward}`, {
      resolvers: {
        ...resolvers('agent'),
        'quota.held': () => {
          throw trpcError('NOT_FOUND');
        },
      },
    });
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('the inbox shows an "Over quota" entry with the count, which opens the view', async () => {
    const view = renderApp(`/o/${ids.org}/inbox/all_open`, {
      resolvers: { ...resolvers('agent'), ...emptyInboxResolvers, 'agents.list': () => [] },
    });
    const entry = await screen.findByRole('link', { name: /Over quota · Skyward Cargo/ });
    expect(entry.textContent).toBe('Over quota · Skyward Cargo3');
    await userEvent.setup().click(entry);
    await waitFor(() => expect(locationOf(view)).toBe(overQuota));
    expect(await screen.findByTestId('over-quota-banner')).toBeTruthy();
  });
});
