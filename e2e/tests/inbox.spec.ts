import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { northwind } from './demo.ts';
import { newPerson, signIn } from './helpers.ts';
import { deliver as postMention, webhookChannel } from './webhook.ts';

/**
 * Two agents of Northwind work the inbox together in two browsers (issue #4): mentions arrive live in both
 * inboxes, presence shows who is viewing, a stale action gets a conflict naming who did what, a note's @mention
 * raises the colleague's notification count, and `e` resolves and opens the next conversation.
 */
const agentB = 'agent2@northwind.example';

const rowOf = (page: Page, name: string) => page.getByRole('row').filter({ hasText: name });

test('two agents: live arrival, presence, take with the keyboard, conflict, @mention, resolve and next', async ({
  browser,
  playwright,
  baseURL,
}) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-perch-csrf': '1' } });
  const channel = await webhookChannel(api);
  const run = randomUUID().slice(0, 6);
  const deliver = (author: string, name: string, text: string) =>
    postMention(api, channel, { id: `e2e-${run}-${author}`, username: `${author}_${run}`, name, text });

  const a = await newPerson(browser);
  const b = await newPerson(browser);
  await signIn(a.page, northwind.agent);
  await signIn(b.page, agentB);
  // Working roles land in the inbox.
  for (const page of [a.page, b.page]) {
    await expect(page).toHaveURL(/\/inbox\/all_open/);
    await expect(page.getByRole('heading', { level: 1, name: 'All open' })).toBeVisible();
  }

  // Two customers write; both inboxes show them without a reload.
  const ada = `Ada ${run}`;
  const bo = `Bo ${run}`;
  await deliver('ada', ada, `@NorthwindCares my fibre is down since this morning (${run})`);
  await deliver('bo', bo, `@NorthwindCares the router keeps rebooting (${run})`);
  for (const page of [a.page, b.page]) {
    await expect(rowOf(page, ada)).toBeVisible({ timeout: 20_000 });
    await expect(rowOf(page, bo)).toBeVisible();
  }

  // B opens Ada's conversation first (so B's view of it is about to go stale).
  await rowOf(b.page, ada).click();
  await expect(b.page).toHaveURL(/\/c\/[0-9a-f-]{36}/);

  // A opens it with the keyboard: focus Ada's row with j/k, then Enter; B sees A viewing.
  await a.page.locator('.inbox-scroll').focus();
  const rows = a.page.locator('.inbox-body [role="row"]');
  const adaIndex = await rows.evaluateAll((els, name) => els.findIndex((e) => e.textContent?.includes(name)), ada);
  for (let i = 0; i < 3; i++) await a.page.keyboard.press('k'); // to the top
  for (let i = 0; i < adaIndex; i++) await a.page.keyboard.press('j');
  await a.page.keyboard.press('Enter');
  await expect(a.page).toHaveURL(b.page.url());
  await expect(b.page.getByText('Ethan Brooks is viewing')).toBeVisible({ timeout: 20_000 });

  // A takes it with `a`; B's list shows it assigned.
  await a.page.keyboard.press('a');
  await expect(rowOf(b.page, ada).getByText('EB', { exact: true })).toBeVisible({ timeout: 20_000 });

  // B's stale "assign to me" is refused with who did what.
  await b.page.keyboard.press('a');
  await expect(b.page.getByRole('alert').filter({ hasText: 'Ethan Brooks' })).toBeVisible();

  // A writes a note mentioning B; B's unread count rises.
  await a.page.keyboard.press('n');
  await a.page.keyboard.type('Can you check the line test? @Maya');
  await a.page.getByRole('option', { name: /Maya Patel/ }).click();
  await a.page.getByRole('button', { name: 'Add note' }).click();
  await expect(b.page.getByRole('button', { name: 'Notifications, 1 unread' })).toBeVisible({ timeout: 20_000 });

  // A resolves with `e` and lands on the next conversation.
  const before = a.page.url();
  await a.page.keyboard.press('e');
  await expect(a.page).not.toHaveURL(before);
  await expect(a.page).toHaveURL(/\/c\/[0-9a-f-]{36}/);

  await Promise.all([a.context.close(), b.context.close(), api.dispose()]);
});
