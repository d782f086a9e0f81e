import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Session } from '@/lib/trpc.ts';
import { meFixture } from '@/testing/fixtures.ts';
import { locationOf, renderApp } from '@/testing/render-app.tsx';
import { callsTo, trpcError } from '@/testing/trpc-mock.ts';

const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';
const safari =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';

const twoStepOff = () => ({ enabled: false, enabledAt: null, recoveryCodesLeft: 0 });

function sessions(): Session[] {
  return [
    {
      id: '0190a7e2-0000-7000-8000-0000000f0001',
      ip: '198.51.100.4',
      userAgent: firefox,
      createdAt: '2026-03-01T08:00:00.000Z',
      lastSeenAt: '2026-03-02T08:00:00.000Z',
      current: true,
    },
    {
      id: '0190a7e2-0000-7000-8000-0000000f0002',
      ip: '203.0.113.9',
      userAgent: safari,
      createdAt: '2026-02-01T08:00:00.000Z',
      lastSeenAt: '2026-02-20T08:00:00.000Z',
      current: false,
    },
  ];
}

describe('profile', () => {
  it('saves name and language, and switches the interface language', async () => {
    let me = meFixture('owner');
    renderApp('/profile', {
      resolvers: {
        'auth.me': () => me,
        'totp.status': twoStepOff,
        'sessions.list': sessions,
        'auth.updateProfile': (input) => {
          me = { ...me, user: { ...me.user, ...input } };
          return { id: me.user.id, name: input.name, locale: input.locale };
        },
      },
    });
    const user = userEvent.setup();
    const name = await screen.findByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Olivia O.');
    await user.selectOptions(screen.getByLabelText('Language'), 'Français');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Votre profil a été enregistré.')).toBeTruthy();
    expect(callsTo('auth.updateProfile')[0]?.input).toEqual({ name: 'Olivia O.', locale: 'fr' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Profil' })).toBeTruthy();
  });

  it('lists sessions, marks the current one, and revokes another', async () => {
    let list = sessions();
    renderApp('/profile', {
      resolvers: {
        'auth.me': () => meFixture('agent'),
        'totp.status': twoStepOff,
        'sessions.list': () => list,
        'sessions.revoke': ({ sessionId }) => {
          list = list.filter((s) => s.id !== sessionId);
          return { ok: true as const };
        },
      },
    });
    const table = await screen.findByTestId('sessions-table');
    const current = within(table).getByRole('row', { name: /This session/ });
    expect(within(current).getByText('Firefox · Linux')).toBeTruthy();
    const user = userEvent.setup();
    await user.click(within(table).getByRole('button', { name: /Revoke the session on Safari · iOS/ }));
    await waitFor(() => expect(within(screen.getByTestId('sessions-table')).getAllByRole('row')).toHaveLength(2));
  });

  it('revoking the current session signs out', async () => {
    let signedIn = true;
    const view = renderApp('/profile', {
      resolvers: {
        'auth.me': () => (signedIn ? meFixture('agent') : null),
        'totp.status': twoStepOff,
        'sessions.list': sessions,
        'sessions.revoke': () => {
          signedIn = false;
          return { ok: true as const };
        },
      },
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Revoke this session (signs you out here)' }));
    await waitFor(() => expect(locationOf(view)).toBe('/login'));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('changes the password and reports a wrong current password by the field', async () => {
    renderApp('/profile', {
      resolvers: {
        'auth.me': () => meFixture('agent'),
        'totp.status': twoStepOff,
        'sessions.list': sessions,
        'auth.changePassword': ({ currentPassword }) => {
          if (currentPassword !== 'old password') throw trpcError('INVALID_CREDENTIALS');
          return { revokedSessions: 1 };
        },
      },
    });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Password' });
    await user.type(within(form).getByLabelText('Current password'), 'oops');
    await user.type(within(form).getByLabelText('New password'), 'a brand new phrase');
    await user.type(within(form).getByLabelText('Confirm the new password'), 'a brand new phrase');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(await within(form).findByText('The current password is incorrect.')).toBeTruthy();

    await user.clear(within(form).getByLabelText('Current password'));
    await user.type(within(form).getByLabelText('Current password'), 'old password');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(await within(form).findByText('Your password was changed. Other sessions signed out: 1.')).toBeTruthy();
  });
});
