import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { northwind } from './demo.ts';
import { newPerson, signIn } from './helpers.ts';
import { deliver, webhookChannel } from './webhook.ts';

/**
 * Automation in Northwind (issue #4): a manager creates a rule through the settings form; a mention with its word
 * arrives and the agent's inbox shows the rule's tag and priority live; the timeline names the rule's run; the
 * agent applies a demo macro with `m` and a digit; the manager sees the rule's run count.
 */

const ruleRow = (page: Page, name: string) =>
  page.getByTestId('automation-rules-table').getByRole('row').filter({ hasText: name });

test('a manager’s new rule tags and raises a mention live; the agent sees its run and applies a macro', async ({
  browser,
  playwright,
  baseURL,
}) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-perch-csrf': '1' } });
  const channel = await webhookChannel(api);
  const run = randomUUID().slice(0, 8);
  const word = `fibrezap${run}`;
  const ruleName = `Line faults ${run}`;

  // The manager creates the rule through Settings → Automation.
  const boss = await newPerson(browser);
  await signIn(boss.page, northwind.manager);
  await boss.page.getByRole('navigation').getByRole('link', { name: 'Automation', exact: true }).click();
  await expect(boss.page.getByRole('heading', { level: 1, name: 'Automation' })).toBeVisible();
  // The demo's own rules are listed, in words.
  await expect(ruleRow(boss.page, 'Refund requests → Billing')).toContainText('add the tag billing');
  await boss.page.getByRole('button', { name: 'New rule' }).click();
  const form = boss.page.getByRole('form', { name: 'New automation rule' });
  await form.getByLabel('Name', { exact: true }).fill(ruleName);
  await form.getByLabel('When').selectOption({ label: 'A message is received' });
  await form.getByLabel('Condition to add').selectOption({ label: 'Keywords' });
  await form.getByRole('button', { name: 'Add the condition' }).click();
  await form.getByLabel('Words or phrases').fill(word);
  await form.getByLabel('Action to add').selectOption({ label: 'Add a tag' });
  await form.getByRole('button', { name: 'Add the action' }).click();
  await form.getByLabel('Tag', { exact: true }).selectOption({ label: 'outage' });
  await form.getByLabel('Action to add').selectOption({ label: 'Set the priority' });
  await form.getByRole('button', { name: 'Add the action' }).click();
  await form.getByLabel('Priority', { exact: true }).selectOption({ label: 'Urgent' });
  await form.getByRole('button', { name: 'Create the rule' }).click();
  await expect(boss.page.getByText(`The rule “${ruleName}” was created.`)).toBeVisible();
  const row = ruleRow(boss.page, ruleName);
  await expect(row.getByTestId('rule-summary')).toHaveText(
    `If message contains “${word}” → add the tag outage, set priority to Urgent`,
  );
  await expect(row).toContainText('A message is received');
  await expect(row).toContainText('Never ran');

  // An agent watches the inbox; a customer writes the word.
  const agent = await newPerson(browser);
  await signIn(agent.page, northwind.agent);
  await expect(agent.page.getByRole('heading', { level: 1, name: 'All open' })).toBeVisible();
  const customer = `Rita ${run}`;
  await deliver(api, channel, {
    id: `e2e-auto-${run}`,
    username: `rita_${run}`,
    name: customer,
    text: `@NorthwindCares my line shows ${word} again since last night`,
  });
  const inboxRow = agent.page.getByRole('row').filter({ hasText: customer });
  await expect(inboxRow).toBeVisible({ timeout: 20_000 });
  await expect(inboxRow.locator('.inbox-tag')).toHaveText(['outage'], { timeout: 20_000 });
  await expect(inboxRow.getByText('Urgent', { exact: true })).toBeVisible();

  // The conversation says what the rule did.
  await inboxRow.click();
  await expect(agent.page).toHaveURL(/\/c\/[0-9a-f-]{36}/);
  await expect(agent.page.getByRole('button', { name: 'Priority: Urgent' })).toBeVisible();
  await agent.page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(
    agent.page
      .getByRole('list', { name: 'Timeline' })
      .getByText(`Rule “${ruleName}” ran: added a tag, set the priority`),
  ).toBeVisible();

  // `m` opens the macros; the digit shown before "Refund handled" applies it at once.
  await agent.page.getByRole('tab', { name: 'Conversation' }).click();
  await agent.page.keyboard.press('m');
  const picker = agent.page.getByRole('dialog', { name: 'Apply a macro' });
  await expect(picker.getByRole('option', { name: 'Refund handled' })).toBeVisible();
  const names = await picker.getByRole('option').allTextContents();
  const digit = names.findIndex((n) => n.endsWith('Refund handled')) + 1;
  expect(digit).toBeGreaterThan(0);
  await agent.page.keyboard.press(String(digit));
  await expect(picker).toBeHidden();
  await expect(agent.page.getByRole('group', { name: 'Status' }).getByText('Pending', { exact: true })).toBeVisible();
  const thread = agent.page.getByRole('list', { name: 'Messages and notes' });
  await expect(
    thread.getByRole('listitem', { name: 'Internal note by Ethan Brooks' }).filter({ hasText: 'Refund issued' }),
  ).toBeVisible();
  await agent.page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(
    agent.page.getByRole('list', { name: 'Timeline' }).getByText('Ethan Brooks applied the macro “Refund handled”'),
  ).toBeVisible();

  // The manager reloads the rules: the new rule ran.
  await boss.page.reload();
  await expect(ruleRow(boss.page, ruleName)).toContainText(/Ran (once|\d+ times)/);

  await Promise.all([boss.context.close(), agent.context.close(), api.dispose()]);
});
