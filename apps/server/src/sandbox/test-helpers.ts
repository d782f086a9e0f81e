import { createSandbox, type Sandbox, type SandboxOptions } from './sandbox-server.ts';

/**
 * Shared by the sandbox's tests: a sandbox on 127.0.0.1:0 with one app-only and one user token, a brand and a
 * customer, and a fetch wrapper that returns status, headers and parsed body.
 */
export const BEARER = 'test-bearer';
export const BRAND_TOKEN = 'test-brand-user-token';

export interface TestWorld {
  sandbox: Sandbox;
  brandId: string;
  customerId: string;
  /** `T` is what the test expects the body to be (not checked: the assertions do that). */
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    init?: { body?: unknown; token?: string | null; signal?: AbortSignal },
  ): Promise<{ status: number; headers: Headers; body: T }>;
  /** A customer post through the control plane; returns its id. */
  mention(text: string, extra?: { in_reply_to_tweet_id?: string; customerId?: string }): Promise<string>;
}

export async function startWorld(options: SandboxOptions = {}): Promise<TestWorld> {
  const sandbox = await createSandbox({ seed: 42, tokens: [{ token: BEARER }], ...options });
  const brand = sandbox.state.createAccount({
    username: 'SkywardAir',
    name: 'Skyward Air',
    followers: 120_000,
    verified: true,
    kind: 'brand',
  });
  sandbox.state.registerToken(BRAND_TOKEN, brand.id);
  const customer = sandbox.state.createAccount({
    username: 'marie_dubois',
    name: 'Marie Dubois',
    followers: 340,
    verified: false,
    kind: 'customer',
  });
  const call = async <T>(
    method: string,
    path: string,
    init: { body?: unknown; token?: string | null; signal?: AbortSignal } = {},
  ) => {
    const token = init.token === undefined ? BEARER : init.token;
    const headers: Record<string, string> = {};
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
  };
  return {
    sandbox,
    brandId: brand.id,
    customerId: customer.id,
    call,
    async mention(text, extra = {}) {
      const { customerId = customer.id, ...rest } = extra;
      const res = await call<{ data: { id: string } }>('POST', `/sandbox/customers/${customerId}/tweets`, {
        body: { text, ...rest },
        token: null,
      });
      if (res.status !== 201) throw new Error(`mention failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.data.id;
    },
  };
}

export interface V2Tweet {
  id: string;
  text: string;
  edit_history_tweet_ids: string[];
  author_id?: string;
  created_at?: string;
  conversation_id?: string;
  in_reply_to_user_id?: string;
  referenced_tweets?: { type: 'replied_to' | 'quoted'; id: string }[];
}

export interface V2User {
  id: string;
  name: string;
  username: string;
  verified?: boolean;
  public_metrics?: { followers_count: number };
}

export interface MentionsBody {
  data?: V2Tweet[];
  includes?: { users?: V2User[]; tweets?: V2Tweet[] };
  meta: { result_count: number; newest_id?: string; oldest_id?: string; next_token?: string; previous_token?: string };
  errors?: { title: string; detail: string; type: string; parameters?: Record<string, string[]>; message?: string }[];
}

export interface ProblemBody {
  title: string;
  type: string;
  detail: string;
  status: number;
  errors?: { message: string; parameters?: Record<string, string[]> }[];
}
