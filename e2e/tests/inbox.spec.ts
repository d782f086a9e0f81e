import { createHmac, randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, northwind } from './demo.ts';
import { newPerson, signIn } from './helpers.ts';

/**
 * Two agents of Northwind work the inbox together in two browsers (issue #4): mentions arrive live in both
 * inboxes, presence shows who is viewing, a stale action gets a conflict naming who did what, a note's @mention
 * raises the colleague's notification count, and `e` resolves and opens the next conversation.
 */
const agentB = 'agent2@northwind.example';

/** Signs Standard Webhooks deliveries (id.timestamp.body, HMAC-SHA256) as a brand's other system would. */
function sign(secret: string, id: string, ts: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return 'v1,' + createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest('base64');
}

async function trpc<T>(api: APIRequestContext, path: string, input: object, mutation = false): Promise<T> {
  const res = mutation
    ? await api.post(`/trpc/${path}`, { data: input })
    : await api.get(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
  return ((await res.json()) as { result: { data: T } }).result.data;
}

/** As the Northwind owner: a generic signed webhook channel on the brand, for the test to deliver mentions. */
async function webhookChannel(api: APIRequestContext) {
  await trpc(api, 'auth.signIn', { email: northwind.owner, password: DEMO_PASSWORD }, true);
  const me = await trpc<{ memberships: { organizationId: string }[] }>(api, 'auth.me', {});
  const organizationId = me.memberships[0]!.organizationId;
  const brands = await trpc<{ id: string }[]>(api, 'brands.list', { organizationId });
  return trpc<{ webhookUrl: string; signingSecret: string }>(
    api,
    'channels.createWebhook',
    { organizationId, brandId: brands[0]!.id, name: `E2E ${randomUUID().slice(0, 8)}` },
    true,
  );
}

const rowOf = (page: Page, name: string) => page.getByRole('row').filter({ hasText: name });

test('two agents: live arrival, presence, take with the keyboard, conflict, @mention, resolve and next', async ({
  browser,
  playwright,
  baseURL,
}) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-perch-csrf': '1' } });
  const channel = await webhookChannel(api);
  const run = randomUUID().slice(0, 6);
  const deliver = async (author: string, name: string, text: string) => {
    const body = JSON.stringify({
      mentions: [
        {
          id: `e2e-${run}-${author}`,
          text,
          created_at: new Date().toISOString(),
          author: { id: `e2e-${run}-${author}`, username: `${author}_${run}`, name },
        },
      ],
    });
    const ts = Math.floor(Date.now() / 1000);
    const id = `msg_${run}_${author}`;
    const res = await api.post(channel.webhookUrl, {
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(ts),
        'webhook-signature': sign(channel.signingSecret, id, ts, body),
      },
      data: body,
    });
    expect(res.status()).toBe(200);
  };

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
  await expect(rowOf(b.page, ada).getByText('EB')).toBeVisible({ timeout: 20_000 });

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
