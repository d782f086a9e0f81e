import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { meFixture } from '@/testing/fixtures.ts';
import { renderApp } from '@/testing/render-app.tsx';
import { callsTo, trpcError, type Resolvers } from '@/testing/trpc-mock.ts';

const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const qrCode = `data:image/svg+xml;base64,${btoa('<svg xmlns="http://www.w3.org/2000/svg"></svg>')}`;
const codes = Array.from({ length: 10 }, (_, i) => `abc${i}-defg-hjkm`.replace(/\d/, 'abcdefghjk'[i]!));

type Status = { enabled: boolean; enabledAt: string | null; recoveryCodesLeft: number };
const off: Status = { enabled: false, enabledAt: null, recoveryCodesLeft: 0 };
const on = (left = 10): Status => ({ enabled: true, enabledAt: '2026-02-01T10:00:00.000Z', recoveryCodesLeft: left });

function resolvers(status: () => Status, overrides: Resolvers = {}): Resolvers {
  return {
    'auth.me': () => meFixture('owner'),
    'sessions.list': () => [],
    'totp.status': status,
    ...overrides,
  };
}

const section = async () => within(await screen.findByRole('region', { name: 'Two-step sign-in' }));

describe('profile: two-step sign-in', () => {
  it('sets it up: QR code and key, a code, then the recovery codes once', async () => {
    let status = off;
    renderApp('/profile#two-step', {
      resolvers: resolvers(() => status, {
        'totp.begin': () => ({ uri: `otpauth://totp/Perch:olivia?secret=${secret}`, secret, qrCode }),
        'totp.confirm': ({ code }) => {
          if (code !== '654321') throw trpcError('INVALID_CODE');
          status = on();
          return { recoveryCodes: codes };
        },
      }),
    });
    const s = await section();
    expect(await s.findByText('Two-step sign-in is off.')).toBeTruthy();
    const user = userEvent.setup();
    await user.click(s.getByRole('button', { name: 'Set up two-step sign-in' }));

    const qr = await s.findByRole<HTMLImageElement>('img', { name: 'QR code adding Perch to your authenticator app' });
    expect(qr.getAttribute('src')).toBe(qrCode);
    expect(s.getByTestId<HTMLInputElement>('two-step-secret').value).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    const form = s.getByRole('form', { name: '2. Enter the code the app shows' });
    const code = within(form).getByLabelText('6-digit code');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    await user.type(code, '111111');
    await user.click(within(form).getByRole('button', { name: 'Turn on' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'This code is not valid. Check it and try again.',
    );

    await user.clear(code);
    await user.type(code, '654 321');
    await user.click(within(form).getByRole('button', { name: 'Turn on' }));
    const shown = await s.findByTestId('recovery-codes');
    expect(callsTo('totp.confirm').at(-1)?.input).toEqual({ code: '654321' });
    expect(within(shown).getByRole('alert').textContent).toContain('they will not be shown again');
    const list = within(shown).getByRole('list', { name: 'Recovery codes' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(codes);
    const download = within(shown).getByRole('link', { name: 'Download as a text file' });
    expect(download.getAttribute('download')).toBe('perch-recovery-codes.txt');
    expect(decodeURIComponent(download.getAttribute('href')!)).toContain(codes.join('\n'));
    expect(within(shown).getByRole('button', { name: 'Copy the codes' })).toBeTruthy();

    await user.click(within(shown).getByRole('button', { name: 'I have saved my codes' }));
    expect(await s.findByText(/Two-step sign-in is on since Feb 1, 2026\. Recovery codes left: 10\./)).toBeTruthy();
    expect(s.queryByTestId('recovery-codes')).toBeNull();
  });

  it('makes new recovery codes with a code, and warns when few are left', async () => {
    renderApp('/profile', {
      resolvers: resolvers(() => on(2), {
        'totp.regenerateRecoveryCodes': () => ({ recoveryCodes: codes }),
      }),
    });
    const s = await section();
    expect(await s.findByText('Few recovery codes are left: make new ones.')).toBeTruthy();
    const form = s.getByRole('form', { name: 'New recovery codes' });
    const user = userEvent.setup();
    await user.type(within(form).getByLabelText('6-digit code'), '246810');
    await user.click(within(form).getByRole('button', { name: 'Make new codes' }));
    expect(await s.findByTestId('recovery-codes')).toBeTruthy();
    expect(callsTo('totp.regenerateRecoveryCodes')[0]?.input).toEqual({ code: '246810' });
  });

  it('turns it off with the password and a recovery code; a wrong password is shown by its field', async () => {
    let status = on();
    renderApp('/profile', {
      resolvers: resolvers(() => status, {
        'totp.disable': (input) => {
          if (input.password !== 'my password') throw trpcError('INVALID_CREDENTIALS');
          status = off;
          return { ok: true as const };
        },
      }),
    });
    const s = await section();
    const form = await s.findByRole('form', { name: 'Turn off two-step sign-in' });
    const user = userEvent.setup();
    await user.type(within(form).getByLabelText('Password'), 'oops');
    await user.click(within(form).getByRole('button', { name: 'Use a recovery code instead' }));
    await user.type(within(form).getByLabelText('Recovery code'), 'abcd-efgh-jkmn');
    await user.click(within(form).getByRole('button', { name: 'Turn off' }));
    expect(await within(form).findByText('The password is incorrect.')).toBeTruthy();

    await user.clear(within(form).getByLabelText('Password'));
    await user.type(within(form).getByLabelText('Password'), 'my password');
    await user.click(within(form).getByRole('button', { name: 'Turn off' }));
    expect(await s.findByText('Two-step sign-in is off.', { selector: '[role="status"]' })).toBeTruthy();
    expect(callsTo('totp.disable').at(-1)?.input).toEqual({ password: 'my password', recoveryCode: 'abcd-efgh-jkmn' });
    await waitFor(() => expect(s.getByRole('button', { name: 'Set up two-step sign-in' })).toBeTruthy());
  });

  it('in French', async () => {
    renderApp('/profile', {
      locale: 'fr',
      resolvers: resolvers(() => on(9), { 'auth.me': () => meFixture('owner', { locale: 'fr' }) }),
    });
    const s = within(await screen.findByRole('region', { name: 'Connexion en deux étapes' }));
    const status = await s.findByTestId('two-step-status');
    // Intl may put no-break spaces in the date.
    expect(status.textContent?.replace(/\s/g, ' ')).toBe(
      'La connexion en deux étapes est activée depuis le 1 févr. 2026. Codes de secours restants : 9.',
    );
    expect(s.getByRole('form', { name: 'Désactiver la connexion en deux étapes' })).toBeTruthy();
    expect(s.getByRole('button', { name: 'Générer de nouveaux codes' })).toBeTruthy();
  });
});
