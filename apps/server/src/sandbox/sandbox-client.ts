/**
 * A small client for the sandbox's control plane (/sandbox/*), used by the simulator: it drives the network the
 * way people do (accounts, posts, deletions) over HTTP, like any external tool would.
 */
export interface TimelinePost {
  id: string;
  text: string;
  in_reply_to_tweet_id: string | null;
  in_reply_to_user_id: string | null;
}

export class SandboxClientError extends Error {
  override readonly name = 'SandboxClientError';
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export class SandboxClient {
  private readonly baseUrl: string;
  private readonly signal?: AbortSignal;

  constructor(baseUrl: string, signal?: AbortSignal) {
    this.baseUrl = baseUrl;
    this.signal = signal;
  }

  async createAccount(input: {
    username: string;
    name: string;
    followers: number;
    verified: boolean;
    kind: 'brand' | 'customer';
  }): Promise<{ id: string }> {
    return this.call('POST', '/sandbox/accounts', input);
  }

  async findAccount(username: string): Promise<{ id: string; username: string } | undefined> {
    const res = await this.call<{ data: { id: string; username: string }[] }>(
      'GET',
      `/sandbox/accounts?username=${encodeURIComponent(username)}`,
    );
    return res.data[0];
  }

  async post(
    customerId: string,
    body: { text: string; in_reply_to_tweet_id?: string; lang?: string },
  ): Promise<{ id: string; text: string }> {
    const res = await this.call<{ data: { id: string; text: string } }>(
      'POST',
      `/sandbox/customers/${customerId}/tweets`,
      body,
    );
    return res.data;
  }

  async deleteTweet(id: string): Promise<void> {
    await this.call('DELETE', `/sandbox/tweets/${id}`);
  }

  /** An account's posts newer than `sinceId`, newest first. */
  async timeline(userId: string, sinceId?: string): Promise<TimelinePost[]> {
    const query = sinceId ? `?since_id=${sinceId}` : '';
    return (await this.call<{ data: TimelinePost[] }>('GET', `/sandbox/timeline/${userId}${query}`)).data;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: this.signal,
    });
    const payload: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const message = (payload as { message?: string } | null)?.message ?? `HTTP ${res.status}`;
      throw new SandboxClientError(res.status, `${method} ${path}: ${message}`);
    }
    return payload as T;
  }
}
