import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { brandsFixture, emptyInboxResolvers, ids, meFixture, organizationFixture } from '@/testing/fixtures.ts';
import { locationOf, renderApp } from '@/testing/render-app.tsx';
import { callsTo, trpcError } from '@/testing/trpc-mock.ts';

const challenge = 'eyJ1c2VySWQiOiJ4In0.c2lnbmF0dXJlLW9mLXRoZS1jaGFsbGVuZ2U';
const passwordStep = () => ({
  ok: false as const,
  secondFactor: { challenge, expiresAt: '2026-03-01T10:05:00.000Z' },
});

describe('sign-in with two-step sign-in', () => {
  it('asks for the code after the password, then opens the inbox', async () => {
    let signedIn = false;
    const view = renderApp('/login', {
      resolvers: {
        'auth.me': () => (signedIn ? meFixture('agent') : null),
        'auth.signIn': passwordStep,
        'auth.verifySecondFactor': () => {
          signedIn = true;
          return { ok: true as const };
        },
        'organizations.get': () => organizationFixture('agent'),
        'brands.list': () => brandsFixture,
        ...emptyInboxResolvers,
      },
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Email'), 'olivia@skyward.test');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('form', { name: 'Two-step sign-in' })).toBeTruthy();
    expect(screen.getByText('Enter the 6-digit code your authenticator app shows.')).toBeTruthy();
    const code = screen.getByLabelText<HTMLInputElement>('6-digit code');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code.getAttribute('inputmode')).toBe('numeric');
    expect(document.activeElement).toBe(code);
    // Still signed out: no organization page yet.
    expect(locationOf(view)).toBe('/login');

    await user.type(code, '123 456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(locationOf(view)).toBe(`/o/${ids.org}/inbox/all_open`));
    expect(callsTo('auth.verifySecondFactor')[0]?.input).toEqual({ challenge, code: '123456' });
    expect(callsTo('auth.verifySecondFactor')[0]?.headers.get('x-perch-csrf')).toBe('1');
  });

  it('says when the code is wrong, and takes a recovery code instead', async () => {
    let signedIn = false;
    const view = renderApp('/login?next=%2Fprofile', {
      resolvers: {
        'auth.me': () => (signedIn ? meFixture('owner') : null),
        'auth.signIn': passwordStep,
        'auth.verifySecondFactor': (input) => {
          if (!('recoveryCode' in input) || input.recoveryCode !== 'abcd-efgh-jkmn') throw trpcError('INVALID_CODE');
          signedIn = true;
          return { ok: true as const };
        },
        'sessions.list': () => [],
        'totp.status': () => ({ enabled: true, enabledAt: '2026-02-01T10:00:00.000Z', recoveryCodesLeft: 9 }),
      },
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Email'), 'olivia@skyward.test');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await user.type(await screen.findByLabelText('6-digit code'), '000000');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect((await screen.findByRole('alert')).textContent).toBe('This code is not valid. Check it and try again.');

    await user.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('Enter one of your recovery codes. Each one works once.')).toBeTruthy();
    await user.type(screen.getByLabelText('Recovery code'), 'abcd-efgh-jkmn');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(locationOf(view)).toBe('/profile'));
    expect(callsTo('auth.verifySecondFactor').at(-1)?.input).toEqual({ challenge, recoveryCode: 'abcd-efgh-jkmn' });
  });

  it('in French: an expired sign-in says so and goes back to the password', async () => {
    renderApp('/login', {
      locale: 'fr',
      resolvers: {
        'auth.me': () => null,
        'auth.signIn': passwordStep,
        'auth.verifySecondFactor': () => {
          throw trpcError('SIGN_IN_EXPIRED');
        },
      },
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('E-mail'), 'olivia@skyward.test');
    await user.type(screen.getByLabelText('Mot de passe'), 'x');
    await user.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect(await screen.findByRole('form', { name: 'Connexion en deux étapes' })).toBeTruthy();
    await user.type(screen.getByLabelText('Code à 6 chiffres'), '123456');
    await user.click(screen.getByRole('button', { name: 'Valider' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Cette connexion a expiré. Saisissez à nouveau votre mot de passe.',
    );
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Valider' }).disabled).toBe(true);
    expect(screen.getByRole('button', { name: 'Utiliser plutôt un code de secours' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Revenir au mot de passe' }));
    expect(await screen.findByRole('form', { name: 'Connexion à Perch' })).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Mot de passe').value).toBe('');
  });
});
