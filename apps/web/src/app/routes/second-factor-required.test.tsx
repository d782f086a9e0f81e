import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { locationOf, renderApp } from '@/testing/render-app.tsx';
import { calls } from '@/testing/trpc-mock.ts';

describe('an organization that requires two-step sign-in of my role', () => {
  it('says so instead of the page, asks nothing else of the server, and links to the profile', async () => {
    const view = renderApp(`/o/${ids.org}/billing`, {
      resolvers: {
        'auth.me': () => meFixture('billing_admin'),
        'organizations.get': () => ({
          ...organizationFixture('billing_admin'),
          requireTotp: true,
          mustSetUpSecondFactor: true,
        }),
        'totp.status': () => ({ enabled: false, enabledAt: null, recoveryCodesLeft: 0 }),
        'sessions.list': () => [],
      },
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Two-step sign-in' })).toBeTruthy();
    expect(screen.getByText('This organization requires two-step sign-in for your role.')).toBeTruthy();
    // Only the identity and the organization were asked for: every other request would be refused.
    expect(new Set(calls.map((c) => c.path))).toEqual(new Set(['auth.me', 'organizations.get']));

    await userEvent.setup().click(screen.getByRole('link', { name: 'Set up two-step sign-in in your profile' }));
    await waitFor(() => expect(locationOf(view)).toBe('/profile'));
    expect(await screen.findByRole('button', { name: 'Set up two-step sign-in' })).toBeTruthy();
  });
});
