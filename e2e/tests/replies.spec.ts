import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { skyward } from './demo.ts';
import { newPerson, organizationIdOf, signIn } from './helpers.ts';
import { accountId, customerPosts, setFaults, timeline } from './sandbox.ts';
import { trpc } from './webhook.ts';

/**
 * Replying (issue #5), against the sandbox X network the e2e server runs: a customer posts on "X", the agent
 * answers from the composer, the delivery worker posts it, and the sandbox's public timeline shows it as a reply
 * to the customer's post — once. Skyward Air's people use Perch in French (their accounts' language).
 */

test.describe.configure({ mode: 'serial' });

let api: APIRequestContext;
let brandXId: string;

test.beforeAll(async ({ playwright, baseURL }) => {
  api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-perch-csrf': '1' } });
  brandXId = await accountId(api, 'SkywardAir');
});
test.afterAll(async () => {
  await setFaults(api, null);
  await api.dispose();
});

/** A customer complains to @SkywardAir on the sandbox; the agent opens it from the inbox. */
async function complaint(page: Page, text: string, lang = 'fr') {
  const run = randomUUID().slice(0, 8);
  const name = `Marie Dubois ${run}`;
  const postId = await customerPosts(api, { username: `marie_${run}`, name }, `@SkywardAir ${text}`, lang);
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await row.click();
  await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}/);
  await expect(page.getByRole('list', { name: 'Messages et notes' })).toContainText(text);
  return { name, postId };
}

const composer = (page: Page) => page.getByRole('textbox', { name: 'Réponse publique' });
const replyIn = (page: Page, text: string) =>
  page.getByRole('list', { name: 'Messages et notes' }).getByRole('listitem').filter({ hasText: text });

async function brandReplies(inReplyTo: string) {
  const posts = await timeline(api, brandXId);
  return {
    replies: posts.data.filter((p) => p.in_reply_to_tweet_id === inReplyTo),
    duplicates: posts.meta.duplicate_replies,
  };
}

test('an agent answers a delayed-flight complaint with a French canned reply, from the keyboard, posted once', async ({
  browser,
}) => {
  const agent = await newPerson(browser);
  await signIn(agent.page, skyward.agent);
  const page = agent.page;
  await expect(page.getByRole('heading', { level: 1, name: 'Toutes ouvertes' })).toBeVisible();
  const { name, postId } = await complaint(page, 'vol SA212 retardé de 3 heures, personne à la porte ne sait rien');

  // `r` opens the reply; `/` the canned replies; the French apology is found by its shortcut.
  await page.keyboard.press('r');
  await expect(composer(page)).toBeFocused();
  await page.keyboard.press('/');
  const menu = page.getByRole('dialog', { name: 'Réponses types' });
  await menu.getByRole('combobox', { name: 'Chercher une réponse type' }).fill('retard');
  await expect(menu.getByRole('option').first()).toContainText('Retard — excuses');
  await page.keyboard.press('Enter');

  // The variables are filled in the visible text, and the count is the filled text's (no emoji, no link: one
  // character each).
  const filled = await composer(page).inputValue();
  expect(filled).toMatch(new RegExp(`^Bonjour ${name}, nous sommes désolés`));
  expect(filled).not.toContain('{{');
  expect(filled).toMatch(/– Camille$/);
  const count = page.getByText(/caractères? restants?$/);
  await expect(count).toHaveText(`${280 - [...filled].length} caractères restants`);
  await composer(page).press('End');
  await composer(page).pressSequentially(' Merci');
  await expect(count).toHaveText(`${280 - [...filled].length - 6} caractères restants`);
  const sent = `${filled} Merci`;

  // Ctrl+Enter sends; the thread shows it queued, then sent, live.
  await composer(page).press('Control+Enter');
  await expect(page.getByText('Réponse en file d’envoi : sa livraison s’affiche dans le fil.')).toBeVisible();
  await expect(composer(page)).toHaveValue('');
  const reply = replyIn(page, sent);
  await expect(reply.locator('[data-state]')).toHaveAttribute('data-state', /queued|sending|sent/);
  await expect(reply.locator('[data-state]')).toHaveAttribute('data-state', 'sent', { timeout: 20_000 });

  // On the network: one reply to the customer's post, with the text as sent, and no double post.
  await expect.poll(async () => (await brandReplies(postId)).replies.map((p) => p.text)).toEqual([sent]);
  expect((await brandReplies(postId)).duplicates).toEqual([]);
  // X echoes the brand's own post to its webhook: the thread still shows the reply once.
  await page.waitForTimeout(1000);
  await expect(page.getByRole('list', { name: 'Messages et notes' }).getByText(sent)).toHaveCount(1);

  // A reply over 280 weighted characters (130 emoji = 260, a link = 23) is refused with the exact count.
  await composer(page).fill(`${'😀'.repeat(130)} https://example.com/a`);
  await expect(page.getByText('284 / 280')).toBeVisible();
  await expect(page.getByText('Trop long de 4 : raccourcissez-le pour l’envoyer.').first()).toBeVisible();
  await expect(page.getByText(/Un lien rend cette publication environ 13 fois plus chère/)).toBeVisible();
  await composer(page).press('Control+Enter');
  await expect(page.getByRole('group', { name: 'Envoyer' }).getByRole('button').first()).toBeDisabled();
  expect((await brandReplies(postId)).replies).toHaveLength(1);
  await agent.context.close();
});

test('a reply needing approval is posted only after a manager approves it', async ({ browser }) => {
  const boss = await newPerson(browser);
  await signIn(boss.page, skyward.manager);
  const organizationId = organizationIdOf(boss.page);
  await trpc(api, 'auth.signIn', { email: skyward.manager, password: 'perch-demo-2026' }, true);
  const agents = await trpc<{ userId: string; email: string }[]>(api, 'agents.list', { organizationId });
  const agentUserId = agents.find((a) => a.email === skyward.agent)!.userId;
  await trpc(api, 'replies.setMemberApproval', { organizationId, userId: agentUserId, needsApproval: true }, true);
  try {
    const agent = await newPerson(browser);
    await signIn(agent.page, skyward.agent);
    const { postId } = await complaint(agent.page, 'ma valise n’est jamais arrivée à Lisbonne');
    const text = `Nous sommes désolés : un bon de 50 € vous attend ${randomUUID().slice(0, 6)}.`;
    await agent.page.keyboard.press('r');
    await composer(agent.page).fill(text);
    await composer(agent.page).press('Control+Enter');
    await expect(
      agent.page.getByText('Envoyée pour approbation : un responsable la relit avant publication.'),
    ).toBeVisible();
    await expect(replyIn(agent.page, text).locator('[data-state]')).toHaveAttribute('data-state', 'awaiting_approval');
    // Nothing reaches the network while it waits.
    await agent.page.waitForTimeout(1500);
    expect((await brandReplies(postId)).replies).toEqual([]);

    await boss.page.getByRole('navigation').getByRole('link', { name: 'Approbations' }).click();
    const card = boss.page.getByRole('listitem').filter({ hasText: text });
    await expect(card).toBeVisible();
    await card.getByRole('button', { name: /^Approuver la réponse/ }).click();
    await expect(card).toBeHidden();

    await expect(replyIn(agent.page, text).locator('[data-state]')).toHaveAttribute('data-state', 'sent', {
      timeout: 20_000,
    });
    await expect.poll(async () => (await brandReplies(postId)).replies.map((p) => p.text)).toEqual([text]);
    await agent.context.close();
  } finally {
    await trpc(api, 'replies.setMemberApproval', { organizationId, userId: agentUserId, needsApproval: false }, true);
    await boss.context.close();
  }
});

test('a permanent error shows the reply dead with X’s reason; Retry posts it once the fault is gone', async ({
  browser,
}) => {
  const agent = await newPerson(browser);
  await signIn(agent.page, skyward.agent);
  const { postId } = await complaint(agent.page, 'remboursement du vol annulé SA318 toujours pas reçu');
  await setFaults(api, { permanent4xxRate: 1, endpoints: ['tweets'] });
  const text = `Bonjour, nous regardons votre remboursement ${randomUUID().slice(0, 6)}.`;
  await agent.page.keyboard.press('r');
  await composer(agent.page).fill(text);
  await composer(agent.page).press('Control+Enter');
  const reply = replyIn(agent.page, text);
  await expect(reply.locator('[data-state]')).toHaveAttribute('data-state', 'dead', { timeout: 20_000 });
  await expect(reply).toContainText('Motif : X 403 Forbidden');
  expect((await brandReplies(postId)).replies).toEqual([]);

  await setFaults(api, null);
  await reply.getByRole('button', { name: 'Réessayer' }).click();
  await expect(reply.locator('[data-state]')).toHaveAttribute('data-state', 'sent', { timeout: 20_000 });
  await expect.poll(async () => (await brandReplies(postId)).replies.map((p) => p.text)).toEqual([text]);
  await agent.context.close();
});
