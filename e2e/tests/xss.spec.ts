import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { expect, test } from '@playwright/test';
import { newPerson } from './helpers.ts';
import { postSigned, trpc, webhookChannel, type WebhookChannel } from './webhook.ts';
import { sweep, watch } from './xss-watch.ts';
import { familyCounts, XSS_CORPUS } from './xss-corpus.ts';

/**
 * Stored XSS (quality bar S5, issue #8). The corpus (xss-corpus.ts) goes in through the real signed webhook — as
 * post text, author name, handle and profile link of one customer per payload, and as the posts of one long thread
 * — and through the notes procedures (internal notes, customer notes) and the note forms of the UI. Then, in
 * Chromium, the owner reads the inbox list, the thread, the customer panel, a few customers' profile links, the
 * dashboards drill-down and the export of the reports page. Nothing may run: no dialog, no `window.__xss`, no
 * `print()`, no request to `/xss-probe` or a foreign host, no CSP violation, no page error; every payload is on the
 * page as the literal text it was; no link leaves for anything but http(s).
 */

interface GenericMention {
  id: string;
  text: string;
  created_at: string;
  thread_id?: string;
  author: { id: string; username: string; name?: string; profile_url?: string };
}

interface InboxRow {
  id: string;
  customer: { id: string; displayName: string; username: string | null };
  snippet: string;
}

const nfc = (s: string) => s.normalize('NFC');
/** The longest start of `s` of at most `n` UTF-16 units that does not split a character. */
function cut(s: string, n: number): string {
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > n) break;
    out += ch;
  }
  return out;
}
/** The notes' text rule (multilineText): no control characters other than line feed and tab. */
const noteSafe = (s: string) => !/[^\P{Cc}\n\t]/u.test(s);
/** Handle and display name of a payload's customer, cut to the webhook's limits (100 and 200, their columns'). */
const handleOf = (payload: string) => cut(payload, 100);
const nameOf = (payload: string) => cut(payload, 200);

test(`S5: ${XSS_CORPUS.length} stored XSS payloads through the signed webhook and notes never run in any view`, async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(600_000);
  const started = Date.now();
  const lap = (label: string) => console.log(`[xss] ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const corpus = XSS_CORPUS;
  expect(new Set(corpus.map((p) => p.payload)).size, 'distinct payloads').toBe(corpus.length);
  expect(corpus.length).toBeGreaterThanOrEqual(100);
  console.log(`[xss] ${corpus.length} payloads: ${JSON.stringify(familyCounts())}`);

  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-perch-csrf': '1' } });
  const channel = (await webhookChannel(api)) as WebhookChannel & { channel: { id: string; name: string } };
  const channelId = channel.channel.id;
  const run = randomUUID().slice(0, 8);
  const tag = `xss${run}`;
  const threadName = `XSS thread ${run}`;
  const now = Date.now();

  // 1. Through the signed webhook, in two bodies. (a) The long thread: one customer posting every payload as a
  //    post (the payload is the whole text), oldest first, ten minutes ago. (b) One customer per payload: the
  //    payload is their display name, handle and profile link, and follows a tag in their post.
  const thread: GenericMention[] = corpus.map((p) => ({
    id: `${tag}-t-${p.id}`,
    text: p.payload,
    created_at: new Date(now - 600_000 + p.id * 1000).toISOString(),
    thread_id: `${tag}-thread`,
    author: { id: `${tag}-thread-author`, username: `xss_thread_${run}`, name: threadName },
  }));
  const singles: GenericMention[] = corpus.map((p) => ({
    id: `${tag}-s-${p.id}`,
    text: `${tag}#${p.id} ${p.payload}`,
    created_at: new Date(now - 200_000 + p.id * 1000).toISOString(),
    author: {
      id: `${tag}-a-${p.id}`,
      username: handleOf(p.payload),
      name: nameOf(p.payload),
      profile_url: p.payload,
    },
  }));
  for (const mentions of [thread, singles]) {
    const res = await postSigned(api, channel, { mentions });
    expect(res.status(), await res.text()).toBe(200);
    expect(await res.json()).toEqual({ accepted: mentions.length, rejected: [] });
  }
  // Media: the generic format has no media field (its objects are strict), so a post carrying one is refused
  // whole and nothing of it is stored or shown.
  const media = await postSigned(api, channel, {
    mentions: [
      {
        ...singles[0]!,
        id: `${tag}-media`,
        media: [{ type: 'photo', url: 'javascript:alert(1)', alt_text: '<img src=x onerror=alert(1)>' }],
      },
    ],
  });
  expect(media.status()).toBe(422);
  expect(await media.text()).toContain('Unrecognized key');
  lap('delivered');

  // The conversations of the channel (ingest may finish just after the answer): the thread and one per payload.
  const me = await trpc<{ memberships: { organizationId: string }[] }>(api, 'auth.me', {});
  const organizationId = me.memberships[0]!.organizationId;
  const listAll = async () => {
    const rows: InboxRow[] = [];
    let cursor: string | null = null;
    do {
      const page: { rows: InboxRow[]; nextCursor: string | null } = await trpc(api, 'inbox.list', {
        organizationId,
        view: 'all_open',
        filters: { channelIds: [channelId] },
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      rows.push(...page.rows);
      cursor = page.nextCursor;
    } while (cursor);
    return rows;
  };
  let rows: InboxRow[] = [];
  await expect(async () => {
    rows = await listAll();
    expect(rows.length).toBe(corpus.length + 1);
  }).toPass({ timeout: 60_000 });
  lap('ingested');
  const threadRow = rows.find((r) => r.customer.displayName === threadName)!;
  expect(threadRow).toBeDefined();
  const rowOfPayload = new Map(
    corpus.map((p) => [p.id, rows.find((r) => r.snippet.startsWith(`${tag}#${p.id} `))!] as const),
  );
  for (const p of corpus) {
    const row = rowOfPayload.get(p.id);
    expect(row, `conversation of payload ${p.id}`).toBeDefined();
    // Stored as sent (NFC): nothing escaped or stripped on the way in, so the page must be what escapes it.
    expect(row!.customer.displayName).toBe(nfc(nameOf(p.payload)));
    expect(row!.customer.username).toBe(nfc(handleOf(p.payload)));
  }

  // 2. Notes through the notes procedures, many payloads per note: internal notes on the thread, customer notes
  //    on its customer. Each note starts and ends with a plain line (notes are trimmed).
  const chunk = (limit: number) => {
    const notes: string[] = [];
    let current: string[] = [];
    for (const p of corpus.filter((q) => noteSafe(q.payload))) {
      if ([...current, p.payload].join('\n').length > limit) {
        notes.push(current.join('\n'));
        current = [];
      }
      current.push(p.payload);
    }
    if (current.length) notes.push(current.join('\n'));
    return notes.map((n, i) => `${tag} note ${i}\n${n}\n— end`);
  };
  for (const text of chunk(4500)) {
    await trpc(api, 'conversations.addNote', { organizationId, conversationId: threadRow.id, text }, true);
  }
  for (const text of chunk(1800)) {
    await trpc(api, 'conversations.addCustomerNote', { organizationId, customerId: threadRow.customer.id, text }, true);
  }
  lap('notes added');

  // 3. The browser: the owner of Northwind, every trace of execution watched on every page.
  // Signed in with the API context's session (a second Argon2 sign-in would only cost time).
  const { context, page } = await newPerson(browser);
  const trace = await watch(page, baseURL!);
  page.setDefaultTimeout(30_000);
  await context.addCookies((await api.storageState()).cookies);

  // 3a. The inbox list of the channel: every customer's name and handle and every post's text, as text. The list
  //     is virtualised (rows outside the window are not in the DOM): a window tall enough for every row shows them
  //     all, and the list loads its further pages as their rows come into view.
  await page.setViewportSize({ width: 1400, height: (corpus.length + 12) * 56 });
  await page.goto(`/o/${organizationId}/inbox/all_open?channel=${channelId}`);
  await expect(page.getByRole('row').filter({ hasText: threadName })).toBeVisible({ timeout: 60_000 });
  const inboxRows = page.locator('.inbox-body [role="row"]');
  await expect(inboxRows).toHaveCount(corpus.length + 1, { timeout: 30_000 });
  lap('inbox list shown');
  const inboxText = (await inboxRows.evaluateAll((els) => els.map((e) => e.textContent ?? ''))).join('\n');
  for (const p of corpus) {
    expect(inboxText, `inbox: name of payload ${p.id}`).toContain(nfc(nameOf(p.payload)));
    expect(inboxText, `inbox: handle of payload ${p.id}`).toContain(`@${nfc(handleOf(p.payload))}`);
    expect(inboxText, `inbox: post of payload ${p.id}`).toContain(cut(nfc(`${tag}#${p.id} ${p.payload}`), 200));
  }
  await expect(
    page.locator('.inbox-name').getByText('<script>alert(1)</script>', { exact: true }).first(),
  ).toBeVisible();
  await sweep(page, 'the inbox list');
  lap('inbox list checked');
  await page.setViewportSize({ width: 1280, height: 900 });

  // 3b. The thread: every payload as a post and the internal notes; the timeline; the customer panel and its
  //     notes — as literal text. One more note of each kind through the UI.
  const tab = (name: string) => page.getByRole('tab', { name, exact: true });
  await page.goto(`/o/${organizationId}/inbox/all_open/c/${threadRow.id}?channel=${channelId}`);
  await expect(page.locator('ol.thread')).toContainText(`${tag} note 0`, { timeout: 60_000 });
  const uiNote = `${tag} ui note <svg onload=alert(1)> javascript:alert(1) [x](javascript:alert(1))`;
  await page.getByRole('button', { name: 'Note', exact: true }).click();
  const composer = page.getByRole('form', { name: 'Internal note' });
  await composer.locator('textarea').fill(uiNote);
  await composer.getByRole('button', { name: 'Add note' }).click();
  await expect(page.locator('ol.thread')).toContainText(uiNote, { timeout: 30_000 });
  const threadText = nfc((await page.locator('ol.thread').textContent()) ?? '');
  for (const p of corpus) expect(threadText, `thread: post of payload ${p.id}`).toContain(nfc(p.payload));
  for (let i = 0; i < chunk(4500).length; i++) expect(threadText).toContain(`${tag} note ${i}`);
  await expect(page.locator('ol.thread').getByText('<script>alert(1)</script>', { exact: true }).first()).toBeVisible();
  await sweep(page, 'the thread');
  await tab('Timeline').click();
  await expect(page.getByRole('tabpanel')).toBeVisible();
  await sweep(page, 'the timeline');
  await tab('Customer').click();
  const customerPanel = page.locator('.customer-panel');
  await expect(customerPanel).toContainText(`${tag} note 0`, { timeout: 30_000 });
  const uiCustomerNote = `${tag} ui <img src=x onerror=alert(1)><script>window.__xss=1</script>`;
  await page.locator('#customer-note').fill(uiCustomerNote);
  await customerPanel.getByRole('button', { name: 'Add a customer note' }).click();
  await expect(customerPanel).toContainText(uiCustomerNote, { timeout: 30_000 });
  const panelText = nfc((await customerPanel.textContent()) ?? '');
  for (const p of corpus.filter((q) => noteSafe(q.payload))) {
    expect(panelText, `customer notes: payload ${p.id}`).toContain(nfc(p.payload));
  }
  await sweep(page, 'the customer panel');
  lap('thread, timeline and customer panel checked');

  // 3c. Customers whose profile link was a payload: the link is there only for http(s), never javascript: or data:.
  const linkCases = [
    ...corpus.filter((p) => p.family === 'http-url').slice(0, 5),
    ...corpus.filter((p) => p.family === 'javascript-url').slice(0, 1),
    ...corpus.filter((p) => p.family === 'data-url').slice(0, 1),
  ];
  for (const p of linkCases) {
    const row = rowOfPayload.get(p.id)!;
    await page.goto(`/o/${organizationId}/inbox/all_open/c/${row.id}?channel=${channelId}`);
    await expect(page.locator('ol.thread')).toContainText(nfc(`${tag}#${p.id} ${p.payload}`), { timeout: 30_000 });
    await tab('Customer').click();
    await expect(customerPanel.locator('#customer-handles')).toHaveText(nfc(nameOf(p.payload)));
    const hrefs = await customerPanel
      .locator('section[aria-labelledby="customer-handles"] a')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    let expected: string | null = null;
    try {
      const url = new URL(p.payload);
      if (url.protocol === 'http:' || url.protocol === 'https:') expected = url.href;
    } catch {
      expected = null;
    }
    expect(hrefs, `profile link of payload ${p.id}: ${JSON.stringify(p.payload)}`).toEqual(expected ? [expected] : []);
    const allHrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of allHrefs) expect(href, `a link beside payload ${p.id}`).toMatch(/^https?:\/\//);
    await sweep(page, `the conversation of payload ${p.id}`);
  }
  lap(`${linkCases.length} profile links checked`);

  // 3d. The dashboards drill-down: the conversations behind "Inbound messages", latest first — each customer's
  //     name (a payload) and the excerpt of their first post. The metrics worker computes the facts within
  //     seconds of ingest (after the demo history on a fresh server): reopen until ours are listed.
  await page.goto(`/o/${organizationId}/dashboards`);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboards' })).toBeVisible({ timeout: 60_000 });
  const panel = page.getByRole('complementary');
  const loadMore = panel.getByRole('button', { name: 'Load more' });
  const listed = (text: string) => corpus.every((p) => text.includes(`${tag}#${p.id} `));
  await expect(async () => {
    await page.reload();
    await page
      .getByRole('button', { name: /^Inbound messages/ })
      .first()
      .click({ timeout: 20_000 });
    await expect(panel.getByRole('link').first()).toBeVisible({ timeout: 20_000 });
    for (let i = 0; i < 12 && !listed(nfc((await panel.textContent()) ?? '')); i++) {
      if (!(await loadMore.isVisible())) break;
      const before = await panel.getByRole('row').count();
      await loadMore.click();
      await expect.poll(() => panel.getByRole('row').count(), { timeout: 20_000 }).toBeGreaterThan(before);
    }
    expect(listed(nfc((await panel.textContent()) ?? '')), 'every payload customer in the drill-down').toBe(true);
  }).toPass({ timeout: 180_000, intervals: [3_000] });
  const drillText = nfc((await panel.textContent()) ?? '');
  for (const p of corpus) {
    expect(drillText, `drill-down: customer of payload ${p.id}`).toContain(nfc(nameOf(p.payload)));
    expect(drillText, `drill-down: excerpt of payload ${p.id}`).toContain(cut(nfc(`${tag}#${p.id} ${p.payload}`), 280));
  }
  await sweep(page, 'the dashboards drill-down');
  lap('drill-down checked');

  // 3e. The export: the reports page shows no preview of rows (only download links), so the CSV it downloads is
  //     checked instead: every user-written cell of our conversations is neutralised against formula injection.
  await page.goto(`/o/${organizationId}/settings/reports`);
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).first().click();
  const download = await downloading;
  const csv = (await fs.readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  const [header, ...records] = parse(csv);
  const column = (key: string) => header!.indexOf(key);
  const ours = new Set(rows.map((r) => r.id));
  const exported = records.filter((r) => ours.has(r[column('id')]!));
  expect(exported.length).toBe(corpus.length + 1);
  const textColumns = ['brand', 'channel', 'customer', 'handle', 'assignee', 'team', 'tags', 'first_responder'];
  for (const record of exported) {
    for (const key of textColumns) {
      expect(record[column(key)] ?? '', `export: ${key} of ${record[column('id')]}`).not.toMatch(/^[=+\-@\t\r]/);
    }
  }
  const byId = new Map(exported.map((r) => [r[column('id')]!, r] as const));
  for (const p of corpus.filter((q) => /^[=+\-@\t\r]/.test(q.payload))) {
    expect(byId.get(rowOfPayload.get(p.id)!.id)![column('customer')]).toBe(`'${nfc(nameOf(p.payload))}`);
  }
  await sweep(page, 'the reports page');
  lap('export checked');

  // Nothing ran, anywhere.
  expect(trace.dialogs, 'dialogs').toEqual([]);
  expect(trace.prints, 'print()').toEqual([]);
  // None at all: not even zod's probe for `Function` (the SPA runs zod jitless, apps/web/src/lib/zod-jitless.ts).
  expect(trace.csp, 'CSP violations').toEqual([]);
  expect(trace.errors, 'page errors').toEqual([]);
  expect(trace.requests, 'requests to probes or foreign hosts').toEqual([]);
  expect(
    trace.console.filter((m) => /xss|Content Security Policy|Refused to/i.test(m)),
    'console',
  ).toEqual([]);
  if (trace.console.length) console.log(`[xss] other console messages: ${trace.console.join(' | ')}`);
  await context.close();
  await api.dispose();
});
