import fs from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { northwind } from './demo.ts';
import { newPerson, organizationIdOf, signIn } from './helpers.ts';

/**
 * Dashboards (issue #6) on the demo's six weeks of history: the metrics worker turns the seeded event log into
 * rollups after the first start, a manager reads them, changes the period, drills down from a p90 point to the
 * conversations behind it, and downloads the export.
 */

test('a manager reads the response dashboard, drills down from a p90 point and downloads the CSV export', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const { context, page } = await newPerson(browser);
  await signIn(page, northwind.manager);
  const organizationId = organizationIdOf(page);
  await page.goto(`/o/${organizationId}/dashboards`);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboards' })).toBeVisible();

  // Six weeks of history: over the last 90 days, first responses were measured. The worker may still be turning
  // the seeded events into rollups when this test starts: the figures appear once it has (no reload needed).
  await page.getByLabel('Period', { exact: true }).selectOption({ label: 'Last 90 days' });
  await expect(page).toHaveURL(/range=90d/);
  const p90Points = page.getByRole('button', { name: /^Drill down: first response p90, / });
  await expect(async () => {
    await page.reload();
    await expect(p90Points.first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 180_000, intervals: [5_000] });
  expect(await p90Points.count()).toBeGreaterThan(3);

  // The p90 point of a busy week: the panel lists the conversations at or above that p90, slowest first.
  const point = p90Points.nth(Math.floor((await p90Points.count()) / 2));
  const label = (await point.getAttribute('aria-label')) ?? (await point.innerText());
  await point.click();
  const panel = page.getByRole('complementary');
  await expect(panel).toBeVisible();
  const links = panel.getByRole('link');
  await expect(links.first()).toBeVisible();
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.length, `conversations behind "${label}"`).toBeGreaterThan(0);
  for (const href of hrefs) expect(href).toMatch(new RegExp(`/o/${organizationId}/inbox/[a-z_]+/c/[0-9a-f-]{36}`));

  // The conversation behind the figure opens in the inbox.
  await links.first().click();
  await expect(page).toHaveURL(/\/inbox\/[a-z_]+\/c\/[0-9a-f-]{36}/);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboards' })).toBeVisible();

  // The export of the period: a CSV with a header and one row per conversation created in it.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).first().click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = (await fs.readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/first_response/i);
  expect(lines.length).toBeGreaterThan(100);
  expect(csv).toContain('Northwind Telecom');
  // Closed: an open dashboard refreshes its figures every minute, which the next tests need not pay for.
  await context.close();
});
