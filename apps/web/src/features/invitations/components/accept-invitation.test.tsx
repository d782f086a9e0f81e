import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { brandsFixture, ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { locationOf, renderApp } from '@/testing/render-app.tsx';
import { callsTo, trpcError } from '@/testing/trpc-mock.ts';

const token = 'tok_abcdefghijklmnopqrstuvwxyz012345';
const preview = (accountExists: boolean) => ({
  organizationName: 'Skyward Group',
  email: 'nina@skyward.test',
  role: 'agent' as const,
  expiresAt: '2026-03-08T10:00:00.000Z',
  accountExists,
});

describe('invitation acceptance', () => {
  it('creates the account (name + password + confirmation) and opens the organization', async () => {
    let accepted = false;
    const view = renderApp(`/invite/${token}`, {
      resolvers: {
        'auth.me': () => (accepted ? meFixture('agent') : null),
        'invitations.preview': () => preview(false),
        'invitations.accept': () => {
          accepted = true;
          return { organizationId: ids.org };
        },
        'organizations.get': () => organizationFixture('agent'),
        'brands.list': () => brandsFixture,
      },
    });
    expect(await screen.findByText('Skyward Group')).toBeTruthy();
    expect(screen.getByText('nina@skyward.test')).toBeTruthy();
    expect(screen.getByText('Agent')).toBeTruthy();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Your name'), 'Nina New');
    await user.type(screen.getByLabelText('Choose a password'), 'a long enough phrase');
    await user.type(screen.getByLabelText('Confirm the password'), 'a long enough phrase, not');
    await user.click(screen.getByRole('button', { name: 'Accept the invitation' }));
    expect(await screen.findByText('The two passwords do not match.')).toBeTruthy();
    expect(callsTo('invitations.accept')).toHaveLength(0);

    await user.clear(screen.getByLabelText('Confirm the password'));
    await user.type(screen.getByLabelText('Confirm the password'), 'a long enough phrase');
    await user.click(screen.getByRole('button', { name: 'Accept the invitation' }));
    await waitFor(() => expect(locationOf(view)).toBe(`/o/${ids.org}`));
    expect(callsTo('invitations.accept')[0]?.input).toEqual({
      token,
      name: 'Nina New',
      password: 'a long enough phrase',
    });
  });

  it('asks only for the password of an existing account, and shows WEAK/INVALID errors by the field', async () => {
    renderApp(`/invite/${token}`, {
      resolvers: {
        'auth.me': () => null,
        'invitations.preview': () => preview(true),
        'invitations.accept': () => {
          throw trpcError('INVALID_CREDENTIALS');
        },
      },
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Password'), 'not my password');
    expect(screen.queryByLabelText('Your name')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Accept the invitation' }));
    expect(await screen.findByText('This is not the password of your account.')).toBeTruthy();
  });

  it('shows WEAK_PASSWORD next to the new password', async () => {
    renderApp(`/invite/${token}`, {
      resolvers: {
        'auth.me': () => null,
        'invitations.preview': () => preview(false),
        'invitations.accept': () => {
          throw trpcError('WEAK_PASSWORD');
        },
      },
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Your name'), 'Nina New');
    await user.type(screen.getByLabelText('Choose a password'), 'password');
    await user.type(screen.getByLabelText('Confirm the password'), 'password');
    await user.click(screen.getByRole('button', { name: 'Accept the invitation' }));
    expect(await screen.findByText(/too common or too easy to guess/)).toBeTruthy();
  });

  it.each([
    ['INVITATION_EXPIRED', 'This invitation has expired.'],
    ['INVITATION_USED', 'This invitation has already been used.'],
    ['INVITATION_INVALID', 'This invitation link is not valid. It may have been revoked or replaced by a newer one.'],
  ] as const)('explains %s', async (code, message) => {
    renderApp(`/invite/${token}`, {
      resolvers: {
        'auth.me': () => null,
        'invitations.preview': () => {
          throw trpcError(code);
        },
      },
    });
    expect((await screen.findByTestId('invitation-error')).textContent).toBe(message);
  });
});
