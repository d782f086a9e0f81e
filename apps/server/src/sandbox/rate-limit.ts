import type { FastifyReply } from 'fastify';

/**
 * X's per-endpoint rate limits: a fixed 15-minute window per endpoint and per token (app-only calls) or per user
 * (user-context calls), reported on every response in `x-rate-limit-*` headers, `reset` in unix seconds. When
 * the budget is spent X answers 429 *without* Retry-After: clients must wait for `x-rate-limit-reset`.
 */
export type Endpoint = 'mentions' | 'tweets' | 'users' | 'dms' | 'timeline';
export const ENDPOINTS = ['mentions', 'tweets', 'users', 'dms', 'timeline'] as const satisfies readonly Endpoint[];

/**
 * A budget: most endpoints have one; X gives DM reads a budget apart from DM sends, and the user timeline a
 * larger one to app-only tokens than to user tokens.
 */
export type RateBucket = Endpoint | 'dm_reads' | 'timeline_app';
export const RATE_BUCKETS = [...ENDPOINTS, 'dm_reads', 'timeline_app'] as const satisfies readonly RateBucket[];

export const DEFAULT_RATE_LIMITS: Readonly<Record<RateBucket, number>> = {
  mentions: 450, // GET /2/users/:id/mentions, per app token (X: 450 / 15 min app-only)
  tweets: 100, // POST /2/tweets, per user (X: about 100 / 15 min per user)
  users: 300, // user lookups
  dms: 200, // POST /2/dm_conversations/with/:id/messages, per user (X: 200 / 15 min)
  dm_reads: 300, // GET …/dm_events, per user token (X: 300 / 15 min)
  timeline: 900, // GET /2/users/:id/tweets with a user token (X: 900 / 15 min)
  timeline_app: 1500, // the same with an app-only token (X: 1,500 / 15 min)
};
/** Budgets counted per user (all of its tokens together), as X counts writes; the others per token. */
export const PER_USER_BUCKETS: ReadonlySet<RateBucket> = new Set(['tweets', 'dms']);
export const DEFAULT_RATE_WINDOW_MS = 15 * 60_000;

export interface RateLimitStatus {
  limit: number;
  remaining: number;
  /** Unix seconds at which the window resets. */
  reset: number;
  allowed: boolean;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; used: number }>();
  private readonly limits: Record<RateBucket, number>;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(limits: Partial<Record<RateBucket, number>>, windowMs: number, now: () => number) {
    this.limits = { ...DEFAULT_RATE_LIMITS, ...limits };
    this.windowMs = windowMs;
    this.now = now;
  }

  /** Counts one call against `endpoint` for `key` (a token or a user id). */
  consume(endpoint: RateBucket, key: string): RateLimitStatus {
    const window = this.window(endpoint, key);
    const limit = this.limits[endpoint];
    const allowed = window.used < limit;
    if (allowed) window.used += 1;
    return { limit, remaining: Math.max(0, limit - window.used), reset: this.resetOf(window), allowed };
  }

  /** The current status without counting a call (used for injected 429s, which report an empty budget). */
  peek(endpoint: RateBucket, key: string): RateLimitStatus {
    const window = this.window(endpoint, key);
    const limit = this.limits[endpoint];
    return { limit, remaining: Math.max(0, limit - window.used), reset: this.resetOf(window), allowed: true };
  }

  setLimits(limits: Partial<Record<RateBucket, number>>): void {
    Object.assign(this.limits, limits);
  }

  getLimits(): Readonly<Record<RateBucket, number>> {
    return { ...this.limits };
  }

  /** Forgets every window (a test that wants a fresh budget). */
  clear(): void {
    this.windows.clear();
  }

  private window(endpoint: RateBucket, key: string): { start: number; used: number } {
    const id = `${endpoint}\u0000${key}`;
    const now = this.now();
    let window = this.windows.get(id);
    if (!window || now >= window.start + this.windowMs) {
      window = { start: now, used: 0 };
      this.windows.set(id, window);
    }
    return window;
  }

  private resetOf(window: { start: number }): number {
    return Math.ceil((window.start + this.windowMs) / 1000);
  }
}

export function setRateLimitHeaders(reply: FastifyReply, status: RateLimitStatus): void {
  reply.header('x-rate-limit-limit', String(status.limit));
  reply.header('x-rate-limit-remaining', String(status.remaining));
  reply.header('x-rate-limit-reset', String(status.reset));
}
