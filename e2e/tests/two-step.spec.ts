import { expect, test } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { DEMO_PASSWORD } from './demo.ts';
import { newPerson, signIn } from './helpers.ts';

/** A demo member no other browser test signs in as: their sign-in changes here (and is put back at the end). */
const email = 'agent3@northwind.example';

test('a member sets up two-step sign-in, signs out, and signs in with the password and a code', async ({ browser }) => {
  const { page } = await newPerson(browser);
  await signIn(page, email);

  // Profile → Two-step sign-in: the QR code (an SVG data: image, allowed by the CSP) and the key to type by hand.
  await page.getByTestId('user-name').click();
  const section = page.getByRole('region', { name: 'Two-step sign-in' });
  await expect(section.getByTestId('two-step-status')).toHaveText('Two-step sign-in is off.');
  await section.getByRole('button', { name: 'Set up two-step sign-in' }).click();
  const qr = section.getByRole('img', { name: 'QR code adding Perch to your authenticator app' });
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const key = (await section.getByTestId('two-step-secret').inputValue()).replaceAll(' ', '');
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  // What an authenticator app does with the key.
  const app = new TOTP({ secret: Secret.fromBase32(key), algorithm: 'SHA1', digits: 6, period: 30 });

  const confirm = section.getByRole('form', { name: '2. Enter the code the app shows' });
  await confirm.getByLabel('6-digit code').fill(app.generate());
  await confirm.getByRole('button', { name: 'Turn on' }).click();

  // The recovery codes, once.
  const codes = section.getByTestId('recovery-codes');
  await expect(codes.getByRole('alert')).toContainText('they will not be shown again');
  const recoveryCodes = await codes.getByRole('listitem').allTextContents();
  expect(recoveryCodes).toHaveLength(10);
  await codes.getByRole('button', { name: 'I have saved my codes' }).click();
  await expect(section.getByTestId('two-step-status')).toContainText('Recovery codes left: 10.');

  // Sign out, then sign in: the password alone is not enough.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const step = page.getByRole('form', { name: 'Two-step sign-in' });
  const code = step.getByLabel('6-digit code');
  await expect(code).toBeFocused();
  await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(page).toHaveURL(/\/login/);

  // A wrong code is refused; the app's next code (the one used to turn it on cannot be used again) signs in.
  const current = app.generate();
  await code.fill(current === '000000' ? '111111' : '000000');
  await step.getByRole('button', { name: 'Verify' }).click();
  await expect(step.getByRole('alert')).toHaveText('This code is not valid. Check it and try again.');
  await code.fill(app.generate({ timestamp: Date.now() + 30_000 }));
  await step.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/o\/[0-9a-f-]{36}/);

  // Put the demo account back: turn it off with the password and a recovery code.
  await page.getByTestId('user-name').click();
  const off = page.getByRole('form', { name: 'Turn off two-step sign-in' });
  await off.getByLabel('Password').fill(DEMO_PASSWORD);
  await off.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await off.getByLabel('Recovery code').fill(recoveryCodes[0]!);
  await off.getByRole('button', { name: 'Turn off' }).click();
  await expect(section.getByTestId('two-step-status')).toHaveText('Two-step sign-in is off.');
});
