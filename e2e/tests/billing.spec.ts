import { expect, test } from '@playwright/test';
import { skyward } from './demo.ts';
import { newPerson, organizationIdOf, signIn } from './helpers.ts';

const billingAdmin = 'billing@skyward.example';

/**
 * Billing (issue #7) in the demo, in French (Skyward's people read Perch in French): Skyward Cargo is on Free, over
 * its monthly quota, with a dozen mentions held: the owner sees them in the inbox's "Over quota" view with the way to
 * upgrade, the billing admin sees the count and the warning. A billing admin upgrades it to Pro from a preview; a
 * manager's open Teams page loses the "needs Pro" lock without reload and can turn on automatic assignment; an
 * agent's open inbox gains SLA clocks on Cargo's conversations without reload; the held mentions reach the inbox; the billing admin schedules a downgrade of Skyward Air and reads what it will hide; an
 * agent cannot open billing.
 */
test('a billing admin upgrades Skyward Cargo to Pro from a preview; a manager’s open page unlocks it live', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const manager = await newPerson(browser);
  await signIn(manager.page, skyward.manager);
  const organizationId = organizationIdOf(manager.page);
  await manager.page.goto(`/o/${organizationId}/settings/teams`);
  const lock = manager.page.getByTestId('plan-lock-auto_assignment');
  // The embedded database's one connection is shared with the demo's start-up jobs: the first pages may wait.
  await expect(lock).toHaveText(/Assignation automatique nécessite l’offre Pro pour Skyward Cargo/, {
    timeout: 30_000,
  });

  // Over its Free quota, Skyward Cargo's newest mentions are held: the owner finds them from the inbox, read-only,
  // with why, until when, and the way to upgrade.
  const owner = await newPerson(browser);
  await signIn(owner.page, skyward.owner);
  await owner.page.goto(`/o/${organizationId}/inbox/all_open`);
  const overQuota = owner.page.getByRole('link', { name: /^Hors quota · Skyward Cargo/ });
  await expect(overQuota).toHaveText(/12$/);
  await overQuota.click();
  await expect(owner.page.getByRole('heading', { level: 1, name: 'Hors quota · Skyward Cargo' })).toBeVisible();
  const banner = owner.page.getByTestId('over-quota-banner');
  await expect(banner).toContainText('Mentions en attente : 12.');
  await expect(banner).toContainText(
    /Elles arriveront dans la boîte de réception le .*, quand le quota du mois suivant/,
  );
  await expect(
    banner.getByRole('link', { name: 'Changer l’offre de Skyward Cargo pour les voir maintenant' }),
  ).toHaveAttribute('href', `/o/${organizationId}/billing`);
  await expect(owner.page.getByTestId('held-mention')).toHaveCount(12);
  await expect(owner.page.getByTestId('held-mention').getByText(/palette endommagée à la livraison/)).toBeVisible();
  const cargoId = new URL(owner.page.url()).searchParams.get('brand')!;

  // An agent works Skyward Cargo's open conversations in an open inbox: on Free they have no SLA clocks.
  const agent = await newPerson(browser);
  await signIn(agent.page, skyward.agent);
  await agent.page.goto(`/o/${organizationId}/inbox/all_open?brand=${cargoId}`);
  await expect(agent.page.getByRole('row').nth(1)).toBeVisible({ timeout: 30_000 });
  await expect(agent.page.locator('.inbox-sla')).toHaveCount(0);

  const admin = await newPerson(browser);
  await signIn(admin.page, billingAdmin);
  await admin.page.getByRole('link', { name: 'Facturation' }).click();
  await expect(admin.page.getByRole('heading', { level: 1, name: 'Facturation' })).toBeVisible();
  const cargo = admin.page.getByTestId('billing-brand-Skyward Cargo');
  await expect(cargo).toContainText('Free');
  // The billing admin was warned in their bell (billing notifications only), and the billing page says it too.
  const bell = admin.page.getByRole('button', { name: /^Notifications/ });
  await bell.click();
  await expect(
    admin.page.getByRole('button', { name: /Skyward Cargo a utilisé les 1.000 mentions mensuelles de son offre/ }),
  ).toBeVisible();
  await bell.click();
  // The quota: the meter is full, 12 mentions are held, and the page says what that means.
  await expect(cargo.getByTestId('billing-held')).toHaveText('12 mentions en attente');
  await expect(admin.page.getByTestId('quota-warnings')).toContainText(
    /Skyward Cargo a utilisé les 1.000 mentions que son offre inclut ce mois-ci : les nouvelles mentions sont mises en attente \(12 pour l’instant\)/,
  );
  await cargo.getByRole('button', { name: 'Changer d’offre' }).click();
  const dialog = admin.page.getByRole('dialog', { name: 'Changer l’offre de Skyward Cargo' });
  await expect(dialog.getByRole('radio', { name: /Pro/ })).toBeChecked();
  await dialog.getByRole('button', { name: 'Voir l’aperçu' }).click();
  await expect(dialog.getByText('S’applique tout de suite.')).toBeVisible();
  // From Free nothing is credited: the charge is Pro for the rest of the month, at most a whole month.
  const total = await dialog.getByTestId('billing-preview-total').innerText();
  const cents = Number(total.replace(/\D/g, ''));
  expect(total).toMatch(/^[\d\s\u202f]+,\d{2}\s?€$/);
  expect(cents).toBeGreaterThan(0);
  expect(cents).toBeLessThanOrEqual(9900);
  await dialog.getByRole('button', { name: 'Confirmer le changement' }).click();
  await expect(admin.page.getByText('Skyward Cargo est maintenant sur Pro.')).toBeVisible();
  await expect(cargo).toContainText('Pro');

  // The upgrade's invoice: the charge of the preview, open, printable and downloadable as a PDF.
  await admin.page.getByTestId('invoices-table').getByRole('link', { name: 'Facture 1' }).click();
  await expect(admin.page.getByRole('heading', { level: 1, name: 'Facture 1' })).toBeVisible();
  await expect(admin.page.getByTestId('invoice-status')).toHaveText('À payer');
  await expect(admin.page.getByTestId('invoice-total')).toHaveText(total);
  const downloading = admin.page.waitForEvent('download');
  await admin.page.getByRole('link', { name: 'Télécharger le PDF' }).click();
  expect((await downloading).suggestedFilename()).toBe('perch-invoice-1.pdf');
  await admin.page.getByRole('link', { name: 'Retour à la facturation' }).click();

  // The held mentions are released: the owner's open view empties without reload, and they are in the inbox.
  await expect(owner.page.getByText('Aucune mention de Skyward Cargo n’est en attente', { exact: false })).toBeVisible({
    timeout: 30_000,
  });
  await expect(cargo.getByTestId('billing-held')).toHaveCount(0);
  await owner.page.goto(`/o/${organizationId}/inbox/all_open?brand=${cargoId}&q=palette`);
  await expect(owner.page.getByText(/endommagée à la livraison/)).toBeVisible();

  // The manager's page heard plan.changed: the lock is gone without reload, and round-robin is accepted.
  await expect(lock).toHaveCount(0, { timeout: 20_000 });
  await manager.page.getByLabel('Assignation pour Skyward Cargo').selectOption('round_robin');
  await expect(manager.page.getByText('Skyward Cargo : Tourniquet.')).toBeVisible();

  // The agent's inbox, never reloaded, gained SLA clocks: Pro includes SLA policies, and the SLA worker gave
  // Cargo's open conversations their due times.
  await expect(agent.page.locator('.inbox-sla').first()).toBeVisible({ timeout: 30_000 });

  // A downgrade waits for the end of the month, and its preview says what Skyward Air would lose and hide.
  const air = admin.page.getByTestId('billing-brand-Skyward Air');
  await air.getByRole('button', { name: 'Changer d’offre' }).click();
  const down = admin.page.getByRole('dialog', { name: 'Changer l’offre de Skyward Air' });
  await down.getByRole('radio', { name: /Free/ }).check();
  await down.getByRole('button', { name: 'Voir l’aperçu' }).click();
  await expect(down.getByText(/S’applique le .*, à la fin de la période/)).toBeVisible();
  await expect(down.getByText(/Skyward Air perdra : .*Assignation automatique/)).toBeVisible();
  await expect(down.getByText(/sera masqué de la recherche, des listes et des tableaux de bord/)).toBeVisible();
  await down.getByRole('button', { name: 'Confirmer le changement' }).click();
  await expect(admin.page.getByText(/Skyward Air passera à Free le /)).toBeVisible();
  await expect(air).toContainText(/Passe à Free/);

  // An agent has no billing: no link, and the page itself says so.
  await expect(agent.page.getByRole('link', { name: 'Facturation' })).toHaveCount(0);
  await agent.page.goto(`/o/${organizationId}/billing`);
  await expect(agent.page.getByTestId('no-access')).toBeVisible();

  for (const person of [manager, owner, admin, agent]) await person.context.close();
});
