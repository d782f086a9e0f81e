import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './demo.ts';

/** A fresh browser context (its own cookies: another person at another computer), in English. */
export async function newPerson(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  // Any script execution or CSP violation would be a bug: fail loudly.
  page.on('pageerror', (error) => {
    throw error;
  });
  return { context, page };
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/o\/[0-9a-f-]{36}/);
}

/** The organization id in the current URL (/o/:organizationId/...). */
export function organizationIdOf(page: Page): string {
  const match = /\/o\/([0-9a-f-]{36})/.exec(page.url());
  if (!match?.[1]) throw new Error(`no organization in ${page.url()}`);
  return match[1];
}
