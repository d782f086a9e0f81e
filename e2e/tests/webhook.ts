import { createHmac, randomUUID } from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD, northwind } from './demo.ts';

/** What a test needs to deliver mentions to a brand: a generic signed webhook channel. */
export interface WebhookChannel {
  webhookUrl: string;
  signingSecret: string;
}

/** Signs Standard Webhooks deliveries (id.timestamp.body, HMAC-SHA256) as a brand's other system would. */
function sign(secret: string, id: string, ts: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return 'v1,' + createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest('base64');
}

/** One tRPC call over the API context (its cookies are the signed-in user's). */
export async function trpc<T>(api: APIRequestContext, path: string, input: object, mutation = false): Promise<T> {
  const res = mutation
    ? await api.post(`/trpc/${path}`, { data: input })
    : await api.get(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
  return ((await res.json()) as { result: { data: T } }).result.data;
}

/** As the Northwind owner: a fresh generic signed webhook channel on the first brand. */
export async function webhookChannel(api: APIRequestContext): Promise<WebhookChannel> {
  await trpc(api, 'auth.signIn', { email: northwind.owner, password: DEMO_PASSWORD }, true);
  const me = await trpc<{ memberships: { organizationId: string }[] }>(api, 'auth.me', {});
  const organizationId = me.memberships[0]!.organizationId;
  const brands = await trpc<{ id: string }[]>(api, 'brands.list', { organizationId });
  return trpc<WebhookChannel>(
    api,
    'channels.createWebhook',
    { organizationId, brandId: brands[0]!.id, name: `E2E ${randomUUID().slice(0, 8)}` },
    true,
  );
}

/** One signed POST of the generic webhook carrying `payload` (the whole JSON body), as the brand's system sends it. */
export async function postSigned(
  api: APIRequestContext,
  channel: WebhookChannel,
  payload: object,
  id: string = randomUUID(),
) {
  const body = JSON.stringify(payload);
  const ts = Math.floor(Date.now() / 1000);
  return api.post(channel.webhookUrl, {
    headers: {
      'content-type': 'application/json',
      'webhook-id': `msg_${id}`,
      'webhook-timestamp': String(ts),
      'webhook-signature': sign(channel.signingSecret, `msg_${id}`, ts, body),
    },
    data: body,
  });
}

/** Delivers one customer post through the channel, signed; the server must answer 200. */
export async function deliver(
  api: APIRequestContext,
  channel: WebhookChannel,
  post: { id: string; username: string; name: string; text: string },
) {
  const mention = {
    id: post.id,
    text: post.text,
    created_at: new Date().toISOString(),
    author: { id: post.id, username: post.username, name: post.name },
  };
  const res = await postSigned(api, channel, { mentions: [mention] }, post.id);
  expect(res.status()).toBe(200);
}
