import { expect, type APIRequestContext } from '@playwright/test';

/**
 * The e2e server's sandbox X network (started by `--demo` with SIMULATOR_RATE=0: the demo brands' accounts and
 * webhooks exist, nothing posts by itself). Its control plane stands in for customers on X, and its timeline is
 * what X shows publicly: the reply tests read it.
 */
export const sandboxUrl = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? 4110}`;

export interface SandboxPost {
  id: string;
  text: string;
  in_reply_to_tweet_id: string | null;
  via: string;
}

async function ok<T>(res: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  expect(res.ok(), `${res.url()}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

export async function accountId(api: APIRequestContext, username: string): Promise<string> {
  const found = await ok<{ data: { id: string }[] }>(
    await api.get(`${sandboxUrl}/sandbox/accounts?username=${encodeURIComponent(username)}`),
  );
  expect(found.data, `sandbox account @${username}`).toHaveLength(1);
  return found.data[0]!.id;
}

/** A new customer on the network who posts once to the brand; returns the post's id. */
export async function customerPosts(
  api: APIRequestContext,
  customer: { username: string; name: string },
  text: string,
  lang: string,
): Promise<string> {
  const account = await ok<{ id: string }>(
    await api.post(`${sandboxUrl}/sandbox/accounts`, { data: { ...customer, kind: 'customer', followers: 340 } }),
  );
  const post = await ok<{ data: { id: string } }>(
    await api.post(`${sandboxUrl}/sandbox/customers/${account.id}/tweets`, { data: { text, lang } }),
  );
  return post.data.id;
}

/** The brand's public posts, newest first, and the posts it answered more than once. */
export async function timeline(api: APIRequestContext, userId: string) {
  return ok<{ data: SandboxPost[]; meta: { duplicate_replies: unknown[] } }>(
    await api.get(`${sandboxUrl}/sandbox/timeline/${userId}`),
  );
}

export async function setFaults(api: APIRequestContext, faults: Record<string, unknown> | null) {
  if (faults === null) await ok(await api.delete(`${sandboxUrl}/sandbox/faults`));
  else await ok(await api.post(`${sandboxUrl}/sandbox/faults`, { data: faults }));
}
