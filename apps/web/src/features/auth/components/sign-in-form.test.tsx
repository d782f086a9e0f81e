import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { brandsFixture, ids, meFixture, organizationFixture, emptyInboxResolvers } from '@/testing/fixtures.ts';
import { locationOf, renderApp } from '@/testing/render-app.tsx';
import { callsTo, trpcError } from '@/testing/trpc-mock.ts';

async function fillAndSubmit(email: string, password: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Email'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('sign-in', () => {
  it('shows the translated message for INVALID_CREDENTIALS and stays on /login', async () => {
    const view = renderApp('/login', {
      resolvers: {
        'auth.me': () => null,
        'auth.signIn': () => {
          throw trpcError('INVALID_CREDENTIALS');
        },
      },
    });
    await fillAndSubmit('olivia@skyward.test', 'wrong-password');
    expect((await screen.findByRole('alert')).textContent).toBe('Email or password is incorrect.');
    expect(locationOf(view)).toBe('/login');
  });

  it('says how long to wait on TOO_MANY_ATTEMPTS, in French for a French browser', async () => {
    renderApp('/login', {
      locale: 'fr',
      resolvers: {
        'auth.me': () => null,
        'auth.signIn': () => {
          throw trpcError('TOO_MANY_ATTEMPTS', { details: { retryAfterSeconds: 30 } });
        },
      },
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('E-mail'), 'olivia@skyward.test');
    await user.type(screen.getByLabelText('Mot de passe'), 'x');
    await user.click(screen.getByRole('button', { name: 'Se connecter' }));
    const alert = await screen.findByRole('alert');
    // Intl puts a narrow no-break space between the number and the unit in French.
    expect(alert.textContent?.replace(/\s/g, ' ')).toBe('Trop de tentatives. Réessayez dans 30 secondes.');
  });

  it("signs in, sends the CSRF header, and opens the first organization's inbox", async () => {
    let signedIn = false;
    const view = renderApp('/login', {
      resolvers: {
        'auth.me': () => (signedIn ? meFixture('agent') : null),
        'auth.signIn': (input) => {
          expect(input).toEqual({ email: 'olivia@skyward.test', password: 'correct horse battery' });
          signedIn = true;
          return { ok: true as const };
        },
        'organizations.get': () => organizationFixture('agent'),
        'brands.list': () => brandsFixture,
        ...emptyInboxResolvers,
      },
    });
    await fillAndSubmit('  olivia@skyward.test ', 'correct horse battery');
    await waitFor(() => expect(locationOf(view)).toBe(`/o/${ids.org}/inbox/all_open`));
    expect(await screen.findByRole('heading', { level: 1, name: 'All open' })).toBeTruthy();
    const [signIn] = callsTo('auth.signIn');
    expect(signIn?.method).toBe('POST');
    expect(signIn?.headers.get('x-perch-csrf')).toBe('1');
  });

  it('goes back to the page asked for before signing in (same-site paths only)', async () => {
    let signedIn = false;
    const view = renderApp(`/login?next=${encodeURIComponent('/profile')}`, {
      resolvers: {
        'auth.me': () => (signedIn ? meFixture('owner') : null),
        'auth.signIn': () => {
          signedIn = true;
          return { ok: true as const };
        },
        'sessions.list': () => [],
      },
    });
    await fillAndSubmit('olivia@skyward.test', 'correct horse battery');
    await waitFor(() => expect(locationOf(view)).toBe('/profile'));
  });
});
