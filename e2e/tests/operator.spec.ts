import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './demo.ts';
import { newPerson } from './helpers.ts';

const operatorEmail = 'operator@perch.example';
const northwindBilling = 'billing@northwind.example';

async function signInAs(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * The platform operator's console (issue #7) in the demo: Perch's operator signs in and lands in the console, comps
 * Enterprise for Northwind Telecom (on Enterprise already: its features do not change, so the brands other specs use
 * are left alone — Skyward Cargo is the billing and quota specs') and sees it in the organizations table, while
 * Northwind's billing admin reads it on the billing page; records the bank transfer of Northwind's open invoice after
 * a confirmation; and edits a plan figure no other test reads (Enterprise's overage price): refused out of range
 * beside the field, then saved, then put back. The comp is ended at the end.
 */
test('the operator comps a plan, marks an invoice paid and edits the catalog', async ({ browser }) => {
  test.setTimeout(120_000);
  const operator = await newPerson(browser);
  const page = operator.page;
  await signInAs(page, operatorEmail);
  await expect(page).toHaveURL(/\/operator$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Operator console' })).toBeVisible();

  // Organizations: find Northwind (it owes its open invoice), open its brands, comp Enterprise.
  await page.getByRole('searchbox').fill('northwind');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByTestId('operator-org-Skyward Air')).toHaveCount(0);
  const northwind = page.getByTestId('operator-org-Northwind Telecom');
  await expect(northwind).toContainText(/1 · \$[\d,]+\.\d{2}/);
  await northwind.getByRole('button', { name: 'Brands of Northwind Telecom' }).click();
  const brand = page.getByTestId('operator-brand-Northwind Telecom');
  await brand.getByRole('button', { name: 'Comp a plan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Comp a plan for Northwind Telecom' });
  await expect(dialog.getByRole('radio', { name: 'Enterprise' })).toBeChecked();
  await dialog.getByLabel('Note').fill('Launch partner (browser test)');
  await dialog.getByRole('button', { name: 'Comp the plan' }).click();
  await expect(page.getByText(/^Northwind Telecom has Enterprise free of charge until /)).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(brand).toContainText(/Enterprise until /);
  await expect(brand.getByRole('cell').nth(2)).toHaveText('Enterprise');

  // Northwind's billing admin reads it on the billing page, with no plan change offered meanwhile.
  const admin = await newPerson(browser);
  await signInAs(admin.page, northwindBilling);
  await expect(admin.page).toHaveURL(/\/o\/[0-9a-f-]{36}/);
  await admin.page.getByRole('link', { name: 'Billing' }).click();
  const billingRow = admin.page.getByTestId('billing-brand-Northwind Telecom');
  await expect(billingRow).toContainText(/Complimentary Enterprise until /);
  await expect(billingRow.getByRole('button', { name: 'Change plan' })).toHaveCount(0);
  await admin.context.close();

  // Invoices: Northwind's open invoice, paid after a confirmation.
  await page.getByRole('tab', { name: 'Invoices' }).click();
  const invoice = page.getByTestId('operator-invoice-Northwind Telecom-1');
  await expect(invoice).toContainText('Open');
  await invoice.getByRole('button', { name: 'Mark paid' }).click();
  const confirm = page.getByRole('dialog', { name: 'Mark invoice 1 of Northwind Telecom paid?' });
  await confirm.getByRole('button', { name: 'Mark paid' }).click();
  await expect(page.getByText('Invoice 1 of Northwind Telecom is paid.')).toBeVisible();
  await expect(invoice).toHaveCount(0);
  await page.getByLabel('Status').selectOption('paid');
  await expect(page.getByTestId('operator-invoice-Northwind Telecom-1')).toContainText('Paid');

  // Catalog: a figure out of range is refused beside its field; a valid one is saved; then it is put back.
  await page.getByRole('tab', { name: 'Catalog' }).click();
  const overage = () => page.getByRole('form', { name: 'Enterprise' }).getByLabel('Over the quota, per 1,000 mentions');
  const save = () => page.getByRole('form', { name: 'Enterprise' }).getByRole('button', { name: 'Save Enterprise' });
  const before = await overage().inputValue();
  await overage().fill('-1');
  await save().click();
  await expect(
    page.getByRole('form', { name: 'Enterprise' }).getByText('An amount from 0.00 to 1,000.00.'),
  ).toBeVisible();
  await expect(overage()).toHaveAttribute('aria-invalid', 'true');
  await overage().fill('3.50');
  await save().click();
  await expect(page.getByText('Enterprise saved.')).toBeVisible();
  await expect(overage()).toHaveValue('3.50');
  await overage().fill(before);
  await save().click();
  await expect(overage()).toHaveValue(before);
  await expect(page.getByText('Enterprise saved.')).toBeVisible();

  // End the comp: Northwind pays for its own plan again.
  await page.getByRole('tab', { name: 'Organizations' }).click();
  await page.getByRole('button', { name: 'Brands of Northwind Telecom' }).click();
  await page.getByTestId('operator-brand-Northwind Telecom').getByRole('button', { name: 'End comp' }).click();
  const end = page.getByRole('dialog', { name: 'End the comp of Northwind Telecom?' });
  await end.getByRole('button', { name: 'End comp' }).click();
  await expect(page.getByText('Northwind Telecom is back on its own plan.')).toBeVisible();
  await expect(page.getByTestId('operator-brand-Northwind Telecom').getByRole('cell').nth(3)).toHaveText('—');

  await operator.context.close();
});
