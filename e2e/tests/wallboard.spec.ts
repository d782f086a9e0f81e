import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, northwind } from './demo.ts';
import { newPerson, signIn } from './helpers.ts';
import { customerPosts } from './sandbox.ts';
import { trpc } from './webhook.ts';

/**
 * SLA clocks fire on time with nothing else happening (issue #6): a one-minute first-response target, a customer
 * who writes and nobody who answers; a minute later the SLA worker's clock loop breaches the conversation, and the
 * wallboard on the wall counts it without anyone reloading. (Last file: its one-minute policies stay in place.)
 */

test('an SLA breach fired by the clock appears on the wallboard without a reload', async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-perch-csrf': '1' } });
  await trpc(api, 'auth.signIn', { email: northwind.owner, password: DEMO_PASSWORD }, true);
  const me = await trpc<{ memberships: { organizationId: string }[] }>(api, 'auth.me', {});
  const organizationId = me.memberships[0]!.organizationId;
  const brands = await trpc<{ id: string }[]>(api, 'brands.list', { organizationId });
  const brandId = brands[0]!.id;
  for (const priority of ['urgent', 'high', 'normal', 'low']) {
    await trpc(
      api,
      'sla.savePolicy',
      {
        organizationId,
        brandId,
        priority,
        name: `One minute (${priority})`,
        firstResponseMinutes: 1,
        nextResponseMinutes: null,
        resolutionMinutes: null,
        businessHours: false,
        warnAtPercent: 50,
      },
      true,
    );
  }

  const { page } = await newPerson(browser);
  await signIn(page, northwind.manager);
  await page.goto(`/o/${organizationId}/wallboard`);
  await expect(page.getByRole('heading', { level: 1, name: 'Wallboard' })).toBeVisible();
  const breaches = page.getByTestId('wallboard-breaches');
  await expect(breaches).toHaveText(/^\d[\d,]*$/);
  const count = async () => Number((await breaches.innerText()).replace(/\D/g, ''));
  const before = await count();

  const run = randomUUID().slice(0, 8);
  const name = `Dana Whitfield ${run}`;
  await customerPosts(
    api,
    { username: `dana_${run}`, name },
    '@NorthwindCares my fibre has been down since this morning and the status page says everything is fine',
    'en',
  );

  // One minute after it arrived, with nothing else happening, the worker breaches it: the conversation says so
  // (reopened in a second tab; other open Northwind conversations may breach too, so it is checked first).
  const inbox = await page.context().newPage();
  await inbox.goto(`/o/${organizationId}/inbox/all_open`);
  const row = inbox.getByRole('row').filter({ hasText: name });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await row.click();
  // "SLA overdue" shows as soon as the due time passes; the breach itself is the worker's event in the timeline.
  await expect(async () => {
    await inbox.reload();
    await expect(inbox.getByText('SLA overdue')).toBeVisible({ timeout: 3_000 });
    await inbox.getByRole('tab', { name: 'Timeline' }).click();
    await expect(inbox.getByText(/First response SLA breached/).first()).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 150_000, intervals: [3_000] });

  // The wallboard, never reloaded, counts it.
  await expect.poll(count, { timeout: 45_000, intervals: [2_000] }).toBeGreaterThan(before);
  await api.dispose();
});
