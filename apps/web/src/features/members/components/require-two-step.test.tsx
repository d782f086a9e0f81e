import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Role } from '@perch/shared';
import { brandsFixture, ids, meFixture, membersFixture, organizationFixture } from '@/testing/fixtures.ts';
import { locationOf, renderApp } from '@/testing/render-app.tsx';
import { callsTo, trpcError, type Resolvers } from '@/testing/trpc-mock.ts';

const membersUrl = `/o/${ids.org}/settings/members`;
const billingAdmin = {
  membershipId: '0190a7e2-0000-7000-8000-00000000c009',
  role: 'billing_admin' as const,
  name: 'Bianca Billing',
  email: 'bianca@skyward.test',
};

function resolvers(role: Role, overrides: Resolvers = {}, locale = 'en'): Resolvers {
  return {
    'auth.me': () => meFixture(role, { locale }),
    'organizations.get': () => organizationFixture(role),
    'brands.list': () => brandsFixture,
    'members.list': () => membersFixture,
    'invitations.list': () => [],
    ...overrides,
  };
}

describe('members page: requiring two-step sign-in', () => {
  it('an owner turns the requirement on and sees who has not set it up', async () => {
    let requireTotp = false;
    renderApp(membersUrl, {
      resolvers: resolvers('owner', {
        'organizations.secondFactor': () => ({ requireTotp, membersWithoutSecondFactor: [billingAdmin] }),
        'organizations.setRequireTotp': (input) => {
          requireTotp = input.requireTotp;
          return { requireTotp };
        },
      }),
    });
    const card = within(await screen.findByRole('region', { name: 'Two-step sign-in' }));
    const toggle = await card.findByRole<HTMLInputElement>('checkbox', {
      name: 'Require two-step sign-in for owners and billing admins',
    });
    expect(toggle.checked).toBe(false);
    const missing = card.getByRole('list', { name: 'Owners and billing admins without two-step sign-in' });
    expect(within(missing).getByText('Bianca Billing (bianca@skyward.test) — Billing admin')).toBeTruthy();

    await userEvent.setup().click(toggle);
    expect(await card.findByText('Two-step sign-in is now required of owners and billing admins.')).toBeTruthy();
    expect(callsTo('organizations.setRequireTotp')[0]?.input).toEqual({ organizationId: ids.org, requireTotp: true });
    await waitFor(() => expect(toggle.checked).toBe(true));
  });

  it('an owner without two-step sign-in is told to set it up first, with a link to the profile (French)', async () => {
    const view = renderApp(membersUrl, {
      locale: 'fr',
      resolvers: resolvers(
        'owner',
        {
          'organizations.secondFactor': () => ({ requireTotp: false, membersWithoutSecondFactor: [] }),
          'organizations.setRequireTotp': () => {
            throw trpcError('SECOND_FACTOR_REQUIRED');
          },
          'totp.status': () => ({ enabled: false, enabledAt: null, recoveryCodesLeft: 0 }),
          'sessions.list': () => [],
        },
        'fr',
      ),
    });
    const card = within(await screen.findByRole('region', { name: 'Connexion en deux étapes' }));
    expect(
      await card.findByText(
        'Tous les propriétaires et responsables facturation utilisent la connexion en deux étapes.',
      ),
    ).toBeTruthy();
    const user = userEvent.setup();
    await user.click(
      card.getByRole('checkbox', {
        name: 'Exiger la connexion en deux étapes des propriétaires et des responsables facturation',
      }),
    );
    const alert = await card.findByRole('alert');
    expect(alert.textContent).toBe(
      'Cette organisation exige la connexion en deux étapes pour votre rôle. Activer la connexion en deux étapes dans votre profil',
    );
    await user.click(
      within(alert).getByRole('link', { name: 'Activer la connexion en deux étapes dans votre profil' }),
    );
    await waitFor(() => expect(locationOf(view)).toBe('/profile'));
  });

  it('admins do not see the setting', async () => {
    renderApp(membersUrl, { resolvers: resolvers('admin') });
    expect(await screen.findByTestId('members-table')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Two-step sign-in' })).toBeNull();
    expect(callsTo('organizations.secondFactor')).toHaveLength(0);
  });
});
