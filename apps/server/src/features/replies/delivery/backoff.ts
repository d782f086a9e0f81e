/**
 * When to try a failed reply again. Transient failures (5xx, 408, timeouts, connection errors) back off
 * exponentially from 2 s, doubling per attempt, capped at 5 minutes, with "equal jitter" (half the delay fixed,
 * half random) so that replies failed by one outage do not all come back in the same second. A 429 waits for the
 * network's own reset instead.
 */
export const BACKOFF = { baseMs: 2_000, capMs: 5 * 60_000 } as const;
/** X's rate-limit window: the wait after a 429 that names no reset. */
export const RATE_LIMIT_FALLBACK_MS = 15 * 60_000;
/** A reset further away than this is not believed (a bogus header must not park a reply for days). */
const MAX_RESET_WAIT_MS = 24 * 3600_000;

/** The delay after failed attempt number `attempt` (1 for the first), `random()` in [0, 1). */
export function backoffMs(attempt: number, random: () => number): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** exponent);
  const half = ceiling / 2;
  return Math.round(half + Math.min(Math.max(random(), 0), 1) * half);
}

/**
 * When a rate-limited request may be made again: `x-rate-limit-reset` (unix seconds, X), else `Retry-After`
 * (seconds or an HTTP date), else 15 minutes. Never earlier than `now`.
 */
export function rateLimitResetAt(headers: Headers, now: number): Date {
  const reset = Number(headers.get('x-rate-limit-reset'));
  if (Number.isFinite(reset) && reset > 0) return bounded(reset * 1000, now);
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d{1,9}$/.test(retryAfter)) return bounded(now + Number(retryAfter) * 1000, now);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return bounded(date, now);
  }
  return new Date(now + RATE_LIMIT_FALLBACK_MS);
}

function bounded(at: number, now: number): Date {
  if (at - now > MAX_RESET_WAIT_MS) return new Date(now + RATE_LIMIT_FALLBACK_MS);
  return new Date(Math.max(at, now));
}
