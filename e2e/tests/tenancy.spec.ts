import { expect, test } from '@playwright/test';
import { northwind, skyward } from './demo.ts';
import { newPerson, organizationIdOf, signIn } from './helpers.ts';

test('an agent of Northwind cannot open a Skyward page by URL', async ({ browser }) => {
  const skywardOwner = await newPerson(browser);
  await signIn(skywardOwner.page, skyward.owner);
  const skywardId = organizationIdOf(skywardOwner.page);

  const agent = await newPerson(browser);
  await signIn(agent.page, northwind.agent);
  expect(organizationIdOf(agent.page)).not.toBe(skywardId);

  for (const path of [`/o/${skywardId}`, `/o/${skywardId}/settings/members`, `/o/${skywardId}/audit`]) {
    await agent.page.goto(path);
    await expect(agent.page.getByTestId('not-found')).toBeVisible();
    await expect(agent.page.getByText('Skyward')).toHaveCount(0);
  }
  await Promise.all([skywardOwner.context.close(), agent.context.close()]);
});

test('an agent sees no settings and is refused the members page of their own organization', async ({ browser }) => {
  const agent = await newPerson(browser);
  await signIn(agent.page, northwind.agent);
  const orgId = organizationIdOf(agent.page);
  await expect(agent.page.getByRole('link', { name: 'Members' })).toHaveCount(0);
  await agent.page.goto(`/o/${orgId}/settings/members`);
  await expect(agent.page.getByTestId('no-access')).toBeVisible();
  await agent.context.close();
});

test('every page carries the security headers, and a wrong password is refused with a clear message', async ({
  browser,
}) => {
  const person = await newPerson(browser);
  const response = await person.page.goto('/login');
  const headers = response!.headers();
  expect(headers['content-security-policy']).toContain("object-src 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  await person.page.getByLabel('Email').fill(northwind.owner);
  await person.page.getByLabel('Password').fill('not the password');
  await person.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(person.page.getByText('Email or password is incorrect.')).toBeVisible();
  await person.context.close();
});
