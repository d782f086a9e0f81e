import { createHmac } from 'node:crypto';
import type { Prng } from './prng.ts';
import type { SandboxState, Tweet } from './state.ts';
import { v1Tweet } from './x-format.ts';

/**
 * Account Activity-style webhooks: the CRC challenge at registration and periodically, and signed event POSTs
 * (`tweet_create_events`, `tweet_delete_events`) with bounded retries. Every attempt is recorded so tests and the
 * demo can see what Perch received and answered.
 */
export interface WebhookOptions {
  /** Waits before the 2nd, 3rd… attempt; attempts = length + 1 (X: three retries within about five minutes). */
  retryDelaysMs: number[];
  /** Per event POST: no answer within this time counts as a failed attempt. */
  timeoutMs: number;
  /** X requires the CRC answer within 3 s. */
  crcTimeoutMs: number;
  /** Re-checks every webhook this often (X: about hourly); 0 turns the periodic check off. */
  crcIntervalMs: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: Readonly<WebhookOptions> = {
  retryDelaysMs: [5_000, 60_000, 240_000],
  timeoutMs: 3_000,
  crcTimeoutMs: 3_000,
  crcIntervalMs: 60 * 60_000,
};

export interface CrcCheck {
  at: string;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

export interface Webhook {
  id: string;
  url: string;
  consumerSecret: string;
  forUserId: string;
  /** False after a failed periodic CRC: X stops delivering until the webhook is re-validated. */
  valid: boolean;
  createdAt: string;
  crcChecks: CrcCheck[];
}

export interface DeliveryAttempt {
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface Delivery {
  id: string;
  webhookId: string;
  forUserId: string;
  kind: 'tweet_create' | 'tweet_delete';
  tweetId: string;
  /** The exact bytes POSTed (and signed). */
  body: string;
  state: 'pending' | 'delivered' | 'failed' | 'skipped';
  attempts: DeliveryAttempt[];
}

/** `sha256=` + base64(HMAC-SHA256(consumer secret, payload)) — the CRC answer and the event signature alike. */
export const xSignature = (consumerSecret: string, payload: string): string =>
  `sha256=${createHmac('sha256', consumerSecret).update(payload).digest('base64')}`;

const DELIVERY_CAP = 5000;
const CRC_HISTORY = 20;

export class WebhookDispatcher {
  readonly webhooks = new Map<string, Webhook>();
  readonly deliveries: Delivery[] = [];
  private readonly options: WebhookOptions;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly closing = new AbortController();
  private readonly crcTimer: NodeJS.Timeout | null;
  private nextDeliveryId = 1;
  private pending = 0;
  private idleWaiters: (() => void)[] = [];

  private readonly state: SandboxState;
  private readonly prng: Prng;

  constructor(state: SandboxState, options: Partial<WebhookOptions>, prng: Prng) {
    this.state = state;
    this.prng = prng;
    this.options = { ...DEFAULT_WEBHOOK_OPTIONS, ...options };
    this.crcTimer =
      this.options.crcIntervalMs > 0 ? setInterval(() => void this.recheckAll(), this.options.crcIntervalMs) : null;
  }

  /** Registers a webhook only when its CRC answer is right, as X does. */
  async register(input: { url: string; consumerSecret: string; forUserId: string }): Promise<{
    webhook: Webhook | null;
    check: CrcCheck;
  }> {
    const webhook: Webhook = {
      ...input,
      id: this.state.nextId(),
      valid: false,
      createdAt: new Date(this.state.now()).toISOString(),
      crcChecks: [],
    };
    const check = await this.crc(webhook);
    if (!check.ok) return { webhook: null, check };
    this.webhooks.set(webhook.id, webhook);
    return { webhook, check };
  }

  /** Runs the CRC now (X: PUT /webhooks/:id); a pass re-enables deliveries. */
  async revalidate(id: string): Promise<CrcCheck | undefined> {
    const webhook = this.webhooks.get(id);
    return webhook ? this.crc(webhook) : undefined;
  }

  remove(id: string): boolean {
    return this.webhooks.delete(id);
  }

  /** A new post: delivered to the webhooks of its author (X echoes a brand's own posts) and of everyone it mentions. */
  tweetCreated(tweet: Tweet): void {
    const audience = new Set([tweet.authorId, ...tweet.mentionedUserIds]);
    for (const webhook of this.webhooks.values()) {
      if (!audience.has(webhook.forUserId)) continue;
      const event = v1Tweet(tweet, this.state);
      this.enqueue(webhook, 'tweet_create', tweet.id, { for_user_id: webhook.forUserId, tweet_create_events: [event] });
    }
  }

  tweetDeleted(tweet: Tweet): void {
    const audience = new Set([tweet.authorId, ...tweet.mentionedUserIds]);
    const event = {
      status: { id: tweet.id, user_id: tweet.authorId },
      timestamp_ms: String(tweet.deletedAt ?? this.state.now()),
    };
    for (const webhook of this.webhooks.values()) {
      if (!audience.has(webhook.forUserId)) continue;
      this.enqueue(webhook, 'tweet_delete', tweet.id, { for_user_id: webhook.forUserId, tweet_delete_events: [event] });
    }
  }

  /** Resolves once no delivery is waiting for an attempt or a retry (tests). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops the periodic CRC and every pending retry, and aborts requests in flight. */
  close(): void {
    if (this.crcTimer) clearInterval(this.crcTimer);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.closing.abort();
    for (const delivery of this.deliveries) if (delivery.state === 'pending') this.settle(delivery, 'failed');
  }

  private async crc(webhook: Webhook): Promise<CrcCheck> {
    const token = this.prng.token(32);
    const url = new URL(webhook.url);
    url.searchParams.set('crc_token', token);
    const check: CrcCheck = { at: new Date(this.state.now()).toISOString(), ok: false, statusCode: null, error: null };
    try {
      const res = await fetch(url, { redirect: 'manual', signal: this.signal(this.options.crcTimeoutMs) });
      check.statusCode = res.status;
      const body: unknown = await res.json().catch(() => null);
      const answer = (body as { response_token?: unknown } | null)?.response_token;
      if (res.status !== 200) check.error = `HTTP ${res.status}`;
      else if (answer !== xSignature(webhook.consumerSecret, token)) check.error = 'wrong response_token';
      else check.ok = true;
    } catch (error) {
      check.error = describe(error, this.options.crcTimeoutMs);
    }
    webhook.valid = check.ok;
    webhook.crcChecks.push(check);
    if (webhook.crcChecks.length > CRC_HISTORY) webhook.crcChecks.shift();
    return check;
  }

  private async recheckAll(): Promise<void> {
    await Promise.all([...this.webhooks.values()].map((w) => this.crc(w)));
  }

  private enqueue(webhook: Webhook, kind: Delivery['kind'], tweetId: string, payload: unknown): void {
    const delivery: Delivery = {
      id: `d${this.nextDeliveryId++}`,
      webhookId: webhook.id,
      forUserId: webhook.forUserId,
      kind,
      tweetId,
      body: JSON.stringify(payload),
      state: 'pending',
      attempts: [],
    };
    this.deliveries.push(delivery);
    if (this.deliveries.length > DELIVERY_CAP) this.deliveries.splice(0, this.deliveries.length - DELIVERY_CAP);
    if (!webhook.valid) {
      // X does not queue events for a webhook that failed its CRC: they are simply not delivered.
      delivery.state = 'skipped';
      return;
    }
    this.pending += 1;
    void this.attempt(delivery, 1);
  }

  private async attempt(delivery: Delivery, attempt: number): Promise<void> {
    const webhook = this.webhooks.get(delivery.webhookId);
    if (delivery.state !== 'pending') return;
    if (!webhook) return this.settle(delivery, 'failed');
    const started = performance.now();
    const record: DeliveryAttempt = {
      attempt,
      at: new Date(this.state.now()).toISOString(),
      statusCode: null,
      error: null,
      durationMs: 0,
    };
    try {
      const res = await fetch(webhook.url, {
        method: 'POST',
        redirect: 'manual', // X does not follow redirects: a 3xx is a failed delivery
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'x-twitter-webhooks-signature': xSignature(webhook.consumerSecret, delivery.body),
          'user-agent': 'PerchSandbox/1.0 (Account Activity)',
        },
        body: delivery.body,
        signal: this.signal(this.options.timeoutMs),
      });
      record.statusCode = res.status;
      await res.arrayBuffer().catch(() => undefined); // drain, so the connection can be reused
      if (res.status < 200 || res.status > 299) record.error = `HTTP ${res.status}`;
    } catch (error) {
      record.error = describe(error, this.options.timeoutMs);
    }
    record.durationMs = Math.round(performance.now() - started);
    delivery.attempts.push(record);
    if (delivery.state !== 'pending') return; // closed meanwhile
    if (record.error === null) return this.settle(delivery, 'delivered');
    const delay = this.options.retryDelaysMs[attempt - 1];
    if (delay === undefined || this.closing.signal.aborted) return this.settle(delivery, 'failed');
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(delivery, attempt + 1);
    }, delay);
    this.timers.add(timer);
  }

  private settle(delivery: Delivery, state: 'delivered' | 'failed'): void {
    if (delivery.state !== 'pending') return;
    delivery.state = state;
    this.pending -= 1;
    if (this.pending > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private signal(timeoutMs: number): AbortSignal {
    return AbortSignal.any([AbortSignal.timeout(timeoutMs), this.closing.signal]);
  }
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `timeout after ${timeoutMs} ms`;
  if (error instanceof Error && error.name === 'AbortError') return 'sandbox closed';
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error instanceof Error ? `${error.message}${cause}` : String(error);
}
