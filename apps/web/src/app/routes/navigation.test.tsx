import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { brandsFixture, emptyInboxResolvers, ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { locationOf, renderApp } from '@/testing/render-app.tsx';
import { callsTo, trpcError } from '@/testing/trpc-mock.ts';
import { XSS } from '@/features/conversation/testing/pane-fixtures.ts';
import { paneResolvers, paneRoute } from '@/features/conversation/testing/pane-resolvers.ts';

function orgResolvers(role: Parameters<typeof meFixture>[0]) {
  return {
    'auth.me': () => meFixture(role),
    'organizations.get': ({ organizationId }: { organizationId: string }) => {
      // Like the server: another tenant's organization is indistinguishable from a missing one.
      if (organizationId !== ids.org) throw trpcError('NOT_FOUND');
      return organizationFixture(role);
    },
    'brands.list': () => brandsFixture,
  } as const;
}

/** The organization's navigation (the shell first renders a bare one while the organization loads). */
async function navigation() {
  await screen.findByRole('link', { name: 'Overview' });
  return within(screen.getByRole('navigation', { name: 'Main navigation' }));
}

describe('navigation by role', () => {
  it('an agent sees no Settings, Members, Brands or Audit log — only pages they can use', async () => {
    renderApp(`/o/${ids.org}`, { resolvers: orgResolvers('agent') });
    expect(await screen.findByRole('heading', { level: 1, name: 'Skyward Group' })).toBeTruthy();
    const nav = await navigation();
    expect(nav.getByRole('link', { name: 'Inbox' }).getAttribute('href')).toBe(`/o/${ids.org}/inbox`);
    expect(nav.getByRole('link', { name: 'Overview' })).toBeTruthy();
    expect(nav.getByRole('link', { name: 'Profile' })).toBeTruthy();
    expect(nav.queryByText('Settings')).toBeNull();
    expect(nav.queryByRole('link', { name: 'Members' })).toBeNull();
    expect(nav.queryByRole('link', { name: 'Brands' })).toBeNull();
    expect(nav.queryByRole('link', { name: 'Audit log' })).toBeNull();
    // Agents apply macros from the conversation; the settings pages are the managers'.
    expect(nav.queryByRole('link', { name: 'Automation' })).toBeNull();
    expect(nav.queryByRole('link', { name: 'Macros' })).toBeNull();
  });

  it('an owner sees Settings (Members, Brands, Channels) and the Audit log', async () => {
    renderApp(`/o/${ids.org}`, { resolvers: orgResolvers('owner') });
    const nav = await navigation();
    expect(await nav.findByText('Settings')).toBeTruthy();
    expect(nav.getByRole('link', { name: 'Members' }).getAttribute('href')).toBe(`/o/${ids.org}/settings/members`);
    expect(nav.getByRole('link', { name: 'Brands' }).getAttribute('href')).toBe(`/o/${ids.org}/settings/brands`);
    expect(nav.getByRole('link', { name: 'Channels' }).getAttribute('href')).toBe(`/o/${ids.org}/settings/channels`);
    expect(nav.getByRole('link', { name: 'Audit log' }).getAttribute('href')).toBe(`/o/${ids.org}/audit`);
  });

  it('a manager sees Automation and Macros under Settings, and opens the macros page', async () => {
    renderApp(`/o/${ids.org}`, {
      resolvers: {
        ...orgResolvers('manager'),
        'macros.list': () => [],
        'tags.list': () => [],
        'teams.list': () => [],
      },
    });
    const nav = await navigation();
    expect(nav.getByRole('link', { name: 'Automation' }).getAttribute('href')).toBe(
      `/o/${ids.org}/settings/automation`,
    );
    const macros = nav.getByRole('link', { name: 'Macros' });
    expect(macros.getAttribute('href')).toBe(`/o/${ids.org}/settings/macros`);
    await userEvent.setup().click(macros);
    expect(await screen.findByRole('heading', { level: 1, name: 'Macros' })).toBeTruthy();
    await waitFor(() => expect(callsTo('macros.list')[0]?.input).toEqual({ organizationId: ids.org }));
  });

  it('an agent opening the macros or automation settings by URL is told the role has no access', async () => {
    renderApp(`/o/${ids.org}/settings/macros`, { resolvers: orgResolvers('agent') });
    expect(await screen.findByRole('heading', { name: 'No access' })).toBeTruthy();
    expect(callsTo('macros.list')).toHaveLength(0);
  });

  it('an agent opening a settings page by URL is told the role has no access (no data request)', async () => {
    renderApp(`/o/${ids.org}/settings/members`, { resolvers: orgResolvers('agent') });
    expect(await screen.findByRole('heading', { name: 'No access' })).toBeTruthy();
    expect(callsTo('members.list')).toHaveLength(0);
  });

  it('/settings sends a manager to Channels, the only settings page of the role', async () => {
    const view = renderApp(`/o/${ids.org}/settings`, {
      resolvers: { ...orgResolvers('manager'), 'channels.list': () => [] },
    });
    await waitFor(() => expect(locationOf(view)).toBe(`/o/${ids.org}/settings/channels`));
    expect(await screen.findByRole('heading', { level: 1, name: 'Channels' })).toBeTruthy();
  });

  it("another organization's URL shows Not found", async () => {
    renderApp(`/o/${ids.otherOrg}/settings/members`, { resolvers: orgResolvers('agent') });
    expect(await screen.findByRole('heading', { name: 'Not found' })).toBeTruthy();
    expect(callsTo('organizations.get')[0]?.input).toEqual({ organizationId: ids.otherOrg });
  });

  it('an unknown page of an organization shows Not found in its shell', async () => {
    renderApp(`/o/${ids.org}/no-such-page`, { resolvers: orgResolvers('owner') });
    expect(await screen.findByRole('heading', { name: 'Not found' })).toBeTruthy();
    const nav = await navigation();
    expect(nav.getByRole('link', { name: 'Members' })).toBeTruthy();
  });

  it('/o/:id/inbox opens the All open view in its place', async () => {
    const view = renderApp(`/o/${ids.org}/inbox`, {
      resolvers: { ...orgResolvers('agent'), ...emptyInboxResolvers },
    });
    await waitFor(() => expect(locationOf(view)).toBe(`/o/${ids.org}/inbox/all_open`));
    expect(await screen.findByRole('heading', { level: 1, name: 'All open' })).toBeTruthy();
  });

  it('a link to a conversation opens it in its inbox view', async () => {
    renderApp(paneRoute, { resolvers: { ...orgResolvers('agent'), ...emptyInboxResolvers, ...paneResolvers() } });
    expect(await screen.findByRole('heading', { level: 1, name: 'Mine' })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: `Camille ${XSS}` })).toBeTruthy();
  });

  it('the navigation marks the current page, sections included, and follows the navigation', async () => {
    const view = renderApp(`/o/${ids.org}/settings/members`, {
      resolvers: { ...orgResolvers('owner'), 'members.list': () => [], 'invitations.list': () => [] },
    });
    const nav = await navigation();
    const current = () => nav.getAllByRole('link').filter((link) => link.getAttribute('aria-current') === 'page');
    await waitFor(() => expect(current().map((link) => link.textContent)).toEqual(['Members']));
    expect(nav.getByRole('link', { name: 'Members' }).className).toBe('active');
    await userEvent.setup().click(nav.getByRole('link', { name: 'Overview' }));
    await waitFor(() => expect(locationOf(view)).toBe(`/o/${ids.org}`));
    await waitFor(() => expect(current().map((link) => link.textContent)).toEqual(['Overview']));
  });

  it('an unknown path shows Not found', async () => {
    renderApp('/no/such/page', { resolvers: orgResolvers('owner') });
    expect(await screen.findByRole('heading', { name: 'Not found' })).toBeTruthy();
  });

  it('/ sends a member who works conversations to the inbox of their first organization', async () => {
    const view = renderApp('/', { resolvers: { ...orgResolvers('manager'), ...emptyInboxResolvers } });
    await waitFor(() => expect(locationOf(view)).toBe(`/o/${ids.org}/inbox/all_open`));
    expect(await screen.findByRole('heading', { level: 1, name: 'All open' })).toBeTruthy();
  });

  it('/ sends a billing admin to the overview of their first organization (no inbox)', async () => {
    const view = renderApp('/', { resolvers: orgResolvers('billing_admin') });
    await waitFor(() => expect(locationOf(view)).toBe(`/o/${ids.org}`));
    const nav = await navigation();
    expect(nav.queryByRole('link', { name: 'Inbox' })).toBeNull();
  });

  it('/ tells a user without membership that they have no organization yet', async () => {
    renderApp('/', { resolvers: { 'auth.me': () => ({ ...meFixture(), memberships: [] }) } });
    expect(await screen.findByRole('heading', { name: 'No organization yet' })).toBeTruthy();
  });

  it('a signed-out visitor is sent to sign in, keeping where they wanted to go', async () => {
    const view = renderApp(`/o/${ids.org}/audit`, { resolvers: { 'auth.me': () => null } });
    await waitFor(() => expect(locationOf(view)).toBe(`/login?next=${encodeURIComponent(`/o/${ids.org}/audit`)}`));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('the brand switcher keeps the brand in the URL and on navigation links', async () => {
    const view = renderApp(`/o/${ids.org}`, { resolvers: orgResolvers('owner') });
    const user = userEvent.setup();
    const select = await screen.findByRole('combobox', { name: 'Brand' });
    await waitFor(() => expect(within(select).getByRole('option', { name: 'Skyward Air' })).toBeTruthy());
    await user.selectOptions(select, 'Skyward Air');
    await waitFor(() => expect(locationOf(view)).toBe(`/o/${ids.org}?brand=${ids.brandSkyward}`));
    const nav = await navigation();
    expect(nav.getByRole('link', { name: 'Audit log' }).getAttribute('href')).toBe(
      `/o/${ids.org}/audit?brand=${ids.brandSkyward}`,
    );
  });

  it('the interface follows the profile language', async () => {
    renderApp(`/o/${ids.org}`, {
      resolvers: { ...orgResolvers('owner'), 'auth.me': () => meFixture('owner', { locale: 'fr' }) },
    });
    expect(await screen.findByRole('link', { name: 'Journal d’audit' })).toBeTruthy();
    expect(document.documentElement.getAttribute('lang')).toBe('fr');
  });

  it('signs out from the top bar and lands on /login', async () => {
    let signedIn = true;
    const view = renderApp(`/o/${ids.org}`, {
      resolvers: {
        ...orgResolvers('owner'),
        'auth.me': () => (signedIn ? meFixture('owner') : null),
        'auth.signOut': () => {
          signedIn = false;
          return { ok: true as const };
        },
      },
    });
    const user = userEvent.setup();
    await navigation();
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(locationOf(view)).toBe('/login'));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByText('Olivia Owner')).toBeNull();
  });
});
